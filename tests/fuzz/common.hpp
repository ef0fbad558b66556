// What the fuzz targets share: a silent logger, a scratch folder for the
// importer (which reads and writes files), and the way a broken property is
// reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "redtape/error.hpp"

namespace redtape::fuzz {

/// Silence redtape's logger (once): thousands of runs a second must not each
/// print a warning.
void quiet();

/// A folder of this process, removed at exit or by the next process once this
/// one is gone; in /dev/shm when it can be.
[[nodiscard]] const std::filesystem::path& scratch();

/// Write `size` bytes to `path` (creating its folder).
void write_file(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size);

/// Print `property` and the diagnostics to stderr, then abort: the fuzzer
/// (or the replay test) reports the input.
[[noreturn]] void violated(std::string_view property, const std::vector<diagnostic>& diagnostics = {});

}  // namespace redtape::fuzz
