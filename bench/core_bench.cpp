// core_bench.cpp — training steps per second of our core (full-batch SGD, probes off and on) on the three
// benchmark configs of docs/performance.md, built natively and to WebAssembly for Node (same source).
// Prints one JSON row per measurement; `--dump S` prints the problem itself (data, initial weights, learning
// rate) so the TensorFlow.js peers (bench/tfjs_peer.mjs) train exactly the same network on the same data.
//
//   relulab_bench [--configs S,M,L] [--probes off,on] [--samples 5] [--seconds 0.3] [--impl native]
//   relulab_bench --scaling [--samples 3] [--seconds 0.2]
//   relulab_bench --dump S
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/json_value.h"
#include "core/session.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>  // the bench only: the core never includes it
#endif

namespace {

using relulab::core::append_json_number;
using relulab::core::Session;
using relulab::core::SessionConfig;

struct BenchConfig {
  const char* name;
  const char* description;
  SessionConfig session;
};

// S = 2-8-8-1 on 500 points, M = 2-32-32-32-1 on 2000, L = 4-64-64-64-64-1 on 20 000 all-negative points.
// ReLU everywhere, sigmoid output with cross-entropy, plain full-batch SGD.
BenchConfig make_config(char name) {
  SessionConfig c;
  c.seed = 1;
  c.train.lr = 0.03;
  c.net.activations = {relulab::core::activation_of(relulab::core::ActivationKind::ReLU)};
  c.data.kind = relulab::core::DataKind::Circle;
  switch (name) {
    case 'S':
      c.data.size = 500;
      c.net.hidden = {8, 8};
      return {"S", "2-8-8-1, 500 points (circle)", c};
    case 'M':
      c.data.size = 2000;
      c.net.hidden = {32, 32, 32};
      return {"M", "2-32-32-32-1, 2000 points (circle)", c};
    default:
      c.data.kind = relulab::core::DataKind::NegativeUniform;
      c.data.dim = 4;
      c.data.size = 20000;
      c.net.hidden = {64, 64, 64, 64};
      return {"L", "4-64-64-64-64-1, 20000 points (all-negative)", c};
  }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Processor time of this process in seconds: what the steps cost when other programs share the cores.
double cpu_seconds() {
#if defined(__EMSCRIPTEN__)
  return EM_ASM_DOUBLE({
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  });
#else
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
#endif
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

struct Rate {
  double wall = 0, cpu = 0;  // steps per second of wall-clock and of processor time; medians over the samples
};

// A warm-up, then `samples` timed runs of at least `seconds` each. The clock is read once per batch of about
// 10 ms of steps (under Node a clock read is a call into JavaScript: ~1 us, a few % of a 30 us step).
Rate measure(Session& session, int samples, double seconds) {
  auto start = std::chrono::steady_clock::now();
  long warm = 0;
  while (warm < 2 || seconds_since(start) < 0.5) {  // caches; under Node also V8's optimizing tier
    session.step(1);
    ++warm;
  }
  const long batch = std::max(1L, static_cast<long>(static_cast<double>(warm) / seconds_since(start) / 100.0));
  std::vector<double> wall, cpu;
  for (int s = 0; s < samples; ++s) {
    start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    long steps = 0;
    double elapsed = 0;
    do {
      session.step(static_cast<int>(batch));
      steps += batch;
      elapsed = seconds_since(start);
    } while (elapsed < seconds);
    const double cpu_elapsed = std::max(1e-9, cpu_seconds() - cpu_start);
    wall.push_back(static_cast<double>(steps) / elapsed);
    cpu.push_back(static_cast<double>(steps) / cpu_elapsed);
  }
  return {median(wall), median(cpu)};
}

void append_array(std::string& out, const double* values, long count) {
  out += '[';
  for (long i = 0; i < count; ++i) {
    if (i) out += ',';
    append_json_number(out, values[i]);
  }
  out += ']';
}

// The problem as JSON: x point-major (n, d), y (n), every layer's w row-major (out, in) and b, lr.
void dump(const BenchConfig& config) {
  Session session(config.session);
  const auto& data = session.data();
  const long n = static_cast<long>(data.x_train.cols()), d = static_cast<long>(data.x_train.rows());
  std::string out = "{\"config\":\"" + std::string(config.name) + "\",\"n\":";
  append_json_number(out, static_cast<double>(n));
  out += ",\"d\":";
  append_json_number(out, static_cast<double>(d));
  out += ",\"lr\":";
  append_json_number(out, session.config().train.lr);
  out += ",\"loss\":\"sigmoid_cross_entropy\",\"x\":";
  append_array(out, data.x_train.data(), n * d);  // column-major (d, n) = point-major rows
  out += ",\"y\":";
  append_array(out, data.y_train.data(), n);
  out += ",\"layers\":[";
  const auto& layers = session.weights(0);
  for (std::size_t l = 0; l < layers.size(); ++l) {
    if (l) out += ',';
    const relulab::core::Matrix row_major = layers[l].w;  // copied below row by row
    std::vector<double> w;
    for (long i = 0; i < static_cast<long>(row_major.rows()); ++i)
      for (long k = 0; k < static_cast<long>(row_major.cols()); ++k) w.push_back(row_major(i, k));
    out += "{\"out\":";
    append_json_number(out, static_cast<double>(row_major.rows()));
    out += ",\"in\":";
    append_json_number(out, static_cast<double>(row_major.cols()));
    out += ",\"w\":";
    append_array(out, w.data(), static_cast<long>(w.size()));
    out += ",\"b\":";
    append_array(out, layers[l].b.data(), static_cast<long>(layers[l].b.size()));
    out += '}';
  }
  out += "]}";
  std::puts(out.c_str());
}

// Scaling curves: milliseconds per step against the number of points (2-16-16-1) and against the width of two
// hidden layers (2000 points), probes off and on. One JSON row per point of a curve.
void scaling(const std::string& impl, int samples, double seconds) {
  struct Point { const char* curve; int points, width; };
  const Point points[] = {
      {"points", 500, 16},   {"points", 2000, 16},  {"points", 10000, 16}, {"points", 50000, 16},
      {"points", 200000, 16}, {"width", 2000, 4},   {"width", 2000, 8},    {"width", 2000, 16},
      {"width", 2000, 32},   {"width", 2000, 64},
  };
  for (const Point& point : points) {
    for (bool probes : {false, true}) {
      BenchConfig config = make_config('S');
      config.session.data.size = point.points;
      config.session.net.hidden = {point.width, point.width};
      config.session.probes = probes;
      config.session.history_bytes = 1u << 20;  // the history is not what is measured here
      Session session(config.session);
      const Rate rate = measure(session, samples, seconds);
      std::string row = "{\"curve\":\"" + std::string(point.curve) + "\",\"impl\":\"" + impl + "\",\"points\":";
      append_json_number(row, point.points);
      row += ",\"width\":";
      append_json_number(row, point.width);
      row += ",\"probes\":" + std::string(probes ? "true" : "false") + ",\"ms_per_step\":";
      append_json_number(row, 1000.0 / rate.wall);
      row += ",\"ms_per_cpu_step\":";
      append_json_number(row, 1000.0 / rate.cpu);
      row += '}';
      std::puts(row.c_str());
      std::fflush(stdout);
    }
  }
}

std::vector<std::string> split(const char* text) {
  std::vector<std::string> parts;
  std::string part;
  for (const char* c = text;; ++c) {
    if (*c == ',' || *c == '\0') {
      if (!part.empty()) parts.push_back(part);
      part.clear();
      if (*c == '\0') break;
    } else {
      part += *c;
    }
  }
  return parts;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> configs = {"S", "M", "L"}, probes = {"off", "on"};
  int samples = 5;
  double seconds = 0.3;
  bool scaling_curves = false;
  std::string impl =
#if defined(__EMSCRIPTEN__)
      "wasm";
#else
      "native";
#endif
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (arg == "--dump" && value) {
      dump(make_config(value[0]));
      return 0;
    } else if (arg == "--scaling") {
      scaling_curves = true;
    } else if (arg == "--configs" && value) {
      configs = split(value);
      ++i;
    } else if (arg == "--probes" && value) {
      probes = split(value);
      ++i;
    } else if (arg == "--samples" && value) {
      samples = std::max(1, std::atoi(value));
      ++i;
    } else if (arg == "--seconds" && value) {
      seconds = std::max(0.01, std::atof(value));
      ++i;
    } else if (arg == "--impl" && value) {
      impl = value;
      ++i;
    } else {
      std::fprintf(stderr, "usage: relulab_bench [--configs S,M,L] [--probes off,on] [--samples N] "
                           "[--seconds T] [--impl NAME] [--scaling] | --dump S|M|L\n");
      return 2;
    }
  }
  if (scaling_curves) {
    scaling(impl, samples, seconds);
    return 0;
  }
  for (const std::string& name : configs) {
    for (const std::string& probe : probes) {
      BenchConfig config = make_config(name.empty() ? 'S' : name[0]);
      config.session.probes = probe == "on";
      Session session(config.session);
      const Rate rate = measure(session, samples, seconds);
      session.measure();  // with probes off the steps left the census as of the start
      const auto& census = session.census(0);
      if (census.diverged) {
        std::fprintf(stderr, "relulab_bench: %s diverged: %s\n", config.name, census.diverged_reason.c_str());
        return 1;
      }
      std::string row = "{\"config\":\"" + std::string(config.name) + "\",\"impl\":\"" + impl +
                        "\",\"probes\":" + (config.session.probes ? "true" : "false") + ",\"steps_per_s\":";
      append_json_number(row, rate.wall);
      row += ",\"steps_per_cpu_s\":";
      append_json_number(row, rate.cpu);
      row += ",\"loss\":";
      append_json_number(row, census.train_loss);
      row += '}';
      std::puts(row.c_str());
      std::fflush(stdout);
    }
  }
  return 0;
}
