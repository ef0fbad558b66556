# package.consumer: install the build tree into a private prefix, then
# configure, build and run tests/consumer against it with find_package(redtape).
#
#   cmake -DREDTAPE_BINARY_DIR=… -DPREFIX=… -DSOURCE_DIR=… -DBINARY_DIR=…
#         -DGENERATOR=… -DCXX_COMPILER=… [-DMAKE_PROGRAM=…] [-DCONFIG=…]
#         [-DMULTI_CONFIG=…] [-DCXX_FLAGS=…] [-DEXE_LINKER_FLAGS=…]
#         [-DEXPECTED_VERSION=…] -P consumer.cmake

foreach(var REDTAPE_BINARY_DIR PREFIX SOURCE_DIR BINARY_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "consumer.cmake: -D${var}=… is required")
  endif()
endforeach()

function(run step)
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output
    TIMEOUT 240)
  if(NOT result EQUAL 0)
    list(JOIN ARGN " " command)
    # NOTICE prints the output as it is; FATAL_ERROR would reflow it.
    message(NOTICE "${command}\n${output}")
    message(FATAL_ERROR "${step} failed (exit '${result}')")
  endif()
  set(output "${output}" PARENT_SCOPE)
endfunction()

# Start clean: a file left by an earlier run must not hide one that is no
# longer installed.
file(REMOVE_RECURSE ${PREFIX} ${BINARY_DIR})

set(config_args "")
if(CONFIG)
  set(config_args --config ${CONFIG})
endif()
run("install" ${CMAKE_COMMAND} --install ${REDTAPE_BINARY_DIR} --prefix ${PREFIX} ${config_args})

set(configure_args
  -S ${SOURCE_DIR} -B ${BINARY_DIR}
  -G ${GENERATOR}
  -DCMAKE_PREFIX_PATH=${PREFIX}
  -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
  # The sanitizer builds pass their flags on, so that the consumer links the
  # instrumented library with the sanitizer runtimes.
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
  "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}")
if(MAKE_PROGRAM)
  list(APPEND configure_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
if(CONFIG AND NOT MULTI_CONFIG)
  list(APPEND configure_args -DCMAKE_BUILD_TYPE=${CONFIG})
endif()
run("configure" ${CMAKE_COMMAND} ${configure_args})
run("build" ${CMAKE_COMMAND} --build ${BINARY_DIR} ${config_args})

if(MULTI_CONFIG AND CONFIG)
  set(exe ${BINARY_DIR}/${CONFIG}/redtape_consumer)
else()
  set(exe ${BINARY_DIR}/redtape_consumer)
endif()
run("run" ${exe})
message(STATUS "consumer said:\n${output}")

if(DEFINED EXPECTED_VERSION AND NOT output MATCHES "redtape ${EXPECTED_VERSION}\n")
  message(FATAL_ERROR "the consumer did not see version ${EXPECTED_VERSION}")
endif()
if(NOT output MATCHES "procedures: 1\n")
  message(FATAL_ERROR "the consumer did not load its one procedure")
endif()
