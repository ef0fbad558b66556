// Loading catalogs from YAML (the format is docs/format.md).
//
// Files load in parallel; the result is deterministic (files are merged in
// sorted path order). Loading either returns a whole, validated catalog or
// reports every error found: it never returns a half-built catalog — unless
// the caller asks for batch mode (load_options::keep_going), which returns the
// files that load and names the ones left out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redtape/error.hpp"
#include "redtape/model.hpp"

namespace redtape {

/// Bounds that keep hostile input (alias bombs, deep nesting, huge files)
/// within bounded time and memory. The defaults are documented in
/// docs/format.md ("Limits").
struct load_limits {
  std::uint64_t max_file_bytes = 256ull << 20;  ///< 256 MiB per file
  std::uint32_t max_depth = 64;                 ///< nesting of YAML collections
  std::uint64_t max_alias_nodes = 100'000;      ///< nodes copied by aliases, per file
  std::size_t max_errors_per_file = 100;        ///< further errors are counted, not listed
};

/// Which YAML parser feeds the loader. Both give the same catalog and the same
/// line/column for every element; libyaml is about ten times faster.
enum class yaml_parser : std::uint8_t { libyaml, yaml_cpp };

struct load_options {
  load_limits limits;
  unsigned jobs = 0;  ///< worker threads; 0 = all cores
  yaml_parser parser = yaml_parser::libyaml;
  /// Batch mode: instead of refusing the whole catalog, leave out every file
  /// that has an error (a file of its own, or one whose procedures clash with
  /// or refer to what no loaded file gives) and return the rest. The errors
  /// stay in `diagnostics`, and the files left out are in `skipped`.
  bool keep_going = false;
};

struct load_result {
  /// Set when there is no error; with load_options::keep_going, always set,
  /// holding the files that loaded (see `skipped`).
  std::optional<redtape::catalog> catalog;
  std::vector<diagnostic> diagnostics;      ///< errors and warnings, in file order
  /// Files (or paths) left out because of their errors, in path order, each
  /// with its errors; only with load_options::keep_going.
  std::vector<skipped_file> skipped;

  /// A catalog was returned. Without keep_going, that means no error at all.
  [[nodiscard]] bool ok() const noexcept { return catalog.has_value(); }
  /// Every file loaded: a catalog, no error.
  [[nodiscard]] bool complete() const noexcept { return catalog.has_value() && error_count() == 0; }
  [[nodiscard]] std::size_t error_count() const noexcept;
};

/// Load files and folders (recursively, every *.yaml / *.yml). Never throws
/// for bad input: every problem is a diagnostic.
[[nodiscard]] load_result try_load(const std::vector<std::filesystem::path>& paths,
                                   const load_options& options = {});

/// Load YAML text held in memory, named `name` in messages.
[[nodiscard]] load_result try_load_text(std::string_view text, std::string name = "<input>",
                                        const load_options& options = {});

/// As try_load, but throws load_error (with all diagnostics) on bad input.
/// Warnings go to the logger.
[[nodiscard]] catalog load(const std::vector<std::filesystem::path>& paths,
                           const load_options& options = {});
[[nodiscard]] catalog load(const std::filesystem::path& path, const load_options& options = {});

/// Check a catalog built or edited in code: unique ids, `after` and `ref`
/// resolve, no cycle, numbers finite and non-negative. Returns the errors.
[[nodiscard]] std::vector<diagnostic> validate(const catalog& c);

}  // namespace redtape
