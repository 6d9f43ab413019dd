// plane_renderer.cpp — GL resources and per-frame uniforms of the data plane, drawn in four passes:
// field_fs evaluates the network on a coarse grid over the view (into field_texture_), plane_fs draws the
// interpolated field at full resolution, units_*.glsl one quad per unit around its line, points_*.glsl the
// data.
#include "render/plane_renderer.h"

#include <algorithm>
#include <cmath>

#include "render/shader.h"
#include "render/shader_abi.h"

namespace relulab::render {
namespace {

using abi::kMaxLayers;       // 8 hidden + output
using abi::kMaxUnits;
using abi::kWeightColumns;   // kMaxUnits incoming weights, bias, PReLU slope
// The field grid. The forward pass is the costly part of a frame, so its cost is bounded: cells of at
// least kFieldCellPx pixels, and no more cells than keep (cells x weights read per cell) within
// kFieldBudget, though never fewer than kMinFieldCells. Interpolating between cells is exact for a
// first-layer unit's z (linear in x) and rounds the output's kinks over one cell. The default 2-8-1 net
// gets 3-pixel cells; 2-16-16-1 about 8 at 1280x800.
constexpr int kFieldCellPx = 3;
constexpr double kFieldBudget = 1.5e6;
constexpr double kMinFieldCells = 64.0 * 64.0;

int field_cell_px(int width, int height, const std::vector<core::LayerWeights>* weights) {
  double reads = 1.0;  // weights read per cell: every unit's incoming weights, bias and slope
  if (weights)
    for (const auto& layer : *weights) reads += static_cast<double>(layer.w.rows()) * static_cast<double>(layer.w.cols() + 2);
  const double cells = std::max(kMinFieldCells, kFieldBudget / reads);
  const double pixels = static_cast<double>(width) * static_cast<double>(height);
  return std::max(kFieldCellPx, static_cast<int>(std::ceil(std::sqrt(pixels / cells))));
}

float finite_or_zero(double v) { return std::isfinite(v) ? static_cast<float>(v) : 0.0f; }

GLint uniform(GLuint program, const char* name) { return glGetUniformLocation(program, name); }

void set_palette(GLint class0, GLint class1, const Palette& palette) {
  glUniform3f(class0, palette.class0.r, palette.class0.g, palette.class0.b);
  glUniform3f(class1, palette.class1.r, palette.class1.g, palette.class1.b);
}

// The GL state draw() changes, saved on entry and put back on exit. ImGui's OpenGL3 backend sets all the
// state it needs in its own render call (and saves and restores around it), but it runs after the views
// have drawn, and main.cpp's glViewport/glClear between the two must not find a scissor test or a bound
// offscreen framebuffer of ours: restoring everything makes the renderer safe wherever it is called from.
class SavedGlState {
 public:
  SavedGlState() {
    glGetIntegerv(GL_CURRENT_PROGRAM, &program_);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vertex_array_);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &array_buffer_);
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &framebuffer_);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &active_texture_);
    glActiveTexture(GL_TEXTURE0);
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &texture_);
    glGetIntegerv(GL_VIEWPORT, viewport_);
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &unpack_alignment_);
    glGetIntegerv(GL_BLEND_SRC_RGB, &blend_[0]);
    glGetIntegerv(GL_BLEND_DST_RGB, &blend_[1]);
    glGetIntegerv(GL_BLEND_SRC_ALPHA, &blend_[2]);
    glGetIntegerv(GL_BLEND_DST_ALPHA, &blend_[3]);
    blend_enabled_ = glIsEnabled(GL_BLEND);
    scissor_enabled_ = glIsEnabled(GL_SCISSOR_TEST);
    depth_enabled_ = glIsEnabled(GL_DEPTH_TEST);
#ifndef __EMSCRIPTEN__
    point_size_enabled_ = glIsEnabled(GL_PROGRAM_POINT_SIZE);
