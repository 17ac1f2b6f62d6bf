# report_many.cmake: the report of a run of 50 scenarios (the roadmap and
# 49 variants of a 7 x 7 sweep of rooftop PV and wind), its detail drawn for
# a variant chosen with --report-scenario; its charts' structure checked by
# report_svg.py (legends outside the plots, axis labels, one colour per
# policy, no overlapping text) and, where Chromium is installed, laid out at
# 1,400 and 800 px (report_chromium.sh, screenshots in DIR).  An unknown
# --report-scenario is refused with exit status 2 before anything is written.
#   cmake -DAUTONOMY=path -DPYTHON=python3 -DSRC=tests -DROADMAP=file -DDIR=scratch
#         -P report_many.cmake
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
set(values_pv "")
set(values_wind "")
foreach(v 200 300 400 500 600 700 800)
  string(APPEND values_pv "<value>${v} MWp</value>")
endforeach()
foreach(v 300 400 500 600 700 800 900)
  string(APPEND values_wind "<value>${v} MW</value>")
endforeach()
file(WRITE "${DIR}/fifty.xml" "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<batch name=\"fifty\">
  <scenario file=\"${ROADMAP}\" include-base=\"true\">
    <sweep name=\"rooftop_pv\" xpath=\"/scenario/generation/pv[@name='rooftops']/capacity/logistic/@to\">${values_pv}</sweep>
    <sweep name=\"wind_2050\" xpath=\"/scenario/generation/wind[@name='Somme wind share']/capacity/at[@year='2050']\">${values_wind}</sweep>
  </scenario>
</batch>
")
set(pick "amiens-roadmap+rooftop_pv=800MWp+wind_2050=900MW")

# an unknown name: exit 2, nothing written
execute_process(COMMAND "${AUTONOMY}" run --quiet --report-scenario amiens-2099
                        --out "${DIR}/bad" "${DIR}/fifty.xml"
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 2 OR NOT err MATCHES "--report-scenario 'amiens-2099' is not among the scenarios run"
   OR EXISTS "${DIR}/bad")
  message(FATAL_ERROR "an unknown --report-scenario: exit ${rc}, '${err}' (expected 2, "
                      "the name refused, nothing written)")
endif()

execute_process(COMMAND "${AUTONOMY}" run --quiet --report-scenario "${pick}"
                        --out "${DIR}/out" "${DIR}/fifty.xml"
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "autonomy run: exit ${rc}\n${err}")
endif()
set(page "${DIR}/out/fifty/report.html")
if(NOT EXISTS "${page}")
  message(STATUS "skipped: no report (gnuplot absent)")
  return()
endif()
file(READ "${page}" html)
string(REPLACE "+" "\\+" pick_re "${pick}")
if(NOT html MATCHES "<h2>A closer look at ${pick_re}</h2>"
   OR NOT html MATCHES "week of 15 January 2050, ${pick_re}"
   OR NOT html MATCHES "49 variants of <strong>amiens-roadmap</strong>")
  message(FATAL_ERROR "${page}: no detail of ${pick}, or no sentence for the sweep")
endif()
string(REGEX MATCHALL "<svg" svgs "${html}")
list(LENGTH svgs n)
message(STATUS "${n} charts for 50 scenarios")
execute_process(COMMAND "${PYTHON}" "${SRC}/report_svg.py" "${page}" 10
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${err}\n${out}")
endif()
message(STATUS "${out}")
execute_process(COMMAND bash "${SRC}/report_chromium.sh" "${page}" "${DIR}/report.png"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${err}\n${out}")
endif()
string(SUBSTRING "${out}" 0 200 head)
string(REGEX MATCH "screenshots:.*" shots "${out}")
message(STATUS "${head}... ${shots}")
