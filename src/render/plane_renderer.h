// plane_renderer.h — draws one twin's data plane into an offscreen texture: the network's output field
// (forward pass on the GPU, on a coarse grid that is interpolated per pixel), first-layer unit lines with
// their active sides, and the data points.
// It reads core data (weights, data set, census); it never changes them. The texture is shown by the UI.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/session.h"
#include "render/gl.h"
#include "render/shader_abi.h"

namespace relulab::render {

struct Rgb { float r, g, b; };

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
struct Palette {
  Rgb class0{0.0f, 0.447f, 0.698f};        // blue
  Rgb class1{0.902f, 0.624f, 0.0f};        // orange
  // More than two classes (digits, iris, wine): ten qualitative colours told apart with any colour vision
  // (Paul Tol's "muted" scheme, with a dark grey for the tenth).
  Rgb classes[abi::kMaxClasses] = {
      {0.800f, 0.400f, 0.467f}, {0.200f, 0.133f, 0.533f}, {0.867f, 0.800f, 0.467f}, {0.067f, 0.467f, 0.200f},
      {0.533f, 0.800f, 0.933f}, {0.533f, 0.133f, 0.333f}, {0.267f, 0.667f, 0.600f}, {0.600f, 0.600f, 0.200f},
      {0.667f, 0.267f, 0.600f}, {0.333f, 0.333f, 0.333f}};
  Rgb state[abi::kStateCount] = {  // indexed by unit-state code
      {0.0f, 0.620f, 0.451f},              // alive: bluish green
      {0.835f, 0.369f, 0.0f},              // dead: vermillion
      {0.800f, 0.475f, 0.655f},            // inactive, still learning: reddish purple
      {0.45f, 0.45f, 0.45f},               // saturated: grey
      {0.337f, 0.706f, 0.914f},            // revived: sky blue
  };
};

struct PlaneScene {
  const core::Dataset* data = nullptr;
  std::uint64_t data_generation = 0;       // bump when the data set changes: points are re-uploaded
  const core::Matrix* points = nullptr;    // (2, n) plane coordinates of the training points; nullptr: the
                                           // data's own first two coordinates (1-D data: x and target)
  const core::Matrix* test_points = nullptr;  // the same for the held-out points (drawn as rings)
  const std::vector<core::LayerWeights>* weights = nullptr;  // first layer in plane coordinates
  const core::TwinCensus* census = nullptr;
  float view[4] = {-1.5f, -1.5f, 1.5f, 1.5f};  // x0, y0, x1, y1 in data coordinates
  int hovered_unit = -1;                   // first-layer unit index, -1 none
  int selected_unit = -1;
  int field_layer = -1;                    // >= 0: the field shows z of (field_layer, field_unit)
  int field_unit = -1;
  float point_px = 7.0f;                   // point diameter in framebuffer pixels
  float field_opacity = 0.35f;
  bool regression = false;
  float value_range[2] = {-1.0f, 1.0f};    // regression colour scale
};

class PlaneRenderer {
 public:
  PlaneRenderer() = default;
  ~PlaneRenderer();
  PlaneRenderer(const PlaneRenderer&) = delete;
  PlaneRenderer& operator=(const PlaneRenderer&) = delete;

  // Renders into the internal colour texture, resized to width x height framebuffer pixels.
  // Returns false (and error() says why) when the GL objects could not be created.
  bool draw(const PlaneScene& scene, int width, int height);
  GLuint texture() const { return color_texture_; }
  const std::string& error() const { return error_; }

 private:
  bool ensure_resources();
  void upload_points(const PlaneScene& scene);
  void upload_weights(const std::vector<core::LayerWeights>& weights);
  void draw_field(const PlaneScene& scene, int input_dim);
  static int output_kind(const PlaneScene& scene);

  // Uniform locations, looked up once when the programs are linked.
  struct FieldUniforms {
    GLint view, layer_count, width, row, activation, alpha, input_dim, output_kind, field_layer, field_unit, weights;
  };
  struct PlaneUniforms {
    GLint view, class0, class1, state_color, input_dim, field_opacity, value_range, field_size, layer_count,
        field_layer, output_kind, field;
  };
  struct UnitsUniforms { GLint view, target_px, units, input_dim, hovered, selected, state_color; };
  struct PointsUniforms { GLint view, point_px, input_dim, regression, class0, class1, selected_unit, class_palette, class_count, hollow; };

  GLuint field_program_ = 0, plane_program_ = 0, units_program_ = 0, points_program_ = 0;
  FieldUniforms field_u_{};
  PlaneUniforms plane_u_{};
  UnitsUniforms units_u_{};
  PointsUniforms points_u_{};
  GLuint framebuffer_ = 0, color_texture_ = 0;
  GLuint field_framebuffer_ = 0, field_texture_ = 0;   // the coarse grid of encoded field values
  int field_width_ = 0, field_height_ = 0;
  int weight_rows_ = 0;                                 // rows of weights_texture_ as allocated
  GLuint empty_vao_ = 0, points_vao_ = 0, points_vbo_ = 0, weights_texture_ = 0;
  int width_ = 0, height_ = 0;
  int point_count_ = 0;
  int test_point_count_ = 0;  // held-out points, after the training points in the same buffer
  std::uint64_t uploaded_generation_ = ~std::uint64_t{0};
  std::vector<float> staging_;
  Palette palette_;
  std::string error_;
};

}  // namespace relulab::render
