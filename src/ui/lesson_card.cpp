// lesson_card.cpp — LabView's lesson card: the lesson's title, text and "what to notice" bullets. It draws
// from the snapshot and returns no commands of its own; the lesson picker is in the top bar (top_bar.cpp).
#include "ui/lab_view.h"

#include <string>

#include <imgui.h>

namespace relulab::ui {

void LabView::draw_lesson_card(const Snapshot& s) {
  const LessonCard& lesson = *s.lesson;
  ImGui::SetNextItemOpen(!s.embed, ImGuiCond_Once);
  if (!ImGui::CollapsingHeader((lesson.title + "###lesson-card").c_str())) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(lesson.text.c_str());
  for (const std::string& bullet : lesson.notice) {  // BulletText would not wrap on a narrow page
    ImGui::Bullet();
    ImGui::TextUnformatted(bullet.c_str());
  }
  ImGui::PopTextWrapPos();
}

}  // namespace relulab::ui
