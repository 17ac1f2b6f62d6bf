# hostile.cmake: hostile inputs made at test time (too big to keep in the
# repository) and the places a run must not write to.
#   cmake -DAUTONOMY=path -DDIR=scratch -DSRC=tests-dir -DCASE=name -P hostile.cmake
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

function(expect_error rc err what)
  if(NOT rc EQUAL 2)
    message(FATAL_ERROR "${what}: exit status ${rc}, expected 2\n${err}")
  endif()
  if(NOT err MATCHES "^[^\n]+:[0-9]+: error: [^\n]+\\(expected")
    message(FATAL_ERROR "${what}: not a FILE:LINE: error: ... (expected ...) message:\n${err}")
  endif()
endfunction()

if(CASE STREQUAL "deep")
  # 100,000 nested elements
  string(REPEAT "<a>" 100000 open)
  string(REPEAT "</a>" 100000 close)
  file(WRITE "${DIR}/deep.xml" "<scenario name=\"d\">${open}${close}</scenario>\n")
  execute_process(COMMAND "${AUTONOMY}" validate "${DIR}/deep.xml" RESULT_VARIABLE rc
                  ERROR_VARIABLE err OUTPUT_VARIABLE out TIMEOUT 10)
  expect_error("${rc}" "${err}" "nesting 100,000 deep")
elseif(CASE STREQUAL "attribute")
  # a 5 MB attribute
  string(REPEAT "x" 1000 k)
  string(REPEAT "${k}" 5000 big)
  file(WRITE "${DIR}/attr.xml" "<scenario name=\"${big}\"/>\n")
  execute_process(COMMAND "${AUTONOMY}" validate "${DIR}/attr.xml" RESULT_VARIABLE rc
                  ERROR_VARIABLE err OUTPUT_VARIABLE out TIMEOUT 10)
  expect_error("${rc}" "${err}" "a 5 MB attribute")
elseif(CASE STREQUAL "escaping-name")
  # a scenario named ../../x writes DIR/out/in/x/x, nothing outside DIR/out
  execute_process(COMMAND "${AUTONOMY}" run --quiet --out "${DIR}/out/in"
                          "${SRC}/bad/hostile/escaping-name.xml"
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT EXISTS "${DIR}/out/in/x/x/yearly.csv")
    message(FATAL_ERROR "run of '../../x': status ${rc}, no ${DIR}/out/in/x/x/yearly.csv\n${err}")
  endif()
  file(GLOB outside "${DIR}/*")
  if(NOT outside STREQUAL "${DIR}/out")
    message(FATAL_ERROR "something was written outside the results folder: ${outside}")
  endif()
elseif(CASE STREQUAL "disk-full")
  # a full disk, simulated by a file-size limit of 600 KB (SIGXFSZ ignored,
  # so writes fail with EFBIG as they would with ENOSPC), which the hourly
  # table (735 KB) passes: a clear error, status 1, no partial file, earlier
  # results untouched.  Not lower: under ThreadSanitizer, libomp's start
  # takes a SIGBUS below about 512 KB
  execute_process(COMMAND "${AUTONOMY}" run --quiet --out "${DIR}/r" "${SRC}/data/minimal.xml"
                  RESULT_VARIABLE rc)
  file(READ "${DIR}/r/minimal/summary.csv" before)
  file(WRITE "${DIR}/r/minimal/minimal/yearly.csv" "earlier results\n")
  execute_process(COMMAND bash -c "ulimit -f 600; trap '' XFSZ; exec \"$0\" run --quiet --hourly 2030 --out \"$1\" \"$2\""
                          "${AUTONOMY}" "${DIR}/r" "${SRC}/data/minimal.xml"
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 1 OR NOT err MATCHES "cannot write [^\n]+: File too large")
    message(FATAL_ERROR "disk full: status ${rc}, expected 1 and a clear message\n${err}")
  endif()
  file(READ "${DIR}/r/minimal/minimal/yearly.csv" kept)
  if(NOT kept STREQUAL "earlier results\n")
    message(FATAL_ERROR "disk full: the earlier yearly.csv was changed")
  endif()
  file(GLOB_RECURSE temps LIST_DIRECTORIES true "${DIR}/r/*")
  list(FILTER temps INCLUDE REGEX "\\.autonomy-tmp-")
  if(temps)
    message(FATAL_ERROR "disk full: temporary files left: ${temps}")
  endif()
elseif(CASE STREQUAL "no-tmpdir")
  # samples' indicators go to a temporary file in TMPDIR: a TMPDIR that is
  # not there stops the run with the folder named, status 1, nothing written
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env "TMPDIR=${DIR}/none"
                          "${AUTONOMY}" run --quiet --samples 2 --out "${DIR}/out"
                          "${SRC}/data/minimal.xml"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 1 OR NOT out STREQUAL "" OR EXISTS "${DIR}/out" OR NOT err MATCHES
     "^[^\n]*/none:0: error: cannot make a temporary file in this folder [^\n]*\\(expected TMPDIR")
    message(FATAL_ERROR "no TMPDIR: status ${rc} (expected 1, the folder named, nothing "
                        "written)\n${out}${err}")
  endif()
