// data_test.cpp — the learner's own data through the app: a CSV becomes data=custom and restarts the scene;
// a malformed one is refused with its line and column and changes nothing; a scene that names data the lab
// cannot have says so instead of training on something else.
#include <doctest/doctest.h>

#include <string>

#include "app/app.h"
#include "core/data_library.h"

namespace {
using relulab::app::App;
namespace core = relulab::core;
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// 40 points on two sides of x1 + x2 = 0; the last 10 are the test split.
std::string own_file() {
  std::string csv = "x1,x2,y,split\n";
  for (int i = 0; i < 40; ++i) {
    const double a = (i % 7) * 0.3 - 1, b = (i % 5) * 0.4 - 0.8;
    csv += std::to_string(a) + "," + std::to_string(b) + "," + (a + b > 0 ? "1" : "0") + "," + (i < 30 ? "train" : "test") + "\n";
  }
  return csv;
}
}  // namespace

TEST_CASE("own data: a loaded CSV is the scene (its split kept), a bad one changes nothing") {
  core::forget_real_data();
  App app("hidden=5&lr=0.3");
  const auto early = app.apply(core::SetCommand{{{"data", "custom"}}});
  CHECK_FALSE(early.ok);
  CHECK(contains(early.error, "no CSV file is loaded yet"));

  const auto bad = app.apply(core::LoadDataCommand{"x1,x2,y\n1,2,0\n3,x,1\n"});
  CHECK_FALSE(bad.ok);
  CHECK(bad.error == "your CSV file: line 3, column 2: 'x' is not a number");
  CHECK(app.link_query() == "hidden=5&lr=0.3");

  const auto good = app.apply(core::LoadDataCommand{own_file()});
  REQUIRE_MESSAGE(good.ok, good.error);
  CHECK(contains(app.link_query(), "data=custom"));
  CHECK(contains(app.link_query(), "hidden=5"));  // the other settings stay
  CHECK(app.session().data().x_train.cols() == 30);
  CHECK(app.session().data().x_test.cols() == 10);
  CHECK(app.session().weights(0).front().w.rows() == 5);
  // the data export reads back as the same scene
  const std::string exported = app.export_text(core::ExportKind::Data);
  const auto round = app.apply(core::LoadDataCommand{exported});
  REQUIRE_MESSAGE(round.ok, round.error);
  CHECK(app.session().data().x_train.cols() == 30);
  CHECK(app.export_text(core::ExportKind::Data) == exported);

  const auto big = app.apply_json(R"({"cmd":"loadData","csv":"x1,y\n1,0\n2,1\n3,0\n4,1\n"})");
  CHECK(big.ok);
  CHECK(app.session().data().x_train.rows() == 1);
  CHECK(app.apply_json(R"({"cmd":"loadData"})").error == "'csv' must be the file's text, e.g. \"x1,x2,y\\n0.5,0.1,1\\n...\"");
  CHECK(app.apply(core::OpenDataFileCommand{}).ok);
  CHECK(app.take_open_file_request());
  CHECK_FALSE(app.take_open_file_request());
}

TEST_CASE("own data: a link to data=custom opens on the default data with a sentence, not silently") {
  core::forget_real_data();
  App app("data=custom&hidden=3");
  CHECK(contains(app.banner(), "no CSV file is loaded yet"));
  CHECK_FALSE(contains(app.link_query(), "data="));
  CHECK(contains(app.link_query(), "hidden=3"));
}
