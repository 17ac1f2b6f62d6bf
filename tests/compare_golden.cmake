# compare_golden.cmake: runs a command and compares what it writes with a
# golden file, byte for byte.
#   cmake -DCMD="prog|arg|..." -DEXPECTED=file [-DOUT_FILE=path] [-DACTUAL=path]
#         -P compare_golden.cmake
# Without OUT_FILE, the command's standard output is compared; with it, the
# file the command writes there (removed first), and standard output must be
# empty.  The exit status must be 0 and standard error empty.  On a
# difference, what was written is kept in ACTUAL for `diff -u EXPECTED ACTUAL`.
string(REPLACE "|" ";" CMD "${CMD}")
if(DEFINED OUT_FILE)
  file(REMOVE "${OUT_FILE}")
endif()
execute_process(COMMAND ${CMD}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 60)
set(fail "")
if(NOT "${rc}" STREQUAL "0")
  string(APPEND fail "exit status ${rc}, expected 0\n")
endif()
if(NOT err STREQUAL "")
  string(APPEND fail "stderr is not empty\n")
endif()
if(DEFINED OUT_FILE)
  if(NOT out STREQUAL "")
    string(APPEND fail "stdout is not empty (expected the output in ${OUT_FILE} only)\n")
  endif()
  if(EXISTS "${OUT_FILE}")
    file(READ "${OUT_FILE}" out)
  else()
    string(APPEND fail "${OUT_FILE} was not written\n")
    set(out "")
  endif()
endif()
file(READ "${EXPECTED}" expected)
if(NOT out STREQUAL expected)
  string(APPEND fail "the output differs from ${EXPECTED}\n")
  if(DEFINED ACTUAL)
    file(WRITE "${ACTUAL}" "${out}")
    string(APPEND fail "see: diff -u ${EXPECTED} ${ACTUAL}\n")
  endif()
endif()
if(fail)
  message(FATAL_ERROR "${fail}--- command: ${CMD}\n--- output:\n${out}\n--- stderr:\n${err}")
endif()