#endif
  }
  ~SavedGlState() {
    glUseProgram(static_cast<GLuint>(program_));
    glBindVertexArray(static_cast<GLuint>(vertex_array_));
    glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(array_buffer_));
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(framebuffer_));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(texture_));
    glActiveTexture(static_cast<GLenum>(active_texture_));
    glViewport(viewport_[0], viewport_[1], viewport_[2], viewport_[3]);
    glPixelStorei(GL_UNPACK_ALIGNMENT, unpack_alignment_);
    glBlendFuncSeparate(static_cast<GLenum>(blend_[0]), static_cast<GLenum>(blend_[1]),
                        static_cast<GLenum>(blend_[2]), static_cast<GLenum>(blend_[3]));
    enable(GL_BLEND, blend_enabled_);
    enable(GL_SCISSOR_TEST, scissor_enabled_);
    enable(GL_DEPTH_TEST, depth_enabled_);
#ifndef __EMSCRIPTEN__
    enable(GL_PROGRAM_POINT_SIZE, point_size_enabled_);
#endif
  }
  SavedGlState(const SavedGlState&) = delete;
  SavedGlState& operator=(const SavedGlState&) = delete;

 private:
  static void enable(GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); }
  GLint program_ = 0, vertex_array_ = 0, array_buffer_ = 0, framebuffer_ = 0, active_texture_ = 0, texture_ = 0;
  GLint viewport_[4] = {}, unpack_alignment_ = 4, blend_[4] = {};
  GLboolean blend_enabled_ = 0, scissor_enabled_ = 0, depth_enabled_ = 0;
#ifndef __EMSCRIPTEN__
  GLboolean point_size_enabled_ = 0;
#endif
};

// (Re)allocates an RGBA8 colour texture of width x height and attaches it to framebuffer.
void resize_target(GLuint framebuffer, GLuint texture, int width, int height, GLint filter) {
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture, 0);
}

}  // namespace

PlaneRenderer::~PlaneRenderer() {
  if (framebuffer_) glDeleteFramebuffers(1, &framebuffer_);
  if (color_texture_) glDeleteTextures(1, &color_texture_);
  if (weights_texture_) glDeleteTextures(1, &weights_texture_);
  if (points_vbo_) glDeleteBuffers(1, &points_vbo_);
  if (points_vao_) glDeleteVertexArrays(1, &points_vao_);
  if (empty_vao_) glDeleteVertexArrays(1, &empty_vao_);
  if (field_framebuffer_) glDeleteFramebuffers(1, &field_framebuffer_);
  if (field_texture_) glDeleteTextures(1, &field_texture_);
  if (field_program_) glDeleteProgram(field_program_);
  if (units_program_) glDeleteProgram(units_program_);
  if (plane_program_) glDeleteProgram(plane_program_);
  if (points_program_) glDeleteProgram(points_program_);
}

