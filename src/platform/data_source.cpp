// data_source.cpp — how the lab itself (desktop window or web page) gets a real data set's CSV when a scene
// asks for one (core/data_library.h): the desktop reads <build>/data/<name>.csv (or $RELULAB_DATA); the page
// fetches data/<name>.csv next to relulab.js, synchronously, the first time a scene needs it — so the
// file is not part of the first frame's bytes and a scene that never asks never downloads it.
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "core/data_library.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// Returns the file's text (malloc'd; the caller frees it), or null with the HTTP status in *status.
EM_JS(char*, relulab_fetch_data, (const char* name, int* status), {
  const request = new XMLHttpRequest();
  request.open('GET', 'data/' + UTF8ToString(name) + '.csv', false);
  try { request.send(null); } catch (e) { HEAP32[status >> 2] = 0; return 0; }
  HEAP32[status >> 2] = request.status;
  return request.status === 200 ? stringToNewUTF8(request.responseText) : 0;
});
#endif

namespace relulab::platform {

void install_data_source() {
  core::set_data_source([](std::string_view name, std::string* error) -> std::optional<std::string> {
    const std::string file = std::string(name) + ".csv";
#ifdef __EMSCRIPTEN__
    int status = 0;
    char* text = relulab_fetch_data(std::string(name).c_str(), &status);
    if (!text) {
      *error = "the " + std::string(name) + " data set could not be loaded (data/" + file + ": " +
               (status ? "HTTP " + std::to_string(status) : std::string("no answer")) +
               "); the site needs the data folder that scripts/setup and the web build put beside relulab.js";
      return std::nullopt;
    }
    std::string out(text);
    std::free(text);
    return out;
#else
    const char* env = std::getenv("RELULAB_DATA");
    const std::string path = std::string(env && *env ? env : RELULAB_DATA_DIR) + "/" + file;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      *error = "the " + std::string(name) + " data set is not at " + path +
               ": run scripts/setup, or set RELULAB_DATA to a folder holding " + file;
      return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
#endif
  });
}

}  // namespace relulab::platform
