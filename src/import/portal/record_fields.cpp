#include "import/portal/record_fields.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/cues.hpp"
#include "import/portal/text.hpp"
#include "import/portal/text_internal.hpp"

namespace redtape::importer::portal {

using namespace detail;
using namespace std::string_view_literals;

namespace {

// The portal's page layout, not phrase knowledge: the results cell is
// followed by the page's next labels, and each result's code follows "Mã:".
constexpr std::string_view result_cell_ends[] = {"Từ khóa", "Từ khoá", "Chọn cơ quan thực hiện"};
constexpr std::string_view code_label = "Mã:";
/// The legal basis table's header ends with this.
constexpr std::string_view legal_basis_header = "Mã văn bản";

}  // namespace

std::vector<result_document> parse_results(std::string_view raw) {
  std::vector<result_document> out;
  const std::string text = clean_space(raw);
  std::string_view s = text;
  for (auto stop : result_cell_ends)
    if (auto at = s.find(stop); at != npos) s = s.substr(0, at);
  s = trim(s);
  if (no_information(s)) return out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t mark = s.find(code_label, pos);
    if (mark == npos) {
      std::string name(strip_end_punctuation(s.substr(pos)));
      std::string_view n = trim(name);
      while (!n.empty() && (n.front() == '.' || n.front() == ',' || n.front() == ';')) n.remove_prefix(1);
      if (!trim(n).empty() && !no_information(n)) out.push_back({std::string(trim(n)), {}, {}});
      break;
    }
    std::string name(strip_end_punctuation(s.substr(pos, mark - pos)));
    std::string_view n = trim(name);
    while (!n.empty() && (n.front() == '.' || n.front() == ',' || n.front() == ';')) n.remove_prefix(1);
    std::size_t k = mark + code_label.size();
    while (k < s.size() && s[k] == ' ') ++k;
    // A national code: "KQ.G15.000031"; anything else is a placeholder.
    std::size_t e = k;
    std::string code;
    std::string code_text;
    if (s.substr(k).starts_with("KQ.")) {
      e = k + 3;
      while (e < s.size() && (is_ascii_alnum(s[e]) || s[e] == '.') &&
             !(s[e - 1] >= '0' && s[e - 1] <= '9' && s[e] >= 'A' && s[e] <= 'Z' && e > k + 8))
        ++e;
      while (e > k && s[e - 1] == '.') --e;
      code = std::string(s.substr(k, e - k));
      // The next name is glued: "KQ.G15.000338Thông báo…" stops at the letter.
    } else {
      while (e < s.size() && (is_ascii_alnum(s[e]) || s[e] == '.' || s[e] == '-' || s[e] == '_')) ++e;
      // "adjfsbjTừ khóa": the capital that starts the next words is not the code's.
      if (e > k + 1 && s[e - 1] >= 'A' && s[e - 1] <= 'Z' && e < s.size() && static_cast<unsigned char>(s[e]) >= 0x80)
        --e;
      code_text = std::string(s.substr(k, e - k));
    }
    if (!n.empty() && !no_information(n)) out.push_back({std::string(trim(n)), code, code_text});
    pos = e;
  }
  return out;
}

