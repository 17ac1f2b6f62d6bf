# run_without_gnuplot.cmake: `autonomy run` with no gnuplot on PATH writes
# every table, no report.html, says so on stderr and exits with status 0
# (results/README.md: "Without gnuplot the run says so and writes the tables
# only").  With --quiet it says nothing.
#   cmake -DAUTONOMY=prog -DDIR=dir -DSCENARIO=file -P run_without_gnuplot.cmake
file(REMOVE_RECURSE "${DIR}")
foreach(quiet "" "--quiet")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env PATH=/nonexistent
                          ${AUTONOMY} run ${quiet} --out ${DIR} ${SCENARIO}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run ${quiet}: exit status ${rc}, expected 0\n${out}\n${err}")
  endif()
  if(quiet STREQUAL "")
    if(NOT err MATCHES "^autonomy run: no report\\.html in [^\n]*: gnuplot could not be run [^\n]*the tables are written\n$")
      message(FATAL_ERROR "stderr does not say the report is missing:\n${err}")
    endif()
    if(NOT out MATCHES "Tables written to")
      message(FATAL_ERROR "stdout has no table:\n${out}")
    endif()
  elseif(NOT err STREQUAL "" OR NOT out STREQUAL "")
    message(FATAL_ERROR "--quiet printed something:\n${out}\n${err}")
  endif()
  foreach(f summary.csv manifest.csv minimal/yearly.csv minimal/summary-row.csv minimal/inputs.csv)
    if(NOT EXISTS "${DIR}/minimal/${f}")
      message(FATAL_ERROR "run ${quiet}: ${DIR}/minimal/${f} was not written")
    endif()
  endforeach()
  if(EXISTS "${DIR}/minimal/report.html")
    message(FATAL_ERROR "run ${quiet}: a report.html was written without gnuplot")
  endif()
  file(REMOVE_RECURSE "${DIR}")
endforeach()
