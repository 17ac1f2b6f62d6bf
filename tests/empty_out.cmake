# empty_out.cmake: an empty output name is bad usage (exit 2, at once), and
# a results folder that cannot be made stops a run before anything runs.
#   cmake -DAUTONOMY=path -DMINIMAL=file -DSHARED=results-folder -P empty_out.cmake
cmake_minimum_required(VERSION 3.16)
# (each call written out: a list would drop the empty argument)
function(empty_name what)
  if(NOT rc EQUAL 2 OR NOT err MATCHES "'' \\(expected a (folder|file)'s name\\)")
    message(FATAL_ERROR "autonomy ${what} '': status ${rc}, expected 2 and the empty name named\n${err}")
  endif()
endfunction()
execute_process(COMMAND "${AUTONOMY}" run --out "" "${MINIMAL}"
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET TIMEOUT 10)
empty_name("run --out")
execute_process(COMMAND "${AUTONOMY}" seek "${MINIMAL}" --by 2030 --lever scale:/x --from 1
                        --to 2 --out ""
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET TIMEOUT 10)
empty_name("seek --out")
execute_process(COMMAND "${AUTONOMY}" compare "${SHARED}" --out ""
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET TIMEOUT 10)
empty_name("compare --out")
execute_process(COMMAND "${AUTONOMY}" merge --out "" "${SHARED}"
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET TIMEOUT 10)
empty_name("merge --out")
execute_process(COMMAND "${AUTONOMY}" weather --sample 1 --csv ""
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET TIMEOUT 10)
empty_name("weather --csv")
execute_process(COMMAND "${AUTONOMY}" run --quiet --out /proc/autonomy-nowhere "${MINIMAL}"
                RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 10)
if(NOT rc EQUAL 1 OR NOT err MATCHES "cannot write to /proc/autonomy-nowhere.*nothing was run")
  message(FATAL_ERROR "run --out /proc/...: status ${rc}, expected 1 before anything runs\n${err}")
endif()
