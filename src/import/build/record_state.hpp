// The named steps of build_record (src/import/build.cpp and
// src/import/build/*.cpp only): what they share about one record, and the
// steps themselves. build_record calls them in the order declared below; each
// reads what the steps before it filled in, and that order is also the order
// of the record's warnings and of its agencies.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/build.hpp"
#include "import/portal/cues.hpp"

namespace redtape::importer::record_steps {

namespace pt = portal;

/// Where dossiers are received and results returned (Decree 61/2018/NĐ-CP).
inline constexpr std::string_view one_stop_desk_name = "Bộ phận Một cửa";

[[nodiscard]] std::string format_days(double d);
/// The id of an agency's name ("Sở Tư pháp" → "so_tu_phap"), unknown_agency when empty.
[[nodiscard]] std::string agency_id(std::string_view name);
/// The id of the agency `name` names, added to b.agencies when it is new;
/// `exact`: only the same name, not one that contains the other.
std::string add_agency(built_record& b, const std::string& name, bool exact = false);

struct warn_sink {
  built_record& b;
  void operator()(std::string_view field, std::string code, std::string en, std::string vi,
                  severity s = severity::warning) const {
    b.warnings.push_back({b.record, std::string(field), std::move(code), std::move(en), std::move(vi), s});
  }
};

/// The step skeleton every case of a record shares.
struct skeleton {
  std::vector<redtape::step> steps;
  std::size_t submit = 0;
  std::size_t fee_step = 0;
};

/// One record while it is built. Not copied: `reference` points into `rows`.
struct record_state {
  const raw_record& r;
  const field_names& F;
  const pt::time_rules rules;
  const known_registry& known;
  built_record& b;
  warn_sink warn;
  std::string title;
  // agencies_of
  std::vector<std::string> performing;  ///< the performing agencies as named; empty when none is known
  std::string main_agency;              ///< id
  // read_channels
  std::vector<pt::channel_row> rows;
  redtape::channel step_channel = redtape::channel::unspecified;
  const pt::channel_row* reference = nullptr;  ///< in `rows`: in person when offered, else the first with a time
  // build_record (parse_steps); step_skeleton makes it one per skeleton step
  std::vector<pt::step_text> parsed;
  // total_time
  std::optional<duration> total;
  // step_skeleton
  skeleton sk;
  std::string desk;  ///< the one-stop desk's id, once a step is given to it
  // result_documents
  std::vector<pt::result_document> results;
  std::optional<std::size_t> issuing;  ///< the step that issues the results
  // read_dossier
  pt::dossier dossier;

  record_state(const raw_record& record, const import_options& o, const known_registry& registry, built_record& built)
      : r(record),
        F(*record.fields),
        rules{o.working_days_per_calendar_day, o.working_days_per_month, o.working_hours_per_day},
        known(registry),
        b(built),
        warn{built} {}
  record_state(const record_state&) = delete;
  record_state& operator=(const record_state&) = delete;
};

// The steps, in the order build_record calls them.

/// The record's name, code and id; false when it cannot be a procedure (b.skip_reason).
[[nodiscard]] bool identify(record_state& st);  // build.cpp
/// Who performs it, else who has the authority, else whom the steps name.
void agencies_of(record_state& st);  // build.cpp
/// The channels with their time and fee, and the reference row.
void read_channels(record_state& st);  // build/channels.cpp
/// Total time in working days, as [min, likely, max] across channels.
void total_time(record_state& st);  // build/time.cpp
/// The steps every case shares, in order, with who does each.
void step_skeleton(record_state& st);  // build/steps.cpp
/// Channel and place of the applicant's visits.
void visit_places(record_state& st);  // build/steps.cpp
/// What one agency step hands the next.
void handoffs(record_state& st);  // build/steps.cpp
/// Durations on the agency's steps.
void step_durations(record_state& st);  // build/time.cpp
/// The fee, on the applicant's paying or filing step.
void fee_of(record_state& st);  // build/channels.cpp
/// The result documents and the step that issues them.
void result_documents(record_state& st);  // build/documents.cpp
/// The document list organised into what every case needs and the cases.
void read_dossier(record_state& st);  // build/documents.cpp
/// The procedures: one per case, with the documents demanded at filing.
void procedures_for_cases(record_state& st);  // build/documents.cpp

}  // namespace redtape::importer::record_steps
