// lesson.h — lessons as data, in three parts (include this header for all of them):
//   lesson_file.h    the file format (documented there), parse_lesson(), the built-in set, the measure table
//   lesson_script.h  scripted events at run time: LessonScript and the one driver advance_script()
//   lesson_check.h   the headless verification (check_lesson) and its one JSON form (lesson_check_json)
// Does not draw, and does not know the UI beyond control names and UI-only events (pause, select, speed).
#pragma once

#include "core/lesson_check.h"
#include "core/lesson_file.h"
#include "core/lesson_script.h"
