#include "import/portal/time.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/portal/cues.hpp"
#include "import/portal/fees.hpp"
#include "import/portal/text.hpp"
#include "import/portal/text_internal.hpp"

namespace redtape::importer::portal {

using namespace detail;
using namespace std::string_view_literals;

std::string_view to_string(time_unit u) noexcept {
  switch (u) {
    case time_unit::working_days: return "working_days";
    case time_unit::calendar_days: return "calendar_days";
    case time_unit::hours: return "hours";
    case time_unit::weeks: return "weeks";
    case time_unit::months: return "months";
    case time_unit::years: return "years";
    case time_unit::none: return "none";
  }
  return "none";
}

double to_working_days(double value, time_unit unit, const time_rules& rules) {
  switch (unit) {
    case time_unit::working_days:
    case time_unit::none: return value;
    case time_unit::calendar_days: return round_up_half(value * rules.working_days_per_calendar_day);
    case time_unit::hours:
      // Under a day, hours of work; from 24 up, clock hours ("trong 24 giờ" is a day).
      if (value < 24) return round_up_half(value / rules.working_hours_per_day);
      return to_working_days(value / 24, time_unit::calendar_days, rules);
    case time_unit::weeks: return value * 5;
    // A month or a year of the law is a calendar period: converted as its
    // calendar days are (365.25 / 12 days a month, × 5/7), rounded up.
    case time_unit::months: return round_up_half(value * rules.working_days_per_month);
    case time_unit::years: return round_up_half(value * rules.working_days_per_month * 12);
  }
  return value;
}

namespace {

/// The time_unit a cue of lexicon/portal/time.yaml names ("working_days", …).
time_unit unit_named(std::string_view name) {
  for (auto u : {time_unit::working_days, time_unit::calendar_days, time_unit::hours, time_unit::weeks,
                 time_unit::months, time_unit::years})
    if (to_string(u) == name) return u;
  return time_unit::none;
}

/// The unit word at the start of `rest` (time-units: "ngày", "giờ",
/// "tháng", …; "ngày" then time-working-days, "làm việc", also after extra
/// blanks or glued to the next cell): its unit, or none, and its length.
std::size_t unit_at(std::string_view rest, const cue_list& units, const cue_list& working, time_unit& unit) {
  const cue* u = units.at_start(rest);
  if (u == nullptr) return 0;
  unit = unit_named(u->value);
  std::size_t length = u->phrase.size();
  if (unit == time_unit::calendar_days) {
    const std::string_view tail = trim(rest.substr(length));
    if (const cue* w = working.at_start_as_written(tail)) {
      unit = time_unit::working_days;
      length = static_cast<std::size_t>(tail.data() - rest.data()) + w->phrase.size();
    }
  }
  return length;
}

}  // namespace

std::vector<found_time> detail::find_times(std::string_view f, bool need_unit_words) {
  std::vector<found_time> out;
  const cue_list& date_words = cues("time-date-words");
  const cue_list& clock_words = cues("time-clock-words");
  const cue_list& units = cues("time-units");
  const cue_list& working = cues("time-working-days");
  std::size_t i = 0;
  while (i < f.size()) {
    if (!is_digit(f[i]) || (i > 0 && (is_word_byte(f[i - 1]) || f[i - 1] == '/' || f[i - 1] == '.' ||
                                      f[i - 1] == ','))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < f.size() && (is_digit(f[j]) || ((f[j] == '.' || f[j] == ',') && j + 1 < f.size() && is_digit(f[j + 1]))))
      ++j;
    const auto digits = f.substr(i, j - i);
    if (j < f.size() && (f[j] == '/' || f[j] == '%')) {
      i = j;
      continue;
    }
    // The word before: dates and clock times.
    std::string_view before = trim(f.substr(0, i));
    std::size_t word_start = before.size();
    while (word_start > 0 && is_word_byte(before[word_start - 1])) --word_start;
    const auto previous = before.substr(word_start);
    const bool date_context = date_words.is(previous);
    std::size_t k = j;
    if (k < f.size() && f[k] == ')' && i > 0 && f[i - 1] == '(') ++k;  // "một (01) ngày"
    while (k < f.size() && f[k] == ' ') ++k;
    if (k < f.size() && f[k] == '(') {  // "05 (năm) ngày"
      const std::size_t close = f.find(')', k);
      if (close != npos && close - k < 40) {
        k = close + 1;
        while (k < f.size() && f[k] == ' ') ++k;
      }
    }
    const auto rest = f.substr(k);
    found_time t;
    const std::size_t unit_length = unit_at(rest, units, working, t.unit);
    const bool clock = t.unit == time_unit::hours && clock_words.is(previous);
    if ((t.unit != time_unit::none || !need_unit_words) && !date_context && !clock) {
      if (auto v = parse_amount(digits)) {
        t.value = *v;
        t.at = i;
        t.end = k + unit_length;
        out.push_back(t);
      }
    }
    i = j;
  }
  return out;
}

time_limit parse_time(std::string_view text, const time_rules& rules) {
  time_limit out;
  out.text = clean_space(text);
  const std::string folded = fold(out.text);
  std::string_view f = strip_end_punctuation(folded);
  if (no_information(f)) return out;

  // A bare number: the portal's unit column was empty.
  if (!f.empty() && std::all_of(f.begin(), f.end(), [](char c) { return is_digit(c) || c == '.' || c == ','; })) {
    if (auto v = parse_amount(f)) {
      // "0" with no unit is the portal's unfilled field, not an instant
      // procedure: no time given.
      if (*v == 0) return out;
      out.known = true;
      out.value = *v;
      out.unit = time_unit::none;
      out.unit_assumed = true;
      out.working_days = out.min_days = out.max_days = *v;
    }
    return out;
  }
  auto times = find_times(f);
  if (!times.empty()) {
    out.known = true;
    out.value = times.front().value;
    out.unit = times.front().unit;
    out.working_days = to_working_days(out.value, out.unit, rules);
    out.min_days = out.max_days = out.working_days;
    for (const auto& t : times) {
      const double d = to_working_days(t.value, t.unit, rules);
      out.min_days = std::min(out.min_days, d);
      out.max_days = std::max(out.max_days, d);
    }
    return out;
  }
  if (cues("time-set-elsewhere").starts(f)) {
    out.set_elsewhere = true;  // understood: the procedure fixes no time
    return out;
  }
  if (cues("time-same-day").listed_in_as_written(f) || cues("time-same-day-openings").at_start_as_written(f)) {
    out.known = true;
    out.same_day = true;
    out.unit = time_unit::working_days;
    out.value = 0.5;
    out.working_days = out.min_days = out.max_days = 0.5;
  }
  return out;
}

std::optional<time_limit> stated_time(std::string_view text, const time_rules& rules) {
  const std::string f = fold(clean_space(text));
  auto times = find_times(f);
  if (times.empty()) return std::nullopt;
  time_limit out;
  out.known = true;
  out.text = std::string(f.substr(times.front().at, times.front().end - times.front().at));
  out.value = times.front().value;
  out.unit = times.front().unit;
  out.working_days = out.min_days = out.max_days = to_working_days(out.value, out.unit, rules);
  return out;
}

}  // namespace redtape::importer::portal
