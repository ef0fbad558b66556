// The Catch2 runner: every test case lives in a tests/<area>/ folder.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
