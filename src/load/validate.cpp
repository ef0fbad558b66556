#include "load/validate.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "redtape/load.hpp"
#include "util/text.hpp"

namespace redtape::loader {

namespace {

bool bad_number(double v) { return !std::isfinite(v) || v < 0; }

void check_number(double v, std::string_view what, const source_location& at,
                  diagnostics_list& diags) {
  if (!bad_number(v)) return;
  diags.error(std::isfinite(v) ? "negative-number" : "not-finite", at,
              fmt::format("`{}` must be a finite, non-negative number, found {}", what, v),
              fmt::format("`{}` phải là số hữu hạn, không âm, nhưng gặp {}", what, v));
}

void check_numbers(const procedure& p, diagnostics_list& diags) {
  check_number(p.volume_per_year, "volume_per_year", p.location, diags);
  for (const auto& s : p.steps) {
    if (s.duration_days) {
      const auto& d = *s.duration_days;
      check_number(d.min, "duration_days", s.location, diags);
      check_number(d.likely, "duration_days", s.location, diags);
      check_number(d.max, "duration_days", s.location, diags);
      if (!(d.min <= d.likely && d.likely <= d.max))
        diags.error("bad-range", s.location, "`duration_days` needs min ≤ likely ≤ max",
                    "`duration_days` cần ít nhất ≤ thường gặp ≤ nhiều nhất");
    }
    check_number(s.applicant_hours.hours, "applicant_hours", s.location, diags);
    if (s.fee && s.fee->amount) check_number(*s.fee->amount, "fee", s.fee->location, diags);
  }
}

// Report one cycle of the step graph, if there is one, naming its steps.
void check_cycles(const procedure& p, const std::vector<std::vector<std::size_t>>& successors,
                  diagnostics_list& diags) {
  const std::size_t n = p.steps.size();
  enum : std::uint8_t { white, grey, black };
  std::vector<std::uint8_t> colour(n, white);
  std::vector<std::size_t> parent(n, n);
  for (std::size_t root = 0; root < n; ++root) {
    if (colour[root] != white) continue;
    // Iterative DFS: (node, next successor to visit).
    std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
    colour[root] = grey;
    while (!stack.empty()) {
      auto& [u, i] = stack.back();
      if (i == successors[u].size()) {
        colour[u] = black;
        stack.pop_back();
        continue;
      }
      std::size_t v = successors[u][i++];
      if (colour[v] == white) {
        colour[v] = grey;
        parent[v] = u;
        stack.emplace_back(v, 0);
      } else if (colour[v] == grey) {
        // u → v closes a cycle v → … → u → v.
        std::vector<std::size_t> cycle{u};
        for (std::size_t w = u; w != v; w = parent[w]) cycle.push_back(parent[w]);
        std::reverse(cycle.begin(), cycle.end());
        std::string path;
        for (std::size_t w : cycle) path += p.steps[w].id + " → ";
        path += p.steps[v].id;
        std::size_t first = *std::min_element(cycle.begin(), cycle.end());
        diags.error("cycle", p.steps[first].location,
                    fmt::format("the steps of procedure {} form a cycle: {} (each step must come "
                                "after earlier ones only)",
                                p.id, path),
                    fmt::format("các bước của thủ tục {} tạo thành vòng lặp: {} (mỗi bước chỉ được "
                                "đi sau các bước trước nó)",
                                p.id, path));
        return;
      }
    }
  }
}

}  // namespace

void check_procedure(const procedure& p, diagnostics_list& diags) {
  check_numbers(p, diags);
  std::map<std::string_view, std::size_t> index;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    const step& s = p.steps[i];
    if (s.id.empty()) continue;
    auto [it, fresh] = index.emplace(s.id, i);
    if (!fresh) {
      const auto& first = p.steps[it->second].location;
      diags.error("duplicate-step", s.location,
                  fmt::format("step id `{}` is used twice in procedure {} (first at line {})", s.id,
                              p.id, first.line),
                  fmt::format("mã bước `{}` bị dùng hai lần trong thủ tục {} (lần đầu ở dòng {})",
                              s.id, p.id, first.line));
    } else {
      ids.push_back(s.id);
    }
  }
  std::vector<std::vector<std::size_t>> successors(p.steps.size());
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    const step& s = p.steps[i];
    for (std::size_t j = 0; j < s.after.size(); ++j) {
      const std::string& pred = s.after[j];
      source_location at = j < s.after_locations.size() ? s.after_locations[j] : s.location;
      auto it = index.find(pred);
      if (it == index.end()) {
        auto guess = util::closest(pred, std::span<const std::string>(ids));
        diags.error("unknown-step", at,
                    guess ? fmt::format("`after` names no step `{}` in procedure {}; did you mean `{}`?",
                                        pred, p.id, *guess)
                          : fmt::format("`after` names no step `{}` in procedure {}", pred, p.id),
                    guess ? fmt::format("`after` chỉ tới bước `{}` không có trong thủ tục {}; có phải "
                                        "là `{}`?",
                                        pred, p.id, *guess)
                          : fmt::format("`after` chỉ tới bước `{}` không có trong thủ tục {}", pred,
                                        p.id));
        continue;
      }
      if (std::find(s.after.begin(), s.after.begin() + static_cast<std::ptrdiff_t>(j), pred) !=
          s.after.begin() + static_cast<std::ptrdiff_t>(j)) {
        diags.warning("duplicate-after", at,
                      fmt::format("step `{}` lists `{}` twice in `after`", s.id, pred),
                      fmt::format("bước `{}` liệt kê `{}` hai lần trong `after`", s.id, pred));
        continue;
      }
      successors[it->second].push_back(i);
    }
  }
  check_cycles(p, successors, diags);
}

