// points_fs — round points with a thin dark rim, coloured by class: two classes blend class0..class1 by the
// label; more classes take their colour from u_class_palette; regression points are grey.
in float v_label;
in float v_lit;
out vec4 frag_color;
uniform vec3 u_class0;
uniform vec3 u_class1;
uniform int u_regression;
uniform vec3 u_class_palette[RL_MAX_CLASSES];
uniform int u_class_count;
uniform int u_hollow;          // 1: a held-out (test) point, drawn as a ring

void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  float r = length(p);
  if (r > 1.0 || (u_hollow == 1 && r < 0.45)) discard;
  vec3 fill = u_regression == 1 ? vec3(0.25)
            : u_class_count > 2 ? u_class_palette[clamp(int(v_label + 0.5), 0, RL_MAX_CLASSES - 1)]
            : mix(u_class0, u_class1, clamp(v_label, 0.0, 1.0));
  vec3 color = mix(fill, vec3(0.1), smoothstep(0.6, 0.8, r));
  float alpha = (1.0 - smoothstep(0.85, 1.0, r)) * v_lit;
  frag_color = vec4(color, alpha);
}
