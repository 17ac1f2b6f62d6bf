# compare_thresholds.cmake: the years by indicator at a stated threshold,
# from a run's yearly tables: `autonomy compare --hourly-threshold 0.4` on
# the published results gives, for each scenario, the first year from which
# its yearly.csv's hourly_autonomy stays >= 0.4 to the horizon, worked out
# here with awk from the same table.
#   cmake -DAUTONOMY=path -DRESULTS=results/published/amiens-default -P compare_thresholds.cmake
cmake_minimum_required(VERSION 3.16) # empty list elements kept (CMP0007)
execute_process(COMMAND "${AUTONOMY}" compare "${RESULTS}" --format csv --hourly-threshold 0.4
                        --balance-threshold 0.8
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compare: exit ${rc}\n${err}")
endif()
string(REPLACE "\n" ";" rows "${out}")
list(GET rows 0 head)
string(REPLACE "," ";" head "${head}")
list(FIND head "autonomy_year_hourly_autonomy" col_ha)
list(FIND head "autonomy_year_annual_balance" col_ab)
list(FIND head "hourly_threshold" col_thr)
if(col_ha LESS 0 OR col_ab LESS 0 OR col_thr LESS 0)
  message(FATAL_ERROR "no year-by-indicator columns in: ${head}")
endif()
set(checked 0)
foreach(name amiens-roadmap amiens-autonomy-2050 amiens-baseline amiens-sodium-storage)
  # the scenario's row (names without commas: split on commas)
  set(row "")
  foreach(r ${rows})
    if(r MATCHES "^${name},")
      set(row "${r}")
    endif()
  endforeach()
  string(REPLACE "," ";" f "${row}")
  list(GET f ${col_ha} got_ha)
  list(GET f ${col_ab} got_ab)
  list(GET f ${col_thr} thr)
  # by hand: the last run of years meeting the threshold, to the horizon
  set(awk_prog "NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { ha = ($c[\"hourly_autonomy\"] >= 0.4); ab = ($c[\"annual_balance\"] >= 0.8)
      fh = ha ? (fh == \"\" ? $1 : fh) : \"\"; fa = ab ? (fa == \"\" ? $1 : fa) : \"\" }
    END { print fh \",\" fa }")
  execute_process(COMMAND awk -F, "${awk_prog}" "${RESULTS}/${name}/yearly.csv"
                  OUTPUT_VARIABLE want OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT "${got_ha},${got_ab}" STREQUAL "${want}" OR NOT thr STREQUAL "0.4")
    message(FATAL_ERROR "${name}: compare gives ${got_ha},${got_ab} (threshold ${thr}), "
                        "its yearly.csv ${want}")
  endif()
  message(STATUS "${name}: by hourly autonomy >= 0.4 and annual balance >= 0.8: ${want}")
  math(EXPR checked "${checked} + 1")
endforeach()
