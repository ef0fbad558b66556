#include "import/portal/channels.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/cues.hpp"
#include "import/portal/text.hpp"
#include "import/portal/text_internal.hpp"

namespace redtape::importer::portal {

using namespace detail;
using namespace std::string_view_literals;

std::optional<redtape::channel> channel_of(std::string_view name) {
  const std::string f = fold(clean_space(name));
  if (const cue* c = cues("channel-names").at_start_as_written(f)) return redtape::parse_channel(c->value);
  return std::nullopt;
}

namespace {

// The flattened table's layout, the portal's page rather than phrase
// knowledge: its header ends with "Mô tả", and an empty cell reads "Không
// có thông tin"; a fee cell with no amount reads "Miễn phí".
constexpr std::string_view description_header = "Mô tả";
constexpr std::string_view no_info = "Không có thông tin";
constexpr std::string_view free_cell = "Miễn phí";

/// Whether the channel name `name` (channel-row-names) at `at` of `text`
/// starts a row: its time cell follows at once (a digit, "Không có thông
/// tin" or, with no time, "Miễn phí").
bool row_start_at(std::string_view text, std::size_t at, const cue& name) {
  std::size_t k = at + name.written.size();
  if (k < text.size() && text[k] == ' ' && k + 1 < text.size() && is_digit(text[k + 1])) ++k;
  const auto rest = text.substr(k);
  return (!rest.empty() && is_digit(rest.front())) || rest.starts_with(no_info) || rest.starts_with(free_cell);
}

/// The length of the balanced "(…)" at the start of `s`, or npos when it
/// never closes.
std::size_t balanced_length(std::string_view s) {
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    else if (s[i] == ')' && --depth == 0) return i + 1;
  }
  return npos;
}

/// Where a cell glued to the next column ends: just after the first ")"
/// that a time follows at once ("…40/2026/TT-BTC)15 ngày, kể từ ngày nhận
/// được hồ sơ hợp lệ": the fee's explanation, then the description that
/// opens with the time). npos when there is none.
std::size_t glued_time_at(std::string_view s) {
  for (std::size_t p = s.find(')'); p != npos; p = s.find(')', p + 1)) {
    const std::size_t k = p + 1;
    if (k >= s.size() || !is_digit(s[k])) continue;
    const auto times = find_times(fold(prefix(s.substr(k), 48)));
    if (!times.empty() && times.front().at == 0) return k;
  }
  return npos;
}

/// Where each row starts: its channel name.
struct row_start {
  std::size_t at, name_length;
  redtape::channel ch;
};

std::vector<row_start> row_starts(std::string_view text) {
  std::vector<row_start> starts;
  const cue_list& names = cues("channel-row-names");
  for (auto name = names.first_in_case(text); name; name = names.first_in_case(text, name.at + 1)) {
    if (!row_start_at(text, name.at, *name.what)) continue;
    const std::size_t n = name.what->written.size();
    starts.push_back({name.at, n, redtape::parse_channel(name.what->value).value_or(redtape::channel::unspecified)});
    name.at += n - 1;
  }
  return starts;
}

/// The length of the unit word at the start of a time cell, glued to the
/// fee cell after it ("Ngày làm việcMiễn phí", "Ngày2,000,000 Việt Nam
/// Đồng"): a unit of time-units as written, "ngày" with " làm việc" after
/// it; 0 when there is none.
std::size_t glued_unit_length(std::string_view cell) {
  const std::string f = fold(prefix(cell, 24));
  const cue* unit = cues("time-units").at_start_as_written(f);
  if (unit == nullptr) return 0;
  std::size_t n = unit->phrase.size();
  if (unit->value == to_string(time_unit::calendar_days) && n < f.size() && f[n] == ' ')
    if (const cue* w = cues("time-working-days").at_start_as_written(std::string_view(f).substr(n + 1)))
      n += 1 + w->phrase.size();
  return n;
}

/// The time cell at the start of `cell`, taken off it: "5 Ngày làm việc",
/// "21 Ngày", "7", "Không có thông tin"; or a bare number glued to the fee's
/// amount ("1200 VNĐ"), which neither can be read from.
void take_time_cell(std::string_view& cell, channel_row& row, const time_rules& rules) {
  if (cell.starts_with(no_info)) {
    row.time.text = std::string(no_info);
    cell.remove_prefix(no_info.size());
  } else if (!cell.empty() && is_digit(cell.front())) {
    std::size_t j = 0;
    while (j < cell.size() &&
           (is_digit(cell[j]) || ((cell[j] == '.' || cell[j] == ',') && j + 1 < cell.size() && is_digit(cell[j + 1]))))
      ++j;
    std::size_t k = j;
    while (k < cell.size() && cell[k] == ' ') ++k;
    std::size_t unit_end = j;
    if (const std::size_t n = glued_unit_length(cell.substr(k)); n > 0) unit_end = k + n;
    if (unit_end == j) {
      // No unit: a bare number, unless a currency follows, in which case
      // the time and the amount were glued together ("1200 VNĐ").
      const std::string f = fold(prefix(cell, 64));
      if (money_at(f)) {
        row.time_glued_to_fee = true;
        row.time.text = std::string(cell.substr(0, j));
        const auto m = money_at(f);
        std::string glued(cell.substr(0, std::min(cell.size(), m->end)));
        row.fee.what = fee_value::kind::text;
        row.fee.text = glued + " (thời hạn và mức phí dính liền, không tách được)";
        cell.remove_prefix(std::min(cell.size(), m->end));
        unit_end = 0;
      }
    }
    if (!row.time_glued_to_fee) {
      row.time = parse_time(cell.substr(0, unit_end), rules);
      cell.remove_prefix(unit_end);
    }
  }
}

/// The fee cell at the start of `cell`, taken off it: "Miễn phí", "Không có
/// thông tin", "2,000,000 Việt Nam Đồng", or a fee in words glued to a time.
std::string take_fee_cell(std::string_view& cell, const channel_row& row) {
  std::string fee_cell;
  if (cell.starts_with(free_cell)) {
    fee_cell = std::string(free_cell);
    cell.remove_prefix(free_cell.size());
  } else if (cell.starts_with(no_info)) {
    fee_cell = std::string(no_info);
    cell.remove_prefix(no_info.size());
  } else if (!cell.empty() && is_digit(cell.front())) {
    const std::string f = fold(prefix(cell, 64));
    if (auto m = money_at(f)) {
      // Folding keeps byte lengths for the portal's currency words.
      fee_cell = std::string(cell.substr(0, m->end));
      cell.remove_prefix(std::min(cell.size(), m->end));
    }
  } else if (!cell.empty() && cell.front() != '(' && !row.time_glued_to_fee) {
    // A fee in words, glued to the description that opens with a time:
    // "Lệ phí … (Thông tư 40/2026/TT-BTC)15 ngày, kể từ …".
    if (const std::size_t glued = glued_time_at(cell); glued != npos) {
      const std::string f = fold(cell.substr(0, glued));
      if (cues("fee-in-words").listed_in_as_written(f) || !amounts_in(f).empty()) {
        fee_cell = std::string(cell.substr(0, glued));
        cell.remove_prefix(glued);
      }
    }
  }
  return fee_cell;
}

/// The fee's "(…)" explanation at the start of `cell`, taken off it, without
/// its brackets.
std::string take_explanation(std::string_view& cell) {
  std::string explanation;
  if (!cell.empty() && cell.front() == '(') {
    // The explanation ends where its "(" closes, or earlier where the
    // description's time is glued to one of its ")": an explanation that
    // never closes ("(… (Thông tư 40/2026/TT-BTC)15 ngày, kể từ …")
    // would otherwise swallow the description.
    const std::size_t balanced = balanced_length(cell);
    const std::size_t n = std::min({balanced, glued_time_at(cell), cell.size()});
    explanation = std::string(cell.substr(0, n));
    cell.remove_prefix(n);
    std::string_view inner = explanation;
    if (n == balanced && inner.size() >= 2 && inner.back() == ')') inner = inner.substr(1, inner.size() - 2);
    else inner.remove_prefix(1);  // the "(" that does not close here
    inner = trim(inner);
    if (inner.starts_with("Đồng") && inner.size() > 6) inner = trim(inner.substr("Đồng"sv.size()));
    // "((…))": the pair around the whole, as long as there is one. An
    // unclosed "(" is no pair: dropping a last byte taken for its ")" cut
    // the text's last character in two ("hợp l" and the byte 0xE1).
    while (inner.size() >= 2 && inner.front() == '(' && balanced_length(inner) == inner.size())
      inner = trim(inner.substr(1, inner.size() - 2));
    explanation = std::string(inner);
  }
  return explanation;
}

/// A time the time column left out, at the start of the description.
void time_from_description(channel_row& row, const time_rules& rules) {
  if (!row.time.known && !row.time_glued_to_fee && !row.description.empty()) {
    // "…Không có thông tinMiễn phí15 ngày làm việc kể từ ngày nhận…": the
    // limit moved to the description column.
    const std::string f = fold(prefix(row.description, 160));
    std::string_view head = f;
    if (const cue* lead = cues("description-time-leads").at_start_as_written(head))
      head.remove_prefix(lead->phrase.size());
    head = trim(head);
    while (!head.empty() && (head.front() == ':' || head.front() == ' ')) head.remove_prefix(1);
    if (!head.empty() && is_digit(head.front())) {
      // "28 ngày làm việc (đối với trường hợp cấp mới), 02 ngày làm việc
      // (đối với trường hợp cấp lại) kể từ…": the first, and the range.
      std::string_view sentence = head;
      if (auto dot = sentence.find(". "); dot != npos) sentence = sentence.substr(0, dot);
      time_limit t = parse_time(sentence, rules);
      if (t.known && !t.unit_assumed && !t.same_day) {
        const std::string written = row.time.text;
        row.time = t;
        row.time.text = written.empty() ? std::string(sentence) : written + " → " + std::string(sentence);
        row.time_from_description = true;
      }
    }
  }
}

}  // namespace