elseif(CASE STREQUAL "fifo")
  # named pipes where files are read: refused at once as not regular files
  # (opened without waiting, then checked), never waited on for a writer
  find_program(MKFIFO mkfifo)
  if(NOT MKFIFO)
    message(STATUS "skipped: no mkfifo")
    return()
  endif()
  foreach(f pipe.xml pipe.csv summary.csv shard-1-of-1.csv)
    execute_process(COMMAND "${MKFIFO}" "${DIR}/${f}")
  endforeach()
  file(WRITE "${DIR}/extends.xml" "<scenario name=\"e\" extends=\"pipe.xml\"/>\n")
  file(WRITE "${DIR}/batch.xml" "<batch name=\"b\"><scenario file=\"pipe.xml\"/></batch>\n")
  file(WRITE "${DIR}/weather.xml" "<scenario name=\"w\" extends=\"${SRC}/data/minimal.xml\">
  <weather source=\"csv\" file=\"pipe.csv\"/>\n</scenario>\n")
  foreach(shown "validate pipe.xml" "validate extends.xml" "validate batch.xml"
                "weather --file pipe.csv"
                "run --out out weather.xml" "compare ." "merge .")
    string(REPLACE " " ";" c "${shown}")
    execute_process(COMMAND "${AUTONOMY}" ${c} WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE rc
                    ERROR_VARIABLE err OUTPUT_QUIET TIMEOUT 10)
    if(NOT rc EQUAL 2 OR NOT err MATCHES "not a regular file")
      message(FATAL_ERROR "autonomy ${shown} on a named pipe: status '${rc}', expected 2 at "
                          "once and 'not a regular file'\n${err}")
    endif()
    message(STATUS "autonomy ${shown}: refused at once")
  endforeach()
  if(EXISTS "${DIR}/out")
    message(FATAL_ERROR "a run refused at the door wrote ${DIR}/out")
  endif()
elseif(CASE STREQUAL "special-out")
  # outputs that are not regular files of their own are written through,
  # never replaced: a device, a link to one, a named pipe with a reader, a
  # link to a regular file (the link kept); a pipe nobody reads and a
  # dangling link are refused (exit 1), nothing made beside them
  find_program(MKFIFO mkfifo)
  find_program(SH sh)
  if(NOT MKFIFO OR NOT SH)
    message(STATUS "skipped: no mkfifo or sh")
    return()
  endif()
  set(w weather --sample 1 --csv)
  execute_process(COMMAND "${AUTONOMY}" ${w} /dev/null RESULT_VARIABLE rc ERROR_VARIABLE err)
  execute_process(COMMAND "${SH}" -c "test -c /dev/null" RESULT_VARIABLE still_device)
  if(NOT rc EQUAL 0 OR NOT still_device EQUAL 0)
    message(FATAL_ERROR "--csv /dev/null: status ${rc}, /dev/null still a device: ${still_device}\n${err}")
  endif()
  file(CREATE_LINK /dev/null "${DIR}/to-null.csv" SYMBOLIC)
  file(WRITE "${DIR}/target.csv" "before\n")
  file(CREATE_LINK target.csv "${DIR}/to-target.csv" SYMBOLIC)
  file(CREATE_LINK nowhere.csv "${DIR}/dangling.csv" SYMBOLIC)
  execute_process(COMMAND "${MKFIFO}" "${DIR}/pipe.csv")
  foreach(out to-null.csv to-target.csv)
    execute_process(COMMAND "${AUTONOMY}" ${w} "${DIR}/${out}" RESULT_VARIABLE rc
                    ERROR_VARIABLE err TIMEOUT 20)
    if(NOT rc EQUAL 0 OR NOT IS_SYMLINK "${DIR}/${out}")
      message(FATAL_ERROR "--csv to ${out}: status ${rc}, the link replaced?\n${err}")
    endif()
  endforeach()
  file(STRINGS "${DIR}/target.csv" rows)
  list(LENGTH rows n)
  if(NOT n EQUAL 8761)
    message(FATAL_ERROR "--csv through a link to a regular file: ${n} lines in its target (expected 8761)")
  endif()
  # a pipe with a reader at its other end gets the table
  execute_process(COMMAND "${SH}" -c "cat pipe.csv > got.csv & \"$1\" weather --sample 1 --csv pipe.csv; s=$?; wait; exit $s"
                          sh "${AUTONOMY}" WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE rc
                          ERROR_VARIABLE err TIMEOUT 20)
  file(STRINGS "${DIR}/got.csv" rows)
  list(LENGTH rows n)
  execute_process(COMMAND "${SH}" -c "test -p pipe.csv" WORKING_DIRECTORY "${DIR}"
                  RESULT_VARIABLE still_pipe)
  if(NOT rc EQUAL 0 OR NOT n EQUAL 8761 OR NOT still_pipe EQUAL 0)
    message(FATAL_ERROR "--csv to a pipe with a reader: status ${rc}, ${n} lines read, still a pipe: ${still_pipe}\n${err}")
  endif()
  foreach(out pipe.csv dangling.csv)
    execute_process(COMMAND "${AUTONOMY}" ${w} "${DIR}/${out}" RESULT_VARIABLE rc
                    ERROR_VARIABLE err TIMEOUT 20)
    if(NOT rc EQUAL 1 OR NOT err MATCHES "it is a (named pipe that nobody reads|symbolic link to nothing)")
      message(FATAL_ERROR "--csv to ${out}: status '${rc}' (expected 1 at once and why)\n${err}")
    endif()
  endforeach()
  file(GLOB left RELATIVE "${DIR}" "${DIR}/*")
  list(SORT left)
  if(NOT left STREQUAL "dangling.csv;got.csv;pipe.csv;target.csv;to-null.csv;to-target.csv")
    message(FATAL_ERROR "files made beside the outputs: ${left}")
  endif()