std::vector<std::string> split_agencies(std::string_view raw) {
  std::vector<std::string> out;
  const std::string text = clean_space(raw);
  if (no_information(text)) return out;
  // Split on ";" and on ", " or " và " when the next words start a new agency.
  const cue_list& heads = cues("agency-heads");
  std::vector<std::string_view> pieces;
  std::string_view s = text;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool cut = false;
    std::size_t skip = 0;
    if (s[i] == ';') {
      cut = true;
      skip = 1;
    } else if (s[i] == ',' || (s[i] == ' ' && i + 1 < s.size() && s.substr(i + 1).starts_with("và "))) {
      std::size_t k = i + 1;
      if (s[i] == ' ') k += "và "sv.size() - 0;
      while (k < s.size() && s[k] == ' ') ++k;
      if (heads.at_start_in_case(s.substr(k))) {
        cut = true;
        skip = k - i;
      }
    } else if (s[i] == '\n') {
      cut = true;
      skip = 1;
    }
    if (cut) {
      pieces.push_back(s.substr(start, i - start));
      start = i + skip;
      i = start == 0 ? 0 : start - 1;
    }
  }
  pieces.push_back(s.substr(start));
  for (auto p : pieces) {
    std::string_view t = strip_end_punctuation(strip_list_marker(p));
    if (t.empty() || no_information(t)) continue;
    std::string name(t);
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

std::string agency_in_text(std::string_view text) {
  const auto found = cues("agencies-in-text").first(fold(clean_space(text)));
  return found ? found.what->value : std::string();
}

std::string agency_level(std::string_view name) {
  const std::string f = fold(name);
  if (cues("commune-agency-words").in(f)) return "commune";
  if (cues("district-agency-words").in(f)) return "district";
  if (cues("province-agency-words").in(f) || cues("province-agency-openings").at_start_as_written(f))
    return "province";
  if (cues("central-agency-openings").at_start_as_written(f) || cues("central-agency-marks").listed_in_as_written(f) ||
      cues("central-agency-words").in(f))
    return "central";
  return "";
}

redtape::agency_kind agency_kind_of(std::string_view name) {
  if (cues("public-service-agencies").starts(fold(name))) return redtape::agency_kind::public_service;
  return redtape::agency_kind::government;
}

namespace {

struct code_at {
  std::size_t at, end;
};

/// The document codes in `s`: "85/2019/TT-BTC", "104/2022/NĐ-CP",
/// "32/2024/QH15", "20/2013/TTLT-BYT-BCT-BNNPTNT". The code that ends a pair
/// is followed by the next title (a capital, glued or after a space) or by
/// the end.
std::vector<code_at> document_codes(std::string_view s) {
  std::vector<code_at> codes;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) continue;
    std::size_t j = i;
    while (j < s.size() && (is_digit(s[j]) || s[j] == '.')) ++j;
    if (j >= s.size() || s[j] != '/') continue;
    std::size_t y = j + 1;
    std::size_t year_digits = 0;
    while (y < s.size() && is_digit(s[y])) {
      ++y;
      ++year_digits;
    }
    if (year_digits != 4 || y >= s.size() || s[y] != '/') continue;
    std::size_t e = y + 1;
    const std::size_t kind_start = e;
    // The kind is upper case, digits and dashes ("NĐ-CP", "TTLT-BYT-BCT",
    // "QH15"), with "TTg" (the Prime Minister) the one lower-case letter.
    while (e < s.size()) {
      const char ch = s[e];
      // Digits belong to the kind only in "QH15", "QH14" (the National Assembly).
      const bool qh_digit = is_digit(ch) && e >= kind_start + 2 &&
                            (s.substr(e - 2, 2) == "QH" || (e >= kind_start + 3 && s.substr(e - 3, 2) == "QH"));
      if ((ch >= 'A' && ch <= 'Z') || qh_digit || ch == '-') {
        ++e;
      } else if (s.substr(e).starts_with("Đ")) {
        e += 2;
      } else if (ch == 'g' && e >= kind_start + 2 && s.substr(e - 2, 2) == "TT") {
        ++e;
      } else {
        break;
      }
      // "QH1550/2025/…": the next code's number is glued to "QH15".
      if (e - kind_start >= 4 && s.substr(kind_start, 2) == "QH" && e < s.size() && is_digit(s[e]) &&
          is_digit(s[e - 1]) && is_digit(s[e - 2]))
        break;
    }
    // "TT-BTCNghị định…": the capital before a lower-case letter starts the next title.
    if (e < s.size() && e > kind_start && lower_at(s, e) && upper_at(s, previous_char(s, e)))
      e = previous_char(s, e);
    if (e == kind_start) continue;
    codes.push_back({i, e});
    i = e - 1;
  }
  return codes;
}

}  // namespace

