# weather_roundtrip.cmake: `autonomy weather --csv OUT` then `--file OUT`
# must print the same monthly table (the lines above it name the source):
# the CSV holds the year exactly.
#   cmake -DAUTONOMY=path -DDIR=scratch -P weather_roundtrip.cmake
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
execute_process(COMMAND "${AUTONOMY}" weather --sample 2 --pv 35,180 --pv 20,90
                        --csv "${DIR}/year.csv"
                RESULT_VARIABLE rc1 OUTPUT_VARIABLE a ERROR_VARIABLE e1)
execute_process(COMMAND "${AUTONOMY}" weather --file "${DIR}/year.csv" --pv 35,180 --pv 20,90
                RESULT_VARIABLE rc2 OUTPUT_VARIABLE b ERROR_VARIABLE e2)
if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0)
  message(FATAL_ERROR "exit statuses ${rc1} and ${rc2}\n${e1}\n${e2}")
endif()
# the table from its column line on (the lines above name the source and
# where it places the irradiance: "the format's convention" for the
# synthetic year, "as the file declares" for the CSV)
foreach(v a b)
  string(FIND "${${v}}" "\nmonth " at)
  if(at LESS 0)
    message(FATAL_ERROR "no monthly table:\n${${v}}")
  endif()
  string(SUBSTRING "${${v}}" ${at} -1 ${v})
endforeach()
if(NOT a STREQUAL b)
  message(FATAL_ERROR "the tables differ:\n${a}\n---\n${b}")
endif()
file(STRINGS "${DIR}/year.csv" rows REGEX "^[0-9]")
list(LENGTH rows n)
if(NOT n EQUAL 8760)
  message(FATAL_ERROR "${n} data rows, expected 8760")
endif()
file(REMOVE_RECURSE "${DIR}")
