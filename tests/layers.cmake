# layers.cmake: the layers' rules, read off the symbols their archives use
# (issue 11, README's layout): only the scenario layer calls libxml2; only the
# runner calls OpenMP; base, profiles, year and run open no file (the readers
# of the scenario and weather layers do, and the tables and the command line
# write); the tables run nothing: they format the pathways and the flow
# tables the runner kept (no engine, no au_run, no weather read).  Run by
# ctest with -DNM=<nm> -D<LAYER>=<archive> for each layer.
cmake_minimum_required(VERSION 3.18)
set(layers BASE SCENARIO WEATHER PROFILES YEAR RUN TABLES)
set(io_calls fopen fdopen freopen open openat creat popen opendir mkdir mkdtemp rename unlink
    remove au_read_file)
set(failures "")
foreach(layer ${layers})
  execute_process(COMMAND ${NM} -u ${${layer}} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NM} -u ${${layer}} failed (${rc})")
  endif()
  string(REGEX MATCHALL "[ \t]U [A-Za-z_][A-Za-z0-9_@.]*" undefined "${out}")
  set(names "")
  foreach(u ${undefined})
    string(REGEX REPLACE "^[ \t]U " "" u "${u}")
    string(REGEX REPLACE "@.*$" "" u "${u}")
    list(APPEND names ${u})
  endforeach()
  foreach(n ${names})
    if(n MATCHES "^(xml|xsd|__xml)" AND NOT layer STREQUAL "SCENARIO")
      list(APPEND failures "${layer} calls libxml2 (${n}): only the scenario layer may")
    endif()
    if(n MATCHES "^(GOMP_|omp_)" AND NOT layer STREQUAL "RUN")
      list(APPEND failures "${layer} calls OpenMP (${n}): only the runner may")
    endif()
    if(layer STREQUAL "TABLES" AND n MATCHES
       "^(au_engine_|au_run$|au_run_hourly|au_run_keep|au_wsample_load|au_profiles_build)")
      list(APPEND failures "TABLES runs the model (${n}): it formats what the runner kept")
    endif()
    if(layer MATCHES "^(BASE|PROFILES|YEAR|RUN)$")
      list(FIND io_calls "${n}" k)
      if(NOT k EQUAL -1)
        list(APPEND failures "${layer} opens or writes files (${n}): the model does no I/O")
      endif()
    endif()
  endforeach()
  list(LENGTH names count)
  message(STATUS "${layer}: ${count} undefined symbols checked")
endforeach()
if(failures)
  string(REPLACE ";" "\n  " failures "${failures}")
  message(FATAL_ERROR "layer rules broken:\n  ${failures}")
endif()
