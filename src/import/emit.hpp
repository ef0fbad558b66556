// Writing imported records and the registry as redtape YAML (docs/format.md),
// with the portal's provenance in `x-source:` and what the model has no field
// for (channels, result codes, the dossier's notes) in `x-portal:`.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "import/build.hpp"
#include "redtape/model.hpp"

namespace redtape::importer {

struct registry_document {
  std::string id;
  localized_text name;
  std::vector<std::string> aliases;
  std::string issued_by;
  std::string held_in;
  std::string note;
};

struct registry_agency {
  std::string id;
  localized_text name;
  redtape::agency_kind kind = redtape::agency_kind::government;
  std::string level;
};

struct import_registry {
  std::vector<registry_agency> agencies;
  std::vector<registry_document> documents;
  redtape::cost_model costs;
  std::size_t records = 0;
};

/// The cost model written to registry.yaml (docs/import.md explains each value).
[[nodiscard]] redtape::cost_model default_cost_model();

/// YAML's double-quoted scalar: safe for any text.
[[nodiscard]] std::string yaml_quote(std::string_view s);

/// One record's file: its procedures (the cases) and provenance.
[[nodiscard]] std::string record_yaml(const built_record& b);

/// registry.yaml: cost model, agencies, documents.
[[nodiscard]] std::string registry_yaml(const import_registry& r);

/// Why a file would not load: its first errors, with line and column.
struct load_failure {
  std::string en;
  std::string vi;
};

/// Why `text` would not load (its errors located in `name`), or nothing: the
/// check every file passes before it is written. The refs to `registry_ids`
/// resolve, as they will beside registry.yaml.
[[nodiscard]] std::optional<load_failure> load_problem(std::string_view text, const std::string& name,
                                                       const std::vector<std::string>& registry_ids,
                                                       const std::vector<std::string>& agency_ids = {});

/// The registry documents a record's steps refer to (its results name the
/// same ones), those of `known` only: the others will not resolve.
[[nodiscard]] std::vector<std::string> registry_refs(const built_record& b, const std::set<std::string>& known);

/// The registry agencies a record's demands name as their issuers
/// (`issued_by`), those of `known` only: an issuer not in it is cleared
/// from the demand, which then says nothing of who issued it.
[[nodiscard]] std::vector<std::string> issuer_refs(built_record& b, const std::set<std::string>& known);

/// Write registry.yaml, every record's file and import-warnings.csv into
/// `out`, each file whole (a temporary file renamed into place) and only
/// after load_problem() found nothing. A registry entry or a record whose
/// YAML would not load (or whose file cannot be written) is not written: it
/// is an error (severity::error in `summary.warnings`, its reason in
/// `summary.skipped_why` starting "error: ") and the others go on. Fills the
/// counts of `summary`.
void write_catalog(std::vector<built_record>& built, import_registry& reg, const std::filesystem::path& out,
                   const import_options& options, import_summary& summary);

}  // namespace redtape::importer
