#include "load/builder.hpp"
#include "load/reader.hpp"
#include "redtape/documents.hpp"

#include <charconv>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <span>

#include <fmt/format.h>

#include "util/text.hpp"

namespace redtape::loader {

namespace {

using namespace std::string_view_literals;

// The keys each kind of mapping accepts. Keys starting with "x-" or "x_" are
// extensions: accepted and ignored, so tools can carry their own data.
constexpr std::string_view top_keys[] = {"redtape", "procedure", "procedures", "documents",
                                         "agencies", "cost_model"};
constexpr std::string_view procedure_keys[] = {
    "id",     "name",       "sector",      "level",  "agency",     "applicant",
    "volume_per_year", "legal_basis", "result", "source_url", "note", "cost_model", "steps"};
constexpr std::string_view step_keys[] = {
    "id",  "name", "actor", "action", "after", "duration_days", "applicant_hours", "fee", "channel",
    "location", "requires", "produces", "legal_basis", "note"};
constexpr std::string_view demand_keys[] = {"ref", "name", "form", "copies", "issued_by", "note"};
constexpr std::string_view document_keys[] = {"id",        "name",    "aliases", "issued_by",
                                              "held_in", "note"};
constexpr std::string_view agency_keys[] = {"id", "name", "kind", "level", "note"};
constexpr std::string_view cost_keys[] = {"currency",      "hourly_value",   "visit_cost",
                                          "unit_costs",    "min_step_days",  "min_step_days_online",
                                          "working_hours_per_day"};
constexpr std::string_view fee_keys[] = {"amount", "currency", "text"};
constexpr std::string_view effort_keys[] = {"understand", "gather", "fill_in",
                                            "travel",     "wait",   "counter"};

const phrase in_procedure{"procedure", "thủ tục"};
const phrase in_step{"step", "bước"};
const phrase in_demand{"document demand", "giấy tờ yêu cầu"};
const phrase in_document{"registry document", "giấy tờ trong danh mục"};
const phrase in_agency{"agency", "cơ quan"};
const phrase in_costs{"cost_model", "mô hình chi phí (cost_model)"};
const phrase in_fee{"fee", "phí (fee)"};
const phrase in_effort{"applicant_hours", "giờ của người nộp (applicant_hours)"};
const phrase in_unit_costs{"unit_costs", "đơn giá giấy tờ (unit_costs)"};

// Reads one unit's tree into model values, reporting every problem found.
class reader : public tree_reader {
 public:
  using tree_reader::tree_reader;

  // ---- composite values -------------------------------------------------

  std::optional<duration> duration_days(std::uint32_t n) {
    constexpr std::string_view key = "duration_days";
    if (t_[n].kind == node_kind::scalar) {
      if (auto v = number(n, key)) return duration::exactly(*v);
      return std::nullopt;
    }
    if (t_[n].kind != node_kind::sequence || t_[n].size != 3) {
      wrong_type(n, key, {"a number of days or [min, likely, max]",
                          "một số ngày hoặc [ít nhất, thường gặp, nhiều nhất]"});
      return std::nullopt;
    }
    std::uint32_t a = t_[n].first, b = t_[a].next, c = t_[b].next;
    auto lo = number(a, key), mid = number(b, key), hi = number(c, key);
    if (!lo || !mid || !hi) return std::nullopt;
    if (!(*lo <= *mid && *mid <= *hi)) {
      diags_.error("bad-range", loc(n),
                   fmt::format("`{}: [min, likely, max]` needs min ≤ likely ≤ max, found [{}, {}, {}]",
                               key, *lo, *mid, *hi),
                   fmt::format("`{}: [ít nhất, thường gặp, nhiều nhất]` cần ít nhất ≤ thường gặp ≤ "
                               "nhiều nhất, nhưng gặp [{}, {}, {}]",
                               key, *lo, *mid, *hi));
      return std::nullopt;
    }
    return duration{*lo, *mid, *hi};
  }

