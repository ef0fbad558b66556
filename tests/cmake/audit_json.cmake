# The `redtape audit` command line: its reports and exit codes.
#
#   cmake -DMODE=deterministic -DREDTAPE=… -DCATALOG=… -DWORK_DIR=…
#         [-DPYTHON=… -DVALIDATOR=… -DSCHEMA=…] -P audit_json.cmake
#   cmake -DMODE=outputs -DREDTAPE=… -DCATALOG=… -DWORK_DIR=… -P audit_json.cmake
#
# MODE deterministic (cli.audit_deterministic): two runs of
#   `redtape audit CATALOG --format json` are byte-identical, and so is a run
#   with `--jobs 1` (one thread) against the default (all cores); with a
#   Python that has jsonschema, the report validates against the schema
#   (tests/report/validate_schema.py docs/report.schema.json FILE).
#
# MODE outputs (cli.audit_outputs), on a copy of CATALOG:
#   * `-o FILE` with --format csv, md and json writes the whole report (the
#     same bytes as stdout), and leaves no temporary file behind;
#   * `-o` naming an input file exits 2 and leaves that file untouched;
#   * `--fail-on warning` exits 1 (the example catalog has warnings),
#     `--fail-on error` exits 0 (it has no errors);
#   * `--set hourly_value=50000` changes cost_per_year in the JSON;
#   * `--set once-only=off` removes the once-only findings;
#   * a bad `--set` exits 2.
#
# MODE keep_going (cli.audit_keep_going), on a copy of CATALOG with two broken
#   files added: `redtape audit` audits every other procedure, names each
#   broken file with line and column on stderr and in the report's
#   `load_errors` (JSON, valid against the schema when PYTHON is given; CSV
#   rows of rule load-error; a Markdown section), and exits 2; `redtape check`
#   of the same folder stays strict (exit 2).

