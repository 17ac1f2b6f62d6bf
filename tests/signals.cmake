# signals.cmake: a run ended by any of the signals that end a process
# (HUP, INT, QUIT, TERM, USR1, USR2, ALRM) leaves no temporary file, while it
# computes or while it writes its tables (the hourly tables of two years
# make the writing long), and no temporary report folder while gnuplot draws
# (a gnuplot of the test's that sleeps, on PATH); --resume removes only the
# program's own temporary files, never a user's "thesis.tmp.backup".
#   cmake -DAUTONOMY=path -DBATCH=file -DMINIMAL=file -DDIR=scratch -P signals.cmake
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}/tmp" "${DIR}/bin")
find_program(TIMEOUT timeout)
find_program(SH sh)
if(NOT TIMEOUT OR NOT SH)
  message(STATUS "skipped: no timeout or sh")
  return()
endif()

function(no_temporaries where what)
  # temporary files and stages (folders) alike
  file(GLOB_RECURSE temps LIST_DIRECTORIES true "${where}/*")
  list(FILTER temps INCLUDE REGEX "\\.autonomy-tmp-")
  if(temps)
    message(FATAL_ERROR "${what} left temporary files: ${temps}")
  endif()
endfunction()

set(n_killed 0)
foreach(sig HUP INT QUIT TERM USR1 USR2 ALRM)
  foreach(after 0.4 1.2 2.0)
    set(out "${DIR}/${sig}-${after}")
    execute_process(COMMAND "${TIMEOUT}" --preserve-status -s ${sig} ${after}
                            "${AUTONOMY}" run --quiet --threads 2 --hourly 2030 --hourly 2050
                            --out "${out}" "${BATCH}"
                    RESULT_VARIABLE rc ERROR_QUIET)
    if(rc GREATER 128)
      math(EXPR n_killed "${n_killed} + 1")
    endif()
    no_temporaries("${out}" "SIG${sig} at ${after} s (status ${rc})")
  endforeach()
endforeach()
message(STATUS "21 runs signalled, ${n_killed} ended by their signal, no temporary file left")
if(n_killed LESS 14)
  message(FATAL_ERROR "only ${n_killed} of 21 runs were ended by their signal (expected most: "
                      "the runs take longer than 2 s)")
endif()

# the report's temporary folder, while a slow gnuplot draws
file(WRITE "${DIR}/bin/gnuplot" "#!/bin/sh\ncat >/dev/null\nsleep 4\n")
execute_process(COMMAND chmod +x "${DIR}/bin/gnuplot")
foreach(sig HUP TERM USR1)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env "PATH=${DIR}/bin:$ENV{PATH}"
                          "TMPDIR=${DIR}/tmp"
                          "${TIMEOUT}" --preserve-status -s ${sig} 1.5
                          "${AUTONOMY}" run --quiet --out "${DIR}/report-${sig}" "${MINIMAL}"
                  RESULT_VARIABLE rc ERROR_QUIET)
  file(GLOB left "${DIR}/tmp/*")
  if(NOT rc GREATER 128 OR left)
    message(FATAL_ERROR "SIG${sig} while gnuplot draws: status ${rc} (expected the signal's), "
                        "left in TMPDIR: ${left}")
  endif()
endforeach()
message(STATUS "HUP, TERM, USR1 while gnuplot draws: the report's folder removed")

# --resume removes only the program's own temporary files
execute_process(COMMAND "${AUTONOMY}" run --quiet --out "${DIR}/own" "${MINIMAL}"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
file(GLOB sdir "${DIR}/own/*/*/yearly.csv")
get_filename_component(sdir "${sdir}" DIRECTORY)
file(WRITE "${sdir}/thesis.tmp.backup" "mine\n")
file(WRITE "${sdir}/notes.autonomy-tmp-draft.txt" "mine too\n")
file(WRITE "${sdir}/yearly.csv.autonomy-tmp-Ab12Cd" "a killed run's\n")
execute_process(COMMAND "${AUTONOMY}" run --quiet --resume --out "${DIR}/own" "${MINIMAL}"
                RESULT_VARIABLE rc2 ERROR_VARIABLE err2)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT EXISTS "${sdir}/thesis.tmp.backup"
   OR NOT EXISTS "${sdir}/notes.autonomy-tmp-draft.txt"
   OR EXISTS "${sdir}/yearly.csv.autonomy-tmp-Ab12Cd")
  message(FATAL_ERROR "--resume: status ${rc} ${rc2}; a user's files kept and the program's "
                      "own removed? ${err}${err2}")
endif()
message(STATUS "--resume removed its own temporary file, kept the user's")
file(REMOVE_RECURSE "${DIR}")
