// data_library.h — where the real data sets (digits, iris, wine, breast cancer) come from. The core does
// not read files: the host (the CLI, the page) installs a source that returns a set's CSV text by name, and
// the library parses it once and keeps the table for every session after. Does not generate the toy sets
// (datasets.cpp) or shuffle and split (make_dataset does, for both kinds).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/csv_table.h"
#include "core/types.h"

namespace relulab::core {

// True for the data sets that come from a file rather than a generator (Custom: the learner's own, handed
// over with provide_real_data; the source is never asked for it).
bool is_real_data(DataKind kind);

// A source returns the CSV text of the named set ("digits", ...) or nullopt with a sentence in *error.
using DataSource = std::function<std::optional<std::string>(std::string_view name, std::string* error)>;

// Installs the host's source (replacing any earlier one). Tables already read stay.
void set_data_source(DataSource source);

// The parsed table of a real data set: read through the source the first time, then kept. nullptr (and a
// sentence in *error naming the set and what to do) when there is no source, it fails, or the CSV is bad.
std::shared_ptr<const CsvTable> real_data_table(DataKind kind, std::string* error);

// Hands the library a set's CSV text directly (the page, after it fetched the file). Returns the error
// sentence, empty on success.
std::string provide_real_data(DataKind kind, std::string_view csv);

// Forgets every table read so far (the source stays): the next use reads through the source again.
void forget_real_data();

}  // namespace relulab::core
