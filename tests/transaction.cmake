# transaction.cmake: a results folder is never half old, half new (issue
# 18, point 2).  A batch of two variants and a loose scenario (a batch of
# one: its own folder, exchanged whole like a batch's) are run into
# OUT; then, the scenario changed, runs that fail (the disk full while the
# hourly tables are written, no temporary folder for the report, a
# termination signal while it computes or writes) must leave OUT exactly as
# it was, byte for byte, with no stage left; a run that succeeds replaces
# every table, carries a user's own files, drops the old run's hourly table
# not asked again; what a killed run left (a stage) is removed but for a
# user's file; a results folder that is a file stops the run at once.
#   cmake -DAUTONOMY=path -DMINIMAL=tests/data/minimal.xml -DDIR=scratch -P transaction.cmake
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}/in")
find_program(BASH bash)
find_program(TIMEOUT timeout)
set(OUT "${DIR}/out")
file(READ "${MINIMAL}" base)
file(WRITE "${DIR}/in/minimal.xml" "${base}")
file(WRITE "${DIR}/in/pair.xml" "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<batch name=\"pair\">
  <scenario file=\"minimal.xml\">
    <sweep name=\"pv\" xpath=\"/scenario/generation/pv[@name='roofs']/capacity\">
      <value>1.5 MWp</value>
      <value>3 MWp</value>
    </sweep>
  </scenario>
</batch>
")
set(inputs "${DIR}/in/pair.xml" "${DIR}/in/minimal.xml")

# every file under OUT (hidden ones and folders included) with its SHA-256
function(snapshot var)
  file(GLOB_RECURSE all LIST_DIRECTORIES true RELATIVE "${OUT}" "${OUT}/*")
  list(SORT all)
  set(text "")
  foreach(f ${all})
    if(IS_DIRECTORY "${OUT}/${f}")
      string(APPEND text "${f}/\n")
    else()
      file(SHA256 "${OUT}/${f}" h)
      string(APPEND text "${f} ${h}\n")
    endif()
  endforeach()
  set(${var} "${text}" PARENT_SCOPE)
endfunction()

function(must_be_unchanged what)
  snapshot(now)
  if(NOT now STREQUAL before)
    message(FATAL_ERROR "${what}: the results folder changed:\n${now}\n--- before:\n${before}")
  endif()
endfunction()

execute_process(COMMAND "${AUTONOMY}" run --quiet --hourly 2030 --out "${OUT}" ${inputs}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS "${OUT}/pair/summary.csv" OR
   NOT EXISTS "${OUT}/minimal/summary.csv" OR NOT EXISTS "${OUT}/minimal/minimal/yearly.csv")
  message(FATAL_ERROR "first run: status ${rc}\n${err}")
endif()
file(GLOB pair_scen LIST_DIRECTORIES true "${OUT}/pair/*")
list(FILTER pair_scen EXCLUDE REGEX "\\.(csv|html)$")
list(GET pair_scen 0 one)
file(WRITE "${OUT}/pair/notes.txt" "the planner's own notes\n")
file(WRITE "${OUT}/minimal/notes.txt" "notes on the loose scenario\n")
file(WRITE "${one}/reading.txt" "what I make of this variant\n")
snapshot(before)

# the scenario changed: every run below has other tables to write
string(REPLACE "2.385 GWh" "2.2 GWh" changed "${base}")
if(changed STREQUAL base)
  message(FATAL_ERROR "minimal.xml has no annual demand of 2.385 GWh to change")
endif()
file(WRITE "${DIR}/in/minimal.xml" "${changed}")

# 1. the disk full while the hourly tables are written (a file-size limit
#    makes writes fail as they would with ENOSPC; yearly.csv and the report
#    fit, an hourly table of 735 KB does not; not lower: under
#    ThreadSanitizer, libomp's start takes a SIGBUS below about 512 KB)
if(BASH)
  execute_process(COMMAND "${BASH}" -c "ulimit -f 600; trap '' XFSZ; exec \"$0\" \"$@\""
                          "${AUTONOMY}" run --quiet --hourly 2030 --out "${OUT}" ${inputs}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 1 OR NOT err MATCHES "hourly-2030.csv[^\n]*: File too large")
    message(FATAL_ERROR "disk full at the hourly table: status ${rc} (expected 1)\n${err}")
  endif()
  must_be_unchanged("disk full at the hourly table")
  message(STATUS "disk full at an hourly table: status 1, the folder as it was")
endif()

# 2. no temporary folder for the report's charts
execute_process(COMMAND "${CMAKE_COMMAND}" -E env "TMPDIR=${DIR}/no-such-folder"
                        "${AUTONOMY}" run --quiet --out "${OUT}" ${inputs}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "a report that cannot be made: status 0 (expected a failure)\n${err}")
endif()
must_be_unchanged("a report that cannot be made (status ${rc})")
message(STATUS "no folder for the report: status ${rc}, the folder as it was")

# 3. ended by a signal while it computes or writes: as it was, unless the
#    run had published already (status 0), or the signal came while it
#    published (it finishes publishing, removes its stage, then ends with
#    the signal's status): then every table of the folder is new and no
#    stage is left
if(TIMEOUT)
  set(n_ended 0)
  foreach(after 0.05 0.15 0.3 0.45 0.6 0.8 1.0)
    execute_process(COMMAND "${TIMEOUT}" --preserve-status -s TERM ${after}
                            "${AUTONOMY}" run --quiet --hourly 2030 --hourly 2040
                            --out "${OUT}" ${inputs}
                    RESULT_VARIABLE rc ERROR_QUIET)
    if(rc EQUAL 0)
      break() # it published before the signal: the folder is the new run's
    endif()
    math(EXPR n_ended "${n_ended} + 1")
    snapshot(now)
    if(NOT now STREQUAL before AND NOT now MATCHES "autonomy-tmp-")
      string(REGEX MATCHALL "[^\n]*\\.(csv|html) [0-9a-f]+\n" tables "${before}")
      set(kept "")
      foreach(t ${tables})
        string(FIND "${now}" "${t}" at)
        if(NOT at EQUAL -1)
          string(APPEND kept "${t}")
        endif()
      endforeach()
      if(kept STREQUAL "")
        message(STATUS "SIGTERM at ${after} s came while the run published: every table new")
        break()
      endif()
    endif()
    must_be_unchanged("SIGTERM at ${after} s (status ${rc})")
  endforeach()
  message(STATUS "${n_ended} runs ended by SIGTERM: the folder as it was")
endif()

# 4. a killed run's stage: its tables removed, a user's file in it kept
file(WRITE "${OUT}/.run.autonomy-tmp-Zz9Yy8/g1/x/yearly.csv" "a killed run's\n")
file(WRITE "${OUT}/.run.autonomy-tmp-Qq1Ww2/g0/x/summary-row.csv" "a killed run's\n")
file(WRITE "${OUT}/.run.autonomy-tmp-Zz9Yy8/g1/x/mine.txt" "moved there by hand\n")

# 5. the run that succeeds: every table new, the user's files carried, the
#    hourly table of 2030 (not asked again) gone with the old run
execute_process(COMMAND "${AUTONOMY}" run --quiet --out "${OUT}" ${inputs}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the run after: status ${rc}\n${err}")
endif()
snapshot(after)
if(NOT EXISTS "${OUT}/pair/notes.txt" OR NOT EXISTS "${one}/reading.txt" OR
   NOT EXISTS "${OUT}/minimal/notes.txt")
  message(FATAL_ERROR "a user's files were not carried into the new folder:\n${after}")
endif()
file(GLOB_RECURSE hourly "${OUT}/hourly-*.csv")
file(GLOB_RECURSE temps LIST_DIRECTORIES true "${OUT}/*")
list(FILTER temps INCLUDE REGEX "\\.autonomy-tmp-")
list(FILTER temps EXCLUDE REGEX "Zz9Yy8")
if(hourly OR temps)
  message(FATAL_ERROR "the run after left ${hourly} ${temps}")
endif()
if(NOT EXISTS "${OUT}/.run.autonomy-tmp-Zz9Yy8/g1/x/mine.txt"
   OR EXISTS "${OUT}/.run.autonomy-tmp-Zz9Yy8/g1/x/yearly.csv"
   OR EXISTS "${OUT}/.run.autonomy-tmp-Qq1Ww2")
  message(FATAL_ERROR "a killed run's stage: its tables removed, a user's file kept?\n${after}")
endif()
foreach(table minimal/summary.csv minimal/report.html pair/summary.csv)
  file(SHA256 "${OUT}/${table}" h)
  if(before MATCHES "(^|\n)${table} ${h}\n")
    message(FATAL_ERROR "${table} is the old run's")
  endif()
endforeach()
file(GLOB_RECURSE keys "${OUT}/inputs.csv")
foreach(k ${keys})
  file(SHA256 "${k}" h)
  file(RELATIVE_PATH rel "${OUT}" "${k}")
  if(before MATCHES "${rel} ${h}")
    message(FATAL_ERROR "${rel} is the old run's")
  endif()
endforeach()
message(STATUS "the run after: every table new, the user's files carried, no hourly table left")

# 6. a results folder that is a file: refused before anything runs
file(REMOVE_RECURSE "${OUT}/pair")
file(WRITE "${OUT}/pair" "not a folder\n")
snapshot(before)
execute_process(COMMAND "${AUTONOMY}" run --quiet --out "${OUT}" ${inputs}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "pair is not a folder")
  message(FATAL_ERROR "a batch folder that is a file: status ${rc}\n${err}")
endif()
must_be_unchanged("a batch folder that is a file")
message(STATUS "a batch folder that is a file: status 1 at once, nothing changed")
file(REMOVE_RECURSE "${DIR}")
