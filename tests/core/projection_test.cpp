// projection_test.cpp — the principal plane of data with more than two inputs, and the sliced first layer:
// z computed in the plane equals z computed in full coordinates for every point on the plane.
#include <doctest/doctest.h>

#include <cmath>

#include "core/projection.h"

using namespace relulab::core;

TEST_CASE("projection: 2-D data is shown as it is") {
  Matrix x(2, 3);
  x << 1, 2, 3, 4, 5, 6;
  const PlaneProjection plane = principal_plane(x);
  CHECK(plane.identity);
  CHECK(project_points(plane, x) == x);
}

TEST_CASE("projection: the principal plane of 4-D data lying on a plane recovers that plane") {
  // points m + a*e1' + b*e2' with e1', e2' orthonormal in R^4; variance along e1' larger than along e2'
  Vector m(4), e1(4), e2(4);
  m << -0.5, -0.5, -0.5, -0.5;
  e1 << 0.5, 0.5, 0.5, 0.5;
  e2 << 0.5, -0.5, 0.5, -0.5;
  Matrix x(4, 40);
  for (int i = 0; i < 40; ++i) x.col(i) = m + (3.0 * std::sin(i * 0.7)) * e1 + std::cos(i * 1.3) * e2;
  const PlaneProjection plane = principal_plane(x);
  REQUIRE_FALSE(plane.identity);
  // both directions lie in span(e1, e2) (the sample's a and b are slightly correlated, so the principal
  // axes may be rotated within the plane), and u carries the larger variance (mostly e1)
  CHECK(std::abs(std::pow(plane.u.dot(e1), 2) + std::pow(plane.u.dot(e2), 2) - 1.0) < 1e-9);
  CHECK(std::abs(std::pow(plane.v.dot(e1), 2) + std::pow(plane.v.dot(e2), 2) - 1.0) < 1e-9);
  CHECK(std::abs(plane.u.dot(e1)) > 0.99);
  CHECK(std::abs(plane.u.dot(plane.v)) < 1e-12);
  // every point lies in the plane, so projecting and lifting back reproduces it
  const Matrix p = project_points(plane, x);
  for (int i = 0; i < 40; ++i) {
    const Vector lifted = plane.origin + p(0, i) * plane.u + p(1, i) * plane.v;
    CHECK((lifted - x.col(i)).norm() < 1e-9);
  }
  // the sliced layer gives the same z as the full one at every point of the plane
  LayerWeights layer;
  layer.w = Matrix(3, 4);
  layer.w << 1, -2, 0.5, 3, -1, 0, 2, 1, 0.25, 0.5, -0.75, 1;
  layer.b = Vector(3);
  layer.b << 0.1, -0.2, 0.3;
  LayerWeights sliced;
  slice_first_layer(plane, layer, &sliced);
  REQUIRE(sliced.w.cols() == 2);
  for (int i = 0; i < 40; ++i) {
    const Vector full = layer.w * x.col(i) + layer.b;
    const Vector flat = sliced.w * p.col(i) + sliced.b;
    CHECK((full - flat).norm() < 1e-9);
  }
}
