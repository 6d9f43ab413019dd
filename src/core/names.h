// names.h — the one table of names for each enum of the core: value <-> name ("sgd", "outlier", ...), and the
// list of accepted names for help and error texts ("current, outlier"). It does not parse parameters
// ("leaky:0.1" is activations.h's job) and holds no prose.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/commands.h"
#include "core/types.h"

namespace relulab::core {

template <class E>
struct Named {
  E value;
  const char* name;
};

// A view of one enum's table, in the order names are listed to the user.
template <class E>
struct NameTable {
  const Named<E>* first = nullptr;
  std::size_t count = 0;
  const Named<E>* begin() const { return first; }
  const Named<E>* end() const { return first + count; }
};

template <class E>
NameTable<E> names();  // defined in names.cpp for each enum below
template <> NameTable<ActivationKind> names<ActivationKind>();
template <> NameTable<DataKind> names<DataKind>();
template <> NameTable<Preprocess> names<Preprocess>();
template <> NameTable<OutputKind> names<OutputKind>();
template <> NameTable<InitKind> names<InitKind>();
template <> NameTable<OptimizerKind> names<OptimizerKind>();
template <> NameTable<UnitState> names<UnitState>();
template <> NameTable<KickBatch> names<KickBatch>();
template <> NameTable<ExportKind> names<ExportKind>();

// The value's name; a value outside the table (a bad cast) gets the table's first name.
template <class E>
const char* name_of(E value) {
  const NameTable<E> table = names<E>();
  for (const Named<E>& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return table.first->name;
}

// The value named exactly `text`, or nullopt.
template <class E>
std::optional<E> from_name(std::string_view text) {
  for (const Named<E>& entry : names<E>()) {
    if (text == entry.name) return entry.value;
  }
  return std::nullopt;
}

// "current, outlier"; with quote "\"" and last " or ": "\"current\" or \"outlier\"".
template <class E>
std::string name_list(std::string_view quote = "", std::string_view last = ", ") {
  const NameTable<E> table = names<E>();
  std::string text;
  for (std::size_t i = 0; i < table.count; ++i) {
    if (i) text += i + 1 == table.count ? last : std::string_view(", ");
    text.append(quote).append(table.first[i].name).append(quote);
  }
  return text;
}

template <class E>
std::vector<std::string> name_strings() {
  std::vector<std::string> list;
  for (const Named<E>& entry : names<E>()) list.emplace_back(entry.name);
  return list;
}

}  // namespace relulab::core
