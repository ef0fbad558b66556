#include "import/portal/steps.hpp"
#include "lexicon_checks.hpp"

namespace redtape::lexicon_checks {

namespace {

// What kind of subject subject_of_step found, as lexicon/portal/subject.yaml
// writes it: "applicant", "one-stop", "receiving", "generic" ("receiving
// generic" when both), "own" (a particular body), or "none".
std::string kind(const redtape::importer::portal::step_subject& s) {
  if (s.applicant) return "applicant";
  if (s.one_stop) return "one-stop";
  std::string out;
  if (s.receiving) out = "receiving";
  if (s.generic) out += out.empty() ? "generic" : " generic";
  if (out.empty()) out = s.name.empty() ? "none" : "own";
  return out;
}

}  // namespace

std::optional<std::string> subject(std::string_view check, const std::string& text) {
  namespace portal = redtape::importer::portal;
  if (check == "subject") {
    const auto s = portal::subject_of_step(text);
    return s.applicant ? "applicant" : s.name.empty() ? "none" : s.name;
  }
  if (check == "subject_kind") return kind(portal::subject_of_step(text));
  return std::nullopt;
}

}  // namespace redtape::lexicon_checks
