# seek.cmake: `autonomy seek` on a case whose answer is known by hand
# (data/seek/fleet.xml: a flat 8,760 MWh load and 1 MWp of PV; the annual
# balance is the PV's yield over 8,760 MWh, so the PV must be scaled by
# 8760 / yield, the yield in MWh per MWp read from `autonomy weather` for
# the same weather and array).  The seek returns it within its tolerance;
# the scenario it writes reaches autonomy by the target year under
# `autonomy run`; the lever minus the tolerance does not.
#   cmake -DAUTONOMY=path -DSRC=tests/data/seek -DDIR=scratch -P seek.cmake
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
set(xpath "/scenario/generation/pv[@name='array']/capacity")

# the yield: the last column of the weather table's year row, kWh/kWp
execute_process(COMMAND "${AUTONOMY}" weather --seed 2014 --pv 35,180
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\nyear +[^\n]* ([0-9]+\\.[0-9])\n")
  message(FATAL_ERROR "autonomy weather: exit ${rc}, no year row:\n${out}")
endif()
set(yield ${CMAKE_MATCH_1})
math(EXPR dummy "0") # (CMake has no floating point: the checks below use awk)

execute_process(COMMAND "${AUTONOMY}" seek "${SRC}/fleet.xml" --by 2025
                        --lever "scale:${xpath}" --from 1 --to 20 --tol 0.001 --out "${DIR}/seek"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "seek: exit ${rc}\n${out}\n${err}")
endif()
file(STRINGS "${DIR}/seek/result.csv" rows)
list(GET rows 1 row)
string(REPLACE "," ";" f "${row}")
list(GET f 3 k)
# |k - 8760 / yield| within the tolerance and the yield's rounding (0.05 of
# about 1,060 kWh/kWp: 5e-5 relative)
function(expect_scale k yield what)
  execute_process(COMMAND awk "BEGIN { want = 8760 / ${yield}; d = ${k} - want; if (d < 0) d = -d;
                                       exit !(d <= 0.001 + 5e-5 * want) }"
                  RESULT_VARIABLE bad)
  if(bad)
    message(FATAL_ERROR "${what} found ${k}, by hand 8760 / ${yield}")
  endif()
endfunction()
expect_scale(${k} ${yield} "seek")

# the written scenario reaches autonomy by 2025 under `autonomy run`
file(GLOB written "${DIR}/seek/*.xml")
execute_process(COMMAND "${AUTONOMY}" run --quiet --out "${DIR}/run" ${written}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
file(GLOB summary "${DIR}/run/*/summary.csv")
file(STRINGS "${summary}" srows)
list(GET srows 1 srow)
if(NOT rc EQUAL 0 OR NOT srow MATCHES "^seek-fleet\\+seek-2025,annual-balance/all-energy,1,20(2[0-5]),")
  message(FATAL_ERROR "the written scenario: exit ${rc}, ${srow}\n${err}")
endif()

# the lever minus the tolerance does not reach it
execute_process(COMMAND awk "BEGIN { printf \"%.17g\", ${k} - 0.001 }" OUTPUT_VARIABLE below)
file(WRITE "${DIR}/below.xml" "<batch name=\"below\"><scenario file=\"${SRC}/fleet.xml\">
  <sweep name=\"k\" xpath=\"${xpath}\" lever=\"scale\"><value>${below}</value></sweep>
  </scenario></batch>\n")
execute_process(COMMAND "${AUTONOMY}" run --quiet --out "${DIR}/below" "${DIR}/below.xml"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
file(STRINGS "${DIR}/below/below/summary.csv" brows)
list(GET brows 1 brow)
if(NOT rc EQUAL 0 OR NOT brow MATCHES "^seek-fleet\\+k=[0-9.]+,annual-balance/all-energy,1,,")
  message(FATAL_ERROR "the lever minus the tolerance: exit ${rc}, ${brow}\n${err}")
endif()

# On recorded years, --confidence needs no --samples: the synthetic samples
# 1, 2 and 3 written as three one-year files, listed as recorded years; at
# confidence 0.6 the margin is the 2nd largest of the three years' balances
# (⌈0.6 × 3⌉ = 2), so the PV must be scaled by 8760 / the 2nd largest yield.
set(yields "")
set(list "")
foreach(k 1 2 3)
  execute_process(COMMAND "${AUTONOMY}" weather --seed 2014 --sample ${k} --pv 35,180
                          --csv "${DIR}/year${k}.csv"
                  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  execute_process(COMMAND "${AUTONOMY}" weather --seed 2014 --sample ${k} --pv 35,180
                  OUTPUT_VARIABLE out RESULT_VARIABLE rc2)
  if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT out MATCHES "\nyear +[^\n]* ([0-9]+\\.[0-9])\n")
    message(FATAL_ERROR "autonomy weather --sample ${k}: exit ${rc} ${rc2}\n${out}")
  endif()
  list(APPEND yields ${CMAKE_MATCH_1})
  string(APPEND list "<year file=\"year${k}.csv\"/>")
endforeach()
file(WRITE "${DIR}/recorded.xml" "<scenario name=\"seek-recorded\" extends=\"${SRC}/fleet.xml\">
  <weather source=\"years\">${list}</weather>\n</scenario>\n")
execute_process(COMMAND "${AUTONOMY}" seek "${DIR}/recorded.xml" --by 2025 --confidence 0.6
                        --lever "scale:${xpath}" --from 1 --to 20 --tol 0.001
                        --out "${DIR}/seek-recorded"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "at confidence, every recorded weather year")
  message(FATAL_ERROR "seek on recorded years: exit ${rc}\n${out}\n${err}")
endif()
file(STRINGS "${DIR}/seek-recorded/result.csv" rows)
list(GET rows 1 row)
string(REPLACE "," ";" f "${row}")
list(GET f 3 k)
list(GET f 2 n)
if(NOT n EQUAL 3)
  message(FATAL_ERROR "seek on recorded years: result.csv gives ${n} samples (expected the 3 "
                      "years it ran)\n${row}")
endif()
list(SORT yields COMPARE NATURAL ORDER DESCENDING)
list(GET yields 1 second)
expect_scale(${k} ${second} "seek on recorded years (yields ${yields})")
