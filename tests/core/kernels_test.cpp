// kernels_test.cpp — every kernel of core/kernels.h against a naive loop written here, on random shapes whose
// sizes are not multiples of the tiles (1, 2, 3, 5, 7, 17, 33, ... and across the 512-point chunk).
// Tolerance: relative 1e-12 of the sum of |terms| for sums (the kernels add in another order than the
// reference); counts, min and max must match exactly.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/kernels.h"
#include "core/rng.h"

using namespace relulab::core;
namespace k = relulab::core::kernels;

namespace {

constexpr double kRelTol = 1e-12;
const std::vector<k::Index> kSizes = {1, 2, 3, 4, 5, 7, 8, 9, 17, 33};
const std::vector<k::Index> kPoints = {1, 2, 3, 5, 7, 8, 17, 33, 100, 513, 1030};

std::vector<double> random_buffer(Rng& rng, std::size_t n) {
  std::vector<double> v(n);
  for (double& x : v) x = uniform(rng, -1.0, 1.0);
  return v;
}

// |got - want| <= tol * scale, scale = sum of |terms| (at least 1e-300 so an all-zero sum passes only if exact).
void check_close(double got, double want, double scale) {
  CHECK(std::abs(got - want) <= kRelTol * std::max(scale, 1e-300));
}

// Collects epilogue values into a dense (rows, n) buffer, counting how often each output is written.
struct Collect {
  k::Index n;
  std::vector<double>* out;
  std::vector<int>* writes;
  void operator()(k::Index r, k::Index j, double v) {
    (*out)[static_cast<std::size_t>(r * n + j)] = v;
    ++(*writes)[static_cast<std::size_t>(r * n + j)];
  }
  void operator()(k::Index r, k::Index j, k::f64x2 v) {
    (*this)(r, j, v[0]);
    (*this)(r, j + 1, v[1]);
  }
};

}  // namespace

TEST_CASE("kernels: matmul_rows equals the naive triple loop, row- and column-strided weights, with and without init") {
  Rng rng = make_rng(1234, 1);
  for (const k::Index rows : kSizes)
    for (const k::Index depth : {k::Index{1}, k::Index{2}, k::Index{3}, k::Index{5}, k::Index{17}})
      for (const k::Index n : kPoints)
        for (const bool transposed : {false, true})
          for (const bool with_init : {false, true}) {
            const k::Index ldp = n + (n % 3);  // padding past the row's end must not be read into results
            const auto w = random_buffer(rng, static_cast<std::size_t>(rows * depth));
            const auto p = random_buffer(rng, static_cast<std::size_t>(depth * ldp));
            const auto init = random_buffer(rng, static_cast<std::size_t>(rows));
            // w(r, k) at r * w_rs + k * w_cs: row-major (depth, 1) or column-major (1, rows).
            const k::Index w_rs = transposed ? 1 : depth, w_cs = transposed ? rows : 1;
            std::vector<double> out(static_cast<std::size_t>(rows * n), NAN);
            std::vector<int> writes(out.size(), 0);
            k::matmul_rows(rows, depth, n, w.data(), w_rs, w_cs, with_init ? init.data() : nullptr, p.data(), ldp,
                           Collect{n, &out, &writes});
            for (k::Index r = 0; r < rows; ++r)
              for (k::Index j = 0; j < n; ++j) {
                double want = with_init ? init[static_cast<std::size_t>(r)] : 0.0, scale = std::abs(want);
                for (k::Index q = 0; q < depth; ++q) {
                  const double term = w[static_cast<std::size_t>(r * w_rs + q * w_cs)] * p[static_cast<std::size_t>(q * ldp + j)];
                  want += term;
                  scale += std::abs(term);
                }
                INFO("rows " << rows << " depth " << depth << " n " << n << " r " << r << " j " << j);
                CHECK(writes[static_cast<std::size_t>(r * n + j)] == 1);
                check_close(out[static_cast<std::size_t>(r * n + j)], want, scale);
              }
          }
}

TEST_CASE("kernels: matmul_rows reports every row block once per chunk of points") {
  for (const k::Index rows : kSizes)
    for (const k::Index n : kPoints) {
      std::vector<double> w(static_cast<std::size_t>(rows), 1.0), p(static_cast<std::size_t>(n), 1.0);
      std::vector<int> done(static_cast<std::size_t>(rows * n), 0);
      k::matmul_rows(rows, 1, n, w.data(), 1, 1, nullptr, p.data(), n, [](k::Index, k::Index, auto) {},
                     [&](k::Index r0, k::Index count, k::Index j0, k::Index j1) {
                       CHECK(j0 % k::kPointChunk == 0);
                       CHECK(j1 == std::min(n, j0 + k::kPointChunk));
                       for (k::Index r = r0; r < r0 + count; ++r)
                         for (k::Index j = j0; j < j1; ++j) ++done[static_cast<std::size_t>(r * n + j)];
                     });
      bool each_once = true;
      for (const int d : done) each_once = each_once && d == 1;
      INFO("rows " << rows << " n " << n);
      CHECK(each_once);
    }
}

