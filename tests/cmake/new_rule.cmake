# scripts/new-rule writes a rule file and two fixtures that redtape loads:
# the rule file as a rule (`redtape rules --rules`), the fixtures as a catalog
# audited with the new rule; and it refuses to write over them a second time.
# Inputs: PYTHON, SCRIPT, REDTAPE, WORK (a scratch folder).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
foreach(scope step demand procedure)
  set(id "scaffold-${scope}")
  execute_process(COMMAND "${PYTHON}" "${SCRIPT}" ${id} --scope ${scope} --root "${WORK}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "Left to do")
    message(FATAL_ERROR "new-rule ${id} failed (${rc}): ${out}${err}")
  endif()
  execute_process(COMMAND "${REDTAPE}" rules --rules "${WORK}/rules/${id}.yaml"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "${id}")
    message(FATAL_ERROR "the rule file new-rule wrote does not load (${rc}): ${out}${err}")
  endif()
  foreach(fixture bad ok)
    execute_process(COMMAND "${REDTAPE}" audit --format json --fail-on none --rules "${WORK}/rules/${id}.yaml"
                            "${WORK}/tests/data/rules/${id}/${fixture}.yaml"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "the fixture ${fixture}.yaml new-rule wrote does not audit (${rc}): ${err}")
    endif()
  endforeach()
endforeach()
execute_process(COMMAND "${PYTHON}" "${SCRIPT}" scaffold-cpp --cpp --root "${WORK}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "new-rule --cpp failed (${rc})")
endif()
execute_process(COMMAND "${PYTHON}" "${SCRIPT}" scaffold-step --scope step --root "${WORK}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "exists; nothing written")
  message(FATAL_ERROR "new-rule wrote over an existing rule (${rc}): ${out}${err}")
endif()
