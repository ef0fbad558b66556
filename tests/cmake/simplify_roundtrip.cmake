# cli.simplify_roundtrip: the simplified ("to-be") procedure written by
# `redtape simplify` is valid redtape YAML that loads, checks and audits
# again, with fewer findings than the original, and records what was
# applied (issue 4, acceptance: "redtape simplify writes YAML that redtape
# check accepts and whose audit shows fewer findings").
#
#   cmake -DREDTAPE=… -DCATALOG=<examples/catalog> -DPROCEDURE=1.013978
#         -DWORK_DIR=… -P simplify_roundtrip.cmake
#
# Steps:
#   1. redtape simplify PROCEDURE CATALOG -o WORK_DIR/simplified/land.yaml
#   2. redtape check <that file> CATALOG/registry.yaml          → exit 0
#   3. redtape audit <that file> CATALOG/registry.yaml --format json has
#      fewer findings for PROCEDURE than `redtape audit CATALOG --format json`
#   4. the file holds `x-simplified:` with `applied:`, and the metrics of the
#      file's procedure are the `simplified` metrics of the original audit.

foreach(var REDTAPE CATALOG PROCEDURE WORK_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "simplify_roundtrip.cmake: -D${var}=… is required")
  endif()
endforeach()

set(registry ${CATALOG}/registry.yaml)
set(simplified ${WORK_DIR}/simplified/land.yaml)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/simplified)

function(run)
  cmake_parse_arguments(R "" "EXPECT;OUTPUT" "ARGS" ${ARGN})
  if(R_OUTPUT)
    execute_process(COMMAND ${REDTAPE} ${R_ARGS}
      RESULT_VARIABLE rc OUTPUT_FILE ${R_OUTPUT} ERROR_VARIABLE err TIMEOUT 120)
  else()
    execute_process(COMMAND ${REDTAPE} ${R_ARGS}
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  endif()
  if(NOT "${rc}" STREQUAL "${R_EXPECT}")
    list(JOIN R_ARGS " " shown)
    message(FATAL_ERROR "`redtape ${shown}` exited with '${rc}', expected ${R_EXPECT}:\n${out}\n${err}")
  endif()
endfunction()

# Findings of procedure `id` in a JSON report (string(JSON), CMake ≥ 3.19).
function(count_findings json id out_var)
  string(JSON n LENGTH "${json}" findings)
  set(count 0)
  if(n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON proc GET "${json}" findings ${i} procedure)
      if(proc STREQUAL id)
        math(EXPR count "${count} + 1")
      endif()
    endforeach()
  endif()
  set(${out_var} ${count} PARENT_SCOPE)
endfunction()

# The JSON object of procedure `id` in a report.
function(procedure_json json id out_var)
  string(JSON n LENGTH "${json}" procedures)
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON pid GET "${json}" procedures ${i} id)
    if(pid STREQUAL id)
      string(JSON obj GET "${json}" procedures ${i})
      set(${out_var} "${obj}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "no procedure ${id} in the report")
endfunction()

# 1. Simplify.
run(EXPECT 0 ARGS simplify ${PROCEDURE} ${CATALOG} -o ${simplified})
if(NOT EXISTS ${simplified})
  message(FATAL_ERROR "redtape simplify exited 0 but wrote no ${simplified}")
endif()
file(READ ${simplified} yaml)
if(NOT yaml MATCHES "(^|\n)x-simplified:")
  message(FATAL_ERROR "${simplified} has no top-level `x-simplified:` block:\n${yaml}")
endif()
if(NOT yaml MATCHES "\n  applied:")
  message(FATAL_ERROR "${simplified}: `x-simplified:` does not list what was `applied:`:\n${yaml}")
endif()
if(NOT yaml MATCHES "id: \"?${PROCEDURE}\"?")
  message(FATAL_ERROR "${simplified} does not hold procedure ${PROCEDURE}:\n${yaml}")
endif()

# 2. It checks.
run(EXPECT 0 ARGS check ${simplified} ${registry})

# 3. Its audit has fewer findings than the original's.
run(EXPECT 0 OUTPUT ${WORK_DIR}/original.json ARGS audit ${CATALOG} --format json)
run(EXPECT 0 OUTPUT ${WORK_DIR}/simplified.json ARGS audit ${simplified} ${registry} --format json)
file(READ ${WORK_DIR}/original.json original)
file(READ ${WORK_DIR}/simplified.json after)
count_findings("${original}" ${PROCEDURE} before_count)
count_findings("${after}" ${PROCEDURE} after_count)
message(STATUS "${PROCEDURE}: ${before_count} findings before, ${after_count} after simplification")
if(before_count EQUAL 0)
  message(FATAL_ERROR "the original audit has no finding for ${PROCEDURE}: nothing to simplify (wrong PROCEDURE?)")
endif()
if(NOT after_count LESS before_count)
  message(FATAL_ERROR "the simplified ${PROCEDURE} has ${after_count} findings, the original ${before_count}: expected fewer")
endif()

# 4. The file's procedure is the to-be procedure of the original audit:
# its metrics are that audit's `simplified` metrics.
procedure_json("${original}" ${PROCEDURE} original_proc)
procedure_json("${after}" ${PROCEDURE} after_proc)
foreach(field elapsed_days applicant_hours applicant_visits documents copies cost_per_application cost_per_year steps)
  string(JSON expected GET "${original_proc}" simplified ${field})
  string(JSON actual GET "${after_proc}" metrics ${field})
  if(NOT expected EQUAL actual)
    message(FATAL_ERROR "${field} of the written ${PROCEDURE} is ${actual}; the audit's simplified ${field} was ${expected}")
  endif()
endforeach()
