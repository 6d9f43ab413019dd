// shader.cpp — compile/link with the per-platform prelude: the #version line (and precisions on the web),
// then shader_abi.h's #defines, then the body from shaders/.
#include "render/shader.h"

#include <vector>

#include "render/shader_abi.h"

namespace relulab::render {
namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* kVersion = "#version 300 es\nprecision highp float;\nprecision highp int;\nprecision highp sampler2D;\n";
#else
constexpr const char* kVersion = "#version 330 core\n";
#endif

const std::string& prelude() {
  static const std::string text = std::string(kVersion) + abi::glsl_defines() + "#line 1\n";
  return text;
}

// The info log of a shader or program that failed, through the matching pair of GL getters; true if ok.
using GetIv = void (*)(GLuint, GLenum, GLint*);
using GetLog = void (*)(GLuint, GLsizei, GLsizei*, GLchar*);
bool succeeded(GLuint object, GLenum status, GetIv get_iv, GetLog get_log, std::string* log) {
  GLint ok = 0;
  get_iv(object, status, &ok);
  if (ok) return true;
  GLint length = 0;
  get_iv(object, GL_INFO_LOG_LENGTH, &length);
  std::vector<char> text(static_cast<size_t>(length > 0 ? length : 1), '\0');
  get_log(object, length, nullptr, text.data());
  *log += text.data();
  return false;
}

GLuint compile(GLenum kind, const char* name, std::string* log) {
  std::size_t count = 0;
  const core::EmbeddedText* table = embedded_shaders(&count);
  const char* body = core::find_embedded(table, count, name);
  if (!body) {
    *log = std::string("no shader named ") + name;
    return 0;
  }
  const char* sources[2] = {prelude().c_str(), body};
  GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 2, sources, nullptr);
  glCompileShader(shader);
  *log = std::string(name) + ": ";
  if (!succeeded(shader, GL_COMPILE_STATUS, glGetShaderiv, glGetShaderInfoLog, log)) {
    glDeleteShader(shader);
    return 0;
  }
  log->clear();
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
  *log = std::string("link ") + vertex + "+" + fragment + ": ";
  if (!succeeded(program, GL_LINK_STATUS, glGetProgramiv, glGetProgramInfoLog, log)) {
    glDeleteProgram(program);
    return 0;
  }
  log->clear();
  return program;
}

}  // namespace relulab::render
