// page_options_test.cpp — the page keys issue 13 added: background=1 and the smaller history of an embed.
#include <string>

#include <doctest/doctest.h>

#include "app/app.h"

using relulab::app::App;

TEST_CASE("background: 0 or 1, kept in the link; anything else is a banner and changes nothing else") {
  CHECK_FALSE(App("lesson=kill-shot&embed=1").background());
  const App on("lesson=kill-shot&embed=1&background=1");
  CHECK(on.background());
  CHECK(on.banner().empty());
  CHECK(on.link_query().find("background=1") != std::string::npos);
  CHECK(App(on.link_query()).background());
  const App bad("lesson=kill-shot&background=yes");
  CHECK_FALSE(bad.background());
  CHECK(bad.banner() == "background: 'yes' is not allowed; expected 0 or 1");
  CHECK(bad.session().step_count() == 0);
}

TEST_CASE("an embedded scene keeps 4 MB of rewind history unless the URL chose a size") {
  const std::size_t full = App("lesson=kill-shot").session().config().history_bytes;
  CHECK(full == (16u << 20));
  CHECK(App("lesson=kill-shot&embed=1").session().config().history_bytes == (4u << 20));
  CHECK(App("lesson=kill-shot&embed=1&history=16").session().config().history_bytes == (16u << 20));
  CHECK(App("lesson=kill-shot&embed=1&history=2").session().config().history_bytes == (2u << 20));
  // the link of an embed does not carry the embed's cap as if the URL had chosen it
  CHECK(App("lesson=kill-shot&embed=1").link_query().find("history") == std::string::npos);
}
