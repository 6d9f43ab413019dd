// data_files.cpp — the CLI's data source for core/data_library.h (see data_files.h).
#include "cli/data_files.h"

#include <cstdlib>
#include <string>

#include "cli/report.h"
#include "core/data_library.h"

#ifndef RELULAB_DATA_DIR
#define RELULAB_DATA_DIR "data"
#endif

namespace relulab::cli {

void install_data_files() {
  core::set_data_source([](std::string_view name, std::string* error) -> std::optional<std::string> {
    const char* env = std::getenv("RELULAB_DATA");
    const std::string dir = env && *env ? env : RELULAB_DATA_DIR;
    const std::string path = dir + "/" + std::string(name) + ".csv";
    std::string text, why;
    constexpr std::size_t kMaxDataFileBytes = 16u << 20;
    if (!read_file(path, kMaxDataFileBytes, &text, &why)) {
      *error = "the " + std::string(name) + " data set is not at " + path +
               ": run scripts/setup (it fetches Debian's python3-sklearn package file for its data sets), "
               "or set RELULAB_DATA to a folder holding " + std::string(name) + ".csv";
      return std::nullopt;
    }
    return text;
  });
}

}  // namespace relulab::cli
