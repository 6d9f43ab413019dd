// units_fs — a unit's active-side band fading over a few pixels, then its line on top: dashed when dead,
// dotted when inactive but still learning, thicker when hovered or selected. Output is premultiplied
// (blend ONE, ONE_MINUS_SRC_ALPHA), so band-then-line equals painting the two one after the other.
in vec2 v_px;
flat in vec4 v_line;
flat in float v_emphasized;
out vec4 frag_color;

uniform vec3 u_state_color[RL_STATE_COUNT];  // indexed by RL_STATE_*

void main() {
  float dist_px = dot(v_line.xy, v_px) + v_line.z;   // signed distance to the line, z > 0 side positive
  int state = int(v_line.w + 0.5);
  vec3 ink = u_state_color[state];
  bool emphasized = v_emphasized > 0.5;
  float band = emphasized ? 26.0 : 12.0;
  float band_alpha = dist_px > 0.0 ? (emphasized ? 0.36 : 0.24) * (1.0 - smoothstep(0.0, band, dist_px)) : 0.0;
  float along = dot(vec2(-v_line.y, v_line.x), v_px);
  float pattern = 1.0;
  if (state == RL_STATE_DEAD) pattern = step(mod(along, 14.0), 8.0);   // dead: dashes
  if (state == RL_STATE_INACTIVE) pattern = step(mod(along, 7.0), 3.0);    // inactive: dots
  float half_width = emphasized ? 2.2 : 1.1;
  float line_alpha = clamp(half_width + 0.5 - abs(dist_px), 0.0, 1.0) * pattern;
  vec3 premultiplied = ink * band_alpha * (1.0 - line_alpha) + ink * 0.8 * line_alpha;
  frag_color = vec4(premultiplied, 1.0 - (1.0 - band_alpha) * (1.0 - line_alpha));
}