std::vector<std::string> parse_legal_basis(std::string_view raw) {
  std::vector<std::string> out;
  std::string text = clean_space(raw);
  std::string_view s = text;
  if (auto h = s.find(legal_basis_header); h != npos && h < 40) s.remove_prefix(h + legal_basis_header.size());
  s = trim(s);
  if (no_information(s)) return out;
  const std::vector<code_at> codes = document_codes(s);
  const cue_list& kinds = cues("legal-document-kinds");
  const cue_list& bare_kinds = cues("legal-bare-kinds");
  std::size_t start = 0;
  for (const auto& c : codes) {
    const bool ends_pair = c.end >= s.size() || upper_at(s, c.end) ||
                           (s[c.end] == ' ' && c.end + 1 < s.size() && upper_at(s, c.end + 1)) ||
                           is_digit(s[c.end]) || s.substr(c.end).starts_with("số");
    if (!ends_pair) continue;
    std::string_view title = trim(s.substr(start, c.at - start));
    std::string_view code = s.substr(c.at, c.end - c.at);
    // "Luật số 32/2024/QH15": the code's prefix belongs to it.
    while (title.ends_with("số") || title.ends_with("Số")) title = trim(title.substr(0, title.size() - "số"sv.size()));
    // "Luật Các tổ chức tín dụngLuật số 32/2024/QH15": the kind of the
    // document glued before its code repeats the title's.
    if (const cue* kind = kinds.at_end_in_case(title)) {
      const std::size_t n = kind->written.size();
      if (title.size() > n && title[title.size() - n - 1] != ' ') title = trim(title.substr(0, title.size() - n));
    }
    std::string item;
    const cue* bare = bare_kinds.at_end_in_case(title);
    const bool bare_kind = bare != nullptr && bare->written.size() == title.size();
    if (title.empty()) {
      // "…43/2015/TT-NHNN43/2015/TT-NHNN": a code repeated with no title.
      if (std::any_of(out.begin(), out.end(), [&](const std::string& o) { return o.find(code) != npos; })) {
        start = c.end;
        continue;
      }
      item = std::string(code);
    } else if (title.find(code) != npos) {
      item = std::string(title);
    } else if (bare_kind) {
      item = std::string(title) + " " + std::string(code);
    } else {
      item = std::string(title) + " (" + std::string(code) + ")";
    }
    item = shorten(item, 300);
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(std::move(item));
    start = c.end;
  }
  std::string_view rest = trim(s.substr(std::min(start, s.size())));
  if (!rest.empty() && rest.size() > 3 && out.empty()) out.push_back(shorten(rest, 300));
  return out;
}

std::vector<std::string> parse_levels(std::string_view raw) {
  std::vector<std::string> out;
  const std::string f = fold(clean_space(raw));
  std::string_view s = f;
  const cue_list& words = cues("level-words");
  while (!s.empty()) {
    const std::size_t comma = s.find(',');
    std::string_view piece = trim(s.substr(0, comma));
    std::string level;
    if (const auto named = words.listed_in_as_written(piece)) level = named.what->value;
    else if (!piece.empty()) level = "other";
    if (!level.empty() && std::find(out.begin(), out.end(), level) == out.end()) out.push_back(level);
    if (comma == npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

redtape::applicant_kind parse_applicant(std::string_view raw) {
  const std::string f = fold(clean_space(raw));
  if (f.empty()) return redtape::applicant_kind::any;
  bool citizen = false, business = false, other = false;
  std::string_view s = f;
  // "Tổ chức (không bao gồm doanh nghiệp, HTX)" holds a comma inside brackets.
  std::vector<std::string_view> pieces;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    else if (s[i] == ')') --depth;
    else if (s[i] == ',' && depth == 0) {
      pieces.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  pieces.push_back(trim(s.substr(start)));
  const cue_list& citizens = cues("citizen-applicants");
  const cue_list& businesses = cues("business-applicants");
  for (auto p : pieces) {
    if (citizens.at_start_as_written(p))
      citizen = true;
    else if (businesses.at_start_as_written(p))
      business = true;
    else if (!p.empty())
      other = true;
  }
  if (citizen && !business && !other) return redtape::applicant_kind::citizen;
  if (business && !citizen && !other) return redtape::applicant_kind::business;
  return redtape::applicant_kind::any;
}

}  // namespace redtape::importer::portal
