// The YAML loader on arbitrary text, with either parser. Beyond "no crash":
// a result holds a catalog exactly when it counts no error, and a catalog it
// returns passes validate() (try_load promises a whole, validated catalog).
#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"
#include "redtape/load.hpp"
#include "targets.hpp"

namespace redtape::fuzz {

namespace {

load_result load(std::string_view text, yaml_parser parser) {
  quiet();
  load_options options;
  options.jobs = 1;
  options.parser = parser;
  return try_load_text(text, "fuzz.yaml", options);
}

void load_with(yaml_parser parser, const std::uint8_t* data, std::size_t size) {
  const load_result r = load(std::string_view(reinterpret_cast<const char*>(data), size), parser);
  if (r.ok() != (r.error_count() == 0))
    violated("try_load_text returns a catalog exactly when it reports no error", r.diagnostics);
  if (r.ok()) {
    if (auto problems = validate(*r.catalog); !problems.empty())
      violated("a catalog try_load_text returns passes validate()", problems);
  }
}

}  // namespace

std::vector<std::string> load_errors(std::string_view text, bool yaml_cpp) {
  std::vector<std::string> out;
  for (const auto& d : load(text, yaml_cpp ? yaml_parser::yaml_cpp : yaml_parser::libyaml).diagnostics)
    if (d.severity == severity::error) out.push_back(d.format());
  return out;
}

void load_libyaml(const std::uint8_t* data, std::size_t size) { load_with(yaml_parser::libyaml, data, size); }
void load_yamlcpp(const std::uint8_t* data, std::size_t size) { load_with(yaml_parser::yaml_cpp, data, size); }

}  // namespace redtape::fuzz
