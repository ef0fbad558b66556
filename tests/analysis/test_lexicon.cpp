// The lexicon's tables (lexicon/*.yaml): every table loads, and every example
// it carries gives what it expects from the function that owns the table
// (bpmnlint's RuleTester, Semgrep's --test), so a phrase comes with the text
// that taught it.
#include <string>

#include <catch2/catch.hpp>

#include "analysis/lexicon.hpp"
#include "lexicon_checks.hpp"
#include "redtape/documents.hpp"
#include "redtape/error.hpp"
#include "redtape/lexicon.hpp"

namespace {

using Catch::Matchers::Contains;

// What the owner of a names-table example answers, as the example writes it.
std::string answer(const redtape::lexicon_detail::example& e, const redtape::name_rules& rules) {
  if (e.check == "normalize" && e.texts.size() == 1) return redtape::normalize_document_name(e.texts[0], rules);
  if (e.check == "form" && e.texts.size() == 1) {
    auto f = redtape::form_in_name(e.texts[0], rules);
    return f ? std::string(redtape::to_string(*f)) : "none";
  }
  if (e.check == "same" && e.texts.size() == 2)
    return redtape::name_similarity(redtape::normalize_document_name(e.texts[0], rules),
                                    redtape::normalize_document_name(e.texts[1], rules)) >=
                   rules.similarity_threshold
               ? "true"
               : "false";
  if (e.check == "government" && e.texts.size() == 1)
    return redtape::government_name(e.texts[0], rules) ? "true" : "false";
  return "<no such check: " + e.check + " with " + std::to_string(e.texts.size()) + " texts>";
}

// What the owner of a cue-table example (lexicon/portal/*.yaml) answers: the
// importer's function that reads the table, or `find` for a list itself.
std::string answer(const redtape::lexicon_detail::example& e, const redtape::lexicon_detail::cue_table& table) {
  if (e.texts.size() != 1) return "<" + e.check + " takes one text>";
  const std::string& text = e.texts[0];
  if (e.check == "find") {
    auto list = table.lists.find(e.list);
    if (list == table.lists.end()) return "<no cue list `" + e.list + "` in this table>";
    auto m = list->second.first(redtape::fold_text(text));
    return m ? m.what->phrase : "none";
  }
  namespace checks = redtape::lexicon_checks;
  for (auto owner : {checks::steps, checks::subject, checks::fields, checks::build})
    if (auto a = owner(e.check, text)) return *a;
  return "<no such check: " + e.check + ">";
}

}  // namespace

TEST_CASE("every lexicon table loads and every example holds", "[lexicon]") {
  const auto files = redtape::lexicon_detail::builtin_lexicon_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& [name, text] : files) {
    INFO(name);
    if (name == "lexicon/registry.yaml") {
      // A redtape registry, read by redtape's loader; build.yaml's
      // `recognise` examples check it.
      CHECK_FALSE(redtape::lexicon_detail::read_registry(text, std::string(name)).documents.empty());
      continue;
    }
    if (name == "lexicon/state-data.yaml") {
      const auto state = redtape::lexicon_detail::read_state_data(text, std::string(name));
      CHECK(state.examples.size() >= 5);
      for (const auto& e : state.examples) {
        INFO(name << ":" << e.line << ":" << e.column << ": " << e.check);
        REQUIRE((e.texts.size() == 1 || e.texts.size() == 2));
        const auto* db = state.database(e.texts[0]);
        const auto* act = db ? state.strongest_act(*db, e.texts.size() == 2 ? e.texts[1] : "") : nullptr;
        using redtape::lexicon_detail::act_condition;
        const std::string got = act == nullptr                             ? "unknown"
                                : act->condition == act_condition::none      ? "none"
                                : act->condition == act_condition::when_data ? "when_data"
                                                                             : "principle";
        CHECK(got == e.expect);
      }
      // Every database the registry's documents name is in the table, so a
      // once-only finding on them names it and its act.
      const auto registry = redtape::lexicon_detail::read_registry(
          redtape::lexicon_detail::builtin_file("lexicon/registry.yaml"), "lexicon/registry.yaml");
      for (const auto& d : registry.documents) {
        INFO(d.id << " held_in " << d.held_in);
        if (!d.held_in.empty()) CHECK(state.database(d.held_in) != nullptr);
      }
      continue;
    }
    if (name == "lexicon/names.yaml") {
      const auto table = redtape::lexicon_detail::read_names(text, std::string(name));
      CHECK(table.examples.size() >= 5);
      for (const auto& e : table.examples) {
        INFO(name << ":" << e.line << ":" << e.column << ": " << e.check);
        CHECK(answer(e, table.rules) == e.expect);
      }
    } else {
      REQUIRE(name.starts_with("lexicon/portal/"));  // a new kind of table needs its owner's checks here
      const auto table = redtape::lexicon_detail::read_cues(text, std::string(name));
      CHECK(table.examples.size() >= 5);
      CHECK_FALSE(table.lists.empty());
      for (const auto& e : table.examples) {
        INFO(name << ":" << e.line << ":" << e.column << ": " << e.check);
        CHECK(answer(e, table) == e.expect);
      }
    }
  }
}

