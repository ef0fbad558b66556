// The model as plain data: names in two languages, enum words, cost model
// patches, catalog look-ups and places, and diagnostics as editors print them.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "redtape/error.hpp"
#include "redtape/model.hpp"

using Catch::Matchers::Contains;

TEST_CASE("localized_text::in falls back to the other language", "[model]") {
  redtape::localized_text both{"Nộp hồ sơ", "File the dossier"};
  CHECK(both.in("vi") == "Nộp hồ sơ");
  CHECK(both.in("en") == "File the dossier");
  CHECK(both.in("fr") == "Nộp hồ sơ");  // anything else reads as Vietnamese

  redtape::localized_text vi_only{"Thẩm định", ""};
  CHECK(vi_only.in("en") == "Thẩm định");
  CHECK(vi_only.in("vi") == "Thẩm định");

  redtape::localized_text en_only{"", "Appraise"};
  CHECK(en_only.in("vi") == "Appraise");
  CHECK(en_only.in("en") == "Appraise");

  redtape::localized_text none;
  CHECK(none.empty());
  CHECK(none.in("en").empty());
  CHECK_FALSE(vi_only.empty());
  CHECK(both == redtape::localized_text{"Nộp hồ sơ", "File the dossier"});
  CHECK_FALSE(both == vi_only);
}

TEST_CASE("enum words parse and print back", "[model]") {
  for (std::size_t i = 0; i < redtape::document_form_names.size(); ++i) {
    auto name = redtape::document_form_names[i];
    auto f = redtape::parse_document_form(name);
    REQUIRE(f.has_value());
    CHECK(static_cast<std::size_t>(*f) == i);
    CHECK(redtape::to_string(*f) == name);
  }
  for (auto name : redtape::channel_names) {
    if (name == "unspecified") continue;
    auto c = redtape::parse_channel(name);
    REQUIRE(c.has_value());
    CHECK(redtape::to_string(*c) == name);
  }
  for (auto name : redtape::applicant_kind_names) {
    auto k = redtape::parse_applicant_kind(name);
    REQUIRE(k.has_value());
    CHECK(redtape::to_string(*k) == name);
  }
  for (auto name : redtape::agency_kind_names) {
    auto k = redtape::parse_agency_kind(name);
    REQUIRE(k.has_value());
    CHECK(redtape::to_string(*k) == name);
  }
  CHECK(redtape::parse_document_form("certified_copy") == redtape::document_form::certified_copy);
  CHECK(redtape::parse_channel("in_person") == redtape::channel::in_person);
  CHECK(redtape::parse_agency_kind("private") == redtape::agency_kind::private_sector);
  CHECK(redtape::to_string(redtape::agency_kind::private_sector) == "private");
  CHECK(redtape::to_string(redtape::channel::unspecified) == "unspecified");
  // Not words a user writes.
  CHECK_FALSE(redtape::parse_channel("unspecified").has_value());
  CHECK_FALSE(redtape::parse_channel("In_Person").has_value());
  CHECK_FALSE(redtape::parse_document_form("").has_value());
  CHECK_FALSE(redtape::parse_applicant_kind("company").has_value());
  CHECK_FALSE(redtape::parse_agency_kind("private_sector").has_value());
  CHECK(redtape::to_string(redtape::severity::warning) == "warning");
}

TEST_CASE("duration and demands", "[model]") {
  auto d = redtape::duration::exactly(2);
  CHECK(d == redtape::duration{2, 2, 2});
  CHECK_FALSE(d.is_range());
  CHECK(redtape::duration{1, 2, 2}.is_range());

  redtape::document_demand inline_doc;
  inline_doc.name = "Tờ khai";
  CHECK(inline_doc.label() == "Tờ khai");
  CHECK(inline_doc.effective_form() == redtape::document_form::original);
  redtape::document_demand ref;
  ref.ref = "citizen_id";
  ref.name = "CCCD";
  ref.form = redtape::document_form::copy;
  CHECK(ref.label() == "citizen_id");
  CHECK(ref.effective_form() == redtape::document_form::copy);

  redtape::document by_applicant{"form", {}, {}, "applicant", "", {}};
  CHECK_FALSE(by_applicant.government_has());
  redtape::document issued{"cert", {}, {}, "dpi", "", {}};
  CHECK(issued.government_has());
  redtape::document held{"id", {}, {}, "applicant", "national_population_database", {}};
  CHECK(held.government_has());
  redtape::document unknown{"x", {}, {}, "", "", {}};
  CHECK_FALSE(unknown.government_has());

  redtape::fee words{std::nullopt, "", "Theo quy định", {}};
  CHECK_FALSE(words.known());
}

