// projection.cpp — principal plane by the eigen-decomposition of the (d x d) covariance.
#include "core/projection.h"

#include <Eigen/Eigenvalues>

namespace relulab::core {

PlaneProjection principal_plane(const Matrix& x) {
  PlaneProjection plane;
  const Eigen::Index d = x.rows();
  plane.identity = d <= 2 || x.cols() < 2;
  if (plane.identity) return plane;
  plane.origin = x.rowwise().mean();
  const Matrix centred = x.colwise() - plane.origin;
  const Matrix covariance = centred * centred.transpose() / static_cast<Scalar>(x.cols() - 1);  // (d, d)
  Eigen::SelfAdjointEigenSolver<Matrix> solver(covariance);
  // eigenvalues ascend: the last two columns are the principal directions
  plane.u = solver.eigenvectors().col(d - 1);
  plane.v = solver.eigenvectors().col(d - 2);
  return plane;
}

Matrix project_points(const PlaneProjection& plane, const Matrix& x) {
  if (plane.identity) return x.topRows(std::min<Eigen::Index>(x.rows(), 2));
  Matrix out(2, x.cols());
  const Matrix centred = x.colwise() - plane.origin;
  out.row(0) = plane.u.transpose() * centred;
  out.row(1) = plane.v.transpose() * centred;
  return out;
}

void slice_first_layer(const PlaneProjection& plane, const LayerWeights& layer, LayerWeights* sliced) {
  *sliced = layer;
  if (plane.identity) return;
  sliced->w.resize(layer.w.rows(), 2);
  sliced->w.col(0) = layer.w * plane.u;
  sliced->w.col(1) = layer.w * plane.v;
  sliced->b = layer.b + layer.w * plane.origin;
}

}  // namespace relulab::core
