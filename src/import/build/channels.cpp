// build_record's channels: the rows with their time and fee, the channel of
// the applicant's steps, the reference row; and the fee.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "import/build/record_state.hpp"
#include "util/text.hpp"

namespace redtape::importer::record_steps {

namespace {

/// The rows of the channel table (flattened shape) or of the channel cells
/// (split shape); a warning when none could be read.
std::vector<pt::channel_row> rows_of(record_state& st) {
  const raw_record& r = st.r;
  const field_names& F = st.F;
  const warn_sink& warn = st.warn;
  std::vector<pt::channel_row> rows;
  if (!r.channels_text.empty() || r.flattened) {
    rows = pt::parse_channel_table(r.channels_text, st.rules);
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
      row.time = pt::parse_time(cell.time, st.rules);
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
  return rows;
}

/// The channels as the YAML's `x-portal:` block keeps them.
void keep_offers(const std::vector<pt::channel_row>& rows, built_record& b) {
  for (const auto& row : rows) {
    channel_offer offer;
    offer.channel = row.channel;
    offer.time = row.time.text;
    offer.time_known = row.time.known;
    offer.working_days = row.time.working_days;
    switch (row.fee.what) {
      // A std::string: GCC 12 at -O3 warns (-Wrestrict, a false positive) on = "0" here.
      case pt::fee_value::kind::free: offer.fee = std::string("0"); break;
      case pt::fee_value::kind::amount:
        offer.fee = fmt::format("{} {}", row.fee.amount, row.fee.currency.empty() ? "VND" : row.fee.currency);
        break;
      case pt::fee_value::kind::text: offer.fee = pt::shorten(row.fee.text, 200); break;
      case pt::fee_value::kind::none: offer.fee = ""; break;
    }
    b.channels.push_back(std::move(offer));
  }
}

}  // namespace

void read_channels(record_state& st) {
  const field_names& F = st.F;
  const warn_sink& warn = st.warn;
  st.rows = rows_of(st);
  const std::vector<pt::channel_row>& rows = st.rows;
  keep_offers(rows, st.b);
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
  st.step_channel = offered.empty()       ? redtape::channel::unspecified
                    : offered.size() == 1 ? offered.front()
                                          : redtape::channel::any;

  // The reference row: in person when offered (every applicant can use it),
  // else the first row with a time.
  const pt::channel_row*& reference = st.reference;
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
}

void fee_of(record_state& st) {
  const field_names& F = st.F;
  const warn_sink& warn = st.warn;
  const std::vector<pt::channel_row>& rows = st.rows;
  skeleton& sk = st.sk;
  const pt::channel_row* fee_row = st.reference;
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

}  // namespace redtape::importer::record_steps
