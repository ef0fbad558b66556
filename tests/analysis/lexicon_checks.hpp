// The owners of the portal's cue tables (lexicon/portal/*.yaml), for the one
// lexicon test (test_lexicon.cpp): each function answers the example checks
// of its part of the importer, as text ("true", "receive", "none"), or
// nothing for a check it does not own. One file per part, so that each part's
// checks sit beside no one else's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace redtape::lexicon_checks {

/// src/import/portal/steps.cpp (lexicon/portal/steps.yaml).
std::optional<std::string> steps(std::string_view check, const std::string& text);
/// src/import/portal/subject.cpp.
std::optional<std::string> subject(std::string_view check, const std::string& text);
/// The record's fields: time, fees, channels, dossier, rows, record fields.
std::optional<std::string> fields(std::string_view check, const std::string& text);
/// src/import/build/ and the importer's registry.
std::optional<std::string> build(std::string_view check, const std::string& text);

inline std::string yes_no(bool b) { return b ? "true" : "false"; }

}  // namespace redtape::lexicon_checks
