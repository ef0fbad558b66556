// One portal record → redtape procedures (the record's cases become
// variants), with the warnings of its fields and what it adds to the registry.
// The registry itself (documents recognised across records, agencies) is put
// together afterwards, when every record is built (dichvucong.cpp).
#pragma once

#include <string>
#include <vector>

#include "import/known_documents.hpp"
#include "import/portal_text.hpp"
#include "import/record.hpp"
#include "redtape/import.hpp"
#include "redtape/model.hpp"

namespace redtape::importer {

/// The name of what one agency step hands the next ("Kết quả bước step_3 (…)").
inline constexpr std::string_view handover_prefix = "Kết quả bước ";
/// How a produced document's note gives its national result code ("Mã kết quả: KQ.…").
inline constexpr std::string_view result_code_prefix = "Mã kết quả: ";

/// A channel as the portal offers it, kept in the YAML's `x-portal:` block.
struct channel_offer {
  redtape::channel channel = redtape::channel::unspecified;
  std::string time;      ///< as written
  double working_days = 0;
  bool time_known = false;
  std::string fee;       ///< as written (amount, or words)
};

/// A demand before the registry is known: its normalised name decides later
/// whether it refers to a registry document.
struct demand_draft {
  std::size_t procedure = 0;  ///< index in built_record::procedures
  std::size_t step = 0;
  std::size_t demand = 0;
  bool produced = false;      ///< in `produces` (a result), not `requires`
  std::string normalised;
};

struct agency_seen {
  std::string id;
  std::string name;
};

struct result_seen {
  std::string name;
  std::string code;  ///< national result code, or empty
  std::string normalised;
  std::string issued_by;  ///< agency id
};

struct built_record {
  std::string label;      ///< "dichvucong/bo-tu-phap/1.000080.json"
  std::string record;     ///< for warnings: label and code
  std::string group;      ///< output folder
  std::string base_id;    ///< procedure id before de-duplication across records
  std::string oid;
  std::vector<redtape::procedure> procedures;  ///< the first case, then the others ("#2", …)
  std::vector<std::string> case_titles;        ///< one per procedure ("" when one case)
  std::vector<import_warning> warnings;
  std::vector<demand_draft> demands;
  std::vector<agency_seen> agencies;
  std::vector<result_seen> results;
  // What the YAML keeps beside the model (x-source, x-portal).
  std::string source;
  std::size_t index = 0;
  bool in_array = false;
  std::string url;
  std::string decision;
  std::string kind;
  std::string levels_text;
  std::vector<channel_offer> channels;
  std::vector<std::string> dossier_notes;
  bool ok = true;            ///< false: skipped (see skip_reason)
  std::string skip_reason;
};

/// Parse one record's fields and build its procedures; the demands that name
/// a document of `known` refer to it. Reads the cue lists of this thread's
/// lexicon (portal::lexicon_scope).
[[nodiscard]] built_record build_record(const raw_record& r, const import_options& options,
                                        const known_registry& known);
/// One record on its own (tests, fuzzing): with the lexicon of
/// `options.lexicon` (the built-in one when null), its cues and its registry.
[[nodiscard]] built_record build_record(const raw_record& r, const import_options& options);

}  // namespace redtape::importer
