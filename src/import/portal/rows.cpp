#include "import/portal/documents.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/cues.hpp"
#include "import/portal/text.hpp"
#include "import/portal/text_internal.hpp"

namespace redtape::importer::portal {

using namespace detail;
using namespace std::string_view_literals;

std::string_view to_string(row_kind k) noexcept {
  switch (k) {
    case row_kind::document: return "document";
    case row_kind::note: return "note";
    case row_kind::heading: return "heading";
    case row_kind::case_heading: return "case_heading";
  }
  return "document";
}

namespace {

// The table's layout, the portal's page rather than phrase knowledge: the
// header row, and the count cell "1 bản chính", "0 bản chính,1 bản sao"
// ("Bản chính: 1 - Bản sao: 0" in the split shape, folded).
constexpr std::string_view document_header = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";
constexpr std::string_view originals_label = " bản chính";
constexpr std::string_view copies_label = " bản sao";

bool ends_with_extension(std::string_view s, std::size_t& ext_at) {
  static constexpr std::string_view extensions[] = {".docx", ".doc", ".pdf", ".xlsx", ".xls",
                                                    ".rar",  ".zip", ".odt", ".rtf",  ".DOCX",
                                                    ".DOC",  ".PDF", ".XLSX", ".XLS"};
  s = trim(s);
  for (auto e : extensions)
    if (s.size() > e.size() && s.ends_with(e)) {
      ext_at = s.size() - e.size();
      return true;
    }
  return false;
}

/// Where the template file glued to the end of a document name starts.
std::size_t file_start(std::string_view s, std::size_t ext_at) {
  const cue_list& keywords = cues("form-file-openings");
  std::size_t keyword_glue = npos, case_glue = npos, punct_glue = npos;
  for (std::size_t p = 1; p < ext_at; ++p) {
    if ((static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) continue;  // inside a character
    const std::size_t q = previous_char(s, p);
    const char before = s[q];
    if (before != ' ' && before != '(' && before != '-' && before != '_' && keywords.at_start_in_case(s.substr(p)))
      keyword_glue = p;
    if ((lower_at(s, q) || is_digit(before)) && upper_at(s, p) && before != ' ') case_glue = p;
    if ((before == '.' || before == ';' || before == ')') && s[p] != ' ' && !is_digit(s[p])) punct_glue = p;
  }
  if (keyword_glue != npos) return keyword_glue;
  if (case_glue != npos) return case_glue;
  if (punct_glue != npos) return punct_glue;
  return 0;
}

}  // namespace

std::string clean_document_name(std::string_view raw, std::string* form_file) {
  std::string text = clean_space(raw);
  std::string_view s = trim(text);
  std::vector<std::string> files;
  std::size_t ext_at = 0;
  while (ends_with_extension(s, ext_at)) {
    const std::size_t start = file_start(s, ext_at);
    files.insert(files.begin(), std::string(trim(s.substr(start))));
    if (start == 0) {
      // Only a file name: the name is the file's stem.
      s = trim(s.substr(0, ext_at));
      break;
    }
    s = trim(s.substr(0, start));
  }
  if (form_file) {
    form_file->clear();
    for (const auto& f : files) *form_file += (form_file->empty() ? "" : "; ") + f;
  }
  s = strip_list_marker(s);
  s = strip_end_punctuation(s);
  // "Theo quy định tại Điều 26 Luật …, cụ thể: Văn bản đề nghị…": the papers
  // follow the colon.
  {
    const std::string f = fold(prefix(s, 400));
    const bool same_length = f.size() == prefix(s, 400).size();
    if (same_length && cues("cited-name-openings").starts(f))
      if (const auto lead = cues("cited-name-leads").listed_in_as_written(f)) {
        // Folding keeps the byte length of the portal's text.
        const std::size_t end = lead.at + lead.what->phrase.size();
        if (end < s.size()) s = strip_list_marker(s.substr(end));
      }
  }
  return std::string(s);
}

document_row parse_document_cell(std::string_view name, std::string_view form, std::string_view counts) {
  document_row row;
  row.raw = clean_space(name);
  row.name = clean_document_name(name, nullptr);
  const std::string link = clean_space(form);
  // "…download_file.jsp?ma=" with nothing after: no template.
  if (!link.empty() && !link.ends_with("ma=")) row.form_file = link;
  const std::string f = fold(clean_space(counts));
  auto number_after = [&](std::string_view label) -> std::optional<unsigned> {
    const std::size_t at = f.find(label);
    if (at == npos) return std::nullopt;
    std::size_t k = at + label.size();
    while (k < f.size() && (f[k] == ' ' || f[k] == ':')) ++k;
    unsigned v = 0;
    bool any = false;
    while (k < f.size() && is_digit(f[k])) {
      v = add_digit(v, f[k]);
      any = true;
      ++k;
    }
    if (!any) return std::nullopt;
    return v;
  };
  auto o = number_after(originals_label.substr(1));
  auto c = number_after(copies_label.substr(1));
  row.counted = o.has_value() || c.has_value();
  row.originals = o.value_or(0);
  row.copies = c.value_or(0);
  return row;
}

namespace {

/// The flattened table cut at each header ("Tên giấy tờMẫu đơn, tờ
/// khaiSố lượng"): the text before the first header, then each group's.
std::vector<std::string_view> table_parts(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t at;
  while ((at = s.find(document_header)) != npos) {
    parts.push_back(s.substr(0, at));
    s.remove_prefix(at + document_header.size());
  }
  parts.push_back(s);
  return parts;
}

/// Where the count in the digits [i, j) of `body` starts. The count cell is
/// glued to the name: "theo Mẫu số 18" + "1 bản chính" reads "181", "năm
/// 2026" + "1" reads "20261". The portal's counts are small; a run that is
/// too long to be one, or that follows "số", "mẫu", "năm" or a "/", ends the
/// name but for its last digit.
std::size_t count_start(std::string_view body, std::size_t i, std::size_t j) {
  if (j - i >= 2 && (j < body.size() && body[j] == ' ')) {
    std::string_view before = body.substr(0, i);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    const std::size_t space = before.rfind(' ');
    const std::string last_word = fold(space == npos ? before : before.substr(space + 1));
    const bool numbered = cues("numbered-words").is(last_word) ||
                          (!before.empty() && (before.back() == '/' || before.back() == '-'));
    unsigned value = 0;
    for (std::size_t k = i; k < j; ++k) value = add_digit(value, body[k]);
    if (numbered || value > 20) i = j - 1;
  }
  return i;
}

struct count_cell {
  unsigned originals = 0, copies = 0;
  std::size_t len = 0;  ///< read after the digits
};

/// The count cell after the number `first`: " bản chính", " bản chính,1 bản
/// sao", " bản sao"; nothing when no count follows.
std::optional<count_cell> count_after(std::string_view rest, unsigned first) {
  unsigned originals = 0, copies = 0;
  std::size_t len = 0;
  if (rest.starts_with(originals_label)) {
    originals = first;
    len = originals_label.size();
    auto more = rest.substr(len);
    if (more.starts_with(",") || more.starts_with(", ")) {
      std::size_t k = more.starts_with(", ") ? 2 : 1;
      unsigned second = 0;
      std::size_t d = k;
      while (d < more.size() && is_digit(more[d])) second = add_digit(second, more[d++]);
      if (d > k && more.substr(d).starts_with(copies_label)) {
        copies = second;
        len += d + copies_label.size();
      }
    }
  } else if (rest.starts_with(copies_label)) {
    copies = first;
    len = copies_label.size();
  } else {
    return std::nullopt;
  }
  return count_cell{originals, copies, len};
}

/// The rows of one group's `body` into `group`. Rows end with a count glued
/// to what follows: "…hợp lệ.1 bản chính<next>". Returns where the text
/// after the last row starts.
std::size_t read_rows(std::string_view body, document_group& group) {
  std::size_t row_start = 0;
  std::size_t i = 0;
  while (i < body.size()) {
    if (!is_digit(body[i]) || (i > 0 && is_digit(body[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < body.size() && is_digit(body[j])) ++j;
    i = count_start(body, i, j);
    unsigned first = 0;
    for (std::size_t k = i; k < j; ++k) first = add_digit(first, body[k]);
    const std::optional<count_cell> count = count_after(body.substr(j), first);
    if (!count) {
      i = j;
      continue;
    }
    const std::size_t end = j + count->len;
    // A count inside a name ("- 01 bản chính Báo cáo…") has a space after it.
    if (end < body.size() && body[end] == ' ') {
      i = end;
      continue;
    }
    document_row row;
    row.raw = std::string(trim(body.substr(row_start, i - row_start)));
    row.name = clean_document_name(row.raw, &row.form_file);
    row.originals = count->originals;
    row.copies = count->copies;
    row.counted = true;
    if (!row.raw.empty()) group.rows.push_back(std::move(row));
    row_start = end;
    i = end;
  }
  return row_start;
}

}  // namespace

document_table parse_document_table(std::string_view raw) {
  document_table out;
  const std::string text = clean_space(raw);
  const std::vector<std::string_view> parts = table_parts(text);
  if (parts.size() < 2) {
    out.table_found = false;
    out.leftover = std::string(trim(text));
    return out;
  }
  out.table_found = true;
  std::string title(trim(parts.front()));
  for (std::size_t p = 1; p < parts.size(); ++p) {
    document_group group;
    group.title = title;
    std::string_view body = parts[p];
    const std::size_t row_start = read_rows(body, group);
    std::string tail(trim(body.substr(row_start)));
    if (p + 1 < parts.size()) {
      title = tail;  // the next group's title
    } else if (!tail.empty()) {
      out.leftover = tail;
    }
    out.groups.push_back(std::move(group));
  }
  return out;
}

}  // namespace redtape::importer::portal
