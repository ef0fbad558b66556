#include "redtape/audit.hpp"

#include <algorithm>
#include <iterator>
#include <optional>

#include <fmt/format.h>

#include "redtape/documents.hpp"
#include "redtape/savings.hpp"
#include "util/parallel.hpp"

namespace redtape {

namespace {

struct procedure_output {
  procedure_result result;
  std::vector<finding> findings;
  std::vector<suppressed_case> suppressed;
  std::vector<diagnostic> problems;
};

diagnostic problem(const catalog& c, const source_location& at, std::string_view rule,
                   std::string_view what) {
  diagnostic d;
  d.code = "rule-failed";
  d.file = c.file_of(at);
  d.line = at.line;
  d.column = at.column;
  d.message = rule.empty() ? fmt::format("could not audit this procedure: {}", what)
                           : fmt::format("rule {} failed on this procedure: {}", rule, what);
  d.message_vi = rule.empty() ? fmt::format("không kiểm tra được thủ tục này: {}", what)
                              : fmt::format("quy tắc {} gặp lỗi trên thủ tục này: {}", rule, what);
  return d;
}

/// A finding whose change saves nothing on any axis follows its rule's
/// zero_saving policy: a note that says so, left out, or kept as it is.
/// Whether to keep it.
bool weigh_saving(finding& f, const rule_info& info) {
  if (!meant_to_save(f.suggestion.kind) || !saves_nothing(f.saving)) return true;
  switch (info.zero_saving) {
    case zero_saving_policy::drop: return false;
    case zero_saving_policy::keep: return true;
    case zero_saving_policy::note: break;
  }
  if (f.severity > severity::note) {
    f.severity = severity::note;
    f.downgraded = "no_saving";
    f.message.vi += " Thay đổi này không tiết kiệm được gì đo được (ngày, giờ, lượt đi lại, giấy tờ, bản sao, chi phí): chỉ là lưu ý.";
    f.message.en += " This change saves nothing measurable (days, hours, visits, documents, copies, cost): a note only.";
  }
  return true;
}

procedure_output audit_one(const catalog& c, const procedure& p, const rule_set& rules,
                           const document_index& documents, const audit_options& options) {
  procedure_output out;
  procedure_result& r = out.result;
  r.id = p.id;
  r.name = p.name;
  r.location = p.location;
  r.file = c.file_of(p.location);
  r.volume_per_year = p.volume_per_year;
  cost_model costs = c.cost_model_for(p);
  options.costs.apply_to(costs);
  r.currency = costs.currency;
  try {
    r.metrics = compute_metrics(p, costs);
  } catch (const std::exception& e) {
    out.problems.push_back(problem(c, p.location, "", e.what()));
    return out;
  }
  // One context for every rule: the graph and the document identities are
  // worked out once per procedure.
  std::optional<rule_context> ctx;
  for (const auto& e : rules.entries()) {
    if (!e.info.enabled || e.info.catalog_level || !e.impl) continue;
    try {
      if (!ctx) ctx.emplace(c, p, costs, documents, e.info);
      ctx->reset(e.info);
      e.impl->check(*ctx);
      for (auto& f : ctx->findings()) {
        try {
          f.saving = marginal_saving(p, costs, r.metrics, f.suggestion);
        } catch (const error&) {
          f.saving = {};  // a change that cannot be applied (steps whose fees do not add up) saves nothing
        }
        if (weigh_saving(f, e.info)) out.findings.push_back(std::move(f));
      }
      std::move(ctx->suppressed().begin(), ctx->suppressed().end(), std::back_inserter(out.suppressed));
    } catch (const std::exception& ex) {
      // A rule that fails is reported; the audit goes on.
      out.problems.push_back(problem(c, p.location, e.info.id, ex.what()));
    }
  }
  std::stable_sort(out.findings.begin(), out.findings.end(), [](const finding& a, const finding& b) {
    return std::tie(a.location.line, a.location.column, a.rule) <
           std::tie(b.location.line, b.location.column, b.rule);
  });
  try {
    simplification s = simplify(p, costs, out.findings);
    r.simplified = s.after;
    r.saving = s.total;
    r.applied = s.applied;  // local indexes, made global by audit()
    r.elapsed_before = elapsed_quantiles(p, costs, options.uncertainty);
    r.elapsed_after = s.applied.empty() ? r.elapsed_before
                                        : elapsed_quantiles(s.simplified, costs, options.uncertainty);
  } catch (const std::exception& e) {
    out.problems.push_back(problem(c, p.location, "", e.what()));
    r.simplified = r.metrics;
  }
  return out;
}

/// A copy of `c` whose inline names' forms are read again with `names`,
/// when `names` reads forms with other words than the built-in lexicon the
/// loader used (audit_options::lexicon); else nothing.
std::optional<catalog> forms_read_with(const catalog& c, const name_rules& names) {
  const name_rules& builtin = name_rules::defaults();
  if (names.certified_copy_words == builtin.certified_copy_words && names.copy_words == builtin.copy_words)
    return std::nullopt;
  std::optional<catalog> out(c);
  read_named_forms(*out, names);
  return out;
}

}  // namespace

audit_report audit(const catalog& loaded, const rule_set& rules, const audit_options& options) {
  // Document identity, and the forms inline names say, with the run's
  // lexicon (the built-in one unless the options give another).
  const auto lexicon = options.lexicon ? options.lexicon : lexicon::builtin();
  const std::optional<catalog> reread = forms_read_with(loaded, lexicon->names());
  const catalog& c = reread ? *reread : loaded;
  document_index documents(c, lexicon);
  std::vector<const procedure*> chosen;
  for (const auto& p : c.procedures)
    if (options.only.empty() || std::find(options.only.begin(), options.only.end(), p.id) != options.only.end())
      chosen.push_back(&p);
  std::vector<procedure_output> outputs(chosen.size());
  util::parallel_for(outputs.size(), options.jobs,
                     [&](std::size_t i) { outputs[i] = audit_one(c, *chosen[i], rules, documents, options); });

  audit_report report;
  audit_totals& t = report.totals;
  double volume = 0, days_saved = 0, elapsed = 0;
  std::size_t counted = 0;
  for (auto& o : outputs) {
    std::size_t first = report.findings.size();
    for (auto& f : o.findings) {
      o.result.findings.push_back(report.findings.size());
      report.findings.push_back(std::move(f));
    }
    for (auto& a : o.result.applied) a += first;
    std::move(o.problems.begin(), o.problems.end(), std::back_inserter(report.problems));
    std::move(o.suppressed.begin(), o.suppressed.end(), std::back_inserter(report.suppressed));
    const procedure_result& r = o.result;
    t.cost_per_year += r.metrics.cost_per_year;
    t.cost_per_year_after += r.simplified.cost_per_year;
    t.saving_per_year += r.saving.cost_per_year;
    volume += r.volume_per_year;
    days_saved += r.saving.days * r.volume_per_year;
    elapsed += r.metrics.elapsed_days * r.volume_per_year;
    report.procedures.push_back(std::move(o.result));
    ++counted;
  }
  if (volume == 0) {  // no volume known anywhere: a plain mean
    for (const auto& r : report.procedures) {
      days_saved += r.saving.days;
      elapsed += r.metrics.elapsed_days;
    }
    volume = static_cast<double>(counted);
  }
  if (volume > 0) {
    t.days_saved_weighted = days_saved / volume;
    t.elapsed_days_weighted = elapsed / volume;
  }
  if (t.cost_per_year > 0) t.cost_reduction_percent = 100 * t.saving_per_year / t.cost_per_year;
  if (elapsed > 0) t.time_reduction_percent = 100 * days_saved / elapsed;
  for (const auto& e : rules.entries()) {
    if (!e.info.enabled || !e.info.catalog_level || !e.impl || !options.only.empty()) continue;
    try {
      catalog_context ctx(c, documents, e.info, &rules);
      e.impl->check_catalog(ctx);
      std::move(ctx.findings().begin(), ctx.findings().end(), std::back_inserter(report.findings));
    } catch (const std::exception& ex) {
      diagnostic d;
      d.code = "rule-failed";
      d.file = "catalog";
      d.message = fmt::format("rule {} failed: {}", e.info.id, ex.what());
      d.message_vi = fmt::format("quy tắc {} gặp lỗi: {}", e.info.id, ex.what());
      report.problems.push_back(std::move(d));
    }
  }
  report.totals.procedures = report.procedures.size();
  report.totals.findings = report.findings.size();
  for (const auto& f : report.findings) ++report.totals.by_severity[static_cast<std::size_t>(f.severity)];
  return report;
}

}  // namespace redtape
