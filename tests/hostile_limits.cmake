# hostile_limits.cmake: inputs that hung or exhausted the machine (issue 18,
# cases 6 and 7), made at test time; each must be refused at the door, with
# FILE:LINE: error: ... (expected ...), exit status 2, nothing on stdout,
# and within a second (they took minutes, or hours).  And quantities that
# passed validate, then failed the run (case 10): refused by run too.
#   cmake -DAUTONOMY=path -DDIR=scratch -DSRC=tests-dir -DROOT=source-dir -DCASE=name
#         -P hostile_limits.cmake
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
set(MINIMAL "${SRC}/data/minimal.xml")

# Runs autonomy validate FILE: status 2, one FILE:LINE error matching `says`
# at `line`, nothing on stdout, within `seconds`; prints the time taken.
function(expect_refused file line says seconds what)
  string(TIMESTAMP t0 "%s%f")
  execute_process(COMMAND "${AUTONOMY}" validate "${file}" RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
  string(TIMESTAMP t1 "%s%f")
  math(EXPR ms "(${t1} - ${t0}) / 1000")
  string(REPLACE "." "\\." file_re "${file}")
  if(NOT rc EQUAL 2 OR NOT out STREQUAL "" OR
     NOT err MATCHES "^${file_re}:${line}: error: [^\n]*${says}[^\n]*\n$" OR
     NOT err MATCHES " \\(expected [^\n]*\\)\n$")
    message(FATAL_ERROR "${what}: status '${rc}' (expected 2, one error at line ${line} "
                        "saying '${says}', nothing on stdout)\nstdout: ${out}\nstderr: ${err}")
  endif()
  if(ms GREATER ${seconds}000)
    message(FATAL_ERROR "${what}: refused after ${ms} ms (expected within ${seconds} s)")
  endif()
  message(STATUS "${what}: refused in ${ms} ms")
endfunction()

# A batch of one scenario FILE with sweeps of the given numbers of values
# (on the PV capacity: the values are only counted before the refusal).
function(sweep_batch out file)
  set(text "<batch name=\"b\">\n  <scenario file=\"${file}\">\n")
  set(k 0)
  foreach(n ${ARGN})
    math(EXPR k "${k} + 1")
    string(APPEND text "    <sweep name=\"s${k}\" xpath=\"/scenario/generation/pv/capacity\">\n")
    foreach(i RANGE 1 ${n})
      string(APPEND text "      <value>${i} MW</value>\n")
    endforeach()
    string(APPEND text "    </sweep>\n")
  endforeach()
  file(WRITE "${out}" "${text}  </scenario>\n</batch>\n")
endfunction()

# A scenario extending minimal.xml with n copies of `item` (@I@: 1..n) in
# `open` ... `close`; the first item is on line 3.
function(many_items out n open item close)
  set(text "<scenario name=\"many\" extends=\"${MINIMAL}\">\n  ${open}\n")
  foreach(i RANGE 1 ${n})
    string(REPLACE "@I@" "${i}" one "${item}")
    string(APPEND text "    ${one}\n")
  endforeach()
  file(WRITE "${out}" "${text}  ${close}\n</scenario>\n")
endfunction()

if(CASE STREQUAL "xpath-nest")
  # five nested //* scans over the largest shipped scenario ran for hours:
  # count() and // inside a predicate are not in the paths a sweep takes
  file(WRITE "${DIR}/nest.xml" "<batch name=\"b\">
  <scenario file=\"${ROOT}/scenarios/amiens-autonomy-2050.xml\">
    <sweep name=\"x\" xpath=\"//*[count(//*[count(//*[count(//*[count(//*)])])])]/capacity\">
      <value>1 MW</value>
    </sweep>
  </scenario>
</batch>\n")
  expect_refused("${DIR}/nest.xml" 4 "is not an XPath expression a sweep takes: a function call at character 5"
                 1 "five nested //* scans")
  # the same through a lever, with 100 values: refused once, before any
  # variant is made
  set(text "<batch name=\"b\">\n  <scenario file=\"${MINIMAL}\">\n    <sweep name=\"x\" lever=\"scale\" xpath=\"//*[count(//*[count(//*[count(//*[count(//*[count(//*)])])])])]\">\n")
  foreach(i RANGE 1 100)
    string(APPEND text "      <value>${i}</value>\n")
  endforeach()
  file(WRITE "${DIR}/lever.xml" "${text}    </sweep>\n  </scenario>\n</batch>\n")
  expect_refused("${DIR}/lever.xml" 4 "is not an XPath expression a sweep takes: a function call"
                 1 "six nested //* scans, 100 lever values")
  # text copied at every node: concat() of the scenario's text 90 times
  # over a file of 2 MB of blanks took 33 s and 700 MB (4 MB); a predicate
  # comparing each node's text with the whole scenario's, as long
  string(REPEAT " " 2000000 blanks)
  file(WRITE "${DIR}/blank.xml" "<scenario name=\"w\">${blanks}</scenario>\n")
  string(REPEAT "string(/)," 90 args)
  foreach(x "concat(${args}'x'):a function call at character 1"
            "//*[. = /]:'.' or '..' inside a predicate at character 5"
            "//*[@name = /scenario/@name]:a path from the root inside a predicate")
    string(FIND "${x}" ":" colon REVERSE)
    string(SUBSTRING "${x}" 0 ${colon} xpath)
    math(EXPR colon "${colon} + 1")
    string(SUBSTRING "${x}" ${colon} -1 says)
    file(WRITE "${DIR}/text.xml" "<batch name=\"b\">\n  <scenario file=\"blank.xml\">\n    <sweep name=\"x\" xpath=\"${xpath}\">\n      <value>1</value>\n    </sweep>\n  </scenario>\n</batch>\n")
    string(REGEX REPLACE "([][()*.+?^$])" "\\\\\\1" says_re "${says}")
    expect_refused("${DIR}/text.xml" 4 "a sweep takes: ${says_re}" 1 "xpath ${says}")
  endforeach()
  # a path in the subset that still visits too much: 60,000 elements, each
  # tested six times; stopped at libxml2's op limit, which is itself the
  # time of 1,000,000 steps (70 ms; 600 ms with the sanitizers)
  string(REPEAT "<x/>" 60000 many)
  file(WRITE "${DIR}/many.xml" "<scenario name=\"w\">${many}</scenario>\n")
  file(WRITE "${DIR}/ops.xml" "<batch name=\"b\">
  <scenario file=\"many.xml\">
    <sweep name=\"x\" xpath=\"//*[@a='1' or @b='2' or @c='3' or @d='4' or @e='5' or @f='6']/capacity\">
      <value>1 MW</value>
    </sweep>
  </scenario>
</batch>\n")
  expect_refused("${DIR}/ops.xml" 4 "takes more than 1000000 steps to evaluate" 3
                 "60,000 elements tested six times")
elseif(CASE STREQUAL "sweep-huge")
  # 3 x 1,000 values: 10^9 variants grew to 4 GB before running out of memory
  sweep_batch("${DIR}/3x1000.xml" "${MINIMAL}" 1000 1000 1000)
  expect_refused("${DIR}/3x1000.xml" 2 "this scenario makes 1000000000 variants [(]expected at most 10000 variants in a batch," 1
                 "sweeps of 3 x 1,000 values")
  # 100 x 100 x 10: 100,000 names compared pairwise took 2 min 52 s
  sweep_batch("${DIR}/100x100x10.xml" "${MINIMAL}" 100 100 10)
  expect_refused("${DIR}/100x100x10.xml" 2 "this scenario makes 100000 variants [(]" 1
                 "sweeps of 100 x 100 x 10 values")
  # 10,001 scenarios of no sweep: refused at the 10,001st, none read
  set(text "<batch name=\"b\">\n")
  foreach(i RANGE 1 10001)
    string(APPEND text "  <scenario file=\"${MINIMAL}\"/>\n")
  endforeach()
  file(WRITE "${DIR}/many.xml" "${text}</batch>\n")
  # (reading and checking the batch's 10,001 elements: 120 ms, 400 with the
  # sanitizers)
  expect_refused("${DIR}/many.xml" 10002 "this scenario makes 1 variant, after the 10000 of the scenarios above"
                 2 "10,001 scenarios")
elseif(CASE STREQUAL "sweep-names")
  # 2 x (100 x 50) variants, every name twice: the duplicates are found by
  # sorting the 10,000 names (pair by pair, 100,000 took 2 min 52 s); the
  # first is the second scenario's first variant
  set(text "<batch name=\"b\">\n")
  foreach(s 1 2)
    string(APPEND text "  <scenario file=\"${MINIMAL}\">\n")
    foreach(sw "pv:/scenario/generation/pv/capacity:100:MW" "use:/scenario/demand/sector/use/annual:50:GWh")
      string(REPLACE ":" ";" sw "${sw}")
      list(GET sw 0 name)
      list(GET sw 1 xpath)
      list(GET sw 2 n)
      list(GET sw 3 unit)
      string(APPEND text "    <sweep name=\"${name}\" xpath=\"${xpath}\">\n")
      foreach(i RANGE 1 ${n})
        string(APPEND text "      <value>${i} ${unit}</value>\n")
      endforeach()
      string(APPEND text "    </sweep>\n")
    endforeach()
    string(APPEND text "  </scenario>\n")
  endforeach()
  file(WRITE "${DIR}/twice.xml" "${text}</batch>\n")
  # the second <scenario> is on line 1 + 1 + (1 + 100 + 1) + (1 + 50 + 1) + 1
  expect_refused("${DIR}/twice.xml" 158 "variant name 'minimal\\+pv=1MW\\+use=1GWh' appears twice"
                 1 "10,000 variants, every name twice")
elseif(CASE STREQUAL "fleets-many")
  # 1,001 PV fleets: refused at the 1,001st (10,000 took 2.1 GB and 89 s)
  set(pv "<pv name=\"p@I@\" tilt=\"35 deg\" azimuth=\"180 deg\"><capacity>1 MWp</capacity></pv>")
  many_items("${DIR}/pv.xml" 1001 "<generation>" "${pv}" "</generation>")
  expect_refused("${DIR}/pv.xml" 1003 "too many generation fleets [^:]*: this <pv> is number 1001"
                 1 "1,001 PV fleets")
  # at the limit (minimal.xml's own and 999), a scenario is valid
  many_items("${DIR}/pv1000.xml" 999 "<generation>" "${pv}" "</generation>")
  execute_process(COMMAND "${AUTONOMY}" validate "${DIR}/pv1000.xml" RESULT_VARIABLE rc
                  ERROR_VARIABLE err OUTPUT_QUIET TIMEOUT 60)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "1,000 PV fleets (the limit): status ${rc}, expected valid\n${err}")
  endif()
  # 600 in a base (and minimal.xml's own) and 600 more in the file that
  # extends it: refused on the merged scenario, at the 400th of the variant's
  many_items("${DIR}/base600.xml" 600 "<generation>" "${pv}" "</generation>")
  string(REPLACE "name=\"p" "name=\"q" q "${pv}")
  set(MINIMAL "${DIR}/base600.xml")
  many_items("${DIR}/more600.xml" 600 "<generation>" "${q}" "</generation>")
  expect_refused("${DIR}/more600.xml" 402 "too many generation fleets [^:]*: this <pv> is number 1001"
                 1 "600 PV fleets on 600")
elseif(CASE STREQUAL "uses-many")
  # 1,001 uses: refused at the 1,001st (40,000 took 2.8 GB and 3 min 26 s)
  many_items("${DIR}/uses.xml" 1001 "<demand><sector name=\"residential\">"
             "<use name=\"u@I@\" type=\"electricity\"><annual>1 GWh</annual></use>"
             "</sector></demand>")
  expect_refused("${DIR}/uses.xml" 1003 "too many demand uses [^:]*: this <use> is number 1001"
                 1 "1,001 uses")
elseif(CASE STREQUAL "stores-many")
  # 1,001 batteries: refused at the 1,001st
  many_items("${DIR}/stores.xml" 1001 "<storage>"
             "<battery name=\"b@I@\" chemistry=\"lfp\"><energy>1 MWh</energy><power>1 MW</power></battery>"
             "</storage>")
  expect_refused("${DIR}/stores.xml" 1003 "too many stores [^:]*: this <battery> is number 1001"
                 1 "1,001 batteries")
elseif(CASE STREQUAL "quantities")
  # issue 18, case 10: quantities that passed validate and then failed the
  # run at "line 0" ("please report this"): run refuses them at the door,
  # at their line, and writes nothing
  foreach(f "boiler-efficiency-1e-310.xml:15:efficiency '1e-310' is too near 0"
            "growth-1e10.xml:9:makes [^ ]+ MWh in 2022, which is too large")
    string(REPLACE ":" ";" f "${f}")
    list(GET f 0 name)
    list(GET f 1 line)
    list(GET f 2 says)
    execute_process(COMMAND "${AUTONOMY}" run --quiet --out "${DIR}/out"
                            "${SRC}/bad/hostile/${name}"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
    string(REPLACE "." "\\." name_re "${name}")
    if(NOT rc EQUAL 2 OR NOT out STREQUAL "" OR EXISTS "${DIR}/out" OR
       NOT err MATCHES "^[^\n]*/${name_re}:${line}: error: [^\n]*${says}[^\n]*\\(expected [^\n]*\n$")
      message(FATAL_ERROR "run ${name}: status '${rc}' (expected 2, one error at line ${line}, "
                          "nothing written)\nstdout: ${out}\nstderr: ${err}")
    endif()
    message(STATUS "run ${name}: refused at line ${line}")
  endforeach()
elseif(CASE STREQUAL "samples-many")
  # 49 variants x 100,000 samples: 4.9 million samples (their yearly
  # indicators, 8 bytes a year each, would fill 1.2 GB of a temporary file
  # until the run ends): refused before anything runs
  sweep_batch("${DIR}/b49.xml" "${MINIMAL}" 7 7)
  string(TIMESTAMP t0 "%s%f")
  execute_process(COMMAND "${AUTONOMY}" run --samples 100000 --out "${DIR}/out" "${DIR}/b49.xml"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
  string(TIMESTAMP t1 "%s%f")
  math(EXPR ms "(${t1} - ${t0}) / 1000")
  if(NOT rc EQUAL 2 OR NOT out STREQUAL "" OR EXISTS "${DIR}/out" OR
     NOT err MATCHES "4900000 samples over 49 scenarios[^\n]*\\(expected at most 4000000")
    message(FATAL_ERROR "run --samples 100000 over 49 scenarios: status '${rc}' (expected 2, "
                        "nothing written)\nstdout: ${out}\nstderr: ${err}")
  endif()
  message(STATUS "4.9 million samples refused in ${ms} ms")
else()
  message(FATAL_ERROR "unknown case '${CASE}'")
endif()
file(REMOVE_RECURSE "${DIR}")
