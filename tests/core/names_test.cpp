// names_test.cpp — every enum's name table round-trips, names are unique, and the lists read as the texts use them.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/names.h"

using namespace relulab::core;

namespace {
template <class E>
void check_table(std::size_t expected_count) {
  const NameTable<E> table = names<E>();
  CHECK(table.count == expected_count);
  std::set<std::string> seen;
  for (const Named<E>& entry : table) {
    CAPTURE(entry.name);
    CHECK(seen.insert(entry.name).second);
    CHECK(std::string(name_of(entry.value)) == entry.name);
    REQUIRE(from_name<E>(entry.name).has_value());
    CHECK(*from_name<E>(entry.name) == entry.value);
  }
  CHECK_FALSE(from_name<E>("").has_value());
  CHECK_FALSE(from_name<E>("no-such-name").has_value());
}
}  // namespace

TEST_CASE("every enum name table round-trips and has one name per value") {
  check_table<ActivationKind>(9);
  check_table<DataKind>(15);
  check_table<Preprocess>(3);
  check_table<OutputKind>(3);
  check_table<InitKind>(9);
  check_table<OptimizerKind>(4);
  check_table<UnitState>(5);
  check_table<KickBatch>(2);
  check_table<ExportKind>(4);
}

TEST_CASE("name lists read as the help and error texts use them") {
  CHECK(name_list<KickBatch>() == "current, outlier");
  CHECK(name_list<KickBatch>("\"", " or ") == "\"current\" or \"outlier\"");
  CHECK(name_list<ExportKind>("\"", " or ") == "\"png\", \"census\", \"weights\" or \"data\"");
  CHECK(name_list<OptimizerKind>() == "sgd, momentum, nesterov, adam");
  CHECK(name_strings<KickBatch>() == std::vector<std::string>{"current", "outlier"});
  CHECK(std::string(to_string(UnitState::Saturated)) == "saturated");
  CHECK(from_name<KickBatch>("Outlier") == std::nullopt);  // names are exact, not case-folded
}
