// gl.h — the one place that picks the GL header: WebGL2 (GLES 3.0) on the web, OpenGL 3.3 core on the
// desktop (Mesa exports the core entry points; GL_GLEXT_PROTOTYPES declares them).
#pragma once

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
#endif
