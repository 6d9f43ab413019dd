# shaders.cmake — embed every shaders/*.glsl body in the binary as a string, so the web build needs no
# file fetches and the desktop build no working directory. The loader prepends the #version line.
function(relulab_embed_shaders out_var shader_dir)
  file(GLOB shader_files CONFIGURE_DEPENDS "${shader_dir}/*.glsl")
  set(generated "${CMAKE_BINARY_DIR}/generated/embedded_shaders.cpp")
  add_custom_command(
    OUTPUT "${generated}"
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${generated} -DSHADER_DIR=${shader_dir}
            -P "${CMAKE_SOURCE_DIR}/cmake/embed_shaders_script.cmake"
    DEPENDS ${shader_files} "${CMAKE_SOURCE_DIR}/cmake/embed_shaders_script.cmake"
    COMMENT "Embedding shaders")
  set(${out_var} "${generated}" PARENT_SCOPE)
endfunction()
