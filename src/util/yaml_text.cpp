#include "util/yaml_text.hpp"

#include <cstdint>

#include <fmt/format.h>

#include "util/text.hpp"

namespace redtape::yaml {

std::string quote(std::string_view s) {
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
          else out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const std::size_t n = util::utf8_sequence_length(s, i);
    if (n == 0) {  // not UTF-8: the replacement character, never the byte
      out += "\\uFFFD";
      ++i;
      continue;
    }
    const char32_t cp = util::code_point_at(s, i);
    // C1 controls, the line and paragraph separators (YAML readers take some
    // of them as line breaks), the byte order mark and the noncharacters
    // (which YAML does not allow unescaped) are written as escapes.
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
        (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
      out += cp > 0xFFFF ? fmt::format("\\U{:08X}", static_cast<std::uint32_t>(cp))
                         : fmt::format("\\u{:04X}", static_cast<std::uint32_t>(cp));
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out + "\"";
}

std::string number(double d) { return fmt::format("{}", d); }

std::string name(const localized_text& t) {
  if (t.en.empty()) return quote(t.vi);
  if (t.vi.empty()) return fmt::format("{{en: {}}}", quote(t.en));
  return fmt::format("{{vi: {}, en: {}}}", quote(t.vi), quote(t.en));
}

std::string flow_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quote(items[i]);
  return out + "]";
}

std::string demand(const document_demand& d) {
  std::vector<std::string> parts;
  if (!d.ref.empty()) parts.push_back("ref: " + quote(d.ref));
  if (!d.name.empty()) parts.push_back("name: " + quote(d.name));
  if (d.form) parts.push_back(fmt::format("form: {}", to_string(*d.form)));
  if (d.copies != 1) parts.push_back(fmt::format("copies: {}", d.copies));
  if (!d.issued_by.empty()) parts.push_back("issued_by: " + quote(d.issued_by));
  if (!d.note.empty()) parts.push_back("note: " + quote(d.note));
  return fmt::format("{{{}}}", fmt::join(parts, ", "));
}

std::string fee(const redtape::fee& f) {
  if (f.amount && f.currency.empty() && f.text.empty()) return number(*f.amount);
  std::vector<std::string> parts;
  if (f.amount) parts.push_back("amount: " + number(*f.amount));
  if (!f.currency.empty()) parts.push_back("currency: " + quote(f.currency));
  if (!f.text.empty()) parts.push_back("text: " + quote(f.text));
  return fmt::format("{{{}}}", fmt::join(parts, ", "));
}

}  // namespace redtape::yaml