TEST_CASE("a lexicon folder replaces the built-in tables it holds", "[lexicon]") {
  const auto builtin = redtape::lexicon::builtin();
  CHECK(builtin->names().qualifiers == redtape::name_rules::defaults().qualifiers);
  const auto names = builtin->table_names();
  REQUIRE(names.size() == redtape::lexicon_detail::builtin_lexicon_files().size());
  for (const auto& [table, is_builtin] : names) CHECK(is_builtin);
  CHECK_THROWS_AS(redtape::lexicon::from_directory("no/such/lexicon"), redtape::invalid_argument_error);
}

TEST_CASE("the names table is the defaults of document identity", "[lexicon]") {
  const auto table = redtape::lexicon_detail::read_names(redtape::lexicon_detail::builtin_file("lexicon/names.yaml"), "names.yaml");
  const auto& d = redtape::name_rules::defaults();
  CHECK(table.rules.qualifiers == d.qualifiers);
  CHECK(table.rules.certified_copy_words == d.certified_copy_words);
  CHECK(table.rules.copy_words == d.copy_words);
  CHECK(table.rules.government_prefixes == d.government_prefixes);
  CHECK(table.rules.similarity_threshold == d.similarity_threshold);
  CHECK(table.rules.reference_tails == d.reference_tails);
  CHECK(table.rules.issued_tails == d.issued_tails);
  CHECK(table.rules.instruction_leads == d.instruction_leads);
  CHECK(table.rules.original_words == d.original_words);
  CHECK(table.rules.electronic_words == d.electronic_words);
  CHECK_FALSE(d.reference_tails.empty());
  CHECK_FALSE(d.qualifiers.empty());
}

TEST_CASE("a broken lexicon table is a located error", "[lexicon]") {
  const std::string head = "redtape: 1\ntable: names\n";
  auto error_of = [](const std::string& text) {
    try {
      (void)redtape::lexicon_detail::read_names(text, "my-names.yaml");
    } catch (const redtape::load_error& e) {
      return e.diagnostics().front();
    }
    FAIL("read_names accepted a broken table");
    return redtape::diagnostic{};
  };
  auto typo = error_of(head + "entries:\n  qualifires: [a]\n");
  CHECK(typo.file == "my-names.yaml");
  CHECK(typo.line == 4);
  CHECK(typo.column == 3);
  CHECK_THAT(typo.message, Contains("did you mean `qualifiers`"));
  auto missing = error_of(head + "entries:\n  qualifiers: [a]\n");
  CHECK(missing.code == "missing-key");
  CHECK_THAT(missing.message, Contains("certified_copy_words"));
  auto example = error_of(head + "entries: {qualifiers: [], certified_copy_words: [], copy_words: [], "
                                 "government_prefixes: [], reference_tails: [], issued_tails: [], "
                                 "instruction_leads: [], original_words: [], electronic_words: [], "
                                 "similarity_threshold: 0.9}\n"
                                 "examples:\n  - {form: \"Bản sao X\"}\n");
  CHECK(example.line == 5);
  CHECK_THAT(example.message, Contains("expect"));
  auto wrong = error_of(head + "entries:\n  copy_words: {bản sao: 1}\n  qualifiers: []\n  certified_copy_words: []\n"
                               "  government_prefixes: []\n  similarity_threshold: 0.9\n");
  CHECK(wrong.line == 4);
  CHECK(wrong.code == "wrong-type");
}

TEST_CASE("a broken state-data table is a located error", "[lexicon]") {
  auto error_of = [](const std::string& text) {
    try {
      (void)redtape::lexicon_detail::read_state_data(text, "my-state.yaml");
    } catch (const redtape::load_error& e) {
      return e.diagnostics().front();
    }
    FAIL("read_state_data accepted a broken table");
    return redtape::diagnostic{};
  };
  const std::string head = "redtape: 1\ntable: state-data\nentries:\n";
  // A database citing an act the table does not have.
  auto dangling = error_of(head + "  acts:\n    - {id: a, condition: none}\n  databases:\n"
                                  "    - {id: db, acts: [b]}\n");
  CHECK(dangling.code == "unknown-ref");
  CHECK(dangling.file == "my-state.yaml");
  CHECK(dangling.line == 7);
  CHECK_THAT(dangling.message, Contains("act `b`"));
  // A condition that is not one of the three.
  auto condition = error_of(head + "  acts:\n    - {id: a, condition: always}\n  databases: []\n");
  CHECK(condition.line == 5);
  CHECK_THAT(condition.message, Contains("always"));
}