TEST_CASE("cost_model_patch applies and merges field by field", "[model]") {
  redtape::cost_model m;
  CHECK(m.currency == "VND");
  CHECK(m.working_hours_per_day == 8);
  CHECK(m.min_step_days == 0);

  redtape::cost_model_patch none;
  CHECK(none.empty());
  none.apply_to(m);
  CHECK(m.currency == "VND");
  CHECK(m.hourly_value == 0);

  redtape::cost_model_patch catalog_patch;
  catalog_patch.hourly_value = 40000;
  catalog_patch.visit_cost = 60000;
  catalog_patch.unit_costs[static_cast<std::size_t>(redtape::document_form::certified_copy)] = 10000;
  CHECK_FALSE(catalog_patch.empty());

  redtape::cost_model_patch only_unit;
  only_unit.unit_costs[1] = 2000;
  CHECK_FALSE(only_unit.empty());

  redtape::cost_model_patch later;
  later.hourly_value = 50000;
  later.currency = "USD";
  later.min_step_days_online = 0.5;
  later.unit_costs[static_cast<std::size_t>(redtape::document_form::copy)] = 2000;

  redtape::cost_model_patch merged = catalog_patch;
  merged.merge(later);
  CHECK(merged.hourly_value == 50000.0);  // later wins
  CHECK(merged.visit_cost == 60000.0);    // kept when later is silent
  CHECK(merged.currency == std::string("USD"));
  CHECK(merged.min_step_days_online == 0.5);
  CHECK(merged.unit_costs[static_cast<std::size_t>(redtape::document_form::certified_copy)] == 10000.0);
  CHECK(merged.unit_costs[static_cast<std::size_t>(redtape::document_form::copy)] == 2000.0);
  CHECK_FALSE(merged.unit_costs[0].has_value());
  CHECK_FALSE(merged.working_hours_per_day.has_value());

  redtape::cost_model applied;
  merged.apply_to(applied);
  CHECK(applied.currency == "USD");
  CHECK(applied.hourly_value == 50000);
  CHECK(applied.visit_cost == 60000);
  CHECK(applied.unit_cost(redtape::document_form::copy) == 2000);
  CHECK(applied.unit_cost(redtape::document_form::certified_copy) == 10000);
  CHECK(applied.unit_cost(redtape::document_form::original) == 0);
  CHECK(applied.min_step_days_online == 0.5);
  CHECK(applied.working_hours_per_day == 8);  // untouched

  // Merging the other way round: the catalog's values win.
  redtape::cost_model_patch reverse = later;
  reverse.merge(catalog_patch);
  CHECK(reverse.hourly_value == 40000.0);
  CHECK(reverse.currency == std::string("USD"));
}

TEST_CASE("catalog look-ups, cost model per procedure, and places", "[model]") {
  redtape::catalog c;
  c.files = {"rules/dpi.yaml", "rules/registry.yaml"};
  redtape::procedure p;
  p.id = "1.001612";
  p.location = {0, 3, 3};
  p.steps.resize(3);
  p.steps[0].id = "submit";
  p.steps[1].id = "check";
  p.steps[2].id = "issue";
  p.cost_overrides.hourly_value = 50000;
  c.procedures.push_back(p);
  redtape::procedure q;
  q.id = "2.000001";
  c.procedures.push_back(q);
  c.documents.push_back({"citizen_id", {"Căn cước công dân", ""}, {"CCCD"}, "police", "", {1, 9, 5}});
  c.agencies.push_back({"dpi", {"Sở Tài chính", ""}, redtape::agency_kind::government, "province", {1, 3, 5}});
  c.costs.hourly_value = 40000;
  c.costs.visit_cost = 60000;

  // Before reindex() the look-ups scan; after it they use the index.
  for (int pass = 0; pass < 2; ++pass) {
    INFO("pass " << pass);
    REQUIRE(c.find_procedure("1.001612") != nullptr);
    CHECK(c.find_procedure("1.001612")->steps.size() == 3);
    CHECK(c.find_procedure("2.000001") == &c.procedures[1]);
    CHECK(c.find_procedure("9.999999") == nullptr);
    REQUIRE(c.find_document("citizen_id") != nullptr);
    CHECK(c.find_document("citizen_id")->aliases.front() == "CCCD");
    CHECK(c.find_document("CCCD") == nullptr);
    REQUIRE(c.find_agency("dpi") != nullptr);
    CHECK(c.find_agency("dpi")->level == "province");
    CHECK(c.find_agency("police") == nullptr);
    c.reindex();
  }
  // A stale index after an edit by hand still finds the right element.
  std::swap(c.procedures[0], c.procedures[1]);
  CHECK(c.find_procedure("1.001612") == &c.procedures[1]);
  CHECK(c.find_procedure("2.000001") == &c.procedures[0]);
  c.procedures.pop_back();
  CHECK(c.find_procedure("1.001612") == nullptr);
  c.reindex();
  CHECK(c.find_procedure("2.000001") == &c.procedures[0]);

  auto m = c.cost_model_for(p);
  CHECK(m.hourly_value == 50000);
  CHECK(m.visit_cost == 60000);
  CHECK(c.cost_model_for(q).hourly_value == 40000);

  CHECK(c.where(p.location) == "rules/dpi.yaml:3:3");
  CHECK(c.where({1, 9, 5}) == "rules/registry.yaml:9:5");
  CHECK(c.where({1, 0, 0}) == "rules/registry.yaml");  // not from a line
  CHECK(c.where({7, 2, 1}) == "<input>:2:1");          // no such file
  CHECK(c.file_of({1, 1, 1}) == "rules/registry.yaml");
  CHECK(c.file_of({2, 1, 1}) == "<input>");
  CHECK_FALSE(redtape::source_location{}.known());
  CHECK(redtape::source_location{0, 1, 1}.known());
}

