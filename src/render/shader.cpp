// shader.cpp — compile/link with the per-platform prelude.
#include "render/shader.h"

#include <vector>

namespace relulab::render {
namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* kPrelude = "#version 300 es\nprecision highp float;\nprecision highp int;\nprecision highp sampler2D;\n";
#else
constexpr const char* kPrelude = "#version 330 core\n";
#endif

GLuint compile(GLenum kind, const char* name, std::string* log) {
  std::size_t count = 0;
  const core::EmbeddedText* table = embedded_shaders(&count);
  const char* body = core::find_embedded(table, count, name);
  if (!body) {
    *log = std::string("no shader named ") + name;
    return 0;
  }
  const char* sources[2] = {kPrelude, body};
  GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 2, sources, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> text(static_cast<size_t>(length > 0 ? length : 1), '\0');
    glGetShaderInfoLog(shader, length, nullptr, text.data());
    *log = std::string(name) + ": " + text.data();
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

}  // namespace

GLuint build_program(const char* vertex, const char* fragment, std::string* log) {
  GLuint vs = compile(GL_VERTEX_SHADER, vertex, log);
  if (!vs) return 0;
  GLuint fs = compile(GL_FRAGMENT_SHADER, fragment, log);
  if (!fs) {
    glDeleteShader(vs);
    return 0;
  }
  GLuint program = glCreateProgram();
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    GLint length = 0;
    glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> text(static_cast<size_t>(length > 0 ? length : 1), '\0');
    glGetProgramInfoLog(program, length, nullptr, text.data());
    *log = std::string("link ") + vertex + "+" + fragment + ": " + text.data();
    glDeleteProgram(program);
    return 0;
  }
  return program;
}

}  // namespace relulab::render
