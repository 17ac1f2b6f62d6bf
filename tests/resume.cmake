# resume.cmake: a batch stopped by Ctrl-C (SIGINT) or killed (SIGKILL) leaves
# only complete tables (a killed run may leave temporary files, which the
# next --resume removes); `--resume` then gives the same files as a run from
# scratch (all but manifest.csv, which records the date).
#   cmake -DAUTONOMY=path -DDIR=scratch -DBATCH=file -P resume.cmake
file(REMOVE_RECURSE "${DIR}")
set(args run --quiet --samples 3 --threads 2)
execute_process(COMMAND "${AUTONOMY}" ${args} --out "${DIR}/whole" "${BATCH}"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "whole run: exit status ${rc}\n${err}")
endif()
file(GLOB_RECURSE whole RELATIVE "${DIR}/whole" "${DIR}/whole/*")
list(FILTER whole EXCLUDE REGEX "manifest\\.csv$")

foreach(sig INT KILL)
  foreach(after 0.3 0.6 1.0)
    set(out "${DIR}/${sig}-${after}")
    execute_process(COMMAND timeout -s ${sig} ${after} "${AUTONOMY}" ${args} --out "${out}" "${BATCH}"
                    RESULT_VARIABLE rc)
    # whatever was written is complete: every yearly table has its 31 years
    file(GLOB_RECURSE yearly "${out}/*/yearly.csv")
    foreach(y ${yearly})
      file(STRINGS "${y}" rows)
      list(LENGTH rows n)
      if(NOT n EQUAL 32)
        message(FATAL_ERROR "${y} has ${n} lines after SIG${sig} at ${after} s (expected 32)")
      endif()
    endforeach()
    if(sig STREQUAL "INT")
      file(GLOB_RECURSE temps "${out}/*.autonomy-tmp-*")
      if(temps)
        message(FATAL_ERROR "SIGINT at ${after} s left temporary files: ${temps}")
      endif()
    endif()
    execute_process(COMMAND "${AUTONOMY}" ${args} --resume --out "${out}" "${BATCH}"
                    RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "resume after SIG${sig} at ${after} s: exit status ${rc}\n${err}")
    endif()
    file(GLOB_RECURSE temps "${out}/*.autonomy-tmp-*")
    if(temps)
      message(FATAL_ERROR "resume left temporary files: ${temps}")
    endif()
    file(GLOB_RECURSE resumed RELATIVE "${out}" "${out}/*")
    list(FILTER resumed EXCLUDE REGEX "manifest\\.csv$")
    if(NOT resumed STREQUAL whole)
      message(FATAL_ERROR "after SIG${sig} at ${after} s and --resume the files differ:\n${resumed}\n---\n${whole}")
    endif()
    foreach(f ${whole})
      execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${DIR}/whole/${f}" "${out}/${f}"
                      RESULT_VARIABLE diff)
      if(NOT diff EQUAL 0)
        message(FATAL_ERROR "${f} differs after SIG${sig} at ${after} s and --resume")
      endif()
    endforeach()
  endforeach()
endforeach()
file(REMOVE_RECURSE "${DIR}")