std::vector<channel_row> parse_channel_table(std::string_view raw, const time_rules& rules) {
  std::vector<channel_row> rows;
  const std::string cleaned = clean_space(raw);
  std::string_view text = cleaned;
  if (auto h = text.find(description_header); h != npos && h < 60) text.remove_prefix(h + description_header.size());
  const std::vector<row_start> starts = row_starts(text);
  for (std::size_t r = 0; r < starts.size(); ++r) {
    const std::size_t end = r + 1 < starts.size() ? starts[r + 1].at : text.size();
    std::string_view cell = text.substr(starts[r].at + starts[r].name_length, end - starts[r].at - starts[r].name_length);
    channel_row row;
    row.channel = starts[r].ch;
    row.channel_text = std::string(text.substr(starts[r].at, starts[r].name_length));
    cell = trim(cell);
    take_time_cell(cell, row, rules);
    cell = trim(cell);
    const std::string fee_cell = take_fee_cell(cell, row);
    const std::string explanation = take_explanation(cell);
    if (!row.time_glued_to_fee) {
      row.fee = parse_fee(fee_cell, explanation);
      if (fee_cell.empty()) row.fee.what = fee_value::kind::none;
    }
    row.description = std::string(trim(cell));
    time_from_description(row, rules);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace redtape::importer::portal
