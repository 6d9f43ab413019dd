// data_files.h — where the CLI finds the real data sets: $RELULAB_DATA if set, else the build's data folder
// (filled from scripts/setup's download). Installs the core's data source; reads nothing until a run asks.
#pragma once

namespace relulab::cli {

void install_data_files();

}  // namespace relulab::cli
