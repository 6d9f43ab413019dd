// points_vs — one data point per vertex: (x, y, label). For 1-D data y is the regression target.
// Points on which the selected first-layer unit is inactive (z <= 0) fade, so a dead unit shows as "no
// point lights up".
layout(location = 0) in vec3 a_point;
uniform vec4 u_view;
uniform float u_point_px;
uniform vec4 u_selected_unit;   // (w1, w2, b, 1 if a unit is selected else 0)
uniform int u_input_dim;
out float v_label;
out float v_lit;

void main() {
  vec2 ndc = (a_point.xy - u_view.xy) / (u_view.zw - u_view.xy) * 2.0 - 1.0;
  gl_Position = vec4(ndc, 0.0, 1.0);
  gl_PointSize = u_point_px;
  v_label = a_point.z;
  float z = u_selected_unit.x * a_point.x + u_selected_unit.y * (u_input_dim == 2 ? a_point.y : 0.0) + u_selected_unit.z;
  v_lit = (u_selected_unit.w < 0.5 || z > 0.0) ? 1.0 : 0.25;
}
