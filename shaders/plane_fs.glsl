// plane_fs — the data plane's background, per framebuffer pixel:
//  1. the field from field_fs (the network's output, or the selected unit's z with contours and its zero
//     contour bold), decoded and interpolated bilinearly between the coarse grid's cell centres;
//  2. for 1-D regression, the network's curve y = f(x);
//  3. faint axes through the origin.
// The units' lines are drawn over it by units_*.glsl.
in vec2 v_data;
out vec4 frag_color;

uniform vec4 u_view;             // x0, y0, x1, y1: the data rectangle the field grid covers
uniform sampler2D u_field;       // field_fs's encoded values, one texel per cell
uniform ivec2 u_field_size;
uniform int u_layer_count;       // 0: no network, no field
uniform int u_input_dim;         // 1 or 2
uniform int u_output_kind;       // RL_OUTPUT_LINEAR (regression), _SIGMOID or _SOFTMAX
uniform vec2 u_value_range;      // regression: the colour scale's range
uniform float u_field_opacity;
uniform int u_field_layer;       // >= 0: the field is z of a selected unit

uniform vec3 u_class0;
uniform vec3 u_class1;
uniform vec3 u_state_color[RL_STATE_COUNT];  // indexed by RL_STATE_*

// Inverse of field_fs's encode().
float field_at(ivec2 cell) {
  vec3 c = floor(texelFetch(u_field, clamp(cell, ivec2(0), u_field_size - 1), 0).rgb * 255.0 + 0.5);
  float t = (c.r * 65536.0 + c.g * 256.0 + c.b) / 16777215.0;
  float u = clamp(2.0 * t - 1.0, -0.9999999, 0.9999999);
  return u / (1.0 - abs(u));
}

float field_value(vec2 x) {
  vec2 grid = (x - u_view.xy) / (u_view.zw - u_view.xy) * vec2(u_field_size) - 0.5;
  vec2 base = floor(grid);
  vec2 f = grid - base;
  ivec2 i = ivec2(base);
  float bottom = mix(field_at(i), field_at(i + ivec2(1, 0)), f.x);
  float top = mix(field_at(i + ivec2(0, 1)), field_at(i + ivec2(1, 1)), f.x);
  return mix(bottom, top, f.y);
}

void main() {
  vec3 color = vec3(0.975);

  // 1. output field / curve
  if (u_layer_count > 0) {
    float f = field_value(v_data);
    if (u_field_layer >= 0 && u_input_dim == 2) {
      // the selected unit's z: tinted where it is active, contour every 0.5, the zero contour bold
      float fw = max(fwidth(f), 1e-6);
      float is_active = step(0.0, f);
      color = mix(color, mix(vec3(0.78), u_state_color[RL_STATE_ALIVE], is_active), 0.35);
      float minor = abs(fract(f * 2.0 + 0.5) - 0.5) / (2.0 * fw);
      color = mix(color, vec3(0.35), 0.35 * clamp(1.0 - minor, 0.0, 1.0));
      color = mix(color, vec3(0.05), clamp(2.0 - abs(f) / fw, 0.0, 1.0));
    } else if (u_input_dim == 2) {
      vec3 field;
      if (u_output_kind == RL_OUTPUT_LINEAR) {
        float t = clamp((f - u_value_range.x) / max(u_value_range.y - u_value_range.x, 1e-6), 0.0, 1.0);
        field = mix(u_class0, u_class1, t);
      } else {
        field = mix(u_class0, u_class1, clamp(f, 0.0, 1.0));
      }
      color = mix(color, field, u_field_opacity);
    } else {
      float d = v_data.y - f;
      float px = abs(d) / max(fwidth(d), 1e-6);
      color = mix(color, vec3(0.15), clamp(2.0 - px, 0.0, 1.0) * 0.9);
    }
  }

  // faint axes through the origin
  vec2 axis_px = abs(v_data) / max(fwidth(v_data), vec2(1e-6));
  color = mix(color, vec3(0.55), 0.35 * clamp(1.0 - min(axis_px.x, axis_px.y), 0.0, 1.0));

  frag_color = vec4(color, 1.0);
}
