// lesson_card.cpp — LabView's lesson card: the lesson's number, title, text and "what to notice" bullets, and
// the lesson flow under them: Check (this seed), Try 20 seeds, New seed and Next lesson, with the last
// check's sentences. It returns commands (CheckCommand, SetCommand, LessonCommand) and runs nothing itself;
// the lesson picker is in the top bar (top_bar.cpp).
#include "ui/lab_view.h"

#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/draw_common.h"

namespace relulab::ui {

namespace {

constexpr int kTrySeeds = 20;

// 1-based position of `id` in the picker (0 when it is not there).
int lesson_number(const Snapshot& s, const std::string& id) {
  if (!s.lesson_menu) return 0;
  for (std::size_t i = 0; i < s.lesson_menu->size(); ++i)
    if ((*s.lesson_menu)[i].id == id) return static_cast<int>(i) + 1;
  return 0;
}

}  // namespace

void LabView::draw_lesson_card(const Snapshot& s, std::vector<core::Command>& out) {
  const LessonCard& lesson = *s.lesson;
  const int number = lesson_number(s, lesson.id);
  const std::string header = (number > 0 ? std::to_string(number) + ". " : std::string()) + lesson.title;
  ImGui::SetNextItemOpen(!s.embed, ImGuiCond_Once);
  if (!ImGui::CollapsingHeader((header + "###lesson-card").c_str())) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(lesson.text.c_str());
  for (const std::string& bullet : lesson.notice) {  // BulletText would not wrap on a narrow page
    ImGui::Bullet();
    ImGui::TextUnformatted(bullet.c_str());
  }
  ImGui::PopTextWrapPos();

  // The flow row: each button starts a new line when it would run past the right edge.
  bool first = true;
  auto button = [&first](const char* label) {
    if (!first) {
      const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
      const float width = ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x;
      if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
    }
    first = false;
    return ImGui::Button(label);
  };
  if (button("Check")) out.emplace_back(core::CheckCommand{1});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Run this lesson's check on this seed, headless, and show what it found");
  char try_label[32];
  std::snprintf(try_label, sizeof try_label, "Try %d seeds", kTrySeeds);
  if (button(try_label)) out.emplace_back(core::CheckCommand{kTrySeeds});
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Run the check on %d seeds from this one (a few seconds): how often does it happen?", kTrySeeds);
  if (s.lab) {
    if (button("New seed")) {
      out.emplace_back(core::SetCommand{{{"seed", std::to_string(s.lab->config.seed + 1)}}});
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The same lesson with the next seed: new data, new initial weights");
  }
  if (s.lesson_menu && number > 0 && number < static_cast<int>(s.lesson_menu->size())) {
    const LessonEntry& next = (*s.lesson_menu)[static_cast<std::size_t>(number)];
    std::string label = "Next lesson: " + std::to_string(number + 1) + ". " + next.title;
    const float room = ImGui::GetContentRegionAvail().x - 2.0f * ImGui::GetStyle().FramePadding.x;
    if (ImGui::CalcTextSize(label.c_str()).x > room) label = "Next lesson: " + std::to_string(number + 1);  // a phone
    if (button(label.c_str())) out.emplace_back(core::LessonCommand{next.id});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%d. %s", number + 1, next.title.c_str());
  }

  const LessonCheckView& check = lesson.check;
  if (!check.lesson.empty()) {
    const ImVec4 colour = check.passed ? ImVec4(0.0f, 0.45f, 0.3f, 1.0f) : ImVec4(0.6f, 0.2f, 0.0f, 1.0f);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(colour, "%s", check.passed ? (check.seeds == 1 ? "Check passed on this seed." : "Check passed.")
                                                  : (check.seeds == 1 ? "Check failed on this seed." : "Check failed."));
    for (const std::string& line : check.lines) {
      ImGui::Bullet();
      ImGui::TextUnformatted(line.c_str());
    }
    ImGui::PopTextWrapPos();
  }
}

}  // namespace relulab::ui