namespace {
template <class Items>
void check_unique(const Items& items, const catalog& c, std::string_view code, phrase what,
                  diagnostics_list& diags) {
  std::map<std::string_view, const source_location*> first;
  for (const auto& item : items) {
    if (item.id.empty()) continue;
    auto [it, fresh] = first.emplace(item.id, &item.location);
    if (fresh) continue;
    diags.error(std::string(code), item.location,
                fmt::format("{} id `{}` is used twice (first at {})", what.en, item.id,
                            c.where(*it->second)),
                fmt::format("mã {} `{}` bị dùng hai lần (lần đầu ở {})", what.vi, item.id,
                            c.where(*it->second)));
  }
}
}  // namespace

void check_catalog(const catalog& c, diagnostics_list& diags) {
  check_unique(c.procedures, c, "duplicate-procedure", {"procedure", "thủ tục"}, diags);
  check_unique(c.documents, c, "duplicate-document", {"document", "giấy tờ"}, diags);
  check_unique(c.agencies, c, "duplicate-agency", {"agency", "cơ quan"}, diags);
  std::vector<std::string> doc_ids;
  for (const auto& d : c.documents) doc_ids.push_back(d.id);
  auto check_ref = [&](const document_demand& d) {
    if (d.ref.empty() || c.find_document(d.ref)) return;
    auto guess = util::closest(d.ref, std::span<const std::string>(doc_ids));
    std::string hint_en = guess ? fmt::format("; did you mean `{}`?", *guess)
                          : doc_ids.empty() ? std::string("; no registry was loaded (a file with `documents:`)")
                                            : std::string();
    std::string hint_vi = guess ? fmt::format("; có phải là `{}`?", *guess)
                          : doc_ids.empty() ? std::string("; chưa nạp danh mục giấy tờ (tệp có `documents:`)")
                                            : std::string();
    diags.error("unknown-ref", d.location,
                fmt::format("`ref: {}` names no document in the registry{}", d.ref, hint_en),
                fmt::format("`ref: {}` không có trong danh mục giấy tờ{}", d.ref, hint_vi));
  };
  std::vector<std::string> agency_ids;
  for (const auto& a : c.agencies) agency_ids.push_back(a.id);
  // `issued_by` on a demand names an agency of the registry, or the applicant.
  auto check_issuer = [&](const document_demand& d) {
    if (d.issued_by.empty() || d.issued_by == applicant_actor || c.find_agency(d.issued_by)) return;
    auto guess = util::closest(d.issued_by, std::span<const std::string>(agency_ids));
    diags.error("unknown-agency", d.location,
                fmt::format("`issued_by: {}` names no agency in the registry (nor `applicant`){}", d.issued_by,
                            guess ? fmt::format("; did you mean `{}`?", *guess) : std::string()),
                fmt::format("`issued_by: {}` không có trong danh mục cơ quan (cũng không phải `applicant`){}",
                            d.issued_by, guess ? fmt::format("; có phải là `{}`?", *guess) : std::string()));
  };
  for (const auto& p : c.procedures) {
    for (const auto& d : p.results) check_ref(d), check_issuer(d);
    for (const auto& s : p.steps) {
      for (const auto& d : s.requires_docs) check_ref(d), check_issuer(d);
      for (const auto& d : s.produces_docs) check_ref(d), check_issuer(d);
    }
  }
}

}  // namespace redtape::loader

namespace redtape {

std::vector<diagnostic> validate(const catalog& c) {
  loader::diagnostics_list diags(c.files, static_cast<std::size_t>(-1));
  for (const auto& p : c.procedures) loader::check_procedure(p, diags);
  loader::check_catalog(c, diags);
  return diags.take();
}

}  // namespace redtape
