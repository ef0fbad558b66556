# cli.check_bad_exits_2: `redtape check` on each BAD_DIR/*.yaml must exit 2
# (bad input) and point at the problem as `file:line:column:` on stderr.
#
#   cmake -DREDTAPE=… -DBAD_DIR=… -P check_bad.cmake

foreach(var REDTAPE BAD_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_bad.cmake: -D${var}=… is required")
  endif()
endforeach()

file(GLOB bad_files ${BAD_DIR}/*.yaml)
list(SORT bad_files)
if(NOT bad_files)
  # Matched by the test's SKIP_REGULAR_EXPRESSION.
  message(STATUS "REDTAPE_TEST_SKIPPED: no ${BAD_DIR}/*.yaml yet")
  return()
endif()

set(failures "")
foreach(file IN LISTS bad_files)
  get_filename_component(name ${file} NAME)
  # Hostile inputs (alias bombs, deep nesting) must also end quickly.
  execute_process(
    COMMAND ${REDTAPE} check ${file}
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE errors
    TIMEOUT 60)
  # The file may be printed as given or relative; its name then `:line:column:`.
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" name_regex "${name}")
  if(NOT result STREQUAL "2")
    string(APPEND failures "${name}: exit '${result}', expected 2\n${errors}\n")
  elseif(NOT errors MATCHES "${name_regex}:[0-9]+:[0-9]+:")
    string(APPEND failures "${name}: stderr has no '${name}:line:column:'\n${errors}\n")
  else()
    message(STATUS "ok: ${name}")
  endif()
endforeach()

if(failures)
  message(FATAL_ERROR "redtape check on bad input:\n${failures}")
endif()
