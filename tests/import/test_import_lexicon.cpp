// import_options::lexicon: the whole import reads the lexicon it is given
// (every worker of it), so that a folder replacing a table changes the
// result; and a table that does not read is a located load_error.
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "analysis/lexicon.hpp"
#include "redtape/error.hpp"
#include "redtape/import.hpp"
#include "redtape/lexicon.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

const fs::path real_flat = fs::path(REDTAPE_TEST_DATA) / "real" / "dichvucong";
// Its steps send the applicant to the one-stop desk ("Bộ phận Một cửa").
const fs::path one_stop_record = real_flat / "bo-cong-an" / "1.012537.json";
// It demands and issues a birth certificate (registry id birth_certificate).
const fs::path birth_record = real_flat / "bo-tu-phap" / "1.004772.json";

using redtape::test::read_text;
using redtape::test::temp_dir;

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

/// The built-in text of `table` ("portal/build.yaml") with `from` replaced by `to`.
std::string edited(const std::string& table, const std::string& from, const std::string& to) {
  std::string text(redtape::lexicon_detail::builtin_file("lexicon/" + table));
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

/// Every file the import of `source` writes, concatenated in path order.
std::string import_text(const fs::path& source, const fs::path& out,
                        std::shared_ptr<const redtape::lexicon> lex = nullptr) {
  redtape::import_options o;
  o.jobs = 2;
  o.lexicon = std::move(lex);
  const auto summary = redtape::import_dichvucong({source}, out, o);
  REQUIRE(summary.imported == 1);
  std::string all;
  for (const auto& f : summary.files_written) all += read_text(f);
  return all;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("an import reads the cue lists of the lexicon it is given", "[import][lexicon]") {
  temp_dir dir("lexicon-cues");
  const std::string builtin = import_text(one_stop_record, dir.path / "builtin");
  REQUIRE(count(builtin, "location: \"one_stop_centre\"") > 0);
  // The same tables from a folder: the same import.
  write(dir.path / "same" / "portal" / "build.yaml",
        std::string(redtape::lexicon_detail::builtin_file("lexicon/portal/build.yaml")));
  CHECK(import_text(one_stop_record, dir.path / "out-same", redtape::lexicon::from_directory(dir.path / "same")) ==
        builtin);
  // A copy of build.yaml whose one-stop-places name no place the record has.
  std::string table(redtape::lexicon_detail::builtin_file("lexicon/portal/build.yaml"));
  const auto list = table.find("  one-stop-places:\n");
  REQUIRE(list != std::string::npos);
  table.replace(list, table.find("\n  #", list) - list, "  one-stop-places:\n    - \"nơi không có\"");
  write(dir.path / "lex" / "portal" / "build.yaml", table);
  const auto lex = redtape::lexicon::from_directory(dir.path / "lex");
  const std::string changed = import_text(one_stop_record, dir.path / "changed", lex);
  CHECK(count(changed, "location: \"one_stop_centre\"") == 0);
}

TEST_CASE("an import recognises the documents of the lexicon's registry", "[import][lexicon]") {
  temp_dir dir("lexicon-registry");
  const std::string builtin = import_text(birth_record, dir.path / "builtin");
  REQUIRE(count(builtin, "ref: \"birth_certificate\"") > 0);
  // registry.yaml without the birth certificate: nothing refers to it.
  const std::string from = "  - id: birth_certificate\n";
  std::string registry(redtape::lexicon_detail::builtin_file("lexicon/registry.yaml"));
  const auto at = registry.find(from);
  REQUIRE(at != std::string::npos);
  registry.erase(at, registry.find("  - id: ", at + from.size()) - at);
  write(dir.path / "lex" / "registry.yaml", registry);
  const std::string changed =
      import_text(birth_record, dir.path / "changed", redtape::lexicon::from_directory(dir.path / "lex"));
  CHECK(count(changed, "birth_certificate") == 0);
  CHECK(count(changed, "Giấy khai sinh") > 0);
}

TEST_CASE("a broken table of an import's lexicon is a located load_error", "[import][lexicon]") {
  temp_dir dir("lexicon-broken");
  auto error_of = [](const fs::path& folder) {
    try {
      (void)redtape::lexicon::from_directory(folder);
    } catch (const redtape::load_error& e) {
      return e.diagnostics().front();
    }
    FAIL("from_directory accepted a broken table");
    return redtape::diagnostic{};
  };
  // A cue with a key no cue has.
  write(dir.path / "cues" / "portal" / "build.yaml",
        edited("portal/build.yaml", "    - {phrase: \"giờ\", value: hours}",
               "    - {phrase: \"giờ\", valeu: hours}"));
  const auto cue = error_of(dir.path / "cues");
  CHECK_THAT(cue.file, Contains("build.yaml"));
  CHECK(cue.line > 1);
  CHECK_THAT(cue.message, Contains("valeu"));
  // A registry document without its id.
  write(dir.path / "registry" / "registry.yaml",
        edited("registry.yaml", "  - id: passport\n    name:", "  - name:"));
  const auto registry = error_of(dir.path / "registry");
  CHECK_THAT(registry.file, Contains("registry.yaml"));
  CHECK(registry.line > 1);
}
