// field_fs — the network's forward pass, one fragment per cell of a coarse grid over the view (the lab
// draws the field at a few framebuffer pixels per cell and plane_fs interpolates it): the value is the
// network's output, or z of the selected unit (any layer). Weights are read from a float texture: row r =
// one unit, incoming weights in columns 0..RL_MAX_UNITS-1, then bias, then PReLU slope (shader_abi.h).
//
// The value is stored in an ordinary RGBA8 texture (renderable everywhere, no float-target extension),
// squashed into [0, 1) by t = 0.5 + 0.5 v / (|v| + 1) and kept to 24 bits in RGB: better than 1e-7 near 0
// and 1e-3 at |v| = 100, which is what contours and colour scales need. plane_fs inverts it.
in vec2 v_data;
out vec4 frag_color;

uniform sampler2D u_weights;
uniform int u_layer_count;       // hidden layers + the output layer
uniform int u_width[RL_MAX_LAYERS];
uniform int u_row[RL_MAX_LAYERS];
uniform int u_activation[RL_MAX_LAYERS];  // RL_ACT_* codes
uniform float u_alpha[RL_MAX_LAYERS];
uniform int u_input_dim;         // 1 or 2
uniform int u_output_kind;       // RL_OUTPUT_LINEAR (regression), _SIGMOID or _SOFTMAX
uniform int u_field_layer;       // >= 0: show z of unit u_field_unit in this layer instead of the output
uniform int u_field_unit;

float activate(float z, int kind, float alpha, float slope) {
  if (kind == RL_ACT_RELU) return max(z, 0.0);
  if (kind == RL_ACT_LEAKY || kind == RL_ACT_RRELU) return z > 0.0 ? z : alpha * z;
  if (kind == RL_ACT_PRELU) return z > 0.0 ? z : slope * z;
  if (kind == RL_ACT_ELU) return z > 0.0 ? z : alpha * (exp(z) - 1.0);
  if (kind == RL_ACT_SELU) return 1.0507009873554805 * (z > 0.0 ? z : 1.6732632423543772 * (exp(z) - 1.0));
  if (kind == RL_ACT_TANH) return tanh(z);
  if (kind == RL_ACT_SIGMOID) return 1.0 / (1.0 + exp(-z));
  return z;
}

// Forward pass of the whole network at input x; returns the value the field shows: the output, or z of
// the selected unit.
float network_output(vec2 x) {
  float current[RL_MAX_UNITS];
  float next[RL_MAX_UNITS];
  current[0] = x.x;
  current[1] = x.y;
  int width = u_input_dim;
  float out_value = 0.0;
  for (int l = 0; l < u_layer_count; ++l) {
    for (int j = 0; j < u_width[l]; ++j) {
      int row = u_row[l] + j;
      float z = texelFetch(u_weights, ivec2(RL_WEIGHT_BIAS_COLUMN, row), 0).r;
      for (int i = 0; i < width; ++i) z += texelFetch(u_weights, ivec2(i, row), 0).r * current[i];
      if (l == u_field_layer && j == u_field_unit) return z;
      float slope = texelFetch(u_weights, ivec2(RL_WEIGHT_SLOPE_COLUMN, row), 0).r;
      next[j] = (l == u_layer_count - 1) ? z : activate(z, u_activation[l], u_alpha[l], slope);
    }
    width = u_width[l];
    for (int j = 0; j < width; ++j) current[j] = next[j];
  }
  if (u_output_kind == RL_OUTPUT_SIGMOID) return 1.0 / (1.0 + exp(-current[0]));
  if (u_output_kind == RL_OUTPUT_SOFTMAX) {
    float m = current[0];
    for (int j = 1; j < width; ++j) m = max(m, current[j]);
    float sum = 0.0;
    for (int j = 0; j < width; ++j) sum += exp(current[j] - m);
    return exp(current[width > 1 ? 1 : 0] - m) / sum;
  }
  return current[0];
}

vec4 encode(float v) {
  float t = clamp(0.5 + 0.5 * v / (abs(v) + 1.0), 0.0, 1.0);
  float q = floor(t * 16777215.0 + 0.5);
  float r = floor(q / 65536.0);
  float g = floor((q - r * 65536.0) / 256.0);
  float b = q - r * 65536.0 - g * 256.0;
  return vec4(r, g, b, 255.0) / 255.0;
}

void main() {
  frag_color = encode(network_output(v_data));
}
