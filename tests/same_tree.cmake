# same_tree.cmake: same_tree(REF GOT WHAT) fails unless folder GOT holds the
# files of folder REF, each the same bytes, manifest.csv but its date and
# threads (the lines run,date_utc and run,threads).  Included by the tests
# that compare a run made in parts with a run made whole.
function(same_tree ref got what)
  file(GLOB_RECURSE want RELATIVE "${ref}" "${ref}/*")
  file(GLOB_RECURSE have RELATIVE "${got}" "${got}/*")
  if(NOT have STREQUAL want)
    message(FATAL_ERROR "${what}: other files than ${ref}:\n${have}\n---\n${want}")
  endif()
  foreach(f ${want})
    set(same 0)
    if(f MATCHES "manifest\\.csv$")
      file(STRINGS "${ref}/${f}" a REGEX "^[^r]|^run,[^dt]")
      file(STRINGS "${got}/${f}" b REGEX "^[^r]|^run,[^dt]")
      if(a STREQUAL b)
        set(same 1)
      endif()
    else()
      execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${ref}/${f}" "${got}/${f}"
                      RESULT_VARIABLE diff)
      if(diff EQUAL 0)
        set(same 1)
      endif()
    endif()
    if(NOT same)
      message(FATAL_ERROR "${what}: ${f} differs from ${ref}'s (beyond the manifest's date "
                          "and threads)")
    endif()
  endforeach()
  list(LENGTH want n)
  message(STATUS "${what}: ${n} files, those of ${ref}")
endfunction()