  applicant_effort effort(std::uint32_t n) {
    applicant_effort out;
    if (t_[n].kind == node_kind::mapping) {
      fields(n, in_effort, effort_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
        if (auto h = number(v, k)) {
          out.breakdown.emplace(std::string(k), *h);
          out.hours += *h;
        }
      });
    } else if (auto h = number(n, "applicant_hours")) {
      out.hours = *h;
    }
    return out;
  }

  std::optional<fee> read_fee(std::uint32_t n) {
    fee out;
    out.location = loc(n);
    if (t_[n].kind == node_kind::mapping) {
      fields(n, in_fee, fee_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
        if (k == "amount") out.amount = number(v, "fee.amount");
        else if (k == "currency") out.currency = text(v, k);
        else out.text = text(v, k);
      });
      return out;
    }
    if (t_[n].kind == node_kind::scalar && !looks_numeric(t_.text(n))) {
      diags_.error("wrong-type", loc(n),
                   fmt::format("expected a number for `fee`, found {}; write `fee: {{text: …}}` for "
                               "a fee given only in words",
                               util::quote(t_.text(n))),
                   fmt::format("`fee` cần một số, nhưng gặp {}; nếu phí chỉ có bằng lời, viết "
                               "`fee: {{text: …}}`",
                               util::quote(t_.text(n))));
      return std::nullopt;
    }
    out.amount = number(n, "fee");
    if (!out.amount) return std::nullopt;
    return out;
  }

