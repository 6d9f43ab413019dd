// kernels.h — the hot loops of the MLP, written once for two lanes of doubles: GCC/clang vector extensions,
// which become SSE2 natively and WebAssembly SIMD (simd128) under Emscripten with -msimd128 — Eigen 3.4 has
// no WASM SIMD path. Buffers are unit-major: row r of a (units, points) buffer holds one unit's values over
// the points of a batch, contiguous, so every kernel runs along the points.
//
// Determinism: every kernel fixes its order of additions (per output: init, then k = 0, 1, ... in turn; a
// reduction keeps two lanes and adds them at the end, then the odd tail), and no kernel may be contracted
// into FMA (baseline x86-64 and simd128 have none), so native and WASM builds compute the same bits.
// Does not know layers, activations or losses: network.cpp and census.cpp supply those as epilogues.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace relulab::core::kernels {

using Index = std::ptrdiff_t;

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Lanes: f64x2 (two points at once) and double (the odd point at the end of a row)
// ---------------------------------------------------------------------------------------------------------

#if defined(__GNUC__) || defined(__clang__)
typedef double f64x2 __attribute__((vector_size(16)));
typedef long long i64x2 __attribute__((vector_size(16)));
#else
#error "kernels.h needs GCC or clang vector extensions"
#endif

template <class V> inline constexpr Index kLanes = 1;
template <> inline constexpr Index kLanes<f64x2> = 2;

template <class V> V load(const double* p);
template <> inline double load<double>(const double* p) { return *p; }
template <> inline f64x2 load<f64x2>(const double* p) {
  f64x2 v;
  std::memcpy(&v, p, sizeof v);  // unaligned load (movupd / v128.load)
  return v;
}
inline void store(double* p, double v) { *p = v; }
inline void store(double* p, f64x2 v) { std::memcpy(p, &v, sizeof v); }

template <class V> V splat(double s);
template <> inline double splat<double>(double s) { return s; }
template <> inline f64x2 splat<f64x2>(double s) { return f64x2{s, s}; }

// Lane masks: all ones where the comparison holds. (Intrinsics where available: GCC 12 stops with an internal
// error on some vector-extension comparisons feeding bit operations.)
inline i64x2 greater(f64x2 a, f64x2 b) {
#if defined(__wasm_simd128__)
  return (i64x2)wasm_f64x2_gt((v128_t)a, (v128_t)b);
#elif defined(__SSE2__)
  return (i64x2)_mm_cmpgt_pd((__m128d)a, (__m128d)b);
#else
  return (i64x2)(a > b);
#endif
}
inline i64x2 less_equal(f64x2 a, f64x2 b) {
#if defined(__wasm_simd128__)
  return (i64x2)wasm_f64x2_le((v128_t)a, (v128_t)b);
#elif defined(__SSE2__)
  return (i64x2)_mm_cmple_pd((__m128d)a, (__m128d)b);
#else
  return (i64x2)(a <= b);
#endif
}
inline bool positive(double z) { return z > 0; }
inline i64x2 positive(f64x2 z) { return greater(z, f64x2{0.0, 0.0}); }
inline bool not_positive(double z) { return z <= 0; }
inline i64x2 not_positive(f64x2 z) { return less_equal(z, f64x2{0.0, 0.0}); }

// mask ? a : b, lane by lane.
inline double select(bool mask, double a, double b) { return mask ? a : b; }
inline f64x2 select(i64x2 mask, f64x2 a, f64x2 b) {
#if defined(__wasm_simd128__)
  return (f64x2)wasm_v128_bitselect((v128_t)a, (v128_t)b, (v128_t)mask);
#elif defined(__SSE2__)
  const __m128d m = (__m128d)mask;
  return (f64x2)_mm_or_pd(_mm_and_pd(m, (__m128d)a), _mm_andnot_pd(m, (__m128d)b));
#else
  return (f64x2)(((i64x2)a & mask) | ((i64x2)b & ~mask));
#endif
}
inline double keep_where(bool mask, double a) { return mask ? a : 0.0; }
inline f64x2 keep_where(i64x2 mask, f64x2 a) {
#if defined(__wasm_simd128__)
  return (f64x2)wasm_v128_and((v128_t)a, (v128_t)mask);
#elif defined(__SSE2__)
  return (f64x2)_mm_and_pd((__m128d)a, (__m128d)mask);
#else
  return (f64x2)((i64x2)a & mask);
#endif
}

