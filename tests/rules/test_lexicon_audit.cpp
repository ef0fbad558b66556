// The run's lexicon decides document identity and the forms names say
// (audit_options::lexicon; `redtape audit --lexicon DIR`), while the rules'
// own word parameters stay theirs: `--set certified-copy.certified_copy_words`
// still changes what that rule reads.
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/lexicon.hpp"
#include "redtape/audit.hpp"
#include "redtape/lexicon.hpp"
#include "redtape/load.hpp"
#include "redtape/rules.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path certified_bad = fs::path(REDTAPE_TEST_DATA) / "rules" / "certified-copy" / "bad.yaml";

// One procedure that asks for a birth certificate at submission and again,
// as a certified copy, at a second visit: one document twice, as long as the
// lexicon's qualifiers take "bản sao có chứng thực" out of the name.
constexpr const char* twice = R"(redtape: 1
agencies:
  - {id: commune, name: {vi: "Ủy ban nhân dân xã", en: "Commune People's Committee"}, kind: government, level: commune}
procedures:
  - id: "T.LX.1"
    name: {vi: "Đăng ký thường trú", en: "Permanent residence registration"}
    agency: commune
    steps:
      - id: submit
        name: {vi: "Nộp hồ sơ", en: "Submit"}
        actor: applicant
        action: submit
        requires: [{name: "Giấy khai sinh"}]
      - id: complete
        name: {vi: "Bổ sung hồ sơ", en: "Complete the file"}
        actor: applicant
        action: submit
        after: [submit]
        requires: [{name: "Bản sao có chứng thực Giấy khai sinh"}]
      - id: decide
        name: {vi: "Quyết định", en: "Decide"}
        actor: commune
        action: approve
        after: [complete]
)";

/// A lexicon folder holding the built-in names.yaml with the list `list`
/// emptied.
struct lexicon_folder {
  fs::path dir;
  lexicon_folder(const std::string& name, const std::string& list) {
    dir = fs::temp_directory_path() / ("redtape-lexicon-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string text(redtape::lexicon_detail::builtin_file("lexicon/names.yaml"));
    const std::regex block("\n  " + list + ":\n(    - [^\n]*\n)+");
    const std::string emptied = std::regex_replace(text, block, "\n  " + list + ": []\n");
    REQUIRE(emptied != text);
    std::ofstream(dir / "names.yaml", std::ios::binary) << emptied;
  }
  ~lexicon_folder() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  lexicon_folder(const lexicon_folder&) = delete;
  lexicon_folder& operator=(const lexicon_folder&) = delete;
};

std::size_t findings_of(const redtape::audit_report& r, std::string_view rule) {
  std::size_t n = 0;
  for (const auto& f : r.findings) n += f.rule == rule ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("a lexicon folder's names table decides document identity in an audit", "[lexicon][rules]") {
  auto loaded = redtape::try_load_text(twice, "twice.yaml");
  REQUIRE(loaded.catalog);
  const auto rules = redtape::rule_set::builtin();
  CHECK(findings_of(redtape::audit(*loaded.catalog, rules), "duplicate-demand") == 1);

  // Without qualifiers "Bản sao có chứng thực Giấy khai sinh" is a document
  // of its own: nothing is demanded twice.
  const lexicon_folder no_qualifiers("qualifiers", "qualifiers");
  redtape::audit_options options;
  options.lexicon = redtape::lexicon::from_directory(no_qualifiers.dir);
  CHECK(options.lexicon->names().qualifiers.empty());
  CHECK(findings_of(redtape::audit(*loaded.catalog, rules, options), "duplicate-demand") == 0);

  // The built-in lexicon, given explicitly, is the default.
  options.lexicon = redtape::lexicon::builtin();
  CHECK(findings_of(redtape::audit(*loaded.catalog, rules, options), "duplicate-demand") == 1);
}

TEST_CASE("certified-copy reads names with its own words, else the run's lexicon's", "[lexicon][rules]") {
  const auto c = redtape::load(certified_bad);
  const auto builtin = redtape::rule_set::builtin();
  const auto plain = redtape::audit(c, builtin);
  REQUIRE(findings_of(plain, "certified-copy") == 2);

  // The rule's parameter, set: only the demand written `form: certified_copy`.
  auto no_words = builtin;
  no_words.set("certified-copy.certified_copy_words=[]");
  CHECK(findings_of(redtape::audit(c, no_words), "certified-copy") == 1);

  // The parameter left alone follows a lexicon with no certified-copy words,
  // and the loaded name's form is read again with it: the inline demand
  // costs what a plain copy costs.
  const lexicon_folder no_certified("certified", "certified_copy_words");
  redtape::audit_options options;
  options.lexicon = redtape::lexicon::from_directory(no_certified.dir);
  const auto other = redtape::audit(c, builtin, options);
  CHECK(findings_of(other, "certified-copy") == 1);
  REQUIRE(other.procedures.size() == 1);
  CHECK(other.procedures[0].metrics.cost_per_year < plain.procedures[0].metrics.cost_per_year);
  // The catalog itself is untouched: it keeps what the loader read.
  CHECK(c.procedures[0].steps[0].requires_docs[2].named_form == redtape::document_form::certified_copy);

  // Set to words of its own, the rule reads with them whatever the lexicon.
  auto own_words = builtin;
  own_words.set("certified-copy.certified_copy_words=[bản sao có chứng thực]");
  CHECK(findings_of(redtape::audit(c, own_words, options), "certified-copy") == 2);
}

TEST_CASE("a built-in rule's parameter values come from its rule file", "[rules]") {
  // rule_set::builtin() refuses a rule file that leaves a parameter out; the
  // defaults shown (`redtape rules`, Python's Parameter.default) are the
  // file's values, or the lexicon's for the word lists of names.
  const auto set = redtape::rule_set::builtin();
  for (const auto& e : set.entries()) {
    for (const auto& spec : e.info.params) {
      INFO(e.info.id << "." << spec.name);
      CHECK(redtape::format_param(e.info.value(spec.name)) == redtape::format_param(spec.default_value));
    }
  }
  const auto* once = set.find("once-only");
  REQUIRE(once != nullptr);
  CHECK(once->list("foreign_applicant_documents") == std::vector<std::string>{"criminal_record_certificate", "passport"});
  CHECK(once->list("government_prefixes") == redtape::name_rules::defaults().government_prefixes);
}