bool PlaneRenderer::ensure_resources() {
  if (points_program_) return true;  // built last: all programs are there
  if (!error_.empty()) return false;
  field_program_ = build_program("plane_vs", "field_fs", &error_);
  if (field_program_) plane_program_ = build_program("plane_vs", "plane_fs", &error_);
  if (plane_program_) units_program_ = build_program("units_vs", "units_fs", &error_);
  if (units_program_) points_program_ = build_program("points_vs", "points_fs", &error_);
  if (!points_program_) return false;
  auto in_field = [&](const char* name) { return uniform(field_program_, name); };
  field_u_ = {in_field("u_view"), in_field("u_layer_count"), in_field("u_width"), in_field("u_row"),
              in_field("u_activation"), in_field("u_alpha"), in_field("u_input_dim"), in_field("u_output_kind"),
              in_field("u_field_layer"), in_field("u_field_unit"), in_field("u_weights")};
  auto in_plane = [&](const char* name) { return uniform(plane_program_, name); };
  plane_u_ = {in_plane("u_view"), in_plane("u_class0"), in_plane("u_class1"), in_plane("u_state_color"),
              in_plane("u_input_dim"), in_plane("u_field_opacity"), in_plane("u_value_range"),
              in_plane("u_field_size"), in_plane("u_layer_count"), in_plane("u_field_layer"),
              in_plane("u_output_kind"), in_plane("u_field")};
  auto in_units = [&](const char* name) { return uniform(units_program_, name); };
  units_u_ = {in_units("u_view"), in_units("u_target_px"), in_units("u_units"), in_units("u_input_dim"),
              in_units("u_hovered"), in_units("u_selected"), in_units("u_state_color")};
  auto in_points = [&](const char* name) { return uniform(points_program_, name); };
  points_u_ = {in_points("u_view"), in_points("u_point_px"), in_points("u_input_dim"), in_points("u_regression"),
               in_points("u_class0"), in_points("u_class1"), in_points("u_selected_unit"),
               in_points("u_class_palette"), in_points("u_class_count"), in_points("u_hollow")};
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
  glGenFramebuffers(1, &field_framebuffer_);
  glGenTextures(1, &field_texture_);
  return true;
}

void PlaneRenderer::upload_points(const PlaneScene& scene) {
  if (scene.data_generation == uploaded_generation_) return;
  uploaded_generation_ = scene.data_generation;
  const core::Dataset& data = *scene.data;
  staging_.clear();
  // training points, then the held-out ones (x: (d, n), y: (outputs, n); points: their plane coordinates)
  auto append = [this](const core::Matrix& x, const core::Matrix& y, const core::Matrix* points) {
    for (Eigen::Index i = 0; i < x.cols(); ++i) {
      float p[3] = {finite_or_zero(x(0, i)), 0.0f, 0.0f};
      if (points) {
        p[0] = finite_or_zero((*points)(0, i));
        p[1] = finite_or_zero((*points)(1, i));
        p[2] = finite_or_zero(y(0, i));
      } else if (x.rows() >= 2) {
        p[1] = finite_or_zero(x(1, i));
        p[2] = y.rows() > 1 ? finite_or_zero(y(1, i)) : finite_or_zero(y(0, i));
      } else {
        p[1] = finite_or_zero(y(0, i));  // 1-D: plot (x, target)
        p[2] = 0.5f;
      }
      staging_.insert(staging_.end(), p, p + 3);
    }
  };
  append(data.x_train, data.y_train, scene.points);
  point_count_ = static_cast<int>(data.x_train.cols());
  const bool test_ok = data.x_test.cols() > 0 && (!scene.points || (scene.test_points && scene.test_points->cols() == data.x_test.cols()));
  if (test_ok) append(data.x_test, data.y_test, scene.points ? scene.test_points : nullptr);
  test_point_count_ = test_ok ? static_cast<int>(data.x_test.cols()) : 0;
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
      r[abi::kWeightBiasColumn] = finite_or_zero(layer.b(j));
      r[abi::kWeightSlopeColumn] = layer.prelu_alpha.size() > j ? finite_or_zero(layer.prelu_alpha(j)) : 0.0f;
    }
  }
  glBindTexture(GL_TEXTURE_2D, weights_texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  // same shape as last frame: update in place, so the driver need not allocate new storage
  if (std::max(rows, 1) != weight_rows_) {
    weight_rows_ = std::max(rows, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, kWeightColumns, weight_rows_, 0, GL_RED, GL_FLOAT, staging_.data());
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, kWeightColumns, weight_rows_, GL_RED, GL_FLOAT, staging_.data());
  }
}