// std::min(lo, v) and std::max(hi, v) lane by lane, with the same answer for NaN and signed zeros.
inline double min_of(double lo, double v) { return std::min(lo, v); }
inline double max_of(double hi, double v) { return std::max(hi, v); }
inline f64x2 min_of(f64x2 lo, f64x2 v) {
#if defined(__wasm_simd128__)
  return (f64x2)wasm_f64x2_pmin((v128_t)lo, (v128_t)v);  // v < lo ? v : lo
#elif defined(__SSE2__)
  return (f64x2)_mm_min_pd((__m128d)v, (__m128d)lo);     // v < lo ? v : lo
#else
  return select(greater(lo, v), v, lo);
#endif
}
inline f64x2 max_of(f64x2 hi, f64x2 v) {
#if defined(__wasm_simd128__)
  return (f64x2)wasm_f64x2_pmax((v128_t)hi, (v128_t)v);  // hi < v ? v : hi
#elif defined(__SSE2__)
  return (f64x2)_mm_max_pd((__m128d)v, (__m128d)hi);     // v > hi ? v : hi
#else
  return select(greater(v, hi), v, hi);
#endif
}

inline double sum_lanes(f64x2 v) { return v[0] + v[1]; }

// ---------------------------------------------------------------------------------------------------------
// [SECTION] matmul_rows: out(r, j) = init(r) + sum_k w(r, k) p(k, j), handed to an epilogue
// ---------------------------------------------------------------------------------------------------------

// w(r, k) lives at w[r * w_rs + k * w_cs] (so W and W^T of a column-major matrix both fit); p row k starts at
// p + k * ldp; init may be null (0). For every computed pack of lanes calls epilogue(r, j, value), where value
// is an f64x2 for points j, j+1 or a double for point j. Register tiles: 4 rows x 4 points, or 1 row x 8
// points, and single points at the end of a row; every output is summed in the same order whichever tile
// computes it.
namespace detail {
template <int R, int C, class V, class Epilogue>
inline void matmul_tile(Index r0, Index j, Index depth, const double* w, Index w_rs, Index w_cs,
                        const double* init, const double* p, Index ldp, Epilogue& epilogue) {
  V acc[R][C];
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) acc[r][c] = splat<V>(init ? init[r0 + r] : 0.0);
  for (Index k = 0; k < depth; ++k) {
    const double* row = p + k * ldp + j;
    V pk[C];
    for (int c = 0; c < C; ++c) pk[c] = load<V>(row + c * kLanes<V>);
    for (int r = 0; r < R; ++r) {
      const V wk = splat<V>(w[(r0 + r) * w_rs + k * w_cs]);
      for (int c = 0; c < C; ++c) acc[r][c] += wk * pk[c];
    }
  }
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) epilogue(r0 + r, j + c * kLanes<V>, acc[r][c]);
}

template <int R, int C, class Epilogue>
inline void matmul_row_block(Index r0, Index depth, Index j0, Index j1, Index n, const double* w, Index w_rs,
                             Index w_cs, const double* init, const double* p, Index ldp, Epilogue& epilogue) {
  constexpr Index kStep = C * kLanes<f64x2>;
  Index j = j0;
  for (; j + kStep <= j1; j += kStep) matmul_tile<R, C, f64x2>(r0, j, depth, w, w_rs, w_cs, init, p, ldp, epilogue);
  // The last few points one at a time (fewer tile variants: code size matters on the web).
  for (; j < j1 && j < n; ++j) matmul_tile<R, 1, double>(r0, j, depth, w, w_rs, w_cs, init, p, ldp, epilogue);
}
}  // namespace detail

