// plane_renderer.cpp — GL resources and per-frame uniforms of the data plane. All geometry comes from
// the shaders plane_*.glsl (full-viewport field + lines) and points_*.glsl.
#include "render/plane_renderer.h"

#include <algorithm>
#include <cmath>

#include "render/shader.h"

namespace relulab::render {
namespace {

constexpr int kWeightColumns = 66;   // 64 incoming weights, bias, PReLU slope
constexpr int kMaxLayers = 9;        // 8 hidden + output
constexpr int kMaxUnits = 64;

int activation_code(core::ActivationKind kind) {
  switch (kind) {
    case core::ActivationKind::ReLU: return 0;
    case core::ActivationKind::Leaky: return 1;
    case core::ActivationKind::PReLU: return 2;
    case core::ActivationKind::RReLU: return 3;
    case core::ActivationKind::ELU: return 4;
    case core::ActivationKind::SELU: return 5;
    case core::ActivationKind::Tanh: return 6;
    case core::ActivationKind::Sigmoid: return 7;
    case core::ActivationKind::Linear: return 8;
  }
  return 8;
}

float finite_or_zero(double v) { return std::isfinite(v) ? static_cast<float>(v) : 0.0f; }

GLint uniform(GLuint program, const char* name) { return glGetUniformLocation(program, name); }

void set_palette(GLuint program, const Palette& palette) {
  glUniform3f(uniform(program, "u_class0"), palette.class0.r, palette.class0.g, palette.class0.b);
  glUniform3f(uniform(program, "u_class1"), palette.class1.r, palette.class1.g, palette.class1.b);
}

}  // namespace

PlaneRenderer::~PlaneRenderer() {
  if (framebuffer_) glDeleteFramebuffers(1, &framebuffer_);
  if (color_texture_) glDeleteTextures(1, &color_texture_);
  if (weights_texture_) glDeleteTextures(1, &weights_texture_);
  if (points_vbo_) glDeleteBuffers(1, &points_vbo_);
  if (points_vao_) glDeleteVertexArrays(1, &points_vao_);
  if (empty_vao_) glDeleteVertexArrays(1, &empty_vao_);
  if (plane_program_) glDeleteProgram(plane_program_);
  if (points_program_) glDeleteProgram(points_program_);
}

bool PlaneRenderer::ensure_resources() {
  if (plane_program_ && points_program_) return true;
  if (!error_.empty()) return false;
  plane_program_ = build_program("plane_vs", "plane_fs", &error_);
  if (plane_program_) points_program_ = build_program("points_vs", "points_fs", &error_);
  if (!plane_program_ || !points_program_) return false;
  glGenVertexArrays(1, &empty_vao_);
  glGenVertexArrays(1, &points_vao_);
  glGenBuffers(1, &points_vbo_);
  glBindVertexArray(points_vao_);
  glBindBuffer(GL_ARRAY_BUFFER, points_vbo_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
  glBindVertexArray(0);
  glGenTextures(1, &weights_texture_);
  glBindTexture(GL_TEXTURE_2D, weights_texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glGenFramebuffers(1, &framebuffer_);
  glGenTextures(1, &color_texture_);
  return true;
}

void PlaneRenderer::upload_points(const PlaneScene& scene) {
  if (scene.data_generation == uploaded_generation_) return;
  uploaded_generation_ = scene.data_generation;
  const core::Dataset& data = *scene.data;
  const auto& x = data.x_train;  // (d, n)
  const auto& y = data.y_train;  // (outputs, n)
  const auto n = x.cols();
  staging_.assign(static_cast<size_t>(n) * 3, 0.0f);
  for (Eigen::Index i = 0; i < n; ++i) {
    float* p = &staging_[static_cast<size_t>(i) * 3];
    p[0] = finite_or_zero(x(0, i));
    if (scene.points) {
      p[0] = finite_or_zero((*scene.points)(0, i));
      p[1] = finite_or_zero((*scene.points)(1, i));
      p[2] = finite_or_zero(y(0, i));
    } else if (x.rows() >= 2) {
      p[1] = finite_or_zero(x(1, i));
      p[2] = y.rows() > 1 ? finite_or_zero(y(1, i)) : finite_or_zero(y(0, i));
    } else {
      p[1] = finite_or_zero(y(0, i));  // 1-D: plot (x, target)
      p[2] = 0.5f;
    }
  }
  point_count_ = static_cast<int>(n);
  glBindBuffer(GL_ARRAY_BUFFER, points_vbo_);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(staging_.size() * sizeof(float)), staging_.data(), GL_STATIC_DRAW);
}

void PlaneRenderer::upload_weights(const std::vector<core::LayerWeights>& weights) {
  int rows = 0;
  for (const auto& layer : weights) rows += static_cast<int>(layer.w.rows());
  staging_.assign(static_cast<size_t>(std::max(rows, 1)) * kWeightColumns, 0.0f);
  int row = 0;
  for (const auto& layer : weights) {
    for (Eigen::Index j = 0; j < layer.w.rows(); ++j, ++row) {
      float* r = &staging_[static_cast<size_t>(row) * kWeightColumns];
      for (Eigen::Index i = 0; i < std::min<Eigen::Index>(layer.w.cols(), kMaxUnits); ++i) r[i] = finite_or_zero(layer.w(j, i));
      r[64] = finite_or_zero(layer.b(j));
      r[65] = layer.prelu_alpha.size() > j ? finite_or_zero(layer.prelu_alpha(j)) : 0.0f;
    }
  }
  glBindTexture(GL_TEXTURE_2D, weights_texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, kWeightColumns, std::max(rows, 1), 0, GL_RED, GL_FLOAT, staging_.data());
}

bool PlaneRenderer::draw(const PlaneScene& scene, int width, int height) {
  if (!ensure_resources()) return false;
  width = std::max(width, 1);
  height = std::max(height, 1);
  if (width != width_ || height != height_) {
    width_ = width;
    height_ = height;
    glBindTexture(GL_TEXTURE_2D, color_texture_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_texture_, 0);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
  glViewport(0, 0, width, height);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);

  const bool have_net = scene.weights && !scene.weights->empty() && scene.data;
  const int input_dim = scene.data ? static_cast<int>(std::min<Eigen::Index>(scene.data->x_train.rows(), 2)) : 2;

  // ---- field, lines ----
  glUseProgram(plane_program_);
  glUniform4fv(uniform(plane_program_, "u_view"), 1, scene.view);
  set_palette(plane_program_, palette_);
  glUniform3fv(uniform(plane_program_, "u_state_color"), 5, &palette_.state[0].r);
  glUniform1i(uniform(plane_program_, "u_input_dim"), input_dim);
  glUniform1f(uniform(plane_program_, "u_field_opacity"), scene.field_opacity);
  glUniform2f(uniform(plane_program_, "u_value_range"), scene.value_range[0], scene.value_range[1]);
  int layer_count = 0;
  if (have_net) {
    const auto& weights = *scene.weights;
    upload_weights(weights);
    layer_count = static_cast<int>(std::min<size_t>(weights.size(), kMaxLayers));
    int widths[kMaxLayers] = {}, rows[kMaxLayers] = {}, fan_in[kMaxLayers] = {}, kinds[kMaxLayers] = {};
    float alphas[kMaxLayers] = {};
    int row = 0;
    for (int l = 0; l < layer_count; ++l) {
      const auto& layer = weights[static_cast<size_t>(l)];
      widths[l] = static_cast<int>(layer.w.rows());
      fan_in[l] = static_cast<int>(layer.w.cols());
      rows[l] = row;
      row += widths[l];
      kinds[l] = activation_code(layer.activation.kind);
      alphas[l] = layer.activation.kind == core::ActivationKind::RReLU
                      ? static_cast<float>((layer.activation.lower + layer.activation.upper) / 2)
                      : static_cast<float>(layer.activation.alpha);
    }
    glUniform1iv(uniform(plane_program_, "u_width"), kMaxLayers, widths);
    glUniform1iv(uniform(plane_program_, "u_row"), kMaxLayers, rows);
    glUniform1iv(uniform(plane_program_, "u_fan_in"), kMaxLayers, fan_in);
    glUniform1iv(uniform(plane_program_, "u_activation"), kMaxLayers, kinds);
    glUniform1fv(uniform(plane_program_, "u_alpha"), kMaxLayers, alphas);
    const auto outputs = weights.back().w.rows();
    glUniform1i(uniform(plane_program_, "u_output_kind"), scene.regression ? 0 : (outputs > 1 ? 2 : 1));

    // first-layer units
    const auto& first = weights.front();
    const int unit_count = static_cast<int>(std::min<Eigen::Index>(first.w.rows(), kMaxUnits));
    float units[kMaxUnits * 4] = {};
    for (int u = 0; u < unit_count; ++u) {
      units[u * 4 + 0] = finite_or_zero(first.w(u, 0));
      units[u * 4 + 1] = first.w.cols() > 1 ? finite_or_zero(first.w(u, 1)) : 0.0f;
      units[u * 4 + 2] = finite_or_zero(first.b(u));
      int state = 0;
      if (scene.census && !scene.census->layers.empty() && u < static_cast<int>(scene.census->layers[0].units.size()))
        state = static_cast<int>(scene.census->layers[0].units[static_cast<size_t>(u)].state);
      units[u * 4 + 3] = static_cast<float>(state);
    }
    glUniform4fv(uniform(plane_program_, "u_units"), kMaxUnits, units);
    glUniform1i(uniform(plane_program_, "u_unit_count"), unit_count);
  } else {
    glUniform1i(uniform(plane_program_, "u_unit_count"), 0);
  }
  glUniform1i(uniform(plane_program_, "u_layer_count"), layer_count);
  glUniform1i(uniform(plane_program_, "u_field_layer"), scene.field_layer);
  glUniform1i(uniform(plane_program_, "u_field_unit"), scene.field_unit);
  glUniform1i(uniform(plane_program_, "u_hovered"), scene.hovered_unit);
  glUniform1i(uniform(plane_program_, "u_selected"), scene.selected_unit);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, weights_texture_);
  glUniform1i(uniform(plane_program_, "u_weights"), 0);
  glBindVertexArray(empty_vao_);
  glDrawArrays(GL_TRIANGLES, 0, 6);

  // ---- points ----
  if (scene.data) {
    upload_points(scene);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
#ifndef __EMSCRIPTEN__
    glEnable(GL_PROGRAM_POINT_SIZE);
#endif
    glUseProgram(points_program_);
    glUniform4fv(uniform(points_program_, "u_view"), 1, scene.view);
    glUniform1f(uniform(points_program_, "u_point_px"), scene.point_px);
    glUniform1i(uniform(points_program_, "u_input_dim"), input_dim);
    glUniform1i(uniform(points_program_, "u_regression"), scene.regression ? 1 : 0);
    set_palette(points_program_, palette_);
    float selected[4] = {0, 0, 0, 0};
    const int focus = scene.hovered_unit >= 0 ? scene.hovered_unit : scene.selected_unit;
    if (have_net && focus >= 0 && focus < scene.weights->front().w.rows()) {
      const auto& first = scene.weights->front();
      selected[0] = finite_or_zero(first.w(focus, 0));
      selected[1] = first.w.cols() > 1 ? finite_or_zero(first.w(focus, 1)) : 0.0f;
      selected[2] = finite_or_zero(first.b(focus));
      selected[3] = 1.0f;
    }
    glUniform4fv(uniform(points_program_, "u_selected_unit"), 1, selected);
    glBindVertexArray(points_vao_);
    glDrawArrays(GL_POINTS, 0, point_count_);
    glDisable(GL_BLEND);
  }
  glBindVertexArray(0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  return true;
}

}  // namespace relulab::render
