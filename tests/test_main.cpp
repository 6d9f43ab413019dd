// test_main.cpp — the doctest runner's entry point; every tests/**/*_test.cpp links into it. Before the
// tests run it installs the data source the real-data lessons and tests read (test_data.h).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/data_library.h"
#include "test_data.h"

#ifndef RELULAB_DATA_DIR
#define RELULAB_DATA_DIR "data"
#endif

namespace relulab::testing {
void install_test_data_source() {
  core::set_data_source([](std::string_view name, std::string* error) -> std::optional<std::string> {
    const std::string path = std::string(RELULAB_DATA_DIR) + "/" + std::string(name) + ".csv";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      *error = "the " + std::string(name) + " data set is not at " + path + " (run scripts/setup, then build)";
      return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  });
}
}  // namespace relulab::testing

int main(int argc, char** argv) {
  relulab::testing::install_test_data_source();
  return doctest::Context(argc, argv).run();
}
