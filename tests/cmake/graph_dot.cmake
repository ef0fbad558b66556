# cli.graph_dot: `redtape graph PROCEDURE CATALOG --format dot` must succeed,
# and Graphviz (when DOT is set) must accept its output.
#
#   cmake -DREDTAPE=… -DPROCEDURE=… -DCATALOG=… -DWORK_DIR=… [-DDOT=…] -P graph_dot.cmake

foreach(var REDTAPE PROCEDURE CATALOG WORK_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "graph_dot.cmake: -D${var}=… is required")
  endif()
endforeach()

file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(
  COMMAND ${REDTAPE} graph ${PROCEDURE} ${CATALOG} --format dot
  RESULT_VARIABLE result
  OUTPUT_FILE ${WORK_DIR}/graph.dot
  ERROR_VARIABLE errors
  TIMEOUT 60)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "redtape graph ${PROCEDURE} exited with '${result}':\n${errors}")
endif()
file(READ ${WORK_DIR}/graph.dot dot_text)
if(NOT dot_text MATCHES "digraph")
  message(FATAL_ERROR "redtape graph --format dot wrote no digraph:\n${dot_text}")
endif()

if(NOT DOT)
  message(STATUS "Graphviz dot not found: the output was not rendered")
  return()
endif()
execute_process(
  COMMAND ${DOT} -Tsvg ${WORK_DIR}/graph.dot -o ${WORK_DIR}/graph.svg
  RESULT_VARIABLE result
  ERROR_VARIABLE errors
  TIMEOUT 60)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "dot rejected the graph (exit '${result}'):\n${errors}\n--- graph.dot ---\n${dot_text}")
endif()
message(STATUS "rendered ${WORK_DIR}/graph.svg")
