// A rule file on arbitrary text. When it loads, its rules audit a small
// fixed catalog (examples/catalog): the declarative matcher runs on real
// procedures with whatever `match:` and parameters the file says, and so do
// the built-in rules the file re-enables or reconfigures. The built-in rules
// start disabled, so that an input pays only for the rules it names.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"
#include "redtape/audit.hpp"
#include "redtape/load.hpp"
#include "redtape/rules.hpp"
#include "targets.hpp"

#ifndef REDTAPE_FUZZ_CATALOG
#error "REDTAPE_FUZZ_CATALOG names the catalog the rules audit (tests/fuzz/CMakeLists.txt)"
#endif

namespace redtape::fuzz {

namespace {

const catalog& fixed_catalog() {
  static const catalog c = [] {
    load_options options;
    options.jobs = 1;
    auto r = try_load({REDTAPE_FUZZ_CATALOG}, options);
    if (!r.ok()) {
      std::fprintf(stderr, "redtape fuzz: the fixed catalog %s does not load\n", REDTAPE_FUZZ_CATALOG);
      std::abort();
    }
    return std::move(*r.catalog);
  }();
  return c;
}

const rule_set& builtin_disabled() {
  static const rule_set rules = [] {
    rule_set r = rule_set::builtin();
    std::vector<std::string> ids;
    for (const auto* info : r.rules()) ids.push_back(info->id);
    for (const auto& id : ids) r.set(id + "=off");
    return r;
  }();
  return rules;
}

}  // namespace

void rules(const std::uint8_t* data, std::size_t size) {
  quiet();
  const catalog& c = fixed_catalog();
  rule_set r = builtin_disabled();
  try {
    r.load_text(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz-rule.yaml");
  } catch (const load_error& e) {
    if (e.diagnostics().empty()) violated("a load_error names at least one problem");
    return;
  }
  audit_options options;
  options.jobs = 1;
  options.uncertainty.runs = 16;  // the elapsed-time simulation would take most of the time
  const audit_report report = audit(c, r, options);
  if (report.procedures.size() != c.procedures.size())
    violated("an audit reports every procedure of the catalog", report.problems);
}

}  // namespace redtape::fuzz
