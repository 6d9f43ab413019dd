// data_library.cpp — the cache of real data tables and the host's source (see data_library.h).
#include "core/data_library.h"

#include <map>
#include <mutex>

#include "core/names.h"

namespace relulab::core {

namespace {
struct Library {
  std::mutex mutex;
  DataSource source;
  std::map<DataKind, std::shared_ptr<const CsvTable>> tables;
};
Library& library() {
  static Library instance;
  return instance;
}

std::string parse_into(Library& lib, DataKind kind, std::string_view csv) {
  std::string why;
  auto table = parse_csv_table(csv, &why);
  if (!table) return std::string("the ") + name_of(kind) + " data file is malformed: " + why;
  lib.tables[kind] = std::make_shared<const CsvTable>(std::move(*table));
  return {};
}
}  // namespace

bool is_real_data(DataKind kind) {
  switch (kind) {
    case DataKind::Digits: case DataKind::Iris: case DataKind::Wine: case DataKind::Cancer: case DataKind::Custom:
      return true;
    default: return false;
  }
}

void set_data_source(DataSource source) {
  Library& lib = library();
  std::lock_guard<std::mutex> lock(lib.mutex);
  lib.source = std::move(source);
}

std::shared_ptr<const CsvTable> real_data_table(DataKind kind, std::string* error) {
  Library& lib = library();
  std::lock_guard<std::mutex> lock(lib.mutex);
  auto set_error = [&](const std::string& message) {
    if (error) *error = message;
    return nullptr;
  };
  if (auto found = lib.tables.find(kind); found != lib.tables.end()) return found->second;
  if (!is_real_data(kind)) return set_error(std::string(name_of(kind)) + " is generated, not read from a file");
  if (kind == DataKind::Custom) {  // only ever handed over by the learner, never read through the source
    return set_error("no CSV file is loaded yet: choose one with Scene... > Load CSV, drop it onto the lab, or send "
                     "the loadData command");
  }
  if (!lib.source) return set_error(std::string("the ") + name_of(kind) + " data set is not loaded here");
  std::string why;
  auto text = lib.source(name_of(kind), &why);
  if (!text) return set_error(why);
  if (std::string problem = parse_into(lib, kind, *text); !problem.empty()) return set_error(problem);
  return lib.tables[kind];
}

std::string provide_real_data(DataKind kind, std::string_view csv) {
  if (!is_real_data(kind)) return std::string(name_of(kind)) + " is generated, not read from a file";
  Library& lib = library();
  std::lock_guard<std::mutex> lock(lib.mutex);
  return parse_into(lib, kind, csv);
}

void forget_real_data() {
  Library& lib = library();
  std::lock_guard<std::mutex> lock(lib.mutex);
  lib.tables.clear();
}

}  // namespace relulab::core
