# embed.cmake — relulab_embed_texts(OUT_VAR GLOB NAMESPACE FUNCTION): generates a .cpp that holds every
# file matching GLOB as a string (see embed_texts_script.cmake) and puts its path in OUT_VAR. Used for the
# shaders (the web build needs no file fetches) and the lessons (the lab and the CLI read the same data).
function(relulab_embed_texts out_var glob namespace function)
  file(GLOB inputs CONFIGURE_DEPENDS "${glob}")
  set(generated "${CMAKE_BINARY_DIR}/generated/${function}.cpp")
  add_custom_command(
    OUTPUT "${generated}"
    COMMAND ${CMAKE_COMMAND} "-DGLOB=${glob}" -DOUTPUT=${generated} -DNAMESPACE=${namespace} -DFUNCTION=${function}
            -P "${CMAKE_SOURCE_DIR}/cmake/embed_texts_script.cmake"
    DEPENDS ${inputs} "${CMAKE_SOURCE_DIR}/cmake/embed_texts_script.cmake"
    COMMENT "Embedding ${glob}")
  set(${out_var} "${generated}" PARENT_SCOPE)
endfunction()
