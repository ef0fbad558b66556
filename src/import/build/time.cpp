// build_record's time: the total time of the reference channel, and how it
// is spread over the agency's steps.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "import/build/record_state.hpp"
#include "util/text.hpp"

namespace redtape::importer::record_steps {

namespace {

bool is_review(std::string_view action) {
  return action == "appraise" || action == "verify" || action == "inspect" || action == "check" ||
         action == "approve" || action == "consult" || action == "process";
}

/// The unit of a time written with none, as the record says it elsewhere,
/// and the words that say it.
struct unit_evidence {
  pt::time_unit unit;
  std::string evidence;
};

/// The unit of the unit word (time-unit-words) that follows the number `v`
/// ("07 ngày làm việc", "7 ngày") first in the list's order, in folded text.
std::optional<unit_evidence> unit_said(const std::string& f, long v) {
  const pt::cue_list& words = pt::cues("time-unit-words");
  for (const auto& word : words.cues) {
    std::optional<pt::time_unit> u;
    for (auto candidate : {pt::time_unit::working_days, pt::time_unit::calendar_days, pt::time_unit::hours,
                           pt::time_unit::weeks, pt::time_unit::months, pt::time_unit::years})
      if (pt::to_string(candidate) == word.value) u = candidate;
    if (!u) continue;
    for (const auto& number : {fmt::format("{} ", v), fmt::format("{:02} ", v)}) {
      const std::string form = number + word.phrase;
      std::size_t at = f.find(form);
      // "05 ngày" must not be the start of "05 ngày làm việc" read as calendar days.
      while (at != std::string::npos && words.excluded(word, f, at + number.size())) at = f.find(form, at + 1);
      if (at != std::string::npos && (at == 0 || !std::isdigit(static_cast<unsigned char>(f[at - 1]))))
        return unit_evidence{*u, form};
    }
  }
  return std::nullopt;
}

/// The unit column was empty. The record itself may say the unit: another
/// channel with the same number and a unit, or its text ("07 ngày làm việc").
std::optional<unit_evidence> unit_in_record(const record_state& st) {
  const pt::channel_row* reference = st.reference;
  const std::vector<pt::channel_row>& rows = st.rows;
  const raw_record& r = st.r;
  const auto v = static_cast<long>(reference->time.value);
  std::optional<pt::time_unit> unit;
  std::string evidence;
  for (const auto& row : rows)
    if (row.time.known && !row.time.unit_assumed && row.time.value == reference->time.value) {
      unit = row.time.unit;
      evidence = row.time.text;
      break;
    }
  if (!unit) {
    std::string texts;
    for (const auto& row : rows) texts += row.description + "\n";
    texts += r.steps;
    if (auto said = unit_said(pt::fold(pt::clean_space(texts)), v)) {
      unit = said->unit;
      evidence = said->evidence;
    }
  }
  if (!unit) return std::nullopt;
  return unit_evidence{*unit, evidence};
}

/// A reference time with no unit: the unit the record gives, else working
/// days, the duration reaching down to the calendar-days reading.
void time_without_unit(record_state& st) {
  const field_names& F = st.F;
  const warn_sink& warn = st.warn;
  const pt::time_rules& rules = st.rules;
  const pt::channel_row* reference = st.reference;
  std::optional<duration>& total = st.total;
  const std::optional<unit_evidence> found = unit_in_record(st);
  const std::optional<pt::time_unit> unit = found ? std::optional(found->unit) : std::nullopt;
  const std::string evidence = found ? found->evidence : std::string();
  if (unit) {
    const double days = pt::to_working_days(reference->time.value, *unit, rules);
    const double scale = reference->time.value > 0 ? days / reference->time.value : 1;
    total = duration{total->min * scale, total->likely * scale, total->max * scale};
    warn(F.channels, "time-unit-from-text",
         fmt::format("time {} has no unit; the record says {} ({} working days)",
                     util::quote(reference->time.text), util::quote(evidence), format_days(days)),
         fmt::format("thời hạn {} không có đơn vị; nội dung thủ tục ghi {} ({} ngày làm việc)",
                     util::quote(reference->time.text), util::quote(evidence), format_days(days)),
         severity::note);
  } else {
    // Nothing in the record names the unit. Working days is the portal's
    // usual unit (948 of the 1,208 flattened records with a unit; 241 are
    // calendar days); the duration spans both readings, so what the unit
    // leaves open is in the estimate, not hidden by it (docs/import.md).
    const double calendar =
        pt::to_working_days(reference->time.value, pt::time_unit::calendar_days, rules);
    total = duration{std::min(total->min, calendar), total->likely, total->max};
    warn(F.channels, "time-no-unit",
         fmt::format("time {} has no unit; taken as {} working days, from {} if calendar days",
                     util::quote(reference->time.text), format_days(reference->time.working_days),
                     format_days(calendar)),
         fmt::format("thời hạn {} không có đơn vị; coi là {} ngày làm việc, từ {} nếu là ngày theo lịch",
                     util::quote(reference->time.text), format_days(reference->time.working_days),
                     format_days(calendar)),
         severity::note);
  }
}

/// Durations on the agency's steps: their own stated limits when those fit in
/// the total; what is left of the total goes to one step, the first review
/// without a limit of its own (else the first that is not a hand-over, else
/// any), added to what it has.
void assign_durations(record_state& st, const std::vector<std::size_t>& agency_steps, bool use_stated) {
  const std::vector<pt::step_text>& parsed = st.parsed;
  const std::optional<duration>& total = st.total;
  skeleton& sk = st.sk;
  std::optional<std::size_t> processing;
  auto pick = [&](auto&& accept) {
    for (auto i : agency_steps)
      if (!(use_stated && parsed[i].stated) && accept(sk.steps[i].action)) return std::optional<std::size_t>(i);
    return std::optional<std::size_t>();
  };
  processing = pick([](std::string_view a) { return a != "receive" && is_review(a); });
  if (!processing)
    processing = pick([](std::string_view a) {
      return a != "receive" && a != "transfer" && a != "notify" && a != "publish";
    });
  if (!processing) processing = pick([](std::string_view) { return true; });
  if (!processing && !agency_steps.empty()) processing = agency_steps.back();
  double assigned = 0;
  if (use_stated)
    for (auto i : agency_steps)
      if (parsed[i].stated) {
        sk.steps[i].duration_days = duration::exactly(parsed[i].stated->working_days);
        assigned += parsed[i].stated->working_days;
      }
  if (total && processing) {
    duration rest{std::max(0.0, total->min - assigned), std::max(0.0, total->likely - assigned),
                  std::max(0.0, total->max - assigned)};
    rest.min = std::min(rest.min, rest.likely);
    if (sk.steps[*processing].duration_days) {
      auto& d = *sk.steps[*processing].duration_days;
      d = {d.min + rest.min, d.likely + rest.likely, d.max + rest.max};
    } else {
      sk.steps[*processing].duration_days = rest;
    }
  }
}

/// Why the duration is unknown when the channels give no total time.
void time_unknown_warnings(record_state& st, bool use_stated, double stated_sum) {
  const field_names& F = st.F;
  const warn_sink& warn = st.warn;
  const std::vector<pt::channel_row>& rows = st.rows;
  if (use_stated) {
    warn(F.channels, "time-from-steps",
         fmt::format("no total time in the channels; the steps' own limits add up to {} working days",
                     format_days(stated_sum)),
         fmt::format("không có thời hạn giải quyết ở hình thức nộp; thời hạn ghi ở từng bước cộng lại là {} ngày "
                     "làm việc",
                     format_days(stated_sum)),
         severity::note);
  } else {
    std::string shown;
    bool words = false;  // a time given in words that were not understood
    for (const auto& row : rows) {
      if (!shown.empty()) shown += ", ";
      shown += row.time.text.empty() ? std::string("(trống)") : row.time.text;
      if (row.time_glued_to_fee || (!pt::no_information(row.time.text) && !row.time.set_elsewhere)) words = true;
    }
    if (words || rows.empty()) {
      warn(F.channels, "time-unparsed",
           fmt::format("no time limit could be read (time: {}); the duration is unknown", util::quote(shown, 60)),
           fmt::format("không đọc được thời hạn giải quyết (thời hạn: {}); chưa rõ thời gian",
                       util::quote(shown, 60)));
    } else {
      // The portal gives no time at all: nothing was misread, but the
      // duration stays unknown.
      warn(F.channels, "time-not-given",
           fmt::format("the portal gives no fixed time limit (time: {}); the duration is unknown",
                       util::quote(shown, 60)),
           fmt::format("cổng không ghi thời hạn giải quyết cố định (thời hạn: {}); chưa rõ thời gian",
                       util::quote(shown, 60)),
           severity::note);
    }
  }
}

}  // namespace

void total_time(record_state& st) {
  const field_names& F = st.F;
  const warn_sink& warn = st.warn;
  const std::vector<pt::channel_row>& rows = st.rows;
  const pt::channel_row* reference = st.reference;
  std::optional<duration>& total = st.total;
  if (reference) {
    duration d{reference->time.min_days, reference->time.working_days, reference->time.max_days};
    for (const auto& row : rows)
      if (row.time.known) {
        d.min = std::min(d.min, row.time.min_days);
        d.max = std::max(d.max, row.time.max_days);
      }
    total = d;
    if (reference->time.unit_assumed) {
      time_without_unit(st);
    } else if (reference->time.unit == pt::time_unit::calendar_days || reference->time.unit == pt::time_unit::hours ||
               reference->time.unit == pt::time_unit::months || reference->time.unit == pt::time_unit::weeks ||
               reference->time.unit == pt::time_unit::years) {
      warn(F.channels, "time-converted",
           fmt::format("time {} converted to {} working days", util::quote(reference->time.text),
                       format_days(reference->time.working_days)),
           fmt::format("thời hạn {} được quy đổi thành {} ngày làm việc", util::quote(reference->time.text),
                       format_days(reference->time.working_days)),
           severity::note);
    }
  }
}

void step_durations(record_state& st) {
  const std::vector<pt::step_text>& parsed = st.parsed;
  const std::optional<duration>& total = st.total;
  const skeleton& sk = st.sk;
  std::vector<std::size_t> agency_steps;
  for (std::size_t i = 0; i < sk.steps.size(); ++i)
    if (!sk.steps[i].by_applicant()) agency_steps.push_back(i);
  double stated_sum = 0;
  bool any_stated = false;
  for (auto i : agency_steps)
    if (parsed[i].stated) {
      stated_sum += parsed[i].stated->working_days;
      any_stated = true;
    }
  const bool use_stated = any_stated && (!total || stated_sum <= total->likely + 1e-9);
  assign_durations(st, agency_steps, use_stated);
  if (!st.total) time_unknown_warnings(st, use_stated, stated_sum);
}

}  // namespace redtape::importer::record_steps