void PlaneRenderer::draw_field(const PlaneScene& scene, int input_dim) {
  const auto& weights = *scene.weights;
  upload_weights(weights);
  const int layer_count = static_cast<int>(std::min<size_t>(weights.size(), kMaxLayers));
  int widths[kMaxLayers] = {}, rows[kMaxLayers] = {}, kinds[kMaxLayers] = {};
  float alphas[kMaxLayers] = {};
  int row = 0;
  for (int l = 0; l < layer_count; ++l) {
    const auto& layer = weights[static_cast<size_t>(l)];
    widths[l] = static_cast<int>(layer.w.rows());
    rows[l] = row;
    row += widths[l];
    kinds[l] = abi::activation_code(layer.activation.kind);
    alphas[l] = layer.activation.kind == core::ActivationKind::RReLU
                    ? static_cast<float>((layer.activation.lower + layer.activation.upper) / 2)
                    : static_cast<float>(layer.activation.alpha);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, field_framebuffer_);
  glViewport(0, 0, field_width_, field_height_);
  glUseProgram(field_program_);
  glUniform4fv(field_u_.view, 1, scene.view);
  glUniform1i(field_u_.layer_count, layer_count);
  glUniform1iv(field_u_.width, kMaxLayers, widths);
  glUniform1iv(field_u_.row, kMaxLayers, rows);
  glUniform1iv(field_u_.activation, kMaxLayers, kinds);
  glUniform1fv(field_u_.alpha, kMaxLayers, alphas);
  glUniform1i(field_u_.input_dim, input_dim);
  glUniform1i(field_u_.output_kind, output_kind(scene));
  glUniform1i(field_u_.field_layer, scene.field_layer);
  glUniform1i(field_u_.field_unit, scene.field_unit);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, weights_texture_);
  glUniform1i(field_u_.weights, 0);
  glBindVertexArray(empty_vao_);
  glDrawArrays(GL_TRIANGLES, 0, 6);
}

int PlaneRenderer::output_kind(const PlaneScene& scene) {
  if (scene.regression) return abi::kOutputLinear;
  return scene.weights->back().w.rows() > 1 ? abi::kOutputSoftmax : abi::kOutputSigmoid;
}

