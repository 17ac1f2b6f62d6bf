# run_threads.cmake: `autonomy run` with 1, 2 and 4 threads must write
# byte-identical files (all but manifest.csv, which records the date and the
# thread count).
#   cmake -DAUTONOMY=path -DDIR=scratch -DSCENARIOS="a.xml|b.xml" -P run_threads.cmake
string(REPLACE "|" ";" SCENARIOS "${SCENARIOS}")
file(REMOVE_RECURSE "${DIR}")
foreach(t 1 2 4)
  execute_process(COMMAND "${AUTONOMY}" run --quiet --threads ${t} --samples 3 --hourly 2050
                          --out "${DIR}/t${t}" ${SCENARIOS}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "threads ${t}: exit status ${rc}\n${err}")
  endif()
endforeach()
file(GLOB_RECURSE files RELATIVE "${DIR}/t1" "${DIR}/t1/*")
list(LENGTH files n)
if(n LESS 3)
  message(FATAL_ERROR "only ${n} files written")
endif()
list(FILTER files EXCLUDE REGEX "manifest\\.csv$")
foreach(f ${files})
  foreach(t 2 4)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${DIR}/t1/${f}" "${DIR}/t${t}/${f}"
                    RESULT_VARIABLE diff)
    if(NOT diff EQUAL 0)
      message(FATAL_ERROR "${f} differs between 1 and ${t} threads")
    endif()
  endforeach()
endforeach()
file(REMOVE_RECURSE "${DIR}")
