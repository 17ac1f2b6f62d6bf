# expect_absent.cmake: fails if path P exists.
if(EXISTS "${P}")
  message(FATAL_ERROR "${P} exists: a failed run wrote something")
endif()
