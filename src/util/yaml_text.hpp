// Pieces of redtape YAML shared by the writers (the simplified procedure,
// the portal importer): text always double-quoted and escaped, numbers in
// their shortest form, names, lists, document demands and fees. In util/,
// not report/, because the importer writes YAML too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "redtape/model.hpp"

namespace redtape::yaml {

/// Double-quoted and escaped: safe for any text (YAML would read `1.0`, `no`
/// or `~` unquoted as something else). Always valid UTF-8 that YAML accepts:
/// control characters, C1 controls, U+2028/U+2029, the byte order mark and
/// noncharacters are escapes, and bytes that are not UTF-8 become U+FFFD.
[[nodiscard]] std::string quote(std::string_view s);
[[nodiscard]] std::string number(double d);
/// A plain string (Vietnamese only) or `{vi: …, en: …}`.
[[nodiscard]] std::string name(const localized_text& t);
/// `["a", "b"]`
[[nodiscard]] std::string flow_list(const std::vector<std::string>& items);
/// `{ref: …, name: …, form: …, copies: …, note: …}` with the keys that apply.
[[nodiscard]] std::string demand(const document_demand& d);
/// `50000`, or `{amount: …, currency: …, text: …}`.
[[nodiscard]] std::string fee(const redtape::fee& f);

}  // namespace redtape::yaml