TEST_CASE("procedure::find_step", "[model]") {
  redtape::procedure p;
  CHECK(p.find_step("submit") == -1);
  p.steps.resize(3);
  p.steps[0].id = "submit";
  p.steps[1].id = "check";
  p.steps[2].id = "check";  // a duplicate: the first wins
  CHECK(p.find_step("submit") == 0);
  CHECK(p.find_step("check") == 1);
  CHECK(p.find_step("issue") == -1);
  CHECK(p.find_step("") == -1);

  redtape::step s;
  s.actor = "applicant";
  CHECK(s.by_applicant());
  s.actor = "Applicant";
  CHECK_FALSE(s.by_applicant());
}

TEST_CASE("diagnostic::format in English and Vietnamese", "[model][error]") {
  redtape::diagnostic d;
  d.code = "negative-number";
  d.file = "rules/thu_tuc.yaml";
  d.line = 11;
  d.column = 12;
  d.message = "`fee` must not be negative, found \"-50000\"";
  d.message_vi = "`fee` không được là số âm, nhưng gặp \"-50000\"";

  CHECK(d.format() == "rules/thu_tuc.yaml:11:12: error: `fee` must not be negative, found \"-50000\"");
  CHECK(d.format("en") == d.format());
  CHECK(d.format("vi") == "rules/thu_tuc.yaml:11:12: lỗi: `fee` không được là số âm, nhưng gặp \"-50000\"");

  d.severity = redtape::severity::warning;
  CHECK_THAT(d.format(), Contains(":11:12: warning: "));
  CHECK_THAT(d.format("vi"), Contains(":11:12: cảnh báo: "));
  d.severity = redtape::severity::note;
  CHECK_THAT(d.format("vi"), Contains(": ghi chú: "));

  d.severity = redtape::severity::error;
  d.column = 0;
  CHECK(d.format() == "rules/thu_tuc.yaml:11: error: `fee` must not be negative, found \"-50000\"");
  d.line = 0;
  CHECK(d.format() == "rules/thu_tuc.yaml: error: `fee` must not be negative, found \"-50000\"");

  // No Vietnamese text: the English one is shown, with the Vietnamese label.
  d.message_vi.clear();
  CHECK(d.format("vi") == "rules/thu_tuc.yaml: lỗi: `fee` must not be negative, found \"-50000\"");
}

TEST_CASE("load_error reports its first error and keeps them all", "[model][error]") {
  redtape::diagnostic warn;
  warn.severity = redtape::severity::warning;
  warn.code = "empty-file";
  warn.file = "a.yaml";
  warn.message = "the file holds no procedure";
  redtape::diagnostic first;
  first.code = "cycle";
  first.file = "b.yaml";
  first.line = 6;
  first.column = 7;
  first.message = "a cycle";
  redtape::diagnostic second = first;
  second.line = 9;
  second.code = "unknown-step";

  redtape::load_error e({warn, first, second});
  CHECK(e.diagnostics().size() == 3);
  CHECK(e.file() == "b.yaml");  // the first error, not the warning
  CHECK(e.line() == 6);
  CHECK(e.column() == 7);
  CHECK_THAT(std::string(e.what()), Contains("b.yaml:6:7: error: a cycle") && Contains("1 more"));

  redtape::load_error one({first});
  CHECK(std::string(one.what()) == "b.yaml:6:7: error: a cycle");

  redtape::load_error empty({});
  CHECK(empty.file().empty());
  CHECK(empty.line() == 0);
  CHECK(empty.column() == 0);

  // One hierarchy.
  const redtape::error& base = e;
  CHECK(dynamic_cast<const std::runtime_error*>(&base) != nullptr);
  CHECK_THROWS_AS(throw redtape::not_found_error("no procedure 9.9"), redtape::error);
  CHECK_THROWS_AS(throw redtape::invalid_argument_error("jobs"), redtape::error);
}
