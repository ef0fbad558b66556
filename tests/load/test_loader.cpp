// Good input: the SPEC §2 sketch loads exactly, with the place of every
// element; folders, lists of procedures, anchors, ranges and effort
// breakdowns load; validate() checks catalogs edited in code; parallel
// loading gives the same catalog as one thread.
#include <algorithm>
#include <atomic>
#include <limits>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "redtape/load.hpp"
#include "redtape/model.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;

namespace {

const fs::path good_dir = fs::path(REDTAPE_TEST_DATA) / "load" / "good";
const fs::path sketch_dir = good_dir / "sketch";
const fs::path features_file = good_dir / "features" / "land.yaml";

std::string all_messages(const redtape::load_result& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.format() + "\n";
  return out;
}

redtape::catalog must_load(const std::vector<fs::path>& paths, const redtape::load_options& options = {}) {
  auto r = redtape::try_load(paths, options);
  INFO(all_messages(r));
  REQUIRE(r.ok());
  CHECK(r.diagnostics.empty());
  return std::move(*r.catalog);
}

std::string file_name(const redtape::catalog& c, const redtape::source_location& loc) {
  return fs::path(c.file_of(loc)).filename().string();
}

const redtape::step& step_of(const redtape::procedure& p, std::string_view id) {
  auto i = p.find_step(id);
  REQUIRE(i >= 0);
  return p.steps[static_cast<std::size_t>(i)];
}

struct temp_dir {
  fs::path path;
  explicit temp_dir(const std::string& tag) {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() / ("redtape_test_loader_" + tag + "_" +
                                        std::to_string(std::random_device{}()) + "_" +
                                        std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  void write(const fs::path& relative, const std::string& text) const {
    fs::create_directories((path / relative).parent_path());
    std::ofstream(path / relative, std::ios::binary) << text;
  }
};

// Everything a user can see of a catalog, places included, as one text.
std::string dump(const redtape::catalog& c) {
  std::string out;
  auto loc = [&](const redtape::source_location& l) {
    return fs::path(c.file_of(l)).filename().string() + ":" + std::to_string(l.line) + ":" +
           std::to_string(l.column);
  };
  auto demands = [&](const std::vector<redtape::document_demand>& list) {
    std::string s;
    for (const auto& d : list)
      s += "[" + d.ref + "|" + d.name + "|" +
           (d.form ? std::string(redtape::to_string(*d.form)) : "-") + "|" + std::to_string(d.copies) +
           "@" + loc(d.location) + "]";
    return s;
  };
  for (const auto& f : c.files) out += "file " + fs::path(f).filename().string() + "\n";
  for (const auto& p : c.procedures) {
    out += "procedure " + p.id + " " + p.name.vi + "/" + p.name.en + " " + p.sector + " " + p.level +
           " " + p.agency + " " + std::string(redtape::to_string(p.applicant)) + " " +
           std::to_string(p.volume_per_year) + " result=" + demands(p.results) + " @" + loc(p.location) + "\n";
    for (const auto& s : p.steps) {
      out += "  step " + s.id + " " + s.name.vi + "/" + s.name.en + " " + s.actor + " " + s.action +
             " after=";
      for (const auto& a : s.after) out += a + ",";
      for (const auto& a : s.after_locations) out += loc(a) + ",";
      out += s.after_given ? " given" : " defaulted";
      if (s.duration_days)
        out += " days=" + std::to_string(s.duration_days->min) + "/" +
               std::to_string(s.duration_days->likely) + "/" + std::to_string(s.duration_days->max);
      out += " hours=" + std::to_string(s.applicant_hours.hours);
      for (const auto& [k, v] : s.applicant_hours.breakdown) out += " " + k + "=" + std::to_string(v);
      if (s.fee)
        out += " fee=" + (s.fee->amount ? std::to_string(*s.fee->amount) : "?") + s.fee->currency + "@" +
               loc(s.fee->location);
      out += " " + std::string(redtape::to_string(s.channel)) + " " + s.location_kind;
      out += " requires=" + demands(s.requires_docs) + " produces=" + demands(s.produces_docs);
      out += " @" + loc(s.location) + "\n";
    }
  }
  for (const auto& d : c.documents) {
    out += "document " + d.id + " " + d.name.vi + "/" + d.name.en + " " + d.issued_by + " " + d.held_in;
    for (const auto& a : d.aliases) out += " ~" + a;
    out += " @" + loc(d.location) + "\n";
  }
  for (const auto& a : c.agencies)
    out += "agency " + a.id + " " + a.name.vi + " " + std::string(redtape::to_string(a.kind)) + " " +
           a.level + " @" + loc(a.location) + "\n";
  out += "costs " + c.costs.currency + " " + std::to_string(c.costs.hourly_value) + " " +
         std::to_string(c.costs.visit_cost);
  for (double u : c.costs.unit_costs) out += " " + std::to_string(u);
  out += "\n";
  return out;
}

}  // namespace

TEST_CASE("the SPEC §2 sketch and its registry load exactly", "[load][loader]") {
  auto c = must_load({sketch_dir});

  REQUIRE(c.files.size() == 2);
  CHECK(fs::path(c.files[0]).filename() == "procedure.yaml");
  CHECK(fs::path(c.files[1]).filename() == "registry.yaml");

  REQUIRE(c.procedures.size() == 1);
  const auto* p = c.find_procedure("1.001612");
  REQUIRE(p != nullptr);
  CHECK(p->name.vi == "Đăng ký thành lập doanh nghiệp tư nhân");
  CHECK(p->name.en == "Registering a private enterprise");
  CHECK(p->sector == "enterprise");
  CHECK(p->level == "province");
  CHECK(p->agency == "dpi");
  CHECK(p->applicant == redtape::applicant_kind::business);
  CHECK(p->volume_per_year == 1200);
  CHECK(p->legal_basis == std::vector<std::string>{"Luật Doanh nghiệp 2020", "Nghị định 01/2021/NĐ-CP"});
  REQUIRE(p->results.size() == 1);
  CHECK(p->results[0].ref == "enterprise_registration_certificate");
  CHECK(p->cost_overrides.empty());

  REQUIRE(p->steps.size() == 3);
  CHECK(p->steps[0].id == "submit");
  CHECK(p->steps[1].id == "check");
  CHECK(p->steps[2].id == "issue");

  const auto& submit = p->steps[0];
  CHECK(submit.name.vi == "Nộp hồ sơ tại Trung tâm Phục vụ hành chính công");
  CHECK(submit.name.en == "File the dossier at the one-stop centre");
  CHECK(submit.actor == "applicant");
  CHECK(submit.by_applicant());
  CHECK(submit.action == "submit");
  CHECK(submit.channel == redtape::channel::in_person);
  CHECK(submit.location_kind == "one_stop_centre");
  CHECK(submit.applicant_hours.hours == 3);
  CHECK(submit.applicant_hours.breakdown.empty());
  CHECK(submit.after.empty());  // the first step starts the procedure
  CHECK_FALSE(submit.after_given);
  CHECK_FALSE(submit.duration_days.has_value());
  CHECK_FALSE(submit.fee.has_value());
  CHECK(submit.produces_docs.empty());
  REQUIRE(submit.requires_docs.size() == 2);
  CHECK(submit.requires_docs[0].ref == "registration_form");
  CHECK_FALSE(submit.requires_docs[0].form.has_value());
  CHECK(submit.requires_docs[0].effective_form() == redtape::document_form::original);
  CHECK(submit.requires_docs[0].copies == 1);
  CHECK(submit.requires_docs[1].ref == "citizen_id");
  CHECK(submit.requires_docs[1].form == redtape::document_form::certified_copy);
  CHECK(submit.requires_docs[1].label() == "citizen_id");

  const auto& check = p->steps[1];
  CHECK(check.name.empty());
  CHECK(check.actor == "dpi");
  CHECK_FALSE(check.by_applicant());
  CHECK(check.action == "verify");
  CHECK(check.after == std::vector<std::string>{"submit"});  // defaulted: the previous step
  CHECK_FALSE(check.after_given);
  CHECK(check.after_locations.empty());
  REQUIRE(check.duration_days.has_value());
  CHECK(*check.duration_days == redtape::duration::exactly(1));
  CHECK_FALSE(check.duration_days->is_range());
  CHECK(check.channel == redtape::channel::unspecified);
  REQUIRE(check.requires_docs.size() == 1);
  CHECK(check.requires_docs[0].ref == "citizen_id");

  const auto& issue = p->steps[2];
  CHECK(issue.action == "issue");
  CHECK(issue.after == std::vector<std::string>{"check"});
  CHECK(*issue.duration_days == redtape::duration::exactly(2));
  REQUIRE(issue.fee.has_value());
  CHECK(issue.fee->known());
  CHECK(*issue.fee->amount == 50000);
  CHECK(issue.fee->currency.empty());  // the catalog's currency
  CHECK(issue.requires_docs.empty());
  REQUIRE(issue.produces_docs.size() == 1);
  CHECK(issue.produces_docs[0].ref == "enterprise_registration_certificate");

  // The registry.
  REQUIRE(c.agencies.size() == 2);
  const auto* dpi = c.find_agency("dpi");
  REQUIRE(dpi != nullptr);
  CHECK(dpi->name.vi == "Phòng Đăng ký kinh doanh, Sở Tài chính");
  CHECK(dpi->name.en == "Business Registration Office");
  CHECK(dpi->kind == redtape::agency_kind::government);
  CHECK(dpi->level == "province");
  const auto* police = c.find_agency("police");
  REQUIRE(police != nullptr);
  CHECK(police->name.en == "Police");
  CHECK(police->level == "central");

  REQUIRE(c.documents.size() == 3);
  const auto* form = c.find_document("registration_form");
  REQUIRE(form != nullptr);
  CHECK(form->name.vi == "Giấy đề nghị đăng ký doanh nghiệp");
  CHECK(form->issued_by == "applicant");
  CHECK_FALSE(form->government_has());
  const auto* id = c.find_document("citizen_id");
  REQUIRE(id != nullptr);
  CHECK(id->name.vi == "Căn cước công dân");
  CHECK(id->name.en == "Citizen identity card");
  CHECK(id->aliases == std::vector<std::string>{"CCCD", "Chứng minh nhân dân", "CMND"});
  CHECK(id->issued_by == "police");
  CHECK(id->held_in == "national_population_database");
  CHECK(id->government_has());
  const auto* cert = c.find_document("enterprise_registration_certificate");
  REQUIRE(cert != nullptr);
  CHECK(cert->issued_by == "dpi");
  CHECK(cert->held_in.empty());
  CHECK(c.find_document("CCCD") == nullptr);  // aliases are not ids

  // The cost model.
  CHECK(c.costs.currency == "VND");
  CHECK(c.costs.hourly_value == 40000);
  CHECK(c.costs.visit_cost == 60000);
  CHECK(c.costs.unit_cost(redtape::document_form::original) == 0);
  CHECK(c.costs.unit_cost(redtape::document_form::copy) == 2000);
  CHECK(c.costs.unit_cost(redtape::document_form::certified_copy) == 10000);
  CHECK(c.costs.unit_cost(redtape::document_form::electronic) == 0);
  CHECK(c.costs.unit_cost(redtape::document_form::declaration) == 0);
  CHECK(c.costs.min_step_days == 0);
  CHECK_FALSE(c.costs.min_step_days_online.has_value());
  CHECK(c.costs.working_hours_per_day == 8);
  CHECK(c.cost_model_for(*p).hourly_value == 40000);
}

TEST_CASE("loaded elements keep their file, line and column", "[load][loader]") {
  auto c = must_load({sketch_dir});
  const auto& p = *c.find_procedure("1.001612");
  // The procedure's mapping starts at `id:` on line 3.
  CHECK(file_name(c, p.location) == "procedure.yaml");
  CHECK(p.location == redtape::source_location{0, 3, 3});
  CHECK(p.steps[0].location == redtape::source_location{0, 13, 7});
  CHECK(p.steps[1].location == redtape::source_location{0, 23, 7});
  CHECK(p.steps[2].location == redtape::source_location{0, 28, 7});
  // `        - ref: registration_form` and `        - {ref: citizen_id, …}`.
  CHECK(p.steps[0].requires_docs[0].location == redtape::source_location{0, 21, 11});
  CHECK(p.steps[0].requires_docs[1].location == redtape::source_location{0, 22, 11});
  // `      requires: [{ref: citizen_id}]`: the `{`.
  CHECK(p.steps[1].requires_docs[0].location == redtape::source_location{0, 27, 18});
  CHECK(p.steps[2].produces_docs[0].location == redtape::source_location{0, 33, 18});
  CHECK(p.steps[2].fee->location == redtape::source_location{0, 32, 12});
  CHECK_THAT(c.where(p.steps[0].location), EndsWith("procedure.yaml:13:7"));

  const auto* id = c.find_document("citizen_id");
  CHECK(file_name(c, id->location) == "registry.yaml");
  CHECK(id->location == redtape::source_location{1, 9, 5});
  CHECK(c.find_agency("police")->location == redtape::source_location{1, 4, 5});
}

TEST_CASE("the sketch loads the same from two paths, a folder, or a folder above", "[load][loader]") {
  auto from_folder = must_load({sketch_dir});
  auto from_files = must_load({sketch_dir / "registry.yaml", sketch_dir / "procedure.yaml"});
  // Files named one by one keep their order; the content is the same.
  CHECK(fs::path(from_files.files[0]).filename() == "registry.yaml");
  CHECK(from_files.procedures.size() == 1);
  CHECK(from_files.documents.size() == 3);
  CHECK(from_files.find_procedure("1.001612")->steps.size() == 3);
  CHECK(from_files.find_procedure("1.001612")->location.file == 1);

  SECTION("a folder loads recursively, in sorted path order") {
    auto all = must_load({good_dir});
    REQUIRE(all.files.size() == 3);
    CHECK_THAT(all.files[0], EndsWith("features/land.yaml"));
    CHECK_THAT(all.files[1], EndsWith("sketch/procedure.yaml"));
    CHECK_THAT(all.files[2], EndsWith("sketch/registry.yaml"));
    REQUIRE(all.procedures.size() == 3);
    CHECK(all.procedures[0].id == "1.004227");
    CHECK(all.procedures[1].id == "2.000001");
    CHECK(all.procedures[2].id == "1.001612");
    CHECK(all.documents.size() == 5);
    CHECK(all.agencies.size() == 3);
    CHECK(all.find_procedure("1.001612")->location.file == 1);
  }
  SECTION("the same file given twice loads once") {
    auto twice = must_load({sketch_dir, sketch_dir / "procedure.yaml",
                            sketch_dir / ".." / "sketch" / "registry.yaml"});
    CHECK(twice.files.size() == 2);
    CHECK(twice.procedures.size() == 1);
    CHECK(twice.documents.size() == 3);
    CHECK(twice.agencies.size() == 2);
  }
}

TEST_CASE("a file with `procedures:`, anchors, ranges and effort breakdowns", "[load][loader]") {
  auto c = must_load({features_file});
  REQUIRE(c.procedures.size() == 2);

  const auto& land = c.procedures[0];
  CHECK(land.id == "1.004227");
  // A plain-string name is Vietnamese; English falls back to it.
  CHECK(land.name.vi == "Đăng ký biến động quyền sử dụng đất");
  CHECK(land.name.en.empty());
  CHECK(land.name.in("en") == "Đăng ký biến động quyền sử dụng đất");
  CHECK(land.applicant == redtape::applicant_kind::citizen);
  CHECK(land.volume_per_year == 800);
  CHECK(land.location == redtape::source_location{0, 17, 5});
  REQUIRE(land.steps.size() == 4);

  const auto& submit = step_of(land, "submit");
  CHECK(submit.name.vi == "Nộp hồ sơ");
  CHECK(submit.channel == redtape::channel::online);
  // The UNCTAD breakdown: the hours are its sum.
  CHECK(submit.applicant_hours.hours == Approx(4.25));
  CHECK(submit.applicant_hours.breakdown.size() == 6);
  CHECK(submit.applicant_hours.breakdown.at("understand") == 1);
  CHECK(submit.applicant_hours.breakdown.at("gather") == Approx(2.5));
  CHECK(submit.applicant_hours.breakdown.at("fill_in") == Approx(0.5));
  CHECK(submit.applicant_hours.breakdown.at("wait") == Approx(0.25));
  CHECK(submit.applicant_hours.breakdown.at("counter") == 0);
  // `requires: *docs`: the shared list from `x-common`.
  REQUIRE(submit.requires_docs.size() == 2);
  CHECK(submit.requires_docs[0].ref == "land_use_certificate");
  CHECK(submit.requires_docs[0].form == redtape::document_form::copy);
  CHECK(submit.requires_docs[1].ref == "household_book");  // a bare id is a ref
  CHECK_FALSE(submit.requires_docs[1].form.has_value());

  const auto& review = step_of(land, "review");
  CHECK(review.after == std::vector<std::string>{"submit"});
  CHECK_FALSE(review.after_given);
  REQUIRE(review.duration_days.has_value());
  CHECK(review.duration_days->is_range());
  CHECK(*review.duration_days == redtape::duration{3, 5, 10});

  const auto& survey = step_of(land, "survey");
  CHECK(survey.after == std::vector<std::string>{"submit"});
  CHECK(survey.after_given);
  CHECK(survey.after_locations == std::vector<redtape::source_location>{{0, 39, 17}});
  CHECK(*survey.duration_days == redtape::duration{1, 2, 4});

  const auto& reg = step_of(land, "register");
  CHECK(reg.after == std::vector<std::string>{"review", "survey"});
  CHECK(reg.after_locations == std::vector<redtape::source_location>{{0, 44, 17}, {0, 44, 25}});
  REQUIRE(reg.fee.has_value());
  CHECK(*reg.fee->amount == 25000);
  CHECK(reg.fee->currency == "VND");
  REQUIRE(reg.produces_docs.size() == 1);
  CHECK(reg.produces_docs[0].ref == "land_use_certificate");
  CHECK(reg.produces_docs[0].location == redtape::source_location{0, 46, 20});

  const auto& copy = c.procedures[1];
  CHECK(copy.id == "2.000001");
  CHECK(copy.name.vi == "Cấp bản sao trích lục");
  CHECK(copy.name.en == "Issuing a copy of an extract");
  CHECK(copy.applicant == redtape::applicant_kind::any);
  CHECK(copy.volume_per_year == 0);  // unknown
  REQUIRE(copy.steps.size() == 4);
  // `after: []` marks start steps: two of them here.
  CHECK(copy.steps[0].after.empty());
  CHECK(copy.steps[0].after_given);
  CHECK(copy.steps[1].after.empty());
  CHECK(copy.steps[1].after_given);
  CHECK(*copy.steps[1].fee->amount == 10000);
  CHECK(copy.steps[2].after == std::vector<std::string>{"request", "pay"});
  CHECK(copy.steps[3].after == std::vector<std::string>{"copy"});  // defaulted
  CHECK(*copy.steps[3].duration_days == redtape::duration::exactly(0.5));
  // The alias is used a second time, in another procedure.
  REQUIRE(copy.steps[0].requires_docs.size() == 2);
  CHECK(copy.steps[0].requires_docs[0].ref == "land_use_certificate");
  CHECK(copy.steps[0].requires_docs[1].ref == "household_book");

  const auto* book = c.find_document("household_book");
  REQUIRE(book != nullptr);
  CHECK(book->name.en == "Household registration book");
  CHECK(book->government_has());  // held in a database
  const auto* office = c.find_agency("land_office");
  REQUIRE(office != nullptr);
  CHECK(office->name.vi == "Văn phòng đăng ký đất đai");
  CHECK(office->kind == redtape::agency_kind::public_service);
  // No cost model in the file: the defaults.
  CHECK(c.costs.currency == "VND");
  CHECK(c.costs.hourly_value == 0);
}

TEST_CASE("small texts: extensions, documents, overrides, quoted numbers", "[load][loader]") {
  SECTION("several YAML documents in one file") {
    auto r = redtape::try_load_text(
        "redtape: 1\nprocedure: {id: a, steps: [{id: s, actor: applicant}]}\n---\n"
        "redtape: 1\nprocedure: {id: b, steps: [{id: s, actor: applicant}]}\n",
        "two.yaml");
    INFO(all_messages(r));
    REQUIRE(r.ok());
    REQUIRE(r.catalog->procedures.size() == 2);
    CHECK(r.catalog->procedures[1].id == "b");
    CHECK(r.catalog->procedures[1].location.line == 5);
    CHECK(r.catalog->files == std::vector<std::string>{"two.yaml"});
  }
  SECTION("x- keys are ignored anywhere") {
    auto r = redtape::try_load_text(
        "redtape: 1\nx-tool: {version: 3}\nprocedure:\n  id: p\n  x-reviewer: Lan\n"
        "  steps: [{id: s, actor: applicant, x_note: kept out}]\n");
    INFO(all_messages(r));
    CHECK(r.ok());
  }
  SECTION("a procedure's own cost model overrides the catalog's") {
    auto r = redtape::try_load_text(
        "redtape: 1\ncost_model: {hourly_value: 40000, visit_cost: 60000}\n"
        "procedure:\n  id: p\n  cost_model: {hourly_value: 50000, min_step_days_online: 0.5}\n"
        "  steps: [{id: s, actor: applicant, fee: \"12000\"}]\n");
    INFO(all_messages(r));
    REQUIRE(r.ok());
    const auto& c = *r.catalog;
    const auto& p = c.procedures[0];
    CHECK(p.cost_overrides.hourly_value == 50000.0);
    auto m = c.cost_model_for(p);
    CHECK(m.hourly_value == 50000);
    CHECK(m.visit_cost == 60000);
    CHECK(m.min_step_days_online == 0.5);
    CHECK(c.costs.hourly_value == 40000);
    CHECK(*p.steps[0].fee->amount == 12000);  // a quoted number is a number
  }
  SECTION("inline documents, copies and text fees") {
    auto r = redtape::try_load_text(
        "redtape: 1\nprocedure:\n  id: p\n  steps:\n"
        "    - id: s\n      actor: applicant\n"
        "      requires:\n        - {name: \"Bản sao Giấy chứng nhận\", form: certified_copy, copies: 2}\n"
        "        - \"Tờ khai theo mẫu\"\n"
        "      fee: {text: \"Theo quy định của Bộ Tài chính\"}\n");
    INFO(all_messages(r));
    REQUIRE(r.ok());
    const auto& s = r.catalog->procedures[0].steps[0];
    REQUIRE(s.requires_docs.size() == 2);
    CHECK(s.requires_docs[0].ref.empty());
    CHECK(s.requires_docs[0].name == "Bản sao Giấy chứng nhận");
    CHECK(s.requires_docs[0].copies == 2);
    CHECK(s.requires_docs[0].label() == "Bản sao Giấy chứng nhận");
    CHECK(s.requires_docs[1].name == "Tờ khai theo mẫu");  // not an id: an inline name
    REQUIRE(s.fee.has_value());
    CHECK_FALSE(s.fee->known());
    CHECK(s.fee->text == "Theo quy định của Bộ Tài chính");
  }
  SECTION("result is a document reference like any other, or several") {
    auto r = redtape::try_load_text(
        "redtape: 1\ndocuments: [{id: passport, name: \"Hộ chiếu\"}]\n"
        "procedures:\n"
        "  - {id: a, result: {name: \"Phiếu lý lịch tư pháp\"}, steps: [{id: s, actor: applicant}]}\n"
        "  - {id: b, result: [passport, {ref: passport, form: electronic}, \"Thị thực\"], steps: [{id: s, actor: x}]}\n"
        "  - {id: c, result: passport, steps: [{id: s, actor: x}]}\n",
        "results.yaml");
    INFO(all_messages(r));
    REQUIRE(r.ok());
    const auto& ps = r.catalog->procedures;
    REQUIRE(ps[0].results.size() == 1);
    CHECK(ps[0].results[0].name == "Phiếu lý lịch tư pháp");
    CHECK(ps[0].results[0].location.line == 4);
    REQUIRE(ps[1].results.size() == 3);
    CHECK(ps[1].results[0].ref == "passport");
    CHECK(ps[1].results[1].form == redtape::document_form::electronic);
    CHECK(ps[1].results[2].name == "Thị thực");
    REQUIRE(ps[2].results.size() == 1);
    CHECK(ps[2].results[0].ref == "passport");
  }
  SECTION("an actor missing from the registry is accepted") {
    auto r = redtape::try_load_text(
        "redtape: 1\nprocedure: {id: p, steps: [{id: s, actor: Ủy ban nhân dân xã}]}\n");
    REQUIRE(r.ok());
    CHECK(r.catalog->procedures[0].steps[0].actor == "Ủy ban nhân dân xã");
  }
}

TEST_CASE("both parsers give the same catalog, places included", "[load][loader][yaml-cpp]") {
  redtape::load_options libyaml, yaml_cpp;
  libyaml.parser = redtape::yaml_parser::libyaml;
  yaml_cpp.parser = redtape::yaml_parser::yaml_cpp;
  auto a = must_load({good_dir}, libyaml);
  auto b = must_load({good_dir}, yaml_cpp);
  CHECK(dump(a) == dump(b));
}

TEST_CASE("validate() checks a catalog edited in code", "[load][validate]") {
  auto c = must_load({sketch_dir});
  CHECK(redtape::validate(c).empty());
  auto& p = c.procedures[0];

  SECTION("a cycle") {
    // submit → check → issue, and now submit after issue.
    p.steps[0].after = {"issue"};
    auto found = redtape::validate(c);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "cycle");
    CHECK(found[0].severity == redtape::severity::error);
    CHECK_THAT(found[0].message, Contains("submit → check → issue → submit"));
    CHECK_THAT(found[0].file, EndsWith("procedure.yaml"));
    CHECK(found[0].line == 13);  // the step of the cycle written first
  }
  SECTION("an `after` naming no step") {
    p.steps[2].after = {"chek"};
    auto found = redtape::validate(c);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "unknown-step");
    CHECK_THAT(found[0].message, Contains("`chek`") && Contains("did you mean `check`"));
  }
  SECTION("a step added in code with a duplicate id and a negative fee") {
    redtape::step extra;
    extra.id = "check";
    extra.actor = "dpi";
    extra.after = {"issue"};
    extra.fee = redtape::fee{-5.0, "", "", {}};
    p.steps.push_back(extra);
    auto found = redtape::validate(c);
    std::vector<std::string> codes;
    for (const auto& d : found) codes.push_back(d.code);
    CHECK(std::count(codes.begin(), codes.end(), "duplicate-step") == 1);
    CHECK(std::count(codes.begin(), codes.end(), "negative-number") == 1);
    for (const auto& d : found)
      if (d.code == "negative-number") CHECK(d.line == 0);  // built by code: no place
  }
  SECTION("a ref naming no document, and a duplicate procedure") {
    p.steps[1].requires_docs[0].ref = "citizen_idd";
    c.procedures.push_back(c.procedures[0]);
    c.procedures.back().steps[1].requires_docs[0].ref = "citizen_id";
    c.reindex();
    auto found = redtape::validate(c);
    REQUIRE(found.size() == 2);
    std::vector<std::string> codes{found[0].code, found[1].code};
    std::sort(codes.begin(), codes.end());
    CHECK(codes == std::vector<std::string>{"duplicate-procedure", "unknown-ref"});
  }
  SECTION("numbers that are not finite") {
    p.steps[1].duration_days = redtape::duration::exactly(std::numeric_limits<double>::infinity());
    auto found = redtape::validate(c);
    REQUIRE_FALSE(found.empty());
    CHECK(found[0].code == "not-finite");
  }
  SECTION("a catalog built from nothing") {
    redtape::catalog empty;
    CHECK(redtape::validate(empty).empty());
    redtape::procedure q;
    q.id = "q";
    q.steps.resize(2);
    q.steps[0].id = "a";
    q.steps[0].after = {"b"};
    q.steps[1].id = "b";
    q.steps[1].after = {"a"};
    empty.procedures.push_back(q);
    auto found = redtape::validate(empty);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "cycle");
    CHECK(found[0].file == "<input>");
    CHECK(found[0].line == 0);
  }
}