  static bool looks_numeric(std::string_view s) {
    return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' ||
                          s[0] == '+' || s[0] == '.');
  }

  /// One document reference: an id-like scalar is a ref, any other scalar an
  /// inline name, a mapping `{ref: …}` or `{name: …, form: …}`.
  std::optional<document_demand> demand(std::uint32_t c, std::string_view key) {
    document_demand d;
    d.location = loc(c);
    if (t_[c].kind == node_kind::scalar) {
      std::string_view s = t_.text(c);
      if (s.empty()) {
        diags_.error("missing-key", loc(c), fmt::format("`{}` names no document", key),
                     fmt::format("`{}` không nêu giấy tờ nào", key));
        return std::nullopt;
      }
      (is_identifier(s) ? d.ref : d.name) = s;
      if (!d.name.empty()) d.named_form = form_in_name(d.name);
      return d;
    }
    if (!expect(c, node_kind::mapping, key)) return std::nullopt;
    fields(c, in_demand, demand_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
      if (k == "ref") {
        if (auto id = identifier(v, k)) d.ref = *id;
      } else if (k == "name") {
        d.name = text(v, k);
      } else if (k == "form") {
        d.form = choice<document_form>(v, k, document_form_names, parse_document_form);
      } else if (k == "copies") {
        if (auto c2 = count(v, k, 0)) d.copies = *c2;  // 0: shown, not handed in
      } else if (k == "issued_by") {
        if (auto id = identifier(v, k)) d.issued_by = *id;
      } else {
        d.note = text(v, k);
      }
    });
    // The name may say the form ("Bản sao có chứng thực …"); `form:` wins.
    if (!d.name.empty()) d.named_form = form_in_name(d.name);
    if (d.ref.empty() && d.name.empty()) {
      diags_.error("missing-key", loc(c), "a document demand needs `ref` or `name`",
                   "giấy tờ yêu cầu cần có `ref` hoặc `name`");
      return std::nullopt;
    }
    return d;
  }

  std::vector<document_demand> demands(std::uint32_t n, std::string_view key) {
    std::vector<document_demand> out;
    if (t_[n].kind == node_kind::null) return out;
    if (!expect(n, node_kind::sequence, key)) return out;
    for (std::uint32_t c = t_[n].first; c != no_node; c = t_[c].next)
      if (auto d = demand(c, key)) out.push_back(std::move(*d));
    return out;
  }

  /// `result:` is one document reference or a list of them, and names at
  /// least one document.
  std::vector<document_demand> results(std::uint32_t n, std::string_view key) {
    std::vector<document_demand> out;
    if (t_[n].kind == node_kind::sequence) {
      out = demands(n, key);
      if (t_[n].first == no_node)
        diags_.error("missing-key", loc(n), "`result` names no document; leave it out when the result is unknown",
                     "`result` không nêu giấy tờ nào; bỏ trống khi chưa rõ kết quả");
    } else if (t_[n].kind == node_kind::null) {
      diags_.error("missing-key", loc(n), "`result` names no document; leave it out when the result is unknown",
                   "`result` không nêu giấy tờ nào; bỏ trống khi chưa rõ kết quả");
    } else if (auto d = demand(n, key)) {
      out.push_back(std::move(*d));
    }
    return out;
  }

  void costs(std::uint32_t n, cost_model_patch& out) {
    out.location = loc(n);
    if (!expect(n, node_kind::mapping, "cost_model")) return;
    fields(n, in_costs, cost_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
      if (k == "currency") out.currency = text(v, k);
      else if (k == "hourly_value") out.hourly_value = number(v, k);
      else if (k == "visit_cost") out.visit_cost = number(v, k);
      else if (k == "min_step_days") out.min_step_days = number(v, k);
      else if (k == "min_step_days_online") out.min_step_days_online = number(v, k);
      else if (k == "working_hours_per_day") {
        out.working_hours_per_day = number(v, k);
        if (out.working_hours_per_day && (*out.working_hours_per_day <= 0 || *out.working_hours_per_day > 24)) {
          diags_.error("bad-value", loc(v), "`working_hours_per_day` must be more than 0 and at most 24",
                       "`working_hours_per_day` phải lớn hơn 0 và không quá 24");
          out.working_hours_per_day.reset();
        }
      } else if (k == "unit_costs") {
        if (!expect(v, node_kind::mapping, k)) return;
        fields(v, in_unit_costs, document_form_names,
               [&](std::string_view form, std::uint32_t, std::uint32_t u) {
                 auto f = parse_document_form(form);
                 out.unit_costs[static_cast<std::size_t>(*f)] = number(u, form);
               });
      }
    });
  }

  step read_step(std::uint32_t n) {
    step s;
    s.location = loc(n);
    fields(n, in_step, step_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
      if (k == "id") {
        if (auto id = identifier(v, k)) s.id = *id;
      } else if (k == "name") s.name = name(v, k);
      else if (k == "actor") s.actor = text(v, k);
      else if (k == "action") s.action = text(v, k);
      else if (k == "after") {
        s.after_given = true;
        s.after = text_list(v, k);
        if (t_[v].kind == node_kind::sequence)
          for (std::uint32_t c = t_[v].first; c != no_node; c = t_[c].next)
            s.after_locations.push_back(loc(c));
        else
          s.after_locations.push_back(loc(v));
      } else if (k == "duration_days") s.duration_days = duration_days(v);
      else if (k == "applicant_hours") s.applicant_hours = effort(v);
      else if (k == "fee") s.fee = read_fee(v);
      else if (k == "channel") s.channel = choice<channel>(v, k, channel_names, parse_channel).value_or(channel::unspecified);
      else if (k == "location") s.location_kind = text(v, k);
      else if (k == "requires") s.requires_docs = demands(v, k);
      else if (k == "produces") s.produces_docs = demands(v, k);
      else if (k == "legal_basis") s.legal_basis = text_list(v, k);
      else if (k == "note") s.note = text(v, k);
    });
    if (s.id.empty()) missing(n, "id", in_step);
    if (s.actor.empty()) missing(n, "actor", in_step);
    return s;
  }

  std::optional<procedure> read_procedure(std::uint32_t n) {
    if (!expect(n, node_kind::mapping, "procedure")) return std::nullopt;
    procedure p;
    p.location = loc(n);
    std::uint32_t steps_node = no_node;
    fields(n, in_procedure, procedure_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
      if (k == "id") {
        if (auto id = identifier(v, k)) p.id = *id;
      } else if (k == "name") p.name = name(v, k);
      else if (k == "sector") p.sector = text(v, k);
      else if (k == "level") p.level = text(v, k);
      else if (k == "agency") p.agency = text(v, k);
      else if (k == "applicant") p.applicant = choice<applicant_kind>(v, k, applicant_kind_names, parse_applicant_kind).value_or(applicant_kind::any);
      else if (k == "volume_per_year") p.volume_per_year = number(v, k).value_or(0);
      else if (k == "legal_basis") p.legal_basis = text_list(v, k);
      else if (k == "result") p.results = results(v, k);
      else if (k == "source_url") p.source_url = text(v, k);
      else if (k == "note") p.note = text(v, k);
      else if (k == "cost_model") costs(v, p.cost_overrides);
      else if (k == "steps") steps_node = v;
    });
    if (p.id.empty()) missing(n, "id", in_procedure);
    if (steps_node == no_node) {
      missing(n, "steps", in_procedure);
    } else if (expect(steps_node, node_kind::sequence, "steps")) {
      for (std::uint32_t c = t_[steps_node].first; c != no_node; c = t_[c].next) {
        if (!expect(c, node_kind::mapping, "steps")) continue;
        p.steps.push_back(read_step(c));
      }
      if (p.steps.empty())
        diags_.error("no-steps", loc(steps_node), "a procedure needs at least one step",
                     "thủ tục cần có ít nhất một bước");
    }
    // `after` absent means "after the previous step in the list".
    for (std::size_t i = 1; i < p.steps.size(); ++i)
      if (!p.steps[i].after_given && !p.steps[i - 1].id.empty())
        p.steps[i].after.push_back(p.steps[i - 1].id);
    return p;
  }

  std::optional<document> read_document(std::uint32_t n) {
    if (!expect(n, node_kind::mapping, "documents")) return std::nullopt;
    document d;
    d.location = loc(n);
    fields(n, in_document, document_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
      if (k == "id") {
        if (auto id = identifier(v, k)) d.id = *id;
      } else if (k == "name") d.name = name(v, k);
      else if (k == "aliases") d.aliases = text_list(v, k);
      else if (k == "issued_by") d.issued_by = text(v, k);
      else if (k == "held_in") d.held_in = text(v, k);
    });
    if (d.id.empty()) {
      missing(n, "id", in_document);
      return std::nullopt;
    }
    return d;
  }

  std::optional<agency> read_agency(std::uint32_t n) {
    if (!expect(n, node_kind::mapping, "agencies")) return std::nullopt;
    agency a;
    a.location = loc(n);
    fields(n, in_agency, agency_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
      if (k == "id") {
        if (auto id = identifier(v, k)) a.id = *id;
      } else if (k == "name") a.name = name(v, k);
      else if (k == "kind") a.kind = choice<agency_kind>(v, k, agency_kind_names, parse_agency_kind).value_or(agency_kind::government);
      else if (k == "level") a.level = text(v, k);
    });
    if (a.id.empty()) {
      missing(n, "id", in_agency);
      return std::nullopt;
    }
    return a;
  }

};

}  // namespace

