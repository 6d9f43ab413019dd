// test_data.h — the doctest runners read the real data sets (digits, ...) from the build's data folder, as the
// CLI does; a test that installs another source for itself puts this one back when it is done.
#pragma once

namespace relulab::testing {
void install_test_data_source();
}  // namespace relulab::testing
