// alloc_test.cpp — the steady-state training step (and the census after it) allocates no heap memory.
// Counts every allocation while a flag is set: a replacement global operator new, and on glibc also malloc
// itself (Eigen allocates with malloc, not new). Skipped under AddressSanitizer, which owns malloc.
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>

#include "core/session.h"

#if defined(__SANITIZE_ADDRESS__)
#define RELULAB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RELULAB_ASAN 1
#endif
#endif

namespace {
bool g_counting = false;
long g_allocations = 0;
int* volatile g_escape = nullptr;  // keeps the compiler from eliding the probe allocation
}  // namespace

#if !defined(RELULAB_ASAN)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"  // our new is malloc, so free is the matching delete
#endif
void* operator new(std::size_t size) {
  if (g_counting) ++g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

#if defined(__GLIBC__)
extern "C" void* __libc_malloc(std::size_t size);
extern "C" void* malloc(std::size_t size) {
  if (g_counting) ++g_allocations;
  return __libc_malloc(size);
}
#endif
#endif

using namespace relulab::core;

namespace {
long allocations_during_steps(const SessionConfig& config, int forks) {
  Session session(config);
  if (forks > 0) {
    Activation leaky = activation_of(ActivationKind::Leaky);
    leaky.alpha = 0.1;
    session.fork({activation_of(ActivationKind::ReLU), leaky, activation_of(ActivationKind::ELU),
                  activation_of(ActivationKind::RReLU)});
  }
  session.step(10);  // warm-up
  g_allocations = 0;
  g_counting = true;
  Scalar sum = 0;
  for (int i = 0; i < 100; ++i) {
    session.step(1);
    for (int t = 0; t < session.twin_count(); ++t) sum += session.census(t).train_loss;
  }
  g_counting = false;
  CHECK(sum > 0);
  return g_allocations;
}
}  // namespace

#if !defined(RELULAB_ASAN)
TEST_CASE("allocation: the counter sees allocations, including Eigen's inside the core") {
  g_allocations = 0;
  g_counting = true;
  g_escape = new int(3);
  g_counting = false;
  CHECK(g_allocations >= 1);
  delete g_escape;
  g_allocations = 0;
  g_counting = true;
  Session session{SessionConfig{}};  // sizes its buffers: Eigen matrices and std::vectors
  g_counting = false;
  CHECK(g_allocations > 10);
#if defined(__GLIBC__)
  g_allocations = 0;
  g_counting = true;
  {
    Dataset copy = session.data();  // Eigen only (malloc)
    CHECK(copy.x_train.cols() == 400);
  }
  g_counting = false;
  CHECK(g_allocations == 2);  // x_train and y_train; the empty test matrices allocate nothing
#endif
}

TEST_CASE("allocation: 100 steady-state steps with the census allocate nothing") {
  SUBCASE("default scene: full batch SGD") { CHECK(allocations_during_steps(SessionConfig{}, 0) == 0); }
  SUBCASE("mini-batches, Adam, two hidden layers, decay, clipping, test split") {
    SessionConfig config;
    config.data.kind = DataKind::Spiral;
    config.data.test_fraction = 0.2;
    config.net.hidden = {16, 16};
    config.net.activations = {activation_of(ActivationKind::PReLU), activation_of(ActivationKind::SELU)};
    config.train.optimizer = OptimizerKind::Adam;
    config.train.lr = 0.01;
    config.train.batch_size = 30;
    config.train.weight_decay = 1e-4;
    config.train.clip_norm = 1.0;
    CHECK(allocations_during_steps(config, 0) == 0);
  }
  SUBCASE("four twins on regression with momentum") {
    SessionConfig config;
    config.data.kind = DataKind::Sin1D;
    config.net.hidden = {16};
    config.train.optimizer = OptimizerKind::Nesterov;
    config.train.lr = 0.01;
    CHECK(allocations_during_steps(config, 4) == 0);
  }
}
#endif
