// From a file's text to units: the checks on its bytes, then a YAML parser
// streaming events into the tree builder, which hands units to a handler.
#pragma once

#include <cstdint>
#include <string_view>

#include "load/diagnostics.hpp"
#include "load/tree.hpp"
#include "redtape/load.hpp"

namespace redtape::loader {

/// Stream `text` (the whole file) into `handler`, reporting encoding
/// problems, YAML syntax errors and limits in `diags` at their line and
/// column. Returns false when reading stopped early: then whatever the
/// handler built from this text is incomplete and must be dropped.
bool parse_units(std::string_view text, std::uint32_t file, const load_options& options,
                 unit_handler& handler, diagnostics_list& diags);

}  // namespace redtape::loader
