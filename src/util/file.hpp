// Writing a file whole or not at all (the CLI's `-o FILE`, the importer's
// output folder).
#pragma once

#include <filesystem>
#include <string_view>

namespace redtape::util {

/// Write `bytes` to `path` so that a reader sees the old file or the whole new
/// one, never half of it, even after a crash: a new temporary file in the same
/// folder (`.<name>.<random>.tmp`, created exclusively), written whole,
/// flushed and synced to disk, then renamed over `path`. On failure the
/// temporary file is removed, `path` is left as it was, and std::system_error
/// is thrown, its code the system's error (generic category) and its what()
/// naming the file. The folder must exist.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace redtape::util
