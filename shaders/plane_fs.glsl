// plane_fs — the data plane's background, per pixel:
//  1. the network's output field: the whole forward pass runs here, weights read from a float texture
//     (row r = one unit: incoming weights in columns 0..63, bias in 64, PReLU slope in 65); or, when a unit
//     is selected, that unit's own pre-activation z (any layer) with contours and its zero contour bold;
//  2. for 1-D regression, the network's curve y = f(x);
//  3. every first-layer unit's line w.x + b = 0 with a soft band on its active side (z > 0);
//     dead units dashed, inactive-but-learning units dotted, the hovered/selected unit thicker.
in vec2 v_data;
out vec4 frag_color;

uniform sampler2D u_weights;
uniform int u_layer_count;       // hidden layers + the output layer
uniform int u_width[9];
uniform int u_row[9];
uniform int u_fan_in[9];
uniform int u_activation[9];     // 0 relu 1 leaky 2 prelu 3 rrelu 4 elu 5 selu 6 tanh 7 sigmoid 8 linear
uniform float u_alpha[9];
uniform int u_input_dim;         // 1 or 2
uniform int u_output_kind;       // 0 linear (regression), 1 sigmoid, 2 softmax
uniform vec2 u_value_range;      // regression: the colour scale's range
uniform float u_field_opacity;
uniform int u_field_layer;       // >= 0: show z of unit u_field_unit in this layer instead of the output
uniform int u_field_unit;

uniform vec4 u_units[64];        // first-layer units: (w1, w2, b, state); state 0 alive 1 dead 2 inactive 3 saturated 4 revived
uniform int u_unit_count;
uniform int u_hovered;
uniform int u_selected;

uniform vec3 u_class0;
uniform vec3 u_class1;
uniform vec3 u_state_color[5];

float activate(float z, int kind, float alpha, float slope) {
  if (kind == 0) return max(z, 0.0);
  if (kind == 1 || kind == 3) return z > 0.0 ? z : alpha * z;
  if (kind == 2) return z > 0.0 ? z : slope * z;
  if (kind == 4) return z > 0.0 ? z : alpha * (exp(z) - 1.0);
  if (kind == 5) return 1.0507009873554805 * (z > 0.0 ? z : 1.6732632423543772 * (exp(z) - 1.0));
  if (kind == 6) return tanh(z);
  if (kind == 7) return 1.0 / (1.0 + exp(-z));
  return z;
}

// Forward pass of the whole network at input x; returns the value the field shows: the output, or z of
// the selected unit.
float network_output(vec2 x) {
  float current[64];
  float next[64];
  current[0] = x.x;
  current[1] = x.y;
  int width = u_input_dim;
  float out_value = 0.0;
  for (int l = 0; l < u_layer_count; ++l) {
    for (int j = 0; j < u_width[l]; ++j) {
      int row = u_row[l] + j;
      float z = texelFetch(u_weights, ivec2(64, row), 0).r;
      for (int i = 0; i < width; ++i) z += texelFetch(u_weights, ivec2(i, row), 0).r * current[i];
      if (l == u_field_layer && j == u_field_unit) return z;
      float slope = texelFetch(u_weights, ivec2(65, row), 0).r;
      next[j] = (l == u_layer_count - 1) ? z : activate(z, u_activation[l], u_alpha[l], slope);
    }
    width = u_width[l];
    for (int j = 0; j < width; ++j) current[j] = next[j];
  }
  if (u_output_kind == 1) return 1.0 / (1.0 + exp(-current[0]));
  if (u_output_kind == 2) {
    float m = current[0];
    for (int j = 1; j < width; ++j) m = max(m, current[j]);
    float sum = 0.0;
    for (int j = 0; j < width; ++j) sum += exp(current[j] - m);
    return exp(current[width > 1 ? 1 : 0] - m) / sum;
  }
  return current[0];
}

void main() {
  vec3 color = vec3(0.975);

  // 1. output field / curve
  if (u_layer_count > 0) {
    float f = network_output(v_data);
    if (u_field_layer >= 0 && u_input_dim == 2) {
      // the selected unit's z: tinted where it is active, contour every 0.5, the zero contour bold
      float fw = max(fwidth(f), 1e-6);
      float is_active = step(0.0, f);
      color = mix(color, mix(vec3(0.78), u_state_color[0], is_active), 0.35);
      float minor = abs(fract(f * 2.0 + 0.5) - 0.5) / (2.0 * fw);
      color = mix(color, vec3(0.35), 0.35 * clamp(1.0 - minor, 0.0, 1.0));
      color = mix(color, vec3(0.05), clamp(2.0 - abs(f) / fw, 0.0, 1.0));
    } else if (u_input_dim == 2) {
      vec3 field;
      if (u_output_kind == 0) {
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

  // 2. first-layer units: active-side band, then the line itself
  for (int u = 0; u < u_unit_count; ++u) {
    vec4 unit = u_units[u];
    float z = unit.x * v_data.x + unit.y * (u_input_dim == 2 ? v_data.y : 0.0) + unit.z;
    vec2 gradient_px = vec2(dFdx(z), dFdy(z));
    float dist_px = z / max(length(gradient_px), 1e-6);  // signed distance in pixels
    int state = int(unit.w + 0.5);
    vec3 ink = u_state_color[state];
    bool emphasized = (u == u_hovered || u == u_selected);
    float band = emphasized ? 26.0 : 12.0;
    if (dist_px > 0.0) color = mix(color, ink, (emphasized ? 0.28 : 0.16) * (1.0 - smoothstep(0.0, band, dist_px)));
    // position along the line, in pixels, for dashes and dots
    vec2 w = vec2(unit.x, u_input_dim == 2 ? unit.y : 0.0);
    vec2 along_dir = normalize(vec2(-w.y, w.x) + vec2(1e-9, 0.0));
    float along = dot(v_data, along_dir) / max(length(fwidth(v_data)) * 0.7071, 1e-6);
    float pattern = 1.0;
    if (state == 1) pattern = step(mod(along, 14.0), 8.0);            // dead: dashes
    if (state == 2) pattern = step(mod(along, 7.0), 3.0);             // inactive: dots
    float half_width = emphasized ? 2.2 : 1.1;
    float coverage = clamp(half_width + 0.5 - abs(dist_px), 0.0, 1.0) * pattern;
    color = mix(color, ink * 0.8, coverage);
  }
  frag_color = vec4(color, 1.0);
}
