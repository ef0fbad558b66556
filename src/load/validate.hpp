// Checks of the model itself: ids, references and the step graph. Used by
// the loader (per file, then per catalog) and by redtape::validate().
#pragma once

#include "load/diagnostics.hpp"
#include "redtape/model.hpp"

namespace redtape::loader {

/// Step ids unique, `after` names existing steps, no cycle, numbers finite
/// and non-negative.
void check_procedure(const procedure& p, diagnostics_list& diags);

/// Ids unique across the catalog; every `ref` names a registry document.
void check_catalog(const catalog& c, diagnostics_list& diags);

}  // namespace redtape::loader
