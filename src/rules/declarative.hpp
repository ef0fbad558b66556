// Declarative rules: a `match:` over steps, document demands or procedures,
// written in YAML alone (docs/rules.md, "The matching language").
#pragma once

#include <cstdint>
#include <memory>

#include "load/reader.hpp"
#include "redtape/rules.hpp"

namespace redtape {

/// Compile a rule's `match:` (and optional `change:`) into a rule. Problems
/// are reported through the reader's diagnostics; returns null then.
std::shared_ptr<const rule> compile_declarative(loader::tree_reader& r, std::uint32_t match,
                                                std::uint32_t change, rule_info& info);

}  // namespace redtape
