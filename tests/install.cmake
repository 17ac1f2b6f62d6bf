# install.cmake: `cmake --install` puts the program, its manual page and its
# bash completion where a Debian system looks for them; the page has a
# section per command and renders without a warning where `man` is present.
#   cmake -DBUILD=build-dir -DDIR=scratch -P install.cmake
file(REMOVE_RECURSE "${DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${DIR}"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install: exit ${rc}\n${err}")
endif()
foreach(f bin/autonomy share/man/man1/autonomy.1 share/bash-completion/completions/autonomy)
  if(NOT EXISTS "${DIR}/${f}")
    message(FATAL_ERROR "${f} was not installed")
  endif()
endforeach()
file(READ "${DIR}/share/man/man1/autonomy.1" page)
foreach(cmd VALIDATE RUN MERGE COMPARE SEEK WEATHER BENCH)
  if(NOT page MATCHES "\n\\.SH \"AUTONOMY ${cmd}\"\n")
    message(FATAL_ERROR "the manual page has no section for ${cmd}")
  endif()
endforeach()
# every option of `autonomy run --help` is in the page
execute_process(COMMAND "${DIR}/bin/autonomy" run --help OUTPUT_VARIABLE help)
string(REGEX MATCHALL "--[a-z][a-z0-9-]*" opts "${help}")
foreach(o ${opts})
  string(FIND "${page}" "${o}" at)
  if(at LESS 0)
    message(FATAL_ERROR "the manual page lacks ${o}")
  endif()
endforeach()
find_program(MAN man)
if(MAN)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env MANWIDTH=80 "${MAN}" --warnings -l
                          "${DIR}/share/man/man1/autonomy.1"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE shown ERROR_VARIABLE warn)
  if(NOT rc EQUAL 0 OR NOT warn STREQUAL "" OR NOT shown MATCHES "AUTONOMY RUN")
    message(FATAL_ERROR "man: exit ${rc}, warnings:\n${warn}")
  endif()
endif()
file(REMOVE_RECURSE "${DIR}")
