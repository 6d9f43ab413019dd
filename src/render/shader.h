// shader.h — builds GL programs from the GLSL bodies embedded from shaders/ (relulab_embed_texts in
// cmake/embed.cmake), prepending "#version 300 es" (web) or "#version 330 core" (desktop) and the
// `#define RL_...` lines of shader_abi.h. Failures are reported in *log, not thrown.
#pragma once

#include <string>

#include "core/embedded_text.h"
#include "render/gl.h"

namespace relulab::render {

const core::EmbeddedText* embedded_shaders(std::size_t* count);  // generated from shaders/*.glsl

// Compiles and links shaders/<vertex>.glsl + shaders/<fragment>.glsl. Returns 0 and fills *log on failure.
GLuint build_program(const char* vertex, const char* fragment, std::string* log);

}  // namespace relulab::render
