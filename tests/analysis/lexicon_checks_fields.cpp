// The record's fields: lexicon/portal/time.yaml, fees.yaml, channels.yaml,
// dossier.yaml and fields.yaml, checked through the portal functions that
// read them (each check's rendering is described at the top of its table).
#include <string>
#include <vector>

#include <fmt/format.h>

#include "import/portal/channels.hpp"
#include "import/portal/documents.hpp"
#include "import/portal/fees.hpp"
#include "import/portal/record_fields.hpp"
#include "import/portal/text.hpp"
#include "import/portal/time.hpp"
#include "lexicon_checks.hpp"
#include "redtape/model.hpp"

namespace redtape::lexicon_checks {

namespace {

namespace portal = redtape::importer::portal;

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  return items.empty() ? "none" : fmt::format("{}", fmt::join(items, sep));
}

// "15 working_days = 15", "3 working_days = 3 (3..8)", "set elsewhere",
// "same day = 0.5", "none".
std::string time_check(const std::string& text) {
  const portal::time_limit t = portal::parse_time(text);
  if (t.set_elsewhere) return "set elsewhere";
  if (!t.known) return "none";
  if (t.same_day) return fmt::format("same day = {}", t.working_days);
  std::string out = fmt::format("{} {} = {}", t.value, portal::to_string(t.unit), t.working_days);
  if (t.min_days != t.max_days) out += fmt::format(" ({}..{})", t.min_days, t.max_days);
  return out;
}

// "free", "200000 VND", "text", "none"; "CELL (EXPLANATION)" split at " (".
std::string fee_check(const std::string& text) {
  const std::size_t open = text.find(" (");
  const portal::fee_value f = open == std::string::npos ? portal::parse_fee(text)
                                                        : portal::parse_fee(text.substr(0, open), text.substr(open + 1));
  switch (f.what) {
    case portal::fee_value::kind::free: return "free";
    case portal::fee_value::kind::amount: return fmt::format("{} {}", f.amount, f.currency);
    case portal::fee_value::kind::text: return "text";
    case portal::fee_value::kind::none: return "none";
  }
  return "none";
}

// "in_person 15, online 15": each row's channel and working days.
std::string channel_rows_check(const std::string& text) {
  std::vector<std::string> rows;
  for (const auto& r : portal::parse_channel_table(text))
    rows.push_back(fmt::format("{} {}", redtape::to_string(r.channel),
                               r.time.known ? fmt::format("{}", r.time.working_days) : "none"));
  return joined(rows, ", ");
}

// A row named TEXT; "… | N" gives it a count of N originals.
std::string row_check(const std::string& text) {
  portal::document_row row;
  const std::size_t bar = text.rfind(" | ");
  row.raw = text.substr(0, bar);
  row.name = portal::clean_document_name(row.raw);
  if (bar != std::string::npos) {
    row.counted = true;
    row.originals = static_cast<unsigned>(std::stoul(text.substr(bar + 3)));
  }
  return std::string(portal::to_string(portal::classify_row(row)));
}

std::string group_check(const std::string& text) {
  switch (portal::classify_group(text)) {
    case portal::group_kind::part: return "part";
    case portal::group_kind::notes: return "notes";
    case portal::group_kind::alternative: return "alternative";
  }
  return "part";
}

std::string document_name_check(const std::string& text) {
  std::string file;
  std::string name = portal::clean_document_name(text, &file);
  return file.empty() ? name : name + " [" + file + "]";
}

std::string applicant_kind_check(const std::string& text) {
  switch (portal::parse_applicant(text)) {
    case redtape::applicant_kind::citizen: return "citizen";
    case redtape::applicant_kind::business: return "business";
    default: return "any";
  }
}

}  // namespace

std::optional<std::string> fields(std::string_view check, const std::string& text) {
  if (check == "time") return time_check(text);
  if (check == "fee") return fee_check(text);
  if (check == "channel") {
    auto c = portal::channel_of(text);
    return c ? std::string(redtape::to_string(*c)) : "none";
  }
  if (check == "channel_rows") return channel_rows_check(text);
  if (check == "row") return row_check(text);
  if (check == "group") return group_check(text);
  if (check == "document_name") return document_name_check(text);
  if (check == "issuer") {
    const std::string body = portal::issuer_in_name(text);
    return body.empty() ? "none" : body;
  }
  if (check == "no_information") return yes_no(portal::no_information(text));
  if (check == "agencies") return joined(portal::split_agencies(text), " | ");
  if (check == "agency") {
    const std::string a = portal::agency_in_text(text);
    return a.empty() ? "none" : a;
  }
  if (check == "agency_level") {
    const std::string l = portal::agency_level(text);
    return l.empty() ? "none" : l;
  }
  if (check == "agency_kind")
    return portal::agency_kind_of(text) == redtape::agency_kind::public_service ? "public_service" : "government";
  if (check == "legal") return joined(portal::parse_legal_basis(text), " | ");
  if (check == "levels") return joined(portal::parse_levels(text), ", ");
  if (check == "applicant_kind") return applicant_kind_check(text);
  return std::nullopt;
}

}  // namespace redtape::lexicon_checks
