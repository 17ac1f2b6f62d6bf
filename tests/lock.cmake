# lock.cmake: two runs on one results folder: the second stops at once
# (exit 1), naming the process of the first, and the first ends as a lone
# run would; the shards of one run share the folder; a lock left by a
# process that ended holds nothing.
#   cmake -DAUTONOMY=path -DBATCH=file -DMINIMAL=file -DDIR=scratch -P lock.cmake
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
find_program(SH sh)
if(NOT SH)
  message(STATUS "skipped: no sh")
  return()
endif()
# the first run in the background; the second once the first holds the lock
execute_process(COMMAND "${SH}" -c "
  \"$1\" run --quiet --samples 3 --out out \"$2\" & first=$!
  while [ ! -e out/.autonomy.lock ]; do sleep 0.05; done; sleep 0.2
  \"$1\" run --quiet --out out \"$3\" 2>second.err; echo $? > second.rc
  wait $first; echo $? > first.rc; echo $first > first.pid"
  sh "${AUTONOMY}" "${BATCH}" "${MINIMAL}"
  WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE rc TIMEOUT 300)
file(READ "${DIR}/first.rc" first_rc)
file(READ "${DIR}/second.rc" second_rc)
file(READ "${DIR}/second.err" err)
file(READ "${DIR}/first.pid" pid)
string(STRIP "${pid}" pid)
string(STRIP "${first_rc}" first_rc)
string(STRIP "${second_rc}" second_rc)
if(NOT first_rc EQUAL 0 OR NOT second_rc EQUAL 1
   OR NOT err MATCHES "another autonomy \\(process ${pid}\\) is writing to out")
  message(FATAL_ERROR "two runs on one folder: first ${first_rc}, second ${second_rc} "
                      "(expected 0 and 1, naming process ${pid})\n${err}")
endif()
if(EXISTS "${DIR}/out/minimal")
  message(FATAL_ERROR "the refused run wrote its tables beside the first's")
endif()
message(STATUS "the second run stopped at once: ${err}")
# the lock of a process that ended holds nothing; shards share the folder
execute_process(COMMAND "${AUTONOMY}" run --quiet --out out "${MINIMAL}"
                WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "a run after the first ended: ${rc}\n${err}")
endif()
execute_process(COMMAND "${SH}" -c "
  \"$1\" run --quiet --samples 2 --shard 1/2 --out shards \"$2\" & a=$!
  \"$1\" run --quiet --samples 2 --shard 2/2 --out shards \"$2\"; b=$?
  wait $a; a=$?; [ $a -eq 0 ] && [ $b -eq 0 ]"
  sh "${AUTONOMY}" "${BATCH}" WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE rc TIMEOUT 300)
if(NOT rc EQUAL 0 OR NOT EXISTS "${DIR}/shards/shard-1-of-2.csv"
   OR NOT EXISTS "${DIR}/shards/shard-2-of-2.csv")
  message(FATAL_ERROR "two shards of one run at once: ${rc}")
endif()
file(REMOVE_RECURSE "${DIR}")
