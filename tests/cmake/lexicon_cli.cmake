# The lexicon and the name words on the command line (issue 16).
#
#   cmake -DREDTAPE=… -DCATALOG=… -DNAMES=… -DWORK_DIR=… -P lexicon_cli.cmake
#
# CATALOG is tests/data/rules/certified-copy/bad.yaml (one demand written
# `form: certified_copy`, one inline name "Bản sao có chứng thực …"); NAMES
# is the built-in lexicon/names.yaml.
#   * `redtape audit CATALOG` reports both certified copies;
#   * `--set 'certified-copy.certified_copy_words=[]'` leaves only the one
#     written `form: certified_copy` (the rule reads the name with its own
#     words at audit time, not as the loader read it);
#   * `--lexicon DIR` whose names.yaml has no certified_copy_words does the
#     same (the rule's words follow the run's lexicon when not set), and
#     `--lexicon` of a folder holding only the built-in table changes nothing;
#   * a missing folder, a file that is no table's name, and a names.yaml that
#     does not read each exit 2 with the problem on stderr (the broken table
#     named with its line).

foreach(var REDTAPE CATALOG NAMES WORK_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "lexicon_cli.cmake: -D${var}=… is required")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# run(EXPECT <code> OUT <var> [ERR <var>] ARGS …)
function(run)
  cmake_parse_arguments(R "" "EXPECT;OUT;ERR" "ARGS" ${ARGN})
  execute_process(COMMAND ${REDTAPE} ${R_ARGS}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  list(JOIN R_ARGS " " shown)
  if(NOT "${rc}" STREQUAL "${R_EXPECT}")
    message(FATAL_ERROR "`redtape ${shown}` exited with '${rc}', expected ${R_EXPECT}:\n${err}")
  endif()
  message(STATUS "redtape ${shown}: exit ${rc}")
  if(R_OUT)
    set(${R_OUT} "${out}" PARENT_SCOPE)
  endif()
  if(R_ERR)
    set(${R_ERR} "${err}" PARENT_SCOPE)
  endif()
endfunction()

# The number of certified-copy findings in a JSON report.
function(certified_count json var)
  string(JSON n LENGTH "${json}" findings)
  set(count 0)
  if(n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON rule GET "${json}" findings ${i} rule)
      if(rule STREQUAL "certified-copy")
        math(EXPR count "${count} + 1")
      endif()
    endforeach()
  endif()
  set(${var} ${count} PARENT_SCOPE)
endfunction()

set(audit audit ${CATALOG} --format json --fail-on none)

run(EXPECT 0 OUT plain ARGS ${audit})
certified_count("${plain}" n)
if(NOT n EQUAL 2)
  message(FATAL_ERROR "the fixture should have 2 certified-copy findings, has ${n}")
endif()

run(EXPECT 0 OUT no_words ARGS ${audit} --set "certified-copy.certified_copy_words=[]")
certified_count("${no_words}" n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "--set certified-copy.certified_copy_words=[] should leave 1 finding, left ${n}")
endif()

# A lexicon folder whose names.yaml lists no certified-copy words.
file(READ ${NAMES} names)
string(REGEX REPLACE "\n  certified_copy_words:\n(    - [^\n]*\n)+" "\n  certified_copy_words: []\n" emptied "${names}")
if(emptied STREQUAL names)
  message(FATAL_ERROR "could not empty certified_copy_words in ${NAMES}")
endif()
file(WRITE ${WORK_DIR}/no-certified/names.yaml "${emptied}")
run(EXPECT 0 OUT lexicon_words ARGS ${audit} --lexicon ${WORK_DIR}/no-certified)
certified_count("${lexicon_words}" n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "--lexicon with no certified_copy_words should leave 1 finding, left ${n}")
endif()

# The built-in table given as a folder: the same report.
file(WRITE ${WORK_DIR}/same/names.yaml "${names}")
run(EXPECT 0 OUT same ARGS ${audit} --lexicon ${WORK_DIR}/same)
if(NOT same STREQUAL plain)
  message(FATAL_ERROR "--lexicon with the built-in names.yaml changed the report")
endif()

# Bad folders and tables: exit 2, said on stderr.
run(EXPECT 2 ERR err ARGS ${audit} --lexicon ${WORK_DIR}/no-such-folder)
if(NOT err MATCHES "no-such-folder")
  message(FATAL_ERROR "a missing lexicon folder should be named on stderr:\n${err}")
endif()
file(WRITE ${WORK_DIR}/stray/nouns.yaml "redtape: 1\n")
run(EXPECT 2 ERR err ARGS ${audit} --lexicon ${WORK_DIR}/stray)
if(NOT err MATCHES "nouns.yaml")
  message(FATAL_ERROR "a file that is no lexicon table should be named on stderr:\n${err}")
endif()
file(WRITE ${WORK_DIR}/broken/names.yaml "redtape: 1\ntable: names\nentries:\n  qualifires: [a]\n")
run(EXPECT 2 ERR err ARGS ${audit} --lexicon ${WORK_DIR}/broken)
if(NOT err MATCHES "names.yaml:4:3")
  message(FATAL_ERROR "a broken names.yaml should be located (file:4:3) on stderr:\n${err}")
endif()
run(EXPECT 2 ERR err ARGS import dichvucong ${WORK_DIR}/none -o ${WORK_DIR}/out --lexicon ${WORK_DIR}/broken)
if(NOT err MATCHES "names.yaml:4:3")
  message(FATAL_ERROR "import --lexicon with a broken names.yaml should be located on stderr:\n${err}")
endif()