elseif(CASE STREQUAL "secrets")
  # a weather or profile file that points at some other file (a fake
  # /etc/shadow): refused without a byte of it quoted
  file(WRITE "${DIR}/shadow" "root:$6$saltsalt$c2VjcmV0aGFzaA:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n")
  foreach(src epw pvgis-csv pvgis-epw csv)
    file(WRITE "${DIR}/w-${src}.xml" "<scenario name=\"w\" extends=\"${SRC}/data/minimal.xml\">
  <weather source=\"${src}\" file=\"shadow\"/>\n</scenario>\n")
  endforeach()
  file(WRITE "${DIR}/profile.xml" "<scenario name=\"p\" extends=\"${SRC}/data/minimal.xml\">
  <demand><sector name=\"residential\"><use name=\"appliances\" type=\"electricity\" profile-file=\"shadow\"><annual>1 GWh</annual></use></sector></demand>
</scenario>\n")
  foreach(shown "run --out out w-epw.xml" "run --out out w-pvgis-csv.xml"
                "run --out out w-pvgis-epw.xml" "run --out out w-csv.xml" "validate profile.xml"
                "weather --file shadow --format epw" "weather --file shadow --format pvgis-csv"
                "weather --file shadow --format csv")
    string(REPLACE " " ";" c "${shown}")
    execute_process(COMMAND "${AUTONOMY}" ${c} WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE rc
                    ERROR_VARIABLE err OUTPUT_QUIET TIMEOUT 20)
    if(NOT rc EQUAL 2 OR err MATCHES "root|salt|daemon|19000|99999")
      message(FATAL_ERROR "autonomy ${shown} on a fake /etc/shadow: status ${rc} (expected 2), "
                          "and its content quoted?\n${err}")
    endif()
    message(STATUS "autonomy ${shown}: refused, nothing quoted")
  endforeach()
elseif(CASE STREQUAL "read-only")
  # a results folder the user cannot write (as root: run as nobody)
  file(MAKE_DIRECTORY "${DIR}/ro")
  file(WRITE "${DIR}/ro/summary.csv" "earlier results\n")
  execute_process(COMMAND chmod 555 "${DIR}/ro")
  execute_process(COMMAND chmod 755 "${DIR}")
  execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(prefix)
  if(uid STREQUAL "0")
    find_program(RUNUSER runuser)
    if(NOT RUNUSER)
      message(STATUS "skipped: root without runuser")
      return()
    endif()
    set(prefix ${RUNUSER} -u nobody --)
  endif()
  execute_process(COMMAND ${prefix} "${AUTONOMY}" run --quiet --out "${DIR}/ro"
                          "${SRC}/data/minimal.xml"
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  execute_process(COMMAND chmod 755 "${DIR}/ro")
  if(rc EQUAL 126 OR rc EQUAL 127)
    message(STATUS "skipped: nobody cannot run the program from this folder")
    file(REMOVE_RECURSE "${DIR}")
    return()
  endif()
  if(NOT rc EQUAL 1 OR NOT err MATCHES "Permission denied")
    message(FATAL_ERROR "read-only folder: status ${rc}, expected 1 and a clear message\n${err}")
  endif()
  file(READ "${DIR}/ro/summary.csv" kept)
  file(GLOB left RELATIVE "${DIR}/ro" "${DIR}/ro/*")
  if(NOT kept STREQUAL "earlier results\n" OR NOT left STREQUAL "summary.csv")
    message(FATAL_ERROR "read-only folder: its content changed: ${left}")
  endif()
endif()
file(REMOVE_RECURSE "${DIR}")