bool PlaneRenderer::draw(const PlaneScene& scene, int width, int height) {
  const SavedGlState saved;  // everything below may change it; put back on return
  if (!ensure_resources()) return false;
  width = std::max(width, 1);
  height = std::max(height, 1);
  if (width != width_ || height != height_) {
    width_ = width;
    height_ = height;
    resize_target(framebuffer_, color_texture_, width, height, GL_LINEAR);
  }
  const int cell = field_cell_px(width, height, scene.weights);
  const int field_w = std::max(2, (width + cell - 1) / cell), field_h = std::max(2, (height + cell - 1) / cell);
  if (field_w != field_width_ || field_h != field_height_) {
    field_width_ = field_w;
    field_height_ = field_h;
    resize_target(field_framebuffer_, field_texture_, field_width_, field_height_, GL_NEAREST);
  }
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);

  const bool have_net = scene.weights && !scene.weights->empty() && scene.data;
  const int input_dim = scene.data ? static_cast<int>(std::min<Eigen::Index>(scene.data->x_train.rows(), 2)) : 2;

  // ---- pass 1: the forward pass on the coarse grid ----
  if (have_net) draw_field(scene, input_dim);

  // ---- pass 2: interpolated field, axes ----
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
  glViewport(0, 0, width, height);
  glUseProgram(plane_program_);
  glUniform4fv(plane_u_.view, 1, scene.view);
  set_palette(plane_u_.class0, plane_u_.class1, palette_);
  glUniform3fv(plane_u_.state_color, abi::kStateCount, &palette_.state[0].r);
  glUniform1i(plane_u_.input_dim, input_dim);
  glUniform1f(plane_u_.field_opacity, scene.field_opacity);
  glUniform2f(plane_u_.value_range, scene.value_range[0], scene.value_range[1]);
  glUniform2i(plane_u_.field_size, field_width_, field_height_);
  glUniform1i(plane_u_.layer_count, have_net ? static_cast<int>(scene.weights->size()) : 0);
  glUniform1i(plane_u_.field_layer, scene.field_layer);
  int unit_count = 0;
  float units[kMaxUnits * 4] = {};
  if (have_net) {
    glUniform1i(plane_u_.output_kind, output_kind(scene));
    const auto& first = scene.weights->front();
    unit_count = static_cast<int>(std::min<Eigen::Index>(first.w.rows(), kMaxUnits));
    for (int u = 0; u < unit_count; ++u) {
      units[u * 4 + 0] = finite_or_zero(first.w(u, 0));
      units[u * 4 + 1] = first.w.cols() > 1 ? finite_or_zero(first.w(u, 1)) : 0.0f;
      units[u * 4 + 2] = finite_or_zero(first.b(u));
      int state = 0;
      if (scene.census && !scene.census->layers.empty() && u < static_cast<int>(scene.census->layers[0].units.size()))
        state = static_cast<int>(scene.census->layers[0].units[static_cast<size_t>(u)].state);
      units[u * 4 + 3] = static_cast<float>(state);
    }
  }
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, field_texture_);
  glUniform1i(plane_u_.field, 0);
  glBindVertexArray(empty_vao_);
  glDrawArrays(GL_TRIANGLES, 0, 6);

  // ---- pass 3: first-layer units, one quad each around its line ----
  if (unit_count > 0) {
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(units_program_);
    glUniform4fv(units_u_.view, 1, scene.view);
    glUniform2f(units_u_.target_px, static_cast<float>(width), static_cast<float>(height));
    glUniform4fv(units_u_.units, kMaxUnits, units);
    glUniform1i(units_u_.input_dim, input_dim);
    glUniform1i(units_u_.hovered, scene.hovered_unit);
    glUniform1i(units_u_.selected, scene.selected_unit);
    glUniform3fv(units_u_.state_color, abi::kStateCount, &palette_.state[0].r);
    glDrawArraysInstanced(GL_TRIANGLES, 0, 6, unit_count);
    glDisable(GL_BLEND);
  }

  // ---- pass 4: points ----
  if (scene.data) {
    upload_points(scene);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
#ifndef __EMSCRIPTEN__
    glEnable(GL_PROGRAM_POINT_SIZE);
#endif
    glUseProgram(points_program_);
    glUniform4fv(points_u_.view, 1, scene.view);
    glUniform1f(points_u_.point_px, scene.point_px);
    glUniform1i(points_u_.input_dim, input_dim);
    glUniform1i(points_u_.regression, scene.regression ? 1 : 0);
    set_palette(points_u_.class0, points_u_.class1, palette_);
    glUniform3fv(points_u_.class_palette, abi::kMaxClasses, &palette_.classes[0].r);
    glUniform1i(points_u_.class_count, scene.data ? std::min(scene.data->classes, abi::kMaxClasses) : 2);
    float selected[4] = {0, 0, 0, 0};
    const int focus = scene.hovered_unit >= 0 ? scene.hovered_unit : scene.selected_unit;
    if (have_net && focus >= 0 && focus < scene.weights->front().w.rows()) {
      const auto& first = scene.weights->front();
      selected[0] = finite_or_zero(first.w(focus, 0));
      selected[1] = first.w.cols() > 1 ? finite_or_zero(first.w(focus, 1)) : 0.0f;
      selected[2] = finite_or_zero(first.b(focus));
      selected[3] = 1.0f;
    }
    glUniform4fv(points_u_.selected_unit, 1, selected);
    glBindVertexArray(points_vao_);
    glUniform1i(points_u_.hollow, 0);
    glDrawArrays(GL_POINTS, 0, point_count_);
    if (test_point_count_ > 0) {  // the held-out points as rings: seen, but not what the net trains on
      glUniform1i(points_u_.hollow, 1);
      glDrawArrays(GL_POINTS, point_count_, test_point_count_);
    }
    glDisable(GL_BLEND);
  }
  return true;
}

}  // namespace relulab::render
