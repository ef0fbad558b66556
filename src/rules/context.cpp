#include <algorithm>

#include <fmt/format.h>

#include "analysis/step_graph.hpp"
#include "redtape/rules.hpp"

namespace redtape {

struct rule_context::graph {
  analysis::step_graph steps;
  std::vector<std::vector<document_identity>> required;
  std::vector<std::vector<document_identity>> produced;
};

rule_context::rule_context(const redtape::catalog& c, const redtape::procedure& p,
                           const cost_model& costs, const document_index& documents,
                           const rule_info& info)
    : catalog_(c), procedure_(p), costs_(costs), documents_(documents), info_(&info) {
  graph_ = std::make_unique<graph>(graph{analysis::step_graph(p), {}, {}});
  graph_->required.resize(p.steps.size());
  graph_->produced.resize(p.steps.size());
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    for (const auto& d : p.steps[i].requires_docs) graph_->required[i].push_back(documents.resolve(d));
    for (const auto& d : p.steps[i].produces_docs) graph_->produced[i].push_back(documents.resolve(d));
  }
}

rule_context::~rule_context() = default;

void rule_context::reset(const rule_info& info) {
  info_ = &info;
  findings_.clear();
  suppressed_.clear();
}

std::span<const document_identity> rule_context::required(std::uint32_t step) const {
  return graph_->required.at(step);
}
std::span<const document_identity> rule_context::produced(std::uint32_t step) const {
  return graph_->produced.at(step);
}

std::span<const std::uint32_t> rule_context::predecessors(std::uint32_t step) const {
  return graph_->steps.predecessors(step);
}
std::span<const std::uint32_t> rule_context::successors(std::uint32_t step) const {
  return graph_->steps.successors(step);
}
std::span<const std::uint32_t> rule_context::order() const { return graph_->steps.order(); }
bool rule_context::reaches(std::uint32_t from, std::uint32_t to) const {
  return graph_->steps.reaches(from, to);
}
std::vector<std::pair<std::uint32_t, std::uint32_t>> rule_context::implied_links() const {
  return graph_->steps.implied_links();
}
const document_identity& rule_context::required(std::uint32_t step, std::uint32_t index) const {
  return graph_->required.at(step).at(index);
}
const document_identity& rule_context::produced(std::uint32_t step, std::uint32_t index) const {
  return graph_->produced.at(step).at(index);
}

namespace {

std::string joined(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

localized_text step_label(const procedure& p, std::string_view id) {
  auto i = p.find_step(id);
  if (i < 0) return {std::string(id), std::string(id)};
  const step& s = p.steps[static_cast<std::size_t>(i)];
  std::string vi = s.name.vi.empty() ? s.id : fmt::format("{} ({})", s.id, s.name.vi);
  std::string en = s.name.en.empty() ? vi : fmt::format("{} ({})", s.id, s.name.en);
  return {vi, en};
}

}  // namespace

std::string fill_template(std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  out.reserve(text.size() + 64);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      std::size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = text.substr(i + 1, close - i - 1);
        auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
        if (it != fields.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

void rule_context::report(redtape::suggestion s, std::vector<std::string> steps,
                          std::vector<std::string> documents, source_location where,
                          const std::vector<std::pair<std::string, localized_text>>& fields) {
  finding f;
  f.rule = info_->id;
  f.severity = info_->severity;
  f.procedure = procedure_.id;
  f.procedures = {procedure_.id};
  f.suggestion = std::move(s);
  f.location = where.known() ? where : procedure_.location;
  f.file = catalog_.file_of(f.location);
  // Standard placeholders, then the rule's own.
  std::vector<std::pair<std::string, std::string>> vi, en;
  auto both = [&](std::string name, const localized_text& value) {
    vi.emplace_back(name, value.in("vi"));
    en.emplace_back(std::move(name), value.in("en"));
  };
  both("procedure", {procedure_.id, procedure_.id});
  both("procedure_name", procedure_.name);
  if (!steps.empty()) both("step", step_label(procedure_, steps.front()));
  {
    std::vector<std::string> v, e;
    for (const auto& id : steps) {
      auto l = step_label(procedure_, id);
      v.push_back(l.vi);
      e.push_back(l.en);
    }
    both("steps", {joined(v), joined(e)});
  }
  // Documents by their registry name, in each language.
  {
    std::vector<std::string> v, e;
    for (const auto& label : documents) {
      const document* d = catalog_.find_document(label);
      v.push_back(d && !d->name.empty() ? d->name.in("vi") : label);
      e.push_back(d && !d->name.empty() ? d->name.in("en") : label);
    }
    if (!documents.empty()) both("document", {v.front(), e.front()});
    both("documents", {joined(v), joined(e)});
  }
  for (const auto& [name, value] : fields) both(name, value);
  f.message.vi = fill_template(info_->message.vi, vi);
  f.message.en = fill_template(info_->message.en, en);
  f.steps = std::move(steps);
  f.documents = std::move(documents);
  findings_.push_back(std::move(f));
}

void rule_context::suppress(std::string step, std::string document, std::string reason, localized_text why,
                            source_location where) {
  suppressed_case q;
  q.rule = info_->id;
  q.procedure = procedure_.id;
  q.step = std::move(step);
  q.document = std::move(document);
  q.reason = std::move(reason);
  q.message = std::move(why);
  q.location = where.known() ? where : procedure_.location;
  q.file = catalog_.file_of(q.location);
  suppressed_.push_back(std::move(q));
}

const rule_info* catalog_context::rule(std::string_view id) const {
  return rules_ != nullptr ? rules_->find(id) : nullptr;
}

void catalog_context::report(finding f) {
  f.rule = info_.id;
  f.severity = info_.severity;
  findings_.push_back(std::move(f));
}

}  // namespace redtape
