# mpi.cmake: `mpirun -n R autonomy run` (the MPI build) writes the files of
# one process.
#  - the default batch with 2 weather samples and the hourly flows of 2050,
#    run by one process, then by 2 and by 3 ranks (mpirun --oversubscribe
#    on this machine): every file the same bytes (manifest.csv but its date
#    and threads);
#  - a rank that cannot read what rank 0 read (ranks 1 and 2 started in a
#    folder whose scenario file of the same name points at a broken weather
#    file): exit status 1, the rank and the file named, nothing written;
#  - bad input seen by every rank: exit status 2, the error said once;
#  - seek with two levers at 3 ranks: the trace, the Pareto front and the
#    scenario found by one process.
#   cmake -DAUTONOMY=path -DMPIEXEC=mpirun -DBATCH=file -DMINIMAL=file -DSODIUM=file -DDIR=scratch
#         -P mpi.cmake
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
# Open MPI refuses root unless told (CI machines run as root)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
set(ENV{OMP_NUM_THREADS} 1)
set(mpi "${MPIEXEC}" --oversubscribe)
set(args run --quiet --samples 2 --threads 1 --hourly 2050)
include(${CMAKE_CURRENT_LIST_DIR}/same_tree.cmake)

execute_process(COMMAND "${AUTONOMY}" ${args} --out "${DIR}/one" "${BATCH}"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "one process: exit ${rc}\n${err}")
endif()

foreach(ranks 2 3)
  set(out "${DIR}/ranks-${ranks}")
  execute_process(COMMAND ${mpi} -n ${ranks} "${AUTONOMY}" ${args} --out "${out}" "${BATCH}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ranks} ranks: exit ${rc}\n${o}\n${err}")
  endif()
  same_tree("${DIR}/one" "${out}" "${ranks} ranks")
endforeach()

# seek with two levers: the points of each round shared by 3 ranks give the
# trace, the Pareto front and the scenario found by one process (the
# seconds column aside)
set(seek seek ${SODIUM} --by 2045 --grid 3 --rounds 1 --threads 1
    --lever "scale:/scenario/generation/wind[@name='Somme wind share']/capacity" --from 0.5 --to 3
    --lever "scale:/scenario/generation/pv[@name='rooftops']/capacity" --from 0.5 --to 3)
execute_process(COMMAND "${AUTONOMY}" ${seek} --out "${DIR}/seek-one"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "seek, one process: exit ${rc}\n${err}")
endif()
execute_process(COMMAND ${mpi} -n 3 "${AUTONOMY}" ${seek} --out "${DIR}/seek-3"
                RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "seek, 3 ranks: exit ${rc}\n${o}\n${err}")
endif()
file(GLOB found RELATIVE "${DIR}/seek-one" "${DIR}/seek-one/*.xml")
foreach(f trace.csv pareto.csv ${found})
  file(READ "${DIR}/seek-one/${f}" a)
  file(READ "${DIR}/seek-3/${f}" b)
  if(f MATCHES "\\.csv$")
    string(REGEX REPLACE ",[0-9.]+\n" "\n" a "${a}")
    string(REGEX REPLACE ",[0-9.]+\n" "\n" b "${b}")
  endif()
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "seek, 3 ranks: ${f} differs from one process's")
  endif()
endforeach()
message(STATUS "seek, 3 ranks: trace, Pareto front and ${found} those of one process")

# a rank that cannot read what rank 0 read: the same file name in another
# folder (a node's local disk), pointing at a broken weather file
file(MAKE_DIRECTORY "${DIR}/good" "${DIR}/node")
file(WRITE "${DIR}/good/s.xml" "<scenario name=\"one\" extends=\"${MINIMAL}\"/>\n")
file(WRITE "${DIR}/node/s.xml" "<scenario name=\"one\" extends=\"${MINIMAL}\">
  <weather source=\"csv\" file=\"w.csv\"/>
</scenario>\n")
file(WRITE "${DIR}/node/w.csv" "ghi_w_m2,temp_air_c\nnot a number,12\n")
execute_process(COMMAND ${mpi} -n 1 --wdir "${DIR}/good" "${AUTONOMY}" run --quiet
                        --out "${DIR}/failed" s.xml
                        : -n 2 --wdir "${DIR}/node" "${AUTONOMY}" run --quiet
                        --out "${DIR}/failed" s.xml
                RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "rank [12]" OR NOT err MATCHES "w\\.csv"
   OR EXISTS "${DIR}/failed")
  message(FATAL_ERROR "a failing rank: exit ${rc} (expected 1), stderr '${err}' (expected "
                      "the rank and w.csv named), ${DIR}/failed written? (expected not)")
endif()
message(STATUS "a failing rank: exit 1, '${err}'")

# bad input on every rank: exit 2, said once
file(WRITE "${DIR}/bad.xml" "<scenario name=\"bad\" extends=\"${MINIMAL}\">\n  <horizon start=\"2020\" end=\"1990\"/>\n</scenario>\n")
execute_process(COMMAND ${mpi} -n 3 "${AUTONOMY}" run --quiet --out "${DIR}/bad" "${DIR}/bad.xml"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
string(REGEX MATCHALL "the horizon starts in 2020" said "${err}")
list(LENGTH said n_said)
if(NOT rc EQUAL 2 OR NOT n_said EQUAL 1 OR EXISTS "${DIR}/bad")
  message(FATAL_ERROR "bad input on 3 ranks: exit ${rc} (expected 2), said ${n_said} times "
                      "(expected once): '${err}'")
endif()
file(REMOVE_RECURSE "${DIR}")
