# shards.cmake: `run --shard K/N` and `merge` give the files of one run.
#  - the default batch with 2 weather samples, run whole, then as shards
#    1/3, 2/3, 3/3 into one folder and merged there, and into three folders
#    (1, 2 and 3 threads) merged into a fourth: every file the same bytes as
#    the whole run's (manifest.csv but its date and threads), and no shard
#    manifest left where the merge wrote;
#  - every scenario in exactly one shard, the same parts whatever the order
#    the shards ran in;
#  - refused with exit status 2 and nothing written: a missing shard, a
#    shard given twice, a shard of other options, a shard of another version,
#    an input changed since the shards ran, a shard whose tables are
#    incomplete; bad --shard values.
#   cmake -DAUTONOMY=path -DBATCH=file -DMINIMAL=file -DDIR=scratch -P shards.cmake
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
set(args --quiet --samples 2 --threads 2)

function(run_ok)
  execute_process(COMMAND "${AUTONOMY}" ${ARGN} RESULT_VARIABLE rc ERROR_VARIABLE err
                  OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "autonomy ${ARGN}: exit ${rc}\n${err}")
  endif()
endfunction()

# refused: exit status 2, the message, nothing at OUT
function(refused out pattern)
  execute_process(COMMAND "${AUTONOMY}" ${ARGN} RESULT_VARIABLE rc ERROR_VARIABLE err
                  OUTPUT_QUIET)
  if(NOT rc EQUAL 2 OR NOT err MATCHES "${pattern}")
    message(FATAL_ERROR "autonomy ${ARGN}: exit ${rc}, '${err}' (expected 2 and '${pattern}')")
  endif()
  if(NOT out STREQUAL "" AND EXISTS "${out}")
    message(FATAL_ERROR "autonomy ${ARGN} was refused but wrote ${out}")
  endif()
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/same_tree.cmake)

run_ok(run ${args} --out "${DIR}/whole" "${BATCH}")

# shards into one folder, in another order than theirs; merged there
foreach(k 3 1 2)
  run_ok(run ${args} --shard ${k}/3 --out "${DIR}/shared" "${BATCH}")
endforeach()
# every scenario in one shard exactly
set(all "")
foreach(k 1 2 3)
  file(STRINGS "${DIR}/shared/shard-${k}-of-3.csv" rows REGEX "^scenario,")
  list(LENGTH rows nk)
  if(nk EQUAL 0)
    message(FATAL_ERROR "shard ${k} of 3 has no scenario")
  endif()
  list(APPEND all ${rows})
endforeach()
list(LENGTH all n_all)
set(uniq ${all})
list(REMOVE_DUPLICATES uniq)
list(LENGTH uniq n_uniq)
file(GLOB yearly "${DIR}/whole/*/*/yearly.csv")
list(LENGTH yearly n_scen)
if(NOT n_all EQUAL n_scen OR NOT n_uniq EQUAL n_scen)
  message(FATAL_ERROR "the shards hold ${n_all} scenarios (${n_uniq} distinct), the run ${n_scen}")
endif()
run_ok(merge --quiet "${DIR}/shared")
same_tree("${DIR}/whole" "${DIR}/shared" "3 shards in one folder")

# shards into folders of their own, with other numbers of threads (a node's
# cores: they change no result), merged into a fourth
foreach(k 1 2 3)
  run_ok(run --quiet --samples 2 --threads ${k} --shard ${k}/3 --out "${DIR}/s${k}" "${BATCH}")
endforeach()
refused("${DIR}/m" "shard 2 of 3 is missing"
        merge --out "${DIR}/m" "${DIR}/s1" "${DIR}/s3")
refused("${DIR}/m" "shard 1 of 3 is given twice"
        merge --out "${DIR}/m" "${DIR}/s1" "${DIR}/s1" "${DIR}/s2" "${DIR}/s3")
run_ok(run --quiet --samples 1 --threads 2 --shard 2/3 --out "${DIR}/other" "${BATCH}")
refused("${DIR}/m" "made by other options than"
        merge --out "${DIR}/m" "${DIR}/s1" "${DIR}/other" "${DIR}/s3")
# a shard of another version of the program
file(MAKE_DIRECTORY "${DIR}/old")
file(READ "${DIR}/s2/shard-2-of-3.csv" text)
string(REGEX REPLACE "program,autonomy,[^\n]*" "program,autonomy,0.0.1" text "${text}")
file(WRITE "${DIR}/old/shard-2-of-3.csv" "${text}")
refused("${DIR}/m" "made by another version of autonomy than"
        merge --out "${DIR}/m" "${DIR}/s1" "${DIR}/old" "${DIR}/s3")
# a shard whose tables are incomplete: nothing copied from the others
file(COPY "${DIR}/s3" DESTINATION "${DIR}/cut")
file(GLOB cut_yearly "${DIR}/cut/s3/*/*/yearly.csv")
list(GET cut_yearly 0 victim)
file(REMOVE "${victim}")
refused("${DIR}/m" "no complete tables of scenario"
        merge --out "${DIR}/m" "${DIR}/s1" "${DIR}/s2" "${DIR}/cut/s3")
run_ok(merge --quiet --out "${DIR}/m" "${DIR}/s1" "${DIR}/s2" "${DIR}/s3")
same_tree("${DIR}/whole" "${DIR}/m" "3 shards in three folders")
foreach(k 1 2 3)
  if(NOT EXISTS "${DIR}/s${k}/shard-${k}-of-3.csv")
    message(FATAL_ERROR "the merge into another folder removed shard ${k}'s manifest")
  endif()
endforeach()

# an input changed since the shards ran
configure_file("${MINIMAL}" "${DIR}/mini/minimal.xml" COPYONLY)
foreach(k 1 2)
  run_ok(run --quiet --shard ${k}/2 --out "${DIR}/mini/out" "${DIR}/mini/minimal.xml")
endforeach()
file(APPEND "${DIR}/mini/minimal.xml" "<!-- changed -->\n")
refused("${DIR}/mini/out/summary.csv" "minimal.xml has changed since the shards ran"
        merge "${DIR}/mini/out")

# bad --shard values
foreach(bad 0/3 4/3 3 x/y 1/0 "1/3 ")
  refused("${DIR}/bad" "--shard '${bad}' \\(expected K/N"
          run --quiet --shard "${bad}" --out "${DIR}/bad" "${BATCH}")
endforeach()
refused("" "no shard-K-of-N.csv" merge "${DIR}/whole")
file(REMOVE_RECURSE "${DIR}")