void model_builder::on_document_start(mark at) {
  document_at_ = at;
  version_seen_ = false;
  content_seen_ = false;
  ++documents_;
}

void model_builder::on_document_end() {
  if (content_seen_ && !version_seen_) {
    source_location at{file_, document_at_.line ? document_at_.line : 1, 1};
    diags_.error("missing-version", at,
                 "missing `redtape: 1` at the top of the file (the format version)",
                 "thiếu `redtape: 1` ở đầu tệp (phiên bản định dạng)");
  }
}

void model_builder::on_bad_root(const tree& t, std::uint32_t root) {
  if (t[root].kind == node_kind::null) return;  // an empty document
  content_seen_ = true;
  version_seen_ = true;  // one error is enough
  reader r(t, file_, diags_);
  phrase k = kind_name(t[root].kind);
  diags_.error("bad-root", r.loc(root),
               fmt::format("the top of a redtape file must be a mapping (`redtape: 1`, "
                           "`procedure: …`), found {}",
                           r.found(root, false)),
               fmt::format("phần đầu tệp redtape phải là một ánh xạ (`redtape: 1`, `procedure: …`), "
                           "nhưng gặp {}",
                           k.vi));
}

void model_builder::on_bad_key(mark at) {
  content_seen_ = true;
  diags_.error("bad-key", {file_, at.line, at.column}, "a top-level key must be a plain word",
               "khóa ở cấp cao nhất phải là một từ");
}

