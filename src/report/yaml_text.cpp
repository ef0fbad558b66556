#include "report/yaml_text.hpp"

#include <fmt/format.h>

namespace redtape::yaml {

std::string quote(std::string_view s) {
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    // C1 controls (U+0080–U+009F) and the Unicode line and paragraph
    // separators are escaped: YAML readers take some of them as line breaks.
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned char>(s[i + 1]));
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
      continue;
    }
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
