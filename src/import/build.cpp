#include "import/build.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "import/build/record_state.hpp"
#include "util/text.hpp"

namespace redtape::importer {

namespace record_steps {

namespace {

constexpr std::string_view unknown_agency_id = "unknown_agency";
constexpr std::string_view unknown_agency_name = "Cơ quan có thẩm quyền (cổng không ghi)";

}  // namespace

std::string format_days(double d) { return fmt::format("{}", d); }

std::string agency_id(std::string_view name) {
  std::string id = pt::slug(name, 60, '_');
  return id.empty() ? std::string(unknown_agency_id) : id;
}

std::string add_agency(built_record& b, const std::string& name, bool exact) {
  const std::string f = pt::fold(name);
  // "Cơ quan được Chủ tịch … giao giải quyết" names the chairman but is not him.
  const pt::cue_list& assigned_openings = pt::cues("assigned-agency-openings");
  if (assigned_openings.starts(f)) exact = true;
  for (const auto& a : b.agencies) {
    const std::string fa = pt::fold(a.name);
    const bool assigned = assigned_openings.starts(fa);
    if (fa == f || (!exact && !assigned && ((f.size() > 8 && fa.find(f) != std::string::npos) ||
                                            (fa.size() > 8 && f.find(fa) != std::string::npos))))
      return a.id;
  }
  std::string id = agency_id(name);
  b.agencies.push_back({id, name});
  return id;
}

namespace {

/// Where the record comes from, which the YAML keeps beside the model.
void keep_source(const raw_record& r, built_record& b) {
  b.label = r.label();
  b.group = r.group;
  b.source = r.source;
  b.index = r.index;
  b.in_array = r.in_array;
  b.oid = r.oid;
  b.url = pt::clean_space(r.url);
  b.decision = pt::clean_space(r.decision);
  b.kind = pt::clean_space(r.kind);
}

}  // namespace

bool identify(record_state& st) {
  const raw_record& r = st.r;
  built_record& b = st.b;
  keep_source(r, b);
  st.title = pt::clean_space(r.title);
  const std::string code = pt::clean_space(r.code);
  b.record = code.empty() ? b.label : b.label + " (" + code + ")";
  const warn_sink& warn = st.warn;
  for (const auto& field : r.damaged_fields)
    warn(field, "text-not-utf8", "bytes that are not UTF-8 were replaced by U+FFFD (\"�\")",
         "các byte không phải UTF-8 đã được thay bằng U+FFFD (\"�\")");
  if (st.title.empty() && code.empty()) {
    b.ok = false;
    b.skip_reason = "no procedure name (ten_thu_tuc/title) and no code (ma_thu_tuc)";
    return false;
  }
  if (!r.flattened && st.title.empty()) {
    b.ok = false;
    b.skip_reason = "no title";
    return false;
  }
  b.base_id = !code.empty() ? code : pt::slug(st.title, 64, '-');
  if (b.base_id.empty()) b.base_id = "procedure";
  if (r.flattened && code.empty())
    warn(st.F.code, "code-missing", "no procedure code (ma_thu_tuc); the id is made from the name",
         "không có mã thủ tục (ma_thu_tuc); mã được tạo từ tên thủ tục", severity::note);
  return true;
}

void agencies_of(record_state& st) {
  const raw_record& r = st.r;
  const field_names& F = st.F;
  built_record& b = st.b;
  const warn_sink& warn = st.warn;
  std::vector<std::string>& performing = st.performing;
  performing = pt::split_agencies(r.performing);
  if (performing.empty()) performing = pt::split_agencies(r.authority);
  if (performing.empty()) {
    // The steps say who does the work: "Nộp hồ sơ cho Ủy ban nhân dân cấp xã".
    std::string named = pt::agency_in_text(r.steps);
    if (named.empty()) named = pt::agency_in_text(r.channels_text);
    if (!named.empty()) {
      performing.push_back(named);
      warn(F.agencies, "agency-from-steps",
           fmt::format("no agency given; the steps name {}", util::quote(named)),
           fmt::format("không ghi cơ quan thực hiện; trình tự thực hiện nêu {}", util::quote(named)), severity::note);
    }
  }
  if (performing.empty()) {
    warn(F.agencies, "agency-missing",
         fmt::format("no agency given ({}); the steps name an unknown agency", util::quote(r.performing, 40)),
         fmt::format("không có cơ quan thực hiện ({}); các bước ghi một cơ quan chưa rõ",
                     util::quote(r.performing, 40)));
  }
  for (const auto& n : performing) b.agencies.push_back({agency_id(n), n});
  for (const auto& n : pt::split_agencies(r.coordinating))
    if (std::none_of(b.agencies.begin(), b.agencies.end(), [&](const agency_seen& a) { return a.name == n; }))
      b.agencies.push_back({agency_id(n), n});
  st.main_agency = performing.empty() ? std::string(unknown_agency_id) : b.agencies.front().id;
  if (performing.empty()) b.agencies.insert(b.agencies.begin(), {std::string(unknown_agency_id), std::string(unknown_agency_name)});
}

}  // namespace record_steps

built_record build_record(const raw_record& r, const import_options& o, const known_registry& known) {
  using namespace record_steps;
  built_record b;
  record_state st(r, o, known, b);
  if (!identify(st)) return b;
  agencies_of(st);
  read_channels(st);
  st.parsed = pt::parse_steps(r.steps, st.rules);
  total_time(st);
  step_skeleton(st);
  visit_places(st);
  handoffs(st);
  step_durations(st);
  fee_of(st);
  result_documents(st);
  read_dossier(st);
  procedures_for_cases(st);
  return b;
}

built_record build_record(const raw_record& r, const import_options& o) {
  const portal::lexicon_scope scope(o.lexicon.get());
  if (o.lexicon) return build_record(r, o, known_registry(o.lexicon.get()));
  static const known_registry builtin(nullptr);
  return build_record(r, o, builtin);
}

}  // namespace redtape::importer
