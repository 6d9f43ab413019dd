# imgui.cmake — Dear ImGui from IMGUI_DIR (Debian's source package unpacked by scripts/setup, or any
# checkout of tag v1.90.1), plus the GL backend pair and the platform's GL.
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in IMGUI_DIR='${IMGUI_DIR}'. "
                      "Run scripts/setup, or pass -DIMGUI_DIR=<checkout of ImGui v1.90.1>.")
endif()

# The platform's GL: WebGL2 through emscripten, or desktop OpenGL (3.3 core) with GLFW.
add_library(relulab_gl INTERFACE)
if(EMSCRIPTEN)
  target_compile_definitions(relulab_gl INTERFACE IMGUI_IMPL_OPENGL_ES3)
  target_link_options(relulab_gl INTERFACE -sUSE_GLFW=3 -sUSE_WEBGL2=1)
else()
  find_package(OpenGL REQUIRED)
  find_package(glfw3 REQUIRED)
  target_link_libraries(relulab_gl INTERFACE OpenGL::GL glfw)
endif()

# Object files of ImGui are slow to build: they live in their own target so edits to our code never
# rebuild them. Compiled without our warnings.
add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR})
# 32-bit vertex indices: WebGL2 and GL ES have no base-vertex draw, so with ImGui's default 16-bit indices a
# window holding more than 65 536 vertices wraps its indices and draws stray triangles across the screen.
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_DEBUG_TOOLS
                                        "ImDrawIdx=unsigned int")

add_library(imgui_backend STATIC
  ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui_backend SYSTEM PUBLIC ${IMGUI_DIR}/backends)
target_link_libraries(imgui_backend PUBLIC imgui relulab_gl)
