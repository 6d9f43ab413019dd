// units_vs — one instance per first-layer unit: a quad around the unit's line w.x + b = 0, long enough to
// cross the whole view, reaching a few pixels onto the inactive side (the line's width) and the width of
// the active-side band onto the other. The fragment shader draws the band and the line inside it, so the
// cost is the pixels near lines, not every pixel times every unit.
uniform vec4 u_view;             // x0, y0, x1, y1 of the visible data rectangle
uniform vec2 u_target_px;        // framebuffer size in pixels
uniform vec4 u_units[RL_MAX_UNITS];  // (w1, w2, b, state) per unit; state an RL_STATE_* code
uniform int u_input_dim;
uniform int u_hovered;
uniform int u_selected;

out vec2 v_px;                   // this corner in framebuffer pixels
flat out vec4 v_line;            // the line in pixel space: (n.x, n.y, c, state) with n.p + c = signed distance
flat out float v_emphasized;

void main() {
  vec4 unit = u_units[gl_InstanceID];
  vec2 w = vec2(unit.x, u_input_dim == 2 ? unit.y : 0.0);
  // data -> pixels: p = (x - x0) * s, with s pixels per data unit on each axis; z = w.x + b in pixels:
  // w.(p / s + x0) + b = (w / s).p + (w.x0 + b)
  vec2 scale = u_target_px / (u_view.zw - u_view.xy);
  vec2 n = w / scale;
  float c = dot(w, u_view.xy) + unit.z;
  float length_n = length(n);
  bool emphasized = gl_InstanceID == u_hovered || gl_InstanceID == u_selected;
  float band = emphasized ? 26.0 : 12.0;
  float half_width = emphasized ? 2.2 : 1.1;
  if (length_n < 1e-12) {                  // no line: a degenerate quad draws nothing
    gl_Position = vec4(2.0, 2.0, 0.0, 1.0);
    v_px = vec2(0.0);
    v_line = vec4(0.0);
    v_emphasized = 0.0;
    return;
  }
  n /= length_n;
  c /= length_n;
  // the point of the line nearest the view's centre, and the direction along the line
  vec2 centre = 0.5 * u_target_px;
  vec2 foot = centre - (dot(n, centre) + c) * n;
  vec2 along = vec2(-n.y, n.x);
  float reach = length(u_target_px);
  int corner = gl_VertexID;
  float s = (corner == 1 || corner == 2 || corner == 4) ? 1.0 : -1.0;
  float t = (corner == 2 || corner == 4 || corner == 5) ? band + 1.0 : -(half_width + 1.0);
  vec2 p = foot + s * reach * along + t * n;
  v_px = p;
  v_line = vec4(n, c, unit.w);
  v_emphasized = emphasized ? 1.0 : 0.0;
  gl_Position = vec4(p / u_target_px * 2.0 - 1.0, 0.0, 1.0);
}