TEST_CASE("parallel loading gives the same catalog as one thread", "[load][loader][parallel]") {
  temp_dir dir("parallel");
  dir.write("registry.yaml",
            "redtape: 1\ndocuments:\n  - {id: citizen_id, name: \"Căn cước công dân\"}\n"
            "cost_model: {hourly_value: 40000}\n");
  for (int i = 0; i < 20; ++i) {
    std::string n = std::to_string(100 + i);
    std::string text = "redtape: 1\nprocedures:\n";
    for (int k = 0; k < 3; ++k) {
      std::string id = "9.000" + n + "." + std::to_string(k);
      text += "  - id: \"" + id + "\"\n    name: \"Thủ tục số " + n + "\"\n    volume_per_year: " +
              std::to_string(i * 10 + k) + "\n    steps:\n";
      for (int s = 0; s <= (i + k) % 5; ++s)
        text += "      - {id: s" + std::to_string(s) + ", actor: " + (s == 0 ? "applicant" : "agency") +
                ", duration_days: " + std::to_string(s) + ", requires: [citizen_id]}\n";
    }
    // Some files in subfolders, so the sorted order is not the write order.
    dir.write(fs::path(i % 3 == 0 ? "sub" : ".") / ("p" + std::to_string(19 - i) + ".yaml"), text);
  }
  redtape::load_options one, many, all;
  one.jobs = 1;
  many.jobs = 4;
  all.jobs = 0;
  auto a = must_load({dir.path}, one);
  CHECK(a.files.size() == 21);
  CHECK(a.procedures.size() == 60);
  auto expected = dump(a);
  for (int round = 0; round < 3; ++round) {
    CHECK(dump(must_load({dir.path}, many)) == expected);
    CHECK(dump(must_load({dir.path}, all)) == expected);
  }
  // Sorted path order: p0.yaml … p9.yaml, registry.yaml, sub/….
  CHECK_THAT(a.files.front(), EndsWith("p0.yaml"));
  CHECK_THAT(a.files.back(), EndsWith("sub/p7.yaml"));
  // Each procedure points at the file it came from: 9.000<100+i>.k is in p<19-i>.yaml.
  for (const auto& p : a.procedures) {
    int i = std::stoi(p.id.substr(5, 3)) - 100;
    CHECK(file_name(a, p.location) == "p" + std::to_string(19 - i) + ".yaml");
  }
  CHECK(a.find_procedure("9.000119.0") != nullptr);
}

TEST_CASE("an anchor on a top-level list can be aliased", "[load][loader]") {
  // Library bug (src/load/tree.cpp, tree_builder::open): a list that is the
  // value of a top-level key is streamed item by item and its anchor is
  // dropped, so `*docs` below fails with "alias to an unknown anchor" (9:35).
  auto r = redtape::try_load_text(
      "redtape: 1\n"
      "x-docs: &docs\n"
      "  - {ref: citizen_id}\n"
      "documents:\n"
      "  - {id: citizen_id}\n"
      "procedure:\n"
      "  id: p\n"
      "  steps:\n"
      "    - {id: s, actor: applicant, requires: *docs}\n",
      "top_level_anchor.yaml");
  INFO(all_messages(r));
  REQUIRE(r.ok());
  REQUIRE(r.catalog->procedures[0].steps[0].requires_docs.size() == 1);
  CHECK(r.catalog->procedures[0].steps[0].requires_docs[0].ref == "citizen_id");
}
