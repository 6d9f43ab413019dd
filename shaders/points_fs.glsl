// points_fs — round points with a thin dark rim, coloured by class (label in [0, 1]; regression uses 0.5).
in float v_label;
in float v_lit;
out vec4 frag_color;
uniform vec3 u_class0;
uniform vec3 u_class1;
uniform int u_regression;

void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  float r = length(p);
  if (r > 1.0) discard;
  vec3 fill = u_regression == 1 ? vec3(0.25) : mix(u_class0, u_class1, clamp(v_label, 0.0, 1.0));
  vec3 color = mix(fill, vec3(0.1), smoothstep(0.6, 0.8, r));
  float alpha = (1.0 - smoothstep(0.85, 1.0, r)) * v_lit;
  frag_color = vec4(color, alpha);
}