// Points are taken in chunks of kPointChunk (a multiple of every tile's width), so that the chunk of p the row
// blocks share stays in cache however many points there are (L: 64 rows x 20 000 points do not fit).
inline constexpr Index kPointChunk = 512;

template <class Epilogue>
void matmul_rows(Index rows, Index depth, Index n, const double* w, Index w_rs, Index w_cs, const double* init,
                 const double* p, Index ldp, Epilogue&& epilogue) {
  matmul_rows(rows, depth, n, w, w_rs, w_cs, init, p, ldp, epilogue, [](Index, Index, Index, Index) {});
}

// The same, calling rows_done(first_row, row_count, j0, j1) after a block of rows is complete on the chunk of
// points [j0, j1) (while those values are still in cache: the probes read them there).
template <class Epilogue, class RowsDone>
void matmul_rows(Index rows, Index depth, Index n, const double* w, Index w_rs, Index w_cs, const double* init,
                 const double* p, Index ldp, Epilogue&& epilogue, RowsDone&& rows_done) {
  for (Index j0 = 0; j0 < n; j0 += kPointChunk) {
    const Index j1 = std::min(n, j0 + kPointChunk);
    Index r = 0;
    for (; r + 4 <= rows; r += 4) {
      detail::matmul_row_block<4, 2>(r, depth, j0, j1, n, w, w_rs, w_cs, init, p, ldp, epilogue);
      rows_done(r, Index{4}, j0, j1);
    }
    for (; r < rows; ++r) {
      detail::matmul_row_block<1, 4>(r, depth, j0, j1, n, w, w_rs, w_cs, init, p, ldp, epilogue);
      rows_done(r, Index{1}, j0, j1);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// [SECTION] matmul_nt: g(r, c) = sum_j d(r, j) p(c, j) — the weight gradient dL/dW = delta a^T
// ---------------------------------------------------------------------------------------------------------

// d row r at d + r * ldd, p row c at p + c * ldp, over points [0, n); writes g[r * g_rs + c * g_cs].
// Each sum, chunk by chunk of points: two lanes over the pairs of points, lane 0 + lane 1, (the odd last point),
// added to the sum of the chunks before.
namespace detail {
template <int R, int K>
inline void matmul_nt_tile(Index r0, Index c0, Index j0, Index j1, const double* d, Index ldd, const double* p,
                           Index ldp, double* g, Index g_rs, Index g_cs) {
  f64x2 acc[R][K];
  for (int r = 0; r < R; ++r)
    for (int k = 0; k < K; ++k) acc[r][k] = f64x2{0.0, 0.0};
  Index j = j0;
  for (; j + 2 <= j1; j += 2) {
    f64x2 pv[K];
    for (int k = 0; k < K; ++k) pv[k] = load<f64x2>(p + (c0 + k) * ldp + j);
    for (int r = 0; r < R; ++r) {
      const f64x2 dv = load<f64x2>(d + (r0 + r) * ldd + j);
      for (int k = 0; k < K; ++k) acc[r][k] += dv * pv[k];
    }
  }
  for (int r = 0; r < R; ++r)
    for (int k = 0; k < K; ++k) {
      double sum = sum_lanes(acc[r][k]);
      if (j < j1) sum += d[(r0 + r) * ldd + j] * p[(c0 + k) * ldp + j];
      double& out = g[(r0 + r) * g_rs + (c0 + k) * g_cs];
      out = j0 == 0 ? sum : out + sum;
    }
}

template <int R, int K>
inline void matmul_nt_row_block(Index r0, Index cols, Index j0, Index j1, const double* d, Index ldd,
                                const double* p, Index ldp, double* g, Index g_rs, Index g_cs) {
  Index c = 0;
  for (; c + K <= cols; c += K) matmul_nt_tile<R, K>(r0, c, j0, j1, d, ldd, p, ldp, g, g_rs, g_cs);
  for (; c < cols; ++c) matmul_nt_tile<R, 1>(r0, c, j0, j1, d, ldd, p, ldp, g, g_rs, g_cs);
}
}  // namespace detail

inline void matmul_nt(Index rows, Index cols, Index n, const double* d, Index ldd, const double* p, Index ldp,
                      double* g, Index g_rs, Index g_cs) {
  if (n == 0) {
    for (Index r = 0; r < rows; ++r)
      for (Index c = 0; c < cols; ++c) g[r * g_rs + c * g_cs] = 0.0;
    return;
  }
  for (Index j0 = 0; j0 < n; j0 += kPointChunk) {
    const Index j1 = std::min(n, j0 + kPointChunk);
    Index r = 0;
    for (; r + 4 <= rows; r += 4) detail::matmul_nt_row_block<4, 2>(r, cols, j0, j1, d, ldd, p, ldp, g, g_rs, g_cs);
    for (; r < rows; ++r) detail::matmul_nt_row_block<1, 4>(r, cols, j0, j1, d, ldd, p, ldp, g, g_rs, g_cs);
  }
}

// sum_j d(r, j) for every row: the bias gradient. Four lanes (two packs), then the odd last point.
inline void row_sums(Index rows, Index n, const double* d, Index ldd, double* out) {
  for (Index r = 0; r < rows; ++r) {
    const double* row = d + r * ldd;
    f64x2 s0{0.0, 0.0}, s1{0.0, 0.0};
    Index j = 0;
    for (; j + 4 <= n; j += 4) {
      s0 += load<f64x2>(row + j);
      s1 += load<f64x2>(row + j + 2);
    }
    for (; j + 2 <= n; j += 2) s0 += load<f64x2>(row + j);
    double sum = sum_lanes(s0 + s1);
    if (j < n) sum += row[j];
    out[r] = sum;
  }
}

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Probes: per-unit statistics of z, gathered pack by pack (see network.cpp's forward epilogue)
// ---------------------------------------------------------------------------------------------------------

// What the census needs of one unit's row of z: k (z > 0), min, max, sum, and (tanh/sigmoid layers) the count
// of |z| <= threshold. Two lanes over the pairs of points, then the odd last point.
struct RowStats {
  long long active = 0, unsaturated = 0;
  double lo = __builtin_inf(), hi = -__builtin_inf(), sum = 0;
};

template <bool kCountSaturation>
RowStats row_stats(const double* row, Index n, double threshold) {
  // Two sets of accumulators (points j, j+1 and j+2, j+3) so that min, max and sum do not wait on each other.
  constexpr double kInf = __builtin_inf();
  i64x2 active{0, 0}, unsaturated{0, 0};  // a set lane of a mask is -1: subtracting counts it
  f64x2 lo0{kInf, kInf}, hi0{-kInf, -kInf}, sum0{0.0, 0.0}, lo1 = lo0, hi1 = hi0, sum1 = sum0;
  const f64x2 limit{threshold, threshold};
  const i64x2 magnitude_bits{0x7fffffffffffffffLL, 0x7fffffffffffffffLL};
  auto saturation = [&](f64x2 z) {
    if constexpr (kCountSaturation) unsaturated -= ~greater((f64x2)((i64x2)z & magnitude_bits), limit);
  };
  Index j = 0;
  for (; j + 4 <= n; j += 4) {
    const f64x2 z0 = load<f64x2>(row + j), z1 = load<f64x2>(row + j + 2);
    active -= positive(z0) + positive(z1);
    lo0 = min_of(lo0, z0);
    lo1 = min_of(lo1, z1);
    hi0 = max_of(hi0, z0);
    hi1 = max_of(hi1, z1);
    sum0 += z0;
    sum1 += z1;
    saturation(z0);
    saturation(z1);
  }
  if (j + 2 <= n) {
    const f64x2 z0 = load<f64x2>(row + j);
    active -= positive(z0);
    lo0 = min_of(lo0, z0);
    hi0 = max_of(hi0, z0);
    sum0 += z0;
    saturation(z0);
    j += 2;
  }
  lo0 = min_of(lo0, lo1);
  hi0 = max_of(hi0, hi1);
  sum0 += sum1;
  RowStats stats;
  stats.active = active[0] + active[1];
  stats.unsaturated = unsaturated[0] + unsaturated[1];
  stats.lo = std::min(lo0[0], lo0[1]);
  stats.hi = std::max(hi0[0], hi0[1]);
  stats.sum = sum0[0] + sum0[1];
  if (j < n) {
    const double z = row[j];
    if (z > 0) ++stats.active;
    stats.lo = std::min(stats.lo, z);
    stats.hi = std::max(stats.hi, z);
    stats.sum += z;
    if (kCountSaturation && !(std::abs(z) > threshold)) ++stats.unsaturated;
  }
  return stats;
}

// Adds the histogram of one row over [lo, lo + bins / scale) into counts (bins entries), the bin of z being
// min(floor((z - lo) * scale), bins - 1) and 0 below lo. Four interleaved partial histograms keep repeated
// increments of one bin from waiting on each other.
template <int kBins>
void row_histogram(const double* row, Index n, double lo, double scale, int* counts) {
  static_assert((kBins & (kBins - 1)) == 0, "the bin mask needs a power of two");
  int partial[4][kBins] = {};
  // t clamped into [0, bins - 1] (NaN: 0) truncates to the same bin as the scalar rule; then floor(t) as ints.
  const f64x2 lo2{lo, lo}, scale2{scale, scale}, zero{0.0, 0.0}, top{kBins - 1.0, kBins - 1.0};
  auto bins = [&](f64x2 values, int& b0, int& b1) {
    const f64x2 t = min_of(top, max_of(zero, (values - lo2) * scale2));
#if defined(__wasm_simd128__)
    // No float-to-int conversion (slow in V8): round with 2^52, step down where that rounded up, and read the
    // integer from the low mantissa bits of f + 2^52. Exact for t in [0, 2^51).
    const f64x2 magic{4503599627370496.0, 4503599627370496.0};
    const f64x2 rounded = (t + magic) - magic;
    const f64x2 floored = rounded - (f64x2)((i64x2)f64x2{1.0, 1.0} & greater(rounded, t));
    const i64x2 bits = (i64x2)(floored + magic);
    b0 = static_cast<int>(bits[0]) & (kBins - 1);
    b1 = static_cast<int>(bits[1]) & (kBins - 1);
#elif defined(__SSE2__)
    const __m128i bin = _mm_cvttpd_epi32((__m128d)t);
    b0 = _mm_cvtsi128_si32(bin) & (kBins - 1);
    b1 = _mm_cvtsi128_si32(_mm_shuffle_epi32(bin, 1)) & (kBins - 1);
#else
    b0 = static_cast<int>(t[0]);
    b1 = static_cast<int>(t[1]);
#endif
  };
  // Four interleaved partial histograms, so that repeated increments of one bin do not wait on each other.
  Index j = 0;
  for (; j + 4 <= n; j += 4) {
    int b0, b1, b2, b3;
    bins(load<f64x2>(row + j), b0, b1);
    bins(load<f64x2>(row + j + 2), b2, b3);
    ++partial[0][b0];
    ++partial[1][b1];
    ++partial[2][b2];
    ++partial[3][b3];
  }
  for (; j < n; ++j) {
    const double t = (row[j] - lo) * scale;
    ++partial[0][t >= 0 ? std::min(static_cast<int>(t), kBins - 1) : 0];
  }
  for (int b = 0; b < kBins; ++b) counts[b] += partial[0][b] + partial[1][b] + partial[2][b] + partial[3][b];
}

}  // namespace relulab::core::kernels
