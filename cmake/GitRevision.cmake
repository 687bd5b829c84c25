# Writes OUTPUT (a .cpp defining frr::core::version() and git_revision()) from cmake/version.cpp.in,
# at every build (a custom target runs it), touching the file only when its text changes.
#   cmake -DSOURCE_DIR=... -DOUTPUT=... -DFRR_VERSION=... [-DFRR_GIT_REVISION=...] -P GitRevision.cmake
set(FRR_REVISION "")
find_program(GIT_EXECUTABLE git)
if(GIT_EXECUTABLE AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND ${GIT_EXECUTABLE} -C "${SOURCE_DIR}" describe --always --dirty --abbrev=12
    OUTPUT_VARIABLE FRR_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    set(FRR_REVISION "")
  endif()
endif()
if(FRR_REVISION STREQUAL "")
  if(FRR_GIT_REVISION)
    set(FRR_REVISION "${FRR_GIT_REVISION}")
  else()
    set(FRR_REVISION "unknown")
  endif()
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/version.cpp.in" "${OUTPUT}" @ONLY)
