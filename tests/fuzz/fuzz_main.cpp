// libFuzzer's entry point for one target, chosen at compile time
// (REDTAPE_FUZZ_TARGET, e.g. redtape::fuzz::load_libyaml).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

#ifndef REDTAPE_FUZZ_TARGET
#error "REDTAPE_FUZZ_TARGET names the target function (tests/fuzz/CMakeLists.txt)"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  REDTAPE_FUZZ_TARGET(data, size);
  return 0;
}
