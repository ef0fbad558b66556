// The portal importer's own steps on an arbitrary file: read as JSON (either
// shape: one flattened record, or an array of records with split rows),
// every record built, every built record written as YAML text. The registry
// and the files are import_loads's business; this target is fast enough to
// reach the text parsers (src/import/portal_text.cpp) with many inputs.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"
#include "import/build.hpp"
#include "import/emit.hpp"
#include "import/record.hpp"
#include "targets.hpp"

namespace redtape::fuzz {

namespace {

importer::read_result read(const std::uint8_t* data, std::size_t size) {
  const auto file = scratch() / "import" / "fuzz" / "record.json";
  write_file(file, data, size);
  return importer::read_portal_file(file, "fuzz/record.json", "fuzz");
}

}  // namespace

std::vector<std::string> import_read_failures(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& f : read(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()).failures)
    out.push_back(f.source + ": " + f.reason);
  return out;
}

void import_json(const std::uint8_t* data, std::size_t size) {
  quiet();
  const importer::read_result records = read(data, size);
  import_options options;
  options.jobs = 1;
  for (const auto& record : records.records) {
    // import_dichvucong turns an exception here into a skipped record; the
    // fuzzer lets it through, since an exception here is a bug in a parser.
    const importer::built_record built = importer::build_record(record, options);
    if (!built.ok) continue;
    if (built.procedures.empty()) violated("a built record has at least one procedure");
    const std::string yaml = importer::record_yaml(built);
    if (yaml.empty()) violated("a built record is written as YAML");
  }
}

}  // namespace redtape::fuzz