TEST_CASE("kernels: matmul_nt equals sum_j d(r, j) p(c, j), including n = 0") {
  Rng rng = make_rng(99, 2);
  for (const k::Index rows : kSizes)
    for (const k::Index cols : {k::Index{1}, k::Index{2}, k::Index{3}, k::Index{5}, k::Index{7}})
      for (const k::Index n : {k::Index{0}, k::Index{1}, k::Index{2}, k::Index{3}, k::Index{33}, k::Index{513}, k::Index{1030}}) {
        const k::Index ldd = n + 1, ldp = n + 2;
        const auto d = random_buffer(rng, static_cast<std::size_t>(rows * ldd));
        const auto p = random_buffer(rng, static_cast<std::size_t>(cols * ldp));
        for (const bool column_major : {false, true}) {
          const k::Index g_rs = column_major ? 1 : cols, g_cs = column_major ? rows : 1;
          std::vector<double> g(static_cast<std::size_t>(rows * cols), NAN);
          k::matmul_nt(rows, cols, n, d.data(), ldd, p.data(), ldp, g.data(), g_rs, g_cs);
          for (k::Index r = 0; r < rows; ++r)
            for (k::Index c = 0; c < cols; ++c) {
              double want = 0, scale = 0;
              for (k::Index j = 0; j < n; ++j) {
                const double term = d[static_cast<std::size_t>(r * ldd + j)] * p[static_cast<std::size_t>(c * ldp + j)];
                want += term;
                scale += std::abs(term);
              }
              INFO("rows " << rows << " cols " << cols << " n " << n << " r " << r << " c " << c);
              check_close(g[static_cast<std::size_t>(r * g_rs + c * g_cs)], want, scale);
            }
        }
      }
}

TEST_CASE("kernels: row_sums equals the plain sum of each row") {
  Rng rng = make_rng(5, 3);
  for (const k::Index rows : kSizes)
    for (const k::Index n : kPoints) {
      const k::Index ldd = n + 3;
      const auto d = random_buffer(rng, static_cast<std::size_t>(rows * ldd));
      std::vector<double> out(static_cast<std::size_t>(rows), NAN);
      k::row_sums(rows, n, d.data(), ldd, out.data());
      for (k::Index r = 0; r < rows; ++r) {
        double want = 0, scale = 0;
        for (k::Index j = 0; j < n; ++j) {
          want += d[static_cast<std::size_t>(r * ldd + j)];
          scale += std::abs(d[static_cast<std::size_t>(r * ldd + j)]);
        }
        INFO("rows " << rows << " n " << n << " r " << r);
        check_close(out[static_cast<std::size_t>(r)], want, scale);
      }
    }
}

TEST_CASE("kernels: row_stats counts, min, max and sum as a scalar loop does") {
  Rng rng = make_rng(8, 4);
  const double threshold = 0.25;
  for (const k::Index n : kPoints) {
    auto row = random_buffer(rng, static_cast<std::size_t>(n));
    if (n > 2) row[1] = 0.0;  // z = 0 is not active
    if (n > 3) row[2] = threshold;  // |z| = threshold counts as unsaturated
    long long active = 0, unsaturated = 0;
    double lo = INFINITY, hi = -INFINITY, sum = 0, scale = 0;
    for (const double z : row) {
      if (z > 0) ++active;
      if (std::abs(z) <= threshold) ++unsaturated;
      lo = std::min(lo, z);
      hi = std::max(hi, z);
      sum += z;
      scale += std::abs(z);
    }
    const k::RowStats with = k::row_stats<true>(row.data(), n, threshold);
    const k::RowStats without = k::row_stats<false>(row.data(), n, threshold);
    INFO("n " << n);
    CHECK(with.active == active);
    CHECK(with.unsaturated == unsaturated);
    CHECK(with.lo == lo);
    CHECK(with.hi == hi);
    check_close(with.sum, sum, scale);
    CHECK(without.active == active);
    CHECK(without.unsaturated == 0);
    CHECK(without.lo == lo);
    CHECK(without.hi == hi);
    CHECK(without.sum == with.sum);
  }
}

TEST_CASE("kernels: row_histogram bins as min(floor((z - lo) * scale), bins - 1), 0 below lo, and adds to counts") {
  Rng rng = make_rng(21, 5);
  constexpr int kBins = 16;
  const double lo = -0.8, scale = kBins / 1.5;  // [lo, lo + 1.5): some values fall below and above
  for (const k::Index n : kPoints) {
    auto row = random_buffer(rng, static_cast<std::size_t>(n));
    if (n > 4) {
      row[0] = lo;                // exactly the lower edge: bin 0
      row[3] = lo + 1.0 / scale;  // the edge of bin 1
    }
    std::vector<int> want(kBins, 1), got(kBins, 1);  // start from 1: the kernel adds
    for (const double z : row) {
      const double t = (z - lo) * scale;
      ++want[static_cast<std::size_t>(t >= 0 ? std::min(static_cast<int>(std::floor(t)), kBins - 1) : 0)];
    }
    k::row_histogram<kBins>(row.data(), n, lo, scale, got.data());
    INFO("n " << n);
    CHECK(got == want);
  }
}