void model_builder::on_value(std::string_view key, mark key_at, const tree& t, std::uint32_t value) {
  if (key.empty()) return;  // a bad key, already reported
  content_seen_ = true;
  reader r(t, file_, diags_);
  source_location key_loc = r.loc(key_at);
  if (key == "redtape") {
    version_seen_ = true;
    if (t[value].kind != node_kind::scalar || t.text(value) != "1") {
      diags_.error("bad-version", r.loc(value),
                   fmt::format("unsupported format version {}; this redtape reads `redtape: 1`",
                               r.found(value, false)),
                   fmt::format("phiên bản định dạng {} không được hỗ trợ; redtape này đọc `redtape: 1`",
                               r.found(value, true)));
    }
  } else if (key == "procedure") {
    if (auto p = r.read_procedure(value)) out_.procedures.push_back(std::move(*p));
  } else if (key == "cost_model") {
    cost_model_patch patch;
    r.costs(value, patch);
    if (out_.has_costs) {
      diags_.error("duplicate-key", key_loc, "`cost_model` appears twice in this file",
                   "`cost_model` xuất hiện hai lần trong tệp này");
    }
    out_.costs = patch;
    out_.has_costs = true;
  } else if (key == "procedures" || key == "documents" || key == "agencies") {
    if (t[value].kind != node_kind::null) r.wrong_type(value, key, {"a list", "một danh sách"});
  } else if (std::find(std::begin(top_keys), std::end(top_keys), key) == std::end(top_keys) &&
             !key.starts_with("x-") && !key.starts_with("x_")) {
    auto guess = util::closest(key, std::span<const std::string_view>(top_keys));
    diags_.error("unknown-key", key_loc,
                 guess ? fmt::format("unknown top-level key `{}`; did you mean `{}`?", key, *guess)
                       : fmt::format("unknown top-level key `{}` (expected one of: {})", key,
                                     fmt::join(top_keys, ", ")),
                 guess ? fmt::format("khóa cấp cao nhất `{}` không hợp lệ; có phải là `{}`?", key, *guess)
                       : fmt::format("khóa cấp cao nhất `{}` không hợp lệ (các khóa hợp lệ: {})", key,
                                     fmt::join(top_keys, ", ")));
  }
}

void model_builder::on_item(std::string_view key, mark key_at, std::size_t index, const tree& t,
                            std::uint32_t item) {
  if (key.empty()) return;
  content_seen_ = true;
  reader r(t, file_, diags_);
  if (key == "procedures") {
    if (auto p = r.read_procedure(item)) out_.procedures.push_back(std::move(*p));
  } else if (key == "documents") {
    if (auto d = r.read_document(item)) out_.documents.push_back(std::move(*d));
  } else if (key == "agencies") {
    if (auto a = r.read_agency(item)) out_.agencies.push_back(std::move(*a));
  } else if (index == 0) {
    // A list where a single value belongs, or an unknown key: report once.
    if (key == "redtape") version_seen_ = true;
    if (key == "redtape" || key == "procedure" || key == "cost_model") {
      diags_.error("wrong-type", r.loc(key_at),
                   fmt::format("`{}` takes {}, not a list", key,
                               key == "redtape" ? "the number 1" : "a mapping"),
                   fmt::format("`{}` cần {}, không phải một danh sách", key,
                               key == "redtape" ? "số 1" : "một ánh xạ"));
    } else {
      on_value(key, key_at, t, item);
    }
  }
}

}  // namespace redtape::loader
