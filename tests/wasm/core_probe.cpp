// core_probe.cpp — runs the core headless for N steps of the lab's opening scene and prints what it
// reached as JSON. Built twice, natively and to WebAssembly for Node; tests/node/wasm_core.test.mjs
// compares the two (the issue: native and WASM agree within 1e-4 relative on the loss after 500 steps).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/json_value.h"
#include "core/session.h"

int main(int argc, char** argv) {
  const int steps = argc > 1 ? std::atoi(argv[1]) : 500;
  if (steps < 0 || steps > 1000000) {
    std::fprintf(stderr, "core_probe: steps must be from 0 to 1000000\n");
    return 2;
  }
  relulab::core::SessionConfig config;  // the core's default scene
  relulab::core::Session session(config);
  session.step(steps);
  const auto& census = session.census(0);
  std::string out = "{\"steps\":";
  relulab::core::append_json_number(out, steps);
  out += ",\"loss\":";
  relulab::core::append_json_number(out, census.train_loss);
  out += ",\"accuracy\":";
  relulab::core::append_json_number(out, census.train_accuracy);
  out += ",\"k\":[";
  for (size_t u = 0; u < census.layers[0].units.size(); ++u) {
    if (u) out += ',';
    relulab::core::append_json_number(out, census.layers[0].units[u].active_count);
  }
  out += "]}";
  std::puts(out.c_str());
  return 0;
}
