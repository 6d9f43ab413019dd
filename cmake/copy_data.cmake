# copy_data.cmake — run at build time (cmake -P) by the relulab_data target: copies the real data sets that
# scripts/setup left in FROM (.cache/data) to TO (<build>/data or <build>/site/data), each only when it
# changed. A set that is missing is reported, not fatal: everything but data=<that set> works without it.
string(REPLACE "," ";" NAMES "${NAMES}")  # passed comma-separated (a ; would split the shell command)
foreach(name ${NAMES})
  if(EXISTS "${FROM}/${name}.csv")
    file(COPY_FILE "${FROM}/${name}.csv" "${TO}/${name}.csv" ONLY_IF_DIFFERENT)
  else()
    message(STATUS "${FROM}/${name}.csv is missing: run scripts/setup to fetch the real data sets (data=${name} says so until then)")
  endif()
endforeach()
