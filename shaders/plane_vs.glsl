// plane_vs — a full-viewport quad (two triangles from gl_VertexID) that hands each fragment its position
// in data coordinates. u_view = (x0, y0, x1, y1) of the visible data rectangle.
uniform vec4 u_view;
out vec2 v_data;

void main() {
  vec2 corner = vec2(float((gl_VertexID == 1 || gl_VertexID == 2 || gl_VertexID == 4) ? 1 : 0),
                     float((gl_VertexID == 2 || gl_VertexID == 4 || gl_VertexID == 5) ? 1 : 0));
  v_data = mix(u_view.xy, u_view.zw, corner);
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