foreach(var MODE REDTAPE CATALOG WORK_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "audit_json.cmake: -D${var}=… is required")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# run(EXPECT <code> [OUTPUT <file>] [OUT <var>] ARGS …): run redtape, fail
# unless it exits with <code>; stdout to <file> or into <var>.
function(run)
  cmake_parse_arguments(R "" "EXPECT;OUTPUT;OUT" "ARGS" ${ARGN})
  if(R_OUTPUT)
    execute_process(COMMAND ${REDTAPE} ${R_ARGS}
      RESULT_VARIABLE rc OUTPUT_FILE ${R_OUTPUT} ERROR_VARIABLE err TIMEOUT 120)
  else()
    execute_process(COMMAND ${REDTAPE} ${R_ARGS}
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  endif()
  list(JOIN R_ARGS " " shown)
  if(NOT "${rc}" STREQUAL "${R_EXPECT}")
    message(FATAL_ERROR "`redtape ${shown}` exited with '${rc}', expected ${R_EXPECT}:\n${err}")
  endif()
  message(STATUS "redtape ${shown}: exit ${rc}")
  if(R_OUT)
    set(${R_OUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

function(same_bytes a b what)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${a} ${b} RESULT_VARIABLE differ)
  if(differ)
    file(SIZE ${a} size_a)
    file(SIZE ${b} size_b)
    message(FATAL_ERROR "${what}: ${a} (${size_a} bytes) and ${b} (${size_b} bytes) differ")
  endif()
endfunction()

# Number of findings of `rule` in a JSON report, and the number of findings.
function(count_rule json rule out_var total_var)
  string(JSON n LENGTH "${json}" findings)
  set(count 0)
  if(n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON r GET "${json}" findings ${i} rule)
      if(r STREQUAL rule)
        math(EXPR count "${count} + 1")
      endif()
    endforeach()
  endif()
  set(${out_var} ${count} PARENT_SCOPE)
  set(${total_var} ${n} PARENT_SCOPE)
endfunction()

if(MODE STREQUAL "deterministic")
  run(EXPECT 0 OUTPUT ${WORK_DIR}/first.json ARGS audit ${CATALOG} --format json)
  run(EXPECT 0 OUTPUT ${WORK_DIR}/second.json ARGS audit ${CATALOG} --format json)
  run(EXPECT 0 OUTPUT ${WORK_DIR}/jobs1.json ARGS audit ${CATALOG} --format json --jobs 1)
  run(EXPECT 0 OUTPUT ${WORK_DIR}/jobs3.json ARGS --jobs 3 audit ${CATALOG} --format json)
  file(SIZE ${WORK_DIR}/first.json size)
  if(size EQUAL 0)
    message(FATAL_ERROR "redtape audit --format json wrote nothing")
  endif()
  same_bytes(${WORK_DIR}/first.json ${WORK_DIR}/second.json "two runs")
  same_bytes(${WORK_DIR}/first.json ${WORK_DIR}/jobs1.json "default jobs and --jobs 1")
  same_bytes(${WORK_DIR}/first.json ${WORK_DIR}/jobs3.json "default jobs and --jobs 3")
  file(READ ${WORK_DIR}/first.json json)
  string(JSON procedures LENGTH "${json}" procedures)
  if(procedures EQUAL 0)
    message(FATAL_ERROR "the audit of ${CATALOG} lists no procedure")
  endif()

  if(PYTHON AND VALIDATOR AND SCHEMA AND EXISTS ${PYTHON})
    execute_process(COMMAND ${PYTHON} -c "import jsonschema" RESULT_VARIABLE no_jsonschema
      OUTPUT_QUIET ERROR_QUIET)
    if(no_jsonschema)
      message(STATUS "${PYTHON} has no jsonschema: the report was not validated against ${SCHEMA}")
    else()
      execute_process(COMMAND ${PYTHON} ${VALIDATOR} ${SCHEMA} ${WORK_DIR}/first.json
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "the audit of ${CATALOG} does not validate against ${SCHEMA} (exit ${rc}):\n${out}${err}")
      endif()
      message(STATUS "${out}")
    endif()
  else()
    message(STATUS "no Python given: the report was not validated against the schema")
  endif()

elseif(MODE STREQUAL "outputs")
  # A copy: a bug in the input guard must not damage the source tree.
  set(catalog ${WORK_DIR}/catalog)
  file(COPY ${CATALOG}/ DESTINATION ${catalog})
  set(out_dir ${WORK_DIR}/out)
  file(MAKE_DIRECTORY ${out_dir})

  # -o writes whole files: the same bytes as stdout.
  foreach(format csv md json)
    run(EXPECT 0 OUTPUT ${WORK_DIR}/stdout.${format} ARGS audit ${catalog} --format ${format})
    run(EXPECT 0 ARGS audit ${catalog} --format ${format} -o ${out_dir}/report.${format})
    file(SIZE ${out_dir}/report.${format} size)
    if(size EQUAL 0)
      message(FATAL_ERROR "redtape audit --format ${format} -o wrote an empty file")
    endif()
    same_bytes(${WORK_DIR}/stdout.${format} ${out_dir}/report.${format} "--format ${format}: stdout and -o")
  endforeach()
  # Written again over an existing file: still whole.
  run(EXPECT 0 ARGS audit ${catalog} --format json -o ${out_dir}/report.json)
  same_bytes(${WORK_DIR}/stdout.json ${out_dir}/report.json "--format json -o over an existing file")
  file(READ ${out_dir}/report.json json)
  string(JSON version GET "${json}" redtape)  # parses: the whole document is there
  file(READ ${out_dir}/report.md md)
  if(NOT md MATCHES "^# ")
    message(FATAL_ERROR "the Markdown report does not start with a heading:\n${md}")
  endif()
  file(GLOB leftovers LIST_DIRECTORIES false ${out_dir}/.* ${out_dir}/*.tmp)
  if(leftovers)
    message(FATAL_ERROR "temporary files left behind by -o: ${leftovers}")
  endif()

  # -o naming an input: exit 2, the input untouched.
  set(registry ${catalog}/registry.yaml)
  file(SHA256 ${registry} registry_before)
  run(EXPECT 2 ARGS audit ${catalog} --format json -o ${registry})
  file(SHA256 ${registry} registry_after)
  if(NOT registry_before STREQUAL registry_after)
    message(FATAL_ERROR "redtape audit -o ${registry} changed its input")
  endif()
  set(land ${catalog}/land_certificate_first.yaml)
  file(SHA256 ${land} land_before)
  run(EXPECT 2 ARGS audit ${land} ${registry} --format md -o ${land})
  file(SHA256 ${land} land_after)
  if(NOT land_before STREQUAL land_after)
    message(FATAL_ERROR "redtape audit -o ${land} changed its input")
  endif()
  same_bytes(${CATALOG}/registry.yaml ${registry} "the registry after -o naming it")

  # --fail-on.
  run(EXPECT 1 ARGS audit ${catalog} --format json --fail-on warning)
  run(EXPECT 0 ARGS audit ${catalog} --format json --fail-on error)

  # --set hourly_value=50000 (the catalog says 40,000): every cost with
  # applicant hours goes up.
  string(JSON cost_before GET "${json}" totals cost_per_year)
  run(EXPECT 0 OUT dearer ARGS audit ${catalog} --format json --set hourly_value=50000)
  string(JSON cost_after GET "${dearer}" totals cost_per_year)
  message(STATUS "cost_per_year: ${cost_before} → ${cost_after} with hourly_value=50000")
  if(NOT cost_after GREATER cost_before)
    message(FATAL_ERROR "--set hourly_value=50000 did not raise cost_per_year (${cost_before} → ${cost_after})")
  endif()
  # Per procedure: cost_per_year rises by applicant_hours × 10,000 × volume
  # wherever there are hours and a volume.
  string(JSON n LENGTH "${json}" procedures)
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON id GET "${json}" procedures ${i} id)
    string(JSON hours GET "${json}" procedures ${i} metrics applicant_hours)
    string(JSON volume GET "${json}" procedures ${i} volume_per_year)
    string(JSON before GET "${json}" procedures ${i} metrics cost_per_year)
    string(JSON after_id GET "${dearer}" procedures ${i} id)
    string(JSON after GET "${dearer}" procedures ${i} metrics cost_per_year)
    if(NOT after_id STREQUAL id)
      message(FATAL_ERROR "--set changed the order of the procedures")
    endif()
    if(hours GREATER 0 AND volume GREATER 0 AND NOT after GREATER before)
      message(FATAL_ERROR "${id}: cost_per_year ${before} → ${after} with hourly_value=50000")
    endif()
  endforeach()

  # --set once-only=off.
  count_rule("${json}" once-only with_rule total_with)
  run(EXPECT 0 OUT without ARGS audit ${catalog} --format json --set once-only=off)
  count_rule("${without}" once-only without_rule total_without)
  message(STATUS "once-only findings: ${with_rule} → ${without_rule}; all findings ${total_with} → ${total_without}")
  if(with_rule EQUAL 0)
    message(FATAL_ERROR "the example catalog has no once-only finding to remove")
  endif()
  if(NOT without_rule EQUAL 0)
    message(FATAL_ERROR "--set once-only=off left ${without_rule} once-only findings")
  endif()
  math(EXPR expected "${total_with} - ${with_rule}")
  if(NOT total_without EQUAL expected)
    message(FATAL_ERROR "--set once-only=off: ${total_without} findings, expected ${expected} (only once-only's removed)")
  endif()

  # A bad --set exits 2, whatever is wrong with it.
  foreach(bad "hourly_value=abc" "hourly_value=-5" "no-such-rule=off" "once-only=maybe"
              "once-only.no_such_parameter=1" "unit_costs.parchment=1")
    run(EXPECT 2 ARGS audit ${catalog} --format json --set ${bad})
  endforeach()

elseif(MODE STREQUAL "keep_going")
  set(catalog ${WORK_DIR}/catalog)
  file(COPY ${CATALOG}/ DESTINATION ${catalog})
  run(EXPECT 0 OUTPUT ${WORK_DIR}/clean.json ARGS audit ${catalog} --format json)
  file(READ ${WORK_DIR}/clean.json clean)
  string(JSON clean_procedures LENGTH "${clean}" procedures)
  # Line 5, column 48: the value of duration_days; line 3 of the second file
  # opens a `[` that is never closed (the parser notices at line 4, column 1).
  file(WRITE ${catalog}/zz_broken_type.yaml
    "redtape: 1\nprocedure:\n  id: \"9.999991\"\n  steps:\n    - {id: s, actor: applicant, duration_days: ba ngày}\n")
  file(WRITE ${catalog}/zz_broken_syntax.yaml "redtape: 1\nprocedure:\n  id: [9.999992\nsteps: x\n")

  execute_process(COMMAND ${REDTAPE} audit ${catalog} --format json
    RESULT_VARIABLE rc OUTPUT_FILE ${WORK_DIR}/partial.json ERROR_VARIABLE err TIMEOUT 120)
  if(NOT rc EQUAL 2)
    message(FATAL_ERROR "audit of a folder with broken files exited ${rc}, expected 2:\n${err}")
  endif()
  if(NOT err MATCHES "zz_broken_type.yaml:5:48: error: " OR NOT err MATCHES "zz_broken_syntax.yaml:[0-9]+:[0-9]+: error: ")
    message(FATAL_ERROR "stderr does not name each broken file with line and column:\n${err}")
  endif()
  file(READ ${WORK_DIR}/partial.json json)
  string(JSON procedures LENGTH "${json}" procedures)
  if(NOT procedures EQUAL clean_procedures)
    message(FATAL_ERROR "${procedures} procedures audited beside the broken files, expected ${clean_procedures}")
  endif()
  string(JSON failed LENGTH "${json}" load_errors)
  if(NOT failed EQUAL 2)
    message(FATAL_ERROR "load_errors lists ${failed} files, expected 2")
  endif()
  string(JSON file GET "${json}" load_errors 1 file)
  string(JSON line GET "${json}" load_errors 1 errors 0 location line)
  string(JSON column GET "${json}" load_errors 1 errors 0 location column)
  if(NOT file MATCHES "zz_broken_type.yaml$" OR NOT line EQUAL 5 OR NOT column EQUAL 48)
    message(FATAL_ERROR "load_errors[1] is ${file}:${line}:${column}, expected zz_broken_type.yaml:5:48")
  endif()
  if(PYTHON AND VALIDATOR AND SCHEMA AND EXISTS ${PYTHON})
    execute_process(COMMAND ${PYTHON} -c "import jsonschema" RESULT_VARIABLE no_jsonschema OUTPUT_QUIET ERROR_QUIET)
    if(NOT no_jsonschema)
      execute_process(COMMAND ${PYTHON} ${VALIDATOR} ${SCHEMA} ${WORK_DIR}/partial.json
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "the partial audit does not validate against ${SCHEMA}:\n${out}${err}")
      endif()
    endif()
  endif()
  run(EXPECT 2 OUT csv ARGS audit ${catalog} --format csv)
  if(NOT csv MATCHES "\nload-error,error,[^\n]*zz_broken_type.yaml,5,48\n")
    message(FATAL_ERROR "the CSV report has no load-error row for zz_broken_type.yaml:\n${csv}")
  endif()
  run(EXPECT 2 OUT md ARGS audit ${catalog} --format md)
  if(NOT md MATCHES "## Files left out: they did not load \\(2\\)")
    message(FATAL_ERROR "the Markdown report has no section for the files left out")
  endif()
  # -o still writes the report of what loaded, whole.
  run(EXPECT 2 ARGS audit ${catalog} --format json -o ${WORK_DIR}/written.json)
  same_bytes(${WORK_DIR}/partial.json ${WORK_DIR}/written.json "a partial audit: stdout and -o")
  run(EXPECT 2 ARGS check ${catalog})

else()
  message(FATAL_ERROR "audit_json.cmake: MODE must be deterministic, outputs or keep_going, not `${MODE}`")
endif()
