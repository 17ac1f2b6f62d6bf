# cli_expect.cmake: runs a command and checks its exit status and output.
#   cmake -DCMD="prog|arg|..." -DEXIT=2 [-DSTDERR_MATCH=regex] [-DSTDOUT_MATCH=regex]
#         [-DSTDOUT_EMPTY=1] [-DSTDERR_EMPTY=1] -P cli_expect.cmake
string(REPLACE "|" ";" CMD "${CMD}")
execute_process(COMMAND ${CMD}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 60)
set(fail "")
if(NOT "${rc}" STREQUAL "${EXIT}")
  string(APPEND fail "exit status ${rc}, expected ${EXIT}\n")
endif()
if(DEFINED STDERR_MATCH AND NOT err MATCHES "${STDERR_MATCH}")
  string(APPEND fail "stderr does not match '${STDERR_MATCH}'\n")
endif()
if(DEFINED STDOUT_MATCH AND NOT out MATCHES "${STDOUT_MATCH}")
  string(APPEND fail "stdout does not match '${STDOUT_MATCH}'\n")
endif()
if(STDOUT_EMPTY AND NOT out STREQUAL "")
  string(APPEND fail "stdout is not empty\n")
endif()
if(STDERR_EMPTY AND NOT err STREQUAL "")
  string(APPEND fail "stderr is not empty\n")
endif()
if(fail)
  message(FATAL_ERROR "${fail}--- command: ${CMD}\n--- stdout:\n${out}\n--- stderr:\n${err}")
endif()
