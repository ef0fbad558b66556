#include "import/build.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "import/known_documents.hpp"
#include "redtape/documents.hpp"
#include "util/text.hpp"

namespace redtape::importer {

namespace {

using namespace std::string_view_literals;
namespace pt = portal;

constexpr std::string_view unknown_agency_id = "unknown_agency";
constexpr std::string_view unknown_agency_name = "Cơ quan có thẩm quyền (cổng không ghi)";
/// Where dossiers are received and results returned (Decree 61/2018/NĐ-CP).
constexpr std::string_view one_stop_desk_name = "Bộ phận Một cửa";

std::string format_days(double d) { return fmt::format("{}", d); }

std::string agency_id(std::string_view name) {
  std::string id = pt::slug(name, 60, '_');
  return id.empty() ? std::string(unknown_agency_id) : id;
}

/// Words that put the applicant at the one-stop centre.
bool mentions_one_stop(std::string_view folded) {
  for (auto w : {"trung tâm phục vụ hành chính công"sv, "trung tâm hành chính công"sv, "bộ phận một cửa"sv,
                 "bộ phận tiếp nhận và trả kết quả"sv, "trung tâm phục vụ hành chính"sv, "một cửa"sv})
    if (folded.find(w) != std::string_view::npos) return true;
  return false;
}

/// Words that put the applicant at the agency's own office.
bool mentions_agency_office(std::string_view folded) {
  for (auto w : {"tại trụ sở"sv, "đến trụ sở"sv, "trực tiếp tại cục"sv, "trực tiếp tại sở"sv,
                 "trực tiếp tại phòng"sv, "trực tiếp tại công an"sv, "trực tiếp tại ngân hàng"sv,
                 "trực tiếp tại tổng cục"sv, "trực tiếp tại chi cục"sv, "trực tiếp tại văn phòng"sv,
                 "trực tiếp tại cơ quan"sv, "nộp trực tiếp tại cục"sv, "nộp trực tiếp tại công an"sv,
                 "nộp trực tiếp tại sở"sv})
    if (folded.find(w) != std::string_view::npos) return true;
  return false;
}

/// Words of a procedure's name that make it an examination, a recruitment
/// or an admission.
constexpr std::string_view examination_words[] = {
    "thi tuyển", "xét tuyển", "tuyển sinh", "tuyển dụng", "tuyển chọn", "dự thi", "dự tuyển", "sát hạch",
    "kỳ thi", "thi nâng ngạch", "thăng hạng", "chuyển trường", "tuyển", "nhập học", "tốt nghiệp"};

bool is_review(std::string_view action) {
  return action == "appraise" || action == "verify" || action == "inspect" || action == "check" ||
         action == "approve" || action == "consult" || action == "process";
}

struct warn_sink {
  built_record& b;
  void operator()(std::string_view field, std::string code, std::string en, std::string vi,
                  severity s = severity::warning) const {
    b.warnings.push_back({b.record, std::string(field), std::move(code), std::move(en), std::move(vi), s});
  }
};

/// The step skeleton every case of a record shares.
struct skeleton {
  std::vector<redtape::step> steps;
  std::size_t submit = 0;
  std::size_t fee_step = 0;
};

}  // namespace

built_record build_record(const raw_record& r, const import_options& o) {
  built_record b;
  b.label = r.label();
  b.group = r.group;
  b.source = r.source;
  b.index = r.index;
  b.in_array = r.in_array;
  b.oid = r.oid;
  b.url = pt::clean_space(r.url);
  b.decision = pt::clean_space(r.decision);
  b.kind = pt::clean_space(r.kind);
  const field_names& F = *r.fields;
  const pt::time_rules rules{o.working_days_per_calendar_day, o.working_days_per_month, o.working_hours_per_day};

  const std::string title = pt::clean_space(r.title);
  const std::string code = pt::clean_space(r.code);
  b.record = code.empty() ? b.label : b.label + " (" + code + ")";
  warn_sink warn{b};
  for (const auto& field : r.damaged_fields)
    warn(field, "text-not-utf8", "bytes that are not UTF-8 were replaced by U+FFFD (\"�\")",
         "các byte không phải UTF-8 đã được thay bằng U+FFFD (\"�\")");
  if (title.empty() && code.empty()) {
    b.ok = false;
    b.skip_reason = "no procedure name (ten_thu_tuc/title) and no code (ma_thu_tuc)";
    return b;
  }
  if (!r.flattened && title.empty()) {
    b.ok = false;
    b.skip_reason = "no title";
    return b;
  }
  b.base_id = !code.empty() ? code : pt::slug(title, 64, '-');
  if (b.base_id.empty()) b.base_id = "procedure";
  if (r.flattened && code.empty())
    warn(F.code, "code-missing", "no procedure code (ma_thu_tuc); the id is made from the name",
         "không có mã thủ tục (ma_thu_tuc); mã được tạo từ tên thủ tục", severity::note);

  // ---- Agencies: who performs it, else who has the authority.
  std::vector<std::string> performing = pt::split_agencies(r.performing);
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
  const std::string main_agency = performing.empty() ? std::string(unknown_agency_id) : b.agencies.front().id;
  if (performing.empty()) b.agencies.insert(b.agencies.begin(), {std::string(unknown_agency_id), std::string(unknown_agency_name)});

  // ---- Channels with their time and fee.
  std::vector<pt::channel_row> rows;
  if (!r.channels_text.empty() || r.flattened) {
    rows = pt::parse_channel_table(r.channels_text, rules);
  } else {
    for (const auto& cell : r.channel_rows) {
      auto ch = pt::channel_of(cell.channel);
      if (!ch) {
        warn(F.channels, "channel-unknown",
             fmt::format("channel {} is none of Trực tiếp, Trực tuyến, Dịch vụ bưu chính; row skipped",
                         util::quote(cell.channel)),
             fmt::format("hình thức nộp {} không phải Trực tiếp, Trực tuyến hay Dịch vụ bưu chính; bỏ qua dòng này",
                         util::quote(cell.channel)));
        continue;
      }
      pt::channel_row row;
      row.channel = *ch;
      row.channel_text = pt::clean_space(cell.channel);
      row.time = pt::parse_time(cell.time, rules);
      row.fee = pt::parse_fee(cell.fee);
      row.description = pt::clean_space(cell.description);
      rows.push_back(std::move(row));
    }
  }
  if (rows.empty()) {
    const std::string shown = r.flattened ? r.channels_text : std::string("[]");
    warn(F.channels, "channels-missing",
         fmt::format("no submission channel could be read from {}; channel, time and fee unknown",
                     util::quote(shown, 80)),
         fmt::format("không đọc được hình thức nộp nào từ {}; chưa rõ kênh, thời hạn và phí", util::quote(shown, 80)));
  }
  for (const auto& row : rows) {
    channel_offer offer;
    offer.channel = row.channel;
    offer.time = row.time.text;
    offer.time_known = row.time.known;
    offer.working_days = row.time.working_days;
    switch (row.fee.what) {
      case pt::fee_value::kind::free: offer.fee = "0"; break;
      case pt::fee_value::kind::amount:
        offer.fee = fmt::format("{} {}", row.fee.amount, row.fee.currency.empty() ? "VND" : row.fee.currency);
        break;
      case pt::fee_value::kind::text: offer.fee = pt::shorten(row.fee.text, 200); break;
      case pt::fee_value::kind::none: offer.fee = ""; break;
    }
    b.channels.push_back(std::move(offer));
  }
  for (const auto& row : rows)
    if (row.time_from_description) {
      warn(F.channels, "time-from-description",
           fmt::format("the time column says nothing; the description gives {}", util::quote(row.time.text, 60)),
           fmt::format("cột thời hạn để trống; phần mô tả ghi {}", util::quote(row.time.text, 60)), severity::note);
      break;
    }
  for (const auto& row : rows)
    if (row.time_glued_to_fee) {
      warn(F.channels, "fee-glued-to-time",
           fmt::format("{}: the time (no unit) and the fee are glued together ({}); neither can be read",
                       row.channel_text, util::quote(row.fee.text, 40)),
           fmt::format("{}: thời hạn (không có đơn vị) và mức phí dính liền ({}); không đọc được cả hai",
                       row.channel_text, util::quote(row.fee.text, 40)));
      break;
    }
  std::vector<redtape::channel> offered;
  for (const auto& row : rows)
    if (std::find(offered.begin(), offered.end(), row.channel) == offered.end()) offered.push_back(row.channel);
  const redtape::channel step_channel = offered.empty()       ? redtape::channel::unspecified
                                        : offered.size() == 1 ? offered.front()
                                                              : redtape::channel::any;

  // The reference row: in person when offered (every applicant can use it),
  // else the first row with a time.
  const pt::channel_row* reference = nullptr;
  for (const auto& row : rows)
    if (row.channel == redtape::channel::in_person && row.time.known) {
      reference = &row;
      break;
    }
  if (!reference)
    for (const auto& row : rows)
      if (row.time.known) {
        reference = &row;
        break;
      }

  // ---- Steps.
  std::vector<pt::step_text> parsed = pt::parse_steps(r.steps, rules);

  // ---- Total time in working days, as [min, likely, max] across channels.
  std::optional<duration> total;
  if (reference) {
    duration d{reference->time.min_days, reference->time.working_days, reference->time.max_days};
    for (const auto& row : rows)
      if (row.time.known) {
        d.min = std::min(d.min, row.time.min_days);
        d.max = std::max(d.max, row.time.max_days);
      }
    total = d;
    if (reference->time.unit_assumed) {
      // The unit column was empty. The record itself may say the unit: another
      // channel with the same number and a unit, or its text ("07 ngày làm việc").
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
        const std::string f = pt::fold(pt::clean_space(texts));
        for (const auto& [word, u] : {std::pair{"ngày làm việc"sv, pt::time_unit::working_days},
                                      std::pair{"ngày"sv, pt::time_unit::calendar_days},
                                      std::pair{"giờ"sv, pt::time_unit::hours},
                                      std::pair{"tháng"sv, pt::time_unit::months}}) {
          for (const auto& form : {fmt::format("{} {}", v, word), fmt::format("{:02} {}", v, word)}) {
            std::size_t at = f.find(form);
            // "05 ngày" must not be the start of "05 ngày làm việc" read as calendar days.
            while (at != std::string::npos && u == pt::time_unit::calendar_days &&
                   std::string_view(f).substr(at + form.size()).starts_with(" làm việc"))
              at = f.find(form, at + 1);
            if (at != std::string::npos && (at == 0 || !std::isdigit(static_cast<unsigned char>(f[at - 1])))) {
              unit = u;
              evidence = form;
              break;
            }
          }
          if (unit) break;
        }
      }
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

  // ---- The step skeleton.
  skeleton sk;
  // Who does an agency step: the body its text names as the subject; the
  // one-stop desk for receiving and returning when no body is named (Decree
  // 61/2018/NĐ-CP, Art. 7); else the procedure's agency.
  auto add_agency = [&](const std::string& name, bool exact = false) {
    const std::string f = pt::fold(name);
    // "Cơ quan được Chủ tịch … giao giải quyết" names the chairman but is not him.
    if (f.starts_with("cơ quan được") || f.starts_with("đơn vị được")) exact = true;
    for (const auto& a : b.agencies) {
      const std::string fa = pt::fold(a.name);
      const bool assigned = fa.starts_with("cơ quan được") || fa.starts_with("đơn vị được");
      if (fa == f || (!exact && !assigned && ((f.size() > 8 && fa.find(f) != std::string::npos) ||
                                 (fa.size() > 8 && f.find(fa) != std::string::npos))))
        return a.id;
    }
    std::string id = agency_id(name);
    b.agencies.push_back({id, name});
    return id;
  };
  // A step naming no body: the one-stop desk receives and returns; the body
  // with the authority (co_quan_co_tham_quyen) decides, signs and issues
  // when it is not the one that performs; the performing body does the rest.
  std::string desk;  // the one-stop desk's id, once a step is given to it
  std::string deciding = main_agency;
  if (const auto named = pt::split_agencies(r.authority); !named.empty() && !pt::split_agencies(r.performing).empty())
    deciding = add_agency(named.front());
  auto decision = [](std::string_view action) {
    return action == "approve" || action == "sign" || action == "issue";
  };
  // When the portal names a person as the performer ("Chủ tịch ủy ban nhân
  // dân cấp tỉnh"), the person decides; the steps before the decision are
  // the work of the specialised body that advises them (Law on Local
  // Government Organisation 2025: cơ quan chuyên môn tham mưu).
  std::string working = main_agency;
  if (!performing.empty()) {
    const std::string head = pt::fold(performing.front());
    for (auto person : {"chủ tịch"sv, "bộ trưởng"sv, "giám đốc"sv, "thủ trưởng"sv, "thống đốc"sv, "cục trưởng"sv,
                       "chi cục trưởng"sv, "người đứng đầu"sv})
      if (head.starts_with(person)) {
        deciding = main_agency;
        working = add_agency(fmt::format("Cơ quan chuyên môn tham mưu cho {}", head), true);
        break;
      }
  }
  auto actor_of = [&](const pt::step_text& p, const pt::step_subject& subject) {
    if (subject.one_stop || (subject.receiving && (p.action == "receive" || p.action == "check")) ||
        ((subject.name.empty() || subject.generic || subject.receiving) && pt::desk_routine(p.title)))
      return desk = add_agency(std::string(one_stop_desk_name));
    if (subject.generic || subject.receiving) return decision(p.action) ? deciding : working;
    if (!subject.name.empty()) return add_agency(subject.name);
    return decision(p.action) ? deciding : working;
  };
  // "Bước 1: Đối với người tham gia …", "Bước 2: Đối với cơ sở …": what
  // each party does, not steps one after another.
  const bool per_party = std::count_if(parsed.begin(), parsed.end(), [](const pt::step_text& p) {
        const std::string f = pt::fold(p.title);
        return f.starts_with("đối với") || f.starts_with("trường hợp") || f.starts_with("trước khi") ||
               f.starts_with("khi thực hiện") || f.starts_with("sau khi thực hiện");
      }) >= 2;
  if (per_party) {
    warn(F.steps, "steps-per-party",
         "the \"Bước N\" say what each party or case does (\"Đối với …\"), not steps in order; the default shape is used",
         "các \"Bước N\" nêu việc của từng bên hoặc trường hợp (\"Đối với …\"), không phải các bước nối tiếp; dùng "
         "trình tự mặc định",
         severity::note);
    parsed.clear();
  }
  if (parsed.size() >= 2) {
    for (const auto& p : parsed) {
      redtape::step s;
      s.id = fmt::format("step_{}", p.number);
      s.name.vi = p.title;
      const pt::step_subject subject = p.by_applicant ? pt::step_subject{} : pt::subject_of_step(p.text);
      s.actor = p.by_applicant ? std::string(applicant_actor) : actor_of(p, subject);
      s.action = p.action;
      if (subject.applicant) {
        // The opening words looked like the agency's ("Trong thời hạn …",
        // "Trước 30 ngày …"); the subject is the applicant.
        s.actor = applicant_actor;
        s.action = pt::action_of(p.text, true);
      }
      sk.steps.push_back(std::move(s));
    }
  } else {
    if (per_party) {
      // Said above (steps-per-party).
    } else if (!pt::no_information(r.steps)) {
      warn(F.steps, "steps-default",
           "no \"Bước N\" markers in the steps; the default shape submit → process → collect is used",
           "trình tự không có các mốc \"Bước N\"; dùng trình tự mặc định nộp → giải quyết → nhận kết quả",
           severity::note);
    } else {
      warn(F.steps, "steps-missing", "no steps given; the default shape submit → process → collect is used",
           "không có trình tự thực hiện; dùng trình tự mặc định nộp → giải quyết → nhận kết quả", severity::note);
    }
    redtape::step submit;
    submit.id = "submit";
    submit.name = {"Nộp hồ sơ", "File the dossier"};
    submit.actor = applicant_actor;
    submit.action = "submit";
    redtape::step process;
    process.id = "process";
    process.name = {"Tiếp nhận, giải quyết hồ sơ", "Receive and decide the application"};
    process.actor = main_agency;
    process.action = "process";
    redtape::step collect;
    collect.id = "collect";
    collect.name = {"Nhận kết quả", "Collect the result"};
    collect.actor = applicant_actor;
    collect.action = "collect";
    sk.steps = {submit, process, collect};
  }
  // The applicant's filing step: where the documents are demanded.
  std::optional<std::size_t> submit;
  for (std::size_t i = 0; i < sk.steps.size() && !submit; ++i)
    if (sk.steps[i].by_applicant() && sk.steps[i].action == "submit") submit = i;
  if (!submit)
    for (std::size_t i = 0; i < sk.steps.size() && !submit; ++i)
      if (sk.steps[i].by_applicant() && sk.steps[i].action != "collect" && sk.steps[i].action != "prepare" &&
          sk.steps[i].action != "pay")
        submit = i;
  if (!submit) {
    // The portal's steps start at the agency: the applicant still files.
    std::size_t at = 0;
    while (at < sk.steps.size() && sk.steps[at].by_applicant() && sk.steps[at].action == "prepare") ++at;
    redtape::step s;
    s.id = "submit";
    s.name = {"Nộp hồ sơ", "File the dossier"};
    s.actor = applicant_actor;
    s.action = "submit";
    sk.steps.insert(sk.steps.begin() + static_cast<std::ptrdiff_t>(at), s);
    submit = at;
    parsed.insert(parsed.begin() + static_cast<std::ptrdiff_t>(std::min(at, parsed.size())), pt::step_text{});
    warn(F.steps, "steps-submit-added", "the steps name no filing by the applicant; a submit step was added",
         "trình tự không có bước nộp hồ sơ của người yêu cầu; đã thêm bước nộp hồ sơ", severity::note);
  }
  sk.submit = *submit;
  // An agency must decide: the one-stop desk only receives and returns.
  if (std::none_of(sk.steps.begin(), sk.steps.end(),
                   [&](const redtape::step& s) { return !s.by_applicant() && s.actor != desk; })) {
    redtape::step p;
    p.id = "process";
    p.name = {"Tiếp nhận, giải quyết hồ sơ", "Receive and decide the application"};
    p.actor = main_agency;
    p.action = "process";
    // Before the desk returns the result or the applicant collects it, else at the end.
    std::size_t at = sk.steps.size();
    for (std::size_t i = sk.submit + 1; i < sk.steps.size(); ++i)
      if (sk.steps[i].action == "collect" || (sk.steps[i].actor == desk && sk.steps[i].action != "receive" &&
                                              sk.steps[i].action != "check")) {
        at = i;
        break;
      }
    sk.steps.insert(sk.steps.begin() + static_cast<std::ptrdiff_t>(at), p);
    parsed.insert(parsed.begin() + static_cast<std::ptrdiff_t>(std::min(at, parsed.size())), pt::step_text{});
    warn(F.steps, "steps-agency-added", "the steps name no agency work; a process step was added",
         "trình tự không có bước nào của cơ quan; đã thêm bước giải quyết hồ sơ", severity::note);
  }
  parsed.resize(sk.steps.size());
  // Linear order, written explicitly.
  for (std::size_t i = 0; i < sk.steps.size(); ++i) {
    sk.steps[i].after_given = true;
    if (i > 0) sk.steps[i].after = {sk.steps[i - 1].id};
  }

  // Channel and place of the applicant's visits.
  {
    std::string texts;
    for (const auto& row : rows)
      if (row.channel == redtape::channel::in_person) texts += row.description + "\n";
    if (sk.submit < parsed.size()) texts += parsed[sk.submit].text;
    texts += "\n" + r.address;
    const std::string f = pt::fold(pt::clean_space(texts));
    std::string location;
    // An examination, a recruitment or an admission is sat in person where
    // it is held, and biometrics are captured where the equipment is: the
    // place is the substance, not a channel the one-stop desk could offer
    // instead. Its place is left unsaid.
    const std::string t = pt::fold(title);
    const bool sat_in_person =
        std::any_of(std::begin(examination_words), std::end(examination_words),
                    [&](std::string_view w) { return t.find(w) != std::string::npos; }) ||
        // Identity cards and passports: fingerprints, face and iris are
        // captured where the equipment is.
        t.find("căn cước") != std::string::npos || t.find("hộ chiếu") != std::string::npos;
    if (mentions_one_stop(f)) location = "one_stop_centre";
    else if (mentions_agency_office(f) && !sat_in_person) location = "agency";
    for (std::size_t i = 0; i < sk.steps.size(); ++i) {
      auto& s = sk.steps[i];
      if (!s.by_applicant() || s.action == "prepare") continue;
      s.channel = step_channel;
      // A step of its own that offers the post or the portal ("Nhận kết quả
      // trực tiếp … hoặc trả qua dịch vụ bưu chính") is not in person only.
      if (s.channel == redtape::channel::in_person && i < parsed.size()) {
        const std::string own = pt::fold(parsed[i].text);
        if (own.find("bưu chính") != std::string::npos || own.find("bưu điện") != std::string::npos ||
            own.find("trực tuyến") != std::string::npos || own.find("cổng dịch vụ công") != std::string::npos)
          s.channel = redtape::channel::any;
      }
      if (s.channel == redtape::channel::in_person || s.channel == redtape::channel::any) s.location_kind = location;
    }
  }

  // ---- What one agency step hands the next. "Trong thời hạn 15 ngày kể từ
  // ngày nhận được kết luận của đoàn đánh giá, cơ quan chỉ định …": the later
  // step works on what the earlier made (a conclusion, an opinion, a report),
  // so the earlier produces it and the later requires it. Without this the
  // portal's pipelines would read as reviews that could run side by side.
  for (std::size_t i = 1; i < sk.steps.size() && i < parsed.size(); ++i) {
    auto& later = sk.steps[i];
    auto& earlier = sk.steps[i - 1];
    if (later.by_applicant() || earlier.by_applicant() || parsed[i].text.empty()) continue;
    const std::string f = pt::fold(pt::clean_space(pt::prefix(parsed[i].text, 600)));
    const std::string e = pt::fold(pt::clean_space(pt::prefix(parsed[i - 1].text, 600)));
    // The earlier step hands its work on ("trình Chủ tịch", "giao cơ quan …
    // chủ trì", "chuyển hồ sơ cho"), or asks for opinions the later weighs.
    bool uses = earlier.action == "consult";
    for (auto cue : {" trình "sv, ", trình"sv, "giao cơ quan"sv, "giao cho"sv, "chuyển hồ sơ"sv, "chuyển cho"sv,
                     "chỉ đạo"sv, "chuyển đề nghị"sv, " báo cáo "sv})
      if (!uses && (" " + e + " ").find(cue) != std::string::npos) uses = true;
    for (auto cue : {"nhận được kết luận"sv, "nhận được văn bản"sv, "nhận được ý kiến"sv, "nhận đầy đủ ý kiến"sv,
                     "nhận được đầy đủ ý kiến"sv, "nhận được báo cáo"sv, "nhận được kết quả"sv,
                     "nhận được biên bản"sv, "nhận được tờ trình"sv, "căn cứ kết quả"sv, "căn cứ ý kiến"sv,
                     "căn cứ báo cáo"sv, "trên cơ sở kết quả"sv, "trên cơ sở ý kiến"sv, "sau khi có kết quả"sv,
                     "có kết quả thẩm định"sv, "hoàn thành báo cáo"sv, "hoàn thành việc"sv, "kết thúc đánh giá"sv,
                     "kết thúc kiểm tra"sv, "hết thời hạn tham gia ý kiến"sv, "hết thời hạn lấy ý kiến"sv,
                     "tại bước"sv, "nhận được hồ sơ trình"sv, "nhận được đề xuất"sv, "nhận được tờ trình"sv})
      if (!uses && f.find(cue) != std::string::npos) {
        uses = true;
        break;
      }
    if (!uses) continue;
    document_demand made;
    made.name = fmt::format("{}{} ({})", handover_prefix, earlier.id, pt::shorten(earlier.name.vi, 80));
    made.note = "chuyển cho bước sau (handed to the next step)";
    earlier.produces_docs.push_back(made);
    later.requires_docs.push_back(std::move(made));
  }

  // ---- Durations on the agency's steps.
  {
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
    if (!total) {
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
  }

  // ---- Fee.
  {
    const pt::channel_row* fee_row = reference;
    if (!fee_row || fee_row->fee.what == pt::fee_value::kind::none)
      for (const auto& row : rows)
        if (row.fee.what != pt::fee_value::kind::none) {
          fee_row = &row;
          break;
        }
    std::optional<std::size_t> pay;
    for (std::size_t i = 0; i < sk.steps.size(); ++i)
      if (sk.steps[i].by_applicant() && sk.steps[i].action == "pay") {
        pay = i;
        break;
      }
    sk.fee_step = pay.value_or(sk.submit);
    redtape::fee f;
    if (!fee_row || fee_row->fee.what == pt::fee_value::kind::none) {
      f.text = "Không có thông tin về phí, lệ phí";
      if (!rows.empty())
        warn(F.channels, "fee-missing", "no fee given; the fee is unknown", "không ghi phí, lệ phí; chưa rõ phí",
             severity::note);
    } else {
      const auto& v = fee_row->fee;
      switch (v.what) {
        case pt::fee_value::kind::free: f.amount = 0; break;
        case pt::fee_value::kind::amount:
          f.amount = v.amount;
          if (!v.currency.empty() && v.currency != "VND") f.currency = v.currency;
          break;
        case pt::fee_value::kind::text: f.text = pt::shorten(v.text.empty() ? "Không có thông tin" : v.text, 300); break;
        case pt::fee_value::kind::none: break;
      }
      if (v.thousands_fixed)
        warn(F.channels, "fee-thousands",
             fmt::format("fee written as {} đồng but explained as {} đồng; {} taken", v.amount / 1000, v.amount,
                         v.amount),
             fmt::format("phí ghi {} đồng nhưng phần giải thích ghi {} đồng; lấy {}", v.amount / 1000, v.amount,
                         v.amount),
             severity::note);
      if (v.alternatives)
        warn(F.channels, "fee-alternatives",
             fmt::format("several fees given ({}); the first, {}, is kept", util::quote(v.text, 80), v.amount),
             fmt::format("có nhiều mức phí ({}); lấy mức đầu tiên, {}", util::quote(v.text, 80), v.amount),
             severity::note);
    }
    sk.steps[sk.fee_step].fee = f;
  }

  // ---- Result documents.
  const std::vector<pt::result_document> results = r.flattened ? pt::parse_results(r.result) : std::vector<pt::result_document>{};
  std::optional<std::size_t> issuing;
  // The one-stop desk hands the result back; the body that decides issues it.
  for (std::size_t i = sk.steps.size(); i-- > 0;)
    if (!sk.steps[i].by_applicant() && sk.steps[i].actor != desk && sk.steps[i].action == "issue") {
      issuing = i;
      break;
    }
  if (!issuing)
    for (std::size_t i = sk.steps.size(); i-- > 0;)
      if (!sk.steps[i].by_applicant() && sk.steps[i].actor != desk) {
        issuing = i;
        break;
      }
  if (r.flattened && results.empty())
    warn(F.result, "result-missing", fmt::format("no result document could be read from {}", util::quote(r.result, 60)),
         fmt::format("không đọc được kết quả thực hiện từ {}", util::quote(r.result, 60)), severity::note);
  for (const auto& res : results) {
    if (!res.code_text.empty())
      warn(F.result, "result-code-invalid",
           fmt::format("result {} has code {}, not a national result code (KQ.…)", util::quote(res.name, 40),
                       util::quote(res.code_text)),
           fmt::format("kết quả {} có mã {}, không phải mã kết quả quốc gia (KQ.…)", util::quote(res.name, 40),
                       util::quote(res.code_text)),
           severity::note);
    b.results.push_back({res.name, res.code, normalize_document_name(res.name),
                         issuing ? sk.steps[*issuing].actor : main_agency});
  }

  // ---- Documents.
  pt::document_table table;
  if (!r.documents_text.empty() || r.flattened) {
    table = pt::parse_document_table(r.documents_text);
  } else {
    pt::document_group g;
    for (const auto& cell : r.document_rows) g.rows.push_back(pt::parse_document_cell(cell.name, cell.form, cell.counts));
    table.table_found = true;
    table.groups.push_back(std::move(g));
  }
  const pt::dossier dossier = pt::organise(table);
  std::size_t table_rows = 0;
  for (const auto& g : table.groups) table_rows += g.rows.size();
  // Rows that only say no list is set ("Không quy định", "Do Ủy ban nhân dân
  // cấp tỉnh quy định", "Thực hiện theo quy định của pháp luật…").
  auto says_nothing = [](const pt::document_row& row) {
    const std::string f = pt::fold(row.name);
    return pt::no_information(row.name) || f.starts_with("không quy định") || f.starts_with("do ") ||
           f.starts_with("thực hiện theo quy định") || f.starts_with("theo quy định") || f.starts_with("không yêu cầu");
  };
  bool only_nothing = true;
  for (const auto& g : table.groups)
    for (const auto& row : g.rows) only_nothing = only_nothing && says_nothing(row);
  const std::string shown_documents = r.flattened ? r.documents_text : std::string("[]");
  if ((!table.table_found && pt::no_information(r.documents_text)) ||
      (table.table_found && table_rows > 0 && only_nothing && dossier.common.empty() && dossier.cases.empty()) ||
      (table.table_found && table_rows == 0 && pt::no_information(table.leftover))) {
    warn(F.documents, "documents-not-given",
         fmt::format("the portal lists no document ({}); the procedure demands none here", util::quote(shown_documents, 80)),
         fmt::format("cổng không liệt kê giấy tờ nào ({}); thủ tục ở đây không yêu cầu giấy tờ",
                     util::quote(shown_documents, 80)),
         severity::note);
  } else if (!table.table_found || table_rows == 0) {
    warn(F.documents, "documents-unparsed",
         fmt::format("no document list could be read from {}; the procedure demands no document here",
                     util::quote(shown_documents, 80)),
         fmt::format("không đọc được thành phần hồ sơ từ {}; thủ tục ở đây chưa yêu cầu giấy tờ nào",
                     util::quote(shown_documents, 80)));
  } else if (dossier.common.empty() && dossier.cases.empty()) {
    warn(F.documents, "documents-only-notes",
         fmt::format("the {} rows of the document list are notes or headings, none a document", table_rows),
         fmt::format("{} dòng của thành phần hồ sơ đều là ghi chú hoặc tiêu đề, không có giấy tờ nào", table_rows));
  }
  if (!table.leftover.empty() && table.table_found)
    warn(F.documents, "documents-leftover",
         fmt::format("text after the last document was not read as a row: {}", util::quote(table.leftover, 60)),
         fmt::format("phần chữ sau giấy tờ cuối cùng không đọc được thành dòng: {}", util::quote(table.leftover, 60)),
         severity::note);
  if (dossier.cases.size() >= 2)
    warn(F.documents, "cases",
         fmt::format("{} cases in the document list; written as {} procedures ({}, {}#2, …)", dossier.cases.size(),
                     dossier.cases.size(), b.base_id, b.base_id),
         fmt::format("thành phần hồ sơ có {} trường hợp; ghi thành {} thủ tục ({}, {}#2, …)", dossier.cases.size(),
                     dossier.cases.size(), b.base_id, b.base_id),
         severity::note);
  for (const auto& n : dossier.notes)
    if (b.dossier_notes.size() < 30) b.dossier_notes.push_back(pt::shorten(n, 400));

  // ---- The procedures: one per case.
  const std::size_t case_count = std::max<std::size_t>(1, dossier.cases.size() >= 2 ? dossier.cases.size() : 1);
  const auto levels = pt::parse_levels(r.level);
  if (levels.size() > 1) b.levels_text = pt::clean_space(r.level);
  const auto legal = pt::parse_legal_basis(r.legal_basis);
  if (r.flattened && legal.empty() && !pt::no_information(r.legal_basis))
    warn(F.legal_basis, "legal-basis-unparsed",
         fmt::format("no legal document could be read from {}", util::quote(r.legal_basis, 60)),
         fmt::format("không đọc được văn bản pháp lý nào từ {}", util::quote(r.legal_basis, 60)), severity::note);

  for (std::size_t k = 0; k < case_count; ++k) {
    redtape::procedure p;
    p.id = b.base_id;  // variants get "#k" when ids are final
    const std::string case_name = dossier.cases.size() >= 2 ? dossier.cases[k].title : std::string();
    p.name.vi = case_name.empty() ? title : title + " — " + pt::shorten(case_name, 160);
    p.sector = pt::clean_space(r.sector);
    if (!levels.empty()) p.level = levels.front() == "other" ? pt::clean_space(r.level) : levels.front();
    p.agency = main_agency;
    p.applicant = pt::parse_applicant(r.applicant);
    p.legal_basis = legal;
    for (const auto& res : results) {
      document_demand d;
      d.name = res.name;
      p.results.push_back(std::move(d));
    }
    p.source_url = b.url;
    p.note = "Nguồn: " + b.label;
    if (!case_name.empty())
      p.note += fmt::format("; trường hợp {}/{}: {}", k + 1, case_count, pt::shorten(case_name, 200));
    p.steps = sk.steps;

    // Documents demanded at filing.
    std::vector<pt::document_row> rows_k = dossier.common;
    if (dossier.cases.size() == 1) rows_k.insert(rows_k.end(), dossier.cases[0].rows.begin(), dossier.cases[0].rows.end());
    else if (dossier.cases.size() >= 2)
      rows_k.insert(rows_k.end(), dossier.cases[k].rows.begin(), dossier.cases[k].rows.end());
    auto& req = p.steps[sk.submit].requires_docs;
    std::vector<std::pair<std::string, std::string>> refs_used;  // ref, normalised name
    // A row of the common list repeated in a case's list is one paper.
    {
      std::vector<pt::document_row> unique;
      for (auto& row : rows_k)
        if (std::none_of(unique.begin(), unique.end(), [&](const pt::document_row& u) {
              return !u.name.empty() && pt::fold(u.name) == pt::fold(row.name);
            }))
          unique.push_back(std::move(row));
      rows_k = std::move(unique);
    }
    for (const auto& row : rows_k) {
      if (row.name.empty()) continue;
      const auto form = pt::form_of(row);
      document_demand d;
      d.name = row.name;
      d.form = form.form;
      d.copies = form.copies;
      std::string note = form.note;
      bool conditional = false;
      {
        const std::string f = pt::fold(pt::prefix(row.name, 40));
        conditional = f.starts_with("trường hợp") || f.starts_with("nếu") || f.starts_with("đối với");
        if (conditional) note = note.empty() ? "có điều kiện" : "có điều kiện; " + note;
      }
      if (!row.form_file.empty()) note += (note.empty() ? "" : "; ") + std::string("mẫu: ") + pt::shorten(row.form_file, 120);
      d.note = note;
      const std::string n = normalize_document_name(row.name);
      // A condition ("Trường hợp không có giấy tờ nêu trên thì nộp bản sao…")
      // names a fallback, not the registry document itself; and two rows of
      // one list naming the same registry document in different words are two
      // papers ("Văn bản ủy quyền của pháp nhân …", "… của hộ gia đình …"):
      // only the first refers to it.
      if (const auto* known = conditional ? nullptr : recognise_document(n)) {
        const bool taken = std::any_of(refs_used.begin(), refs_used.end(), [&](const auto& u) {
          return u.first == known->id && u.second != n;
        });
        if (!taken) {
          d.ref = std::string(known->id);
          refs_used.emplace_back(d.ref, n);
        }
        // An identity card, paper or passport demanded in the original is
        // shown and handed back: nobody hands in their identity card.
        if ((known->id == "identity_paper" || known->id == "citizen_id" || known->id == "passport") &&
            d.form == redtape::document_form::original &&
            d.copies > 0 && row.copies == 0) {
          d.copies = 0;
          d.note = d.note.empty() ? "xuất trình (shown, not handed in)" : "xuất trình (shown, not handed in); " + d.note;
        }
      }
      b.demands.push_back({b.procedures.size(), sk.submit, req.size(), false, n});
      req.push_back(std::move(d));
    }
    // Results produced by the agency's last (issuing) step.
    if (issuing) {
      auto& prod = p.steps[*issuing].produces_docs;
      for (const auto& res : results) {
        document_demand d;
        d.name = res.name;
        if (!res.code.empty()) d.note = "Mã kết quả: " + res.code;
        const std::string n = normalize_document_name(res.name);
        if (const auto* known = recognise_document(n)) d.ref = std::string(known->id);
        b.demands.push_back({b.procedures.size(), *issuing, prod.size(), true, n});
        prod.push_back(std::move(d));
      }
    }
    b.procedures.push_back(std::move(p));
    b.case_titles.push_back(case_name);
  }
  return b;
}

}  // namespace redtape::importer
