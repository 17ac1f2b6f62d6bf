# csv_readable.cmake: the CSV files each command writes, read by Python's
# csv module as they are (tests/csv_readable.py): weather --csv, the tables
# of a run with samples and an hourly year, compare --format csv, seek.
#   cmake -DAUTONOMY=path -DPYTHON=python3 -DSRC=tests -DDIR=scratch -P csv_readable.cmake
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
function(run)
  execute_process(COMMAND "${AUTONOMY}" ${ARGN} RESULT_VARIABLE rc OUTPUT_QUIET
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "autonomy ${ARGN}: exit ${rc}\n${err}")
  endif()
endfunction()
run(weather --sample 1 --pv 35,180 --csv "${DIR}/weather.csv")
run(run --quiet --samples 2 --hourly 2030 --out "${DIR}/run" "${SRC}/data/minimal.xml")
run(compare "${DIR}/run/minimal" --format csv --out "${DIR}/compare.csv")
run(seek "${SRC}/data/seek/fleet.xml" --by 2025 --lever
    "scale:/scenario/generation/pv[@name='array']/capacity" --from 1 --to 20 --out "${DIR}/seek")
file(GLOB_RECURSE files "${DIR}/*.csv")
list(LENGTH files n)
if(n LESS 8)
  message(FATAL_ERROR "only ${n} CSV files written: ${files}")
endif()
execute_process(COMMAND "${PYTHON}" "${SRC}/csv_readable.py" ${files}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${err}\n${out}")
endif()
message(STATUS "${out}")
