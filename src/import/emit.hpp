// Writing imported records and the registry as redtape YAML (docs/format.md),
// with the portal's provenance in `x-source:` and what the model has no field
// for (channels, result codes, the dossier's notes) in `x-portal:`.
#pragma once

#include <string>
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

}  // namespace redtape::importer
