// The fuzz targets (docs/reliability.md). Each is one function over the
// bytes of one input, shared by two mains: libFuzzer's (fuzz_main.cpp, built
// with clang when REDTAPE_FUZZ is on) and the replay of every committed
// corpus and regression input (replay.cpp, built with the test suite). A
// target returns normally for any input redtape must handle; a crash, an
// uncaught exception or a broken property (reported on stderr, then abort())
// is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace redtape::fuzz {

/// YAML text → try_load_text with libyaml (load_options::parser).
void load_libyaml(const std::uint8_t* data, std::size_t size);
/// The same with yaml-cpp.
void load_yamlcpp(const std::uint8_t* data, std::size_t size);
/// The errors try_load_text reports for `text` as "fuzz.yaml:line:column:
/// error: …" (the replay checks the one of deeply nested YAML).
[[nodiscard]] std::vector<std::string> load_errors(std::string_view text, bool yaml_cpp);
/// A rule file → rule_set::load_text; when it loads, an audit of a small
/// fixed catalog (examples/catalog) with its rules.
void rules(const std::uint8_t* data, std::size_t size);
/// A portal JSON file (either shape) → read, built and written as YAML, in
/// memory (the importer's steps, without the registry).
void import_json(const std::uint8_t* data, std::size_t size);
/// Why the importer's reader takes nothing from `text`: one "file: reason"
/// per failure (the replay checks the one of deeply nested JSON).
[[nodiscard]] std::vector<std::string> import_read_failures(std::string_view text);
/// A portal record made from the input's fields (import_loads.cpp explains
/// the encoding) → `import_dichvucong` into a scratch folder → `try_load` of
/// that folder must give zero errors.
void import_loads(const std::uint8_t* data, std::size_t size);

struct target {
  std::string_view name;  ///< the folder of its corpus and regression inputs
  void (*run)(const std::uint8_t*, std::size_t);
};

inline constexpr target targets[] = {
    {"load-libyaml", load_libyaml}, {"load-yamlcpp", load_yamlcpp}, {"rules", rules},
    {"import", import_json},        {"import-loads", import_loads},
};

}  // namespace redtape::fuzz
