# font.cmake — the UI font: DejaVu Sans (Debian's fonts-dejavu-core), cut down with fontTools.subset
# (Debian's python3-fonttools, run by Debian's own python3) to the characters the lab writes, and embedded
# as a byte array (~28 KB instead of 760 KB).
set(RELULAB_FONT_SOURCE "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH "UI font (TTF)")
set(RELULAB_PYTHON "/usr/bin/python3" CACHE FILEPATH "A python3 that has fontTools")
set(RELULAB_FONT_RANGES
    "U+0020-007E,U+00A0-00FF,U+0391-03C9,U+2013-2014,U+2018-201D,U+2022,U+2026,U+2190-2193,U+2212,U+2264-2265,U+221E,U+2248,U+25A0,U+25B6,U+25CF,U+2713,U+2717")
set(RELULAB_FONT_TTF "${CMAKE_BINARY_DIR}/generated/ui_font.ttf")
set(RELULAB_FONT_CPP "${CMAKE_BINARY_DIR}/generated/ui_font.cpp")
add_custom_command(
  OUTPUT "${RELULAB_FONT_CPP}"
  COMMAND ${RELULAB_PYTHON} -m fontTools.subset "${RELULAB_FONT_SOURCE}" --unicodes=${RELULAB_FONT_RANGES}
          --output-file=${RELULAB_FONT_TTF} --no-hinting --desubroutinize --drop-tables+=FFTM
  COMMAND ${CMAKE_COMMAND} -DINPUT=${RELULAB_FONT_TTF} -DOUTPUT=${RELULAB_FONT_CPP}
          -P "${CMAKE_SOURCE_DIR}/cmake/embed_bytes_script.cmake"
  DEPENDS "${RELULAB_FONT_SOURCE}" "${CMAKE_SOURCE_DIR}/cmake/embed_bytes_script.cmake"
  COMMENT "Subsetting and embedding the UI font")
