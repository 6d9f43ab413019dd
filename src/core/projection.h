// projection.h — a flat view of data with more than two inputs: the plane through the data's mean spanned by
// its two principal directions (largest variance first). The lab draws points projected onto that plane
// and slices the network by it (each first-layer unit's z restricted to the plane is again w'.p + b').
// Census numbers (k, z ranges) never use the projection: they are computed on the full data.
#pragma once

#include "core/types.h"

namespace relulab::core {

struct PlaneProjection {
  Vector origin;          // (d) the data's mean
  Vector u, v;            // (d) orthonormal principal directions
  bool identity = true;   // d <= 2: coordinates are shown as they are
};

PlaneProjection principal_plane(const Matrix& x);                 // x: (d, n)
Matrix project_points(const PlaneProjection& plane, const Matrix& x);  // (2, n) plane coordinates

// A first layer restricted to the plane: w' = [w.u, w.v] (out, 2), b' = b + w.origin.
void slice_first_layer(const PlaneProjection& plane, const LayerWeights& layer, LayerWeights* sliced);

}  // namespace relulab::core
