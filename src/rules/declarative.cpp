#include "rules/declarative.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <variant>

#include <fmt/format.h>

#include "redtape/analysis.hpp"
#include "redtape/documents.hpp"
#include "util/text.hpp"

namespace redtape {

namespace {

using loader::no_node;
using loader::node_kind;
using loader::phrase;

enum class scope : std::uint8_t { step, demand, procedure };

// A field's value: absent, a number, a truth, a text, or several texts (a
// name in two languages). Texts are compared case- and form-insensitively.
using value = std::variant<std::monostate, double, bool, std::string, std::vector<std::string>>;

struct item {
  const catalog* c = nullptr;
  const procedure* p = nullptr;
  const step* s = nullptr;
  const document_demand* d = nullptr;
  const document_identity* id = nullptr;
  const metrics* m = nullptr;
};

using getter = std::function<value(const item&)>;

value text_or_absent(const std::string& s) {
  if (s.empty()) return std::monostate{};
  return s;
}
value name_of(const localized_text& t) {
  std::vector<std::string> v;
  if (!t.vi.empty()) v.push_back(t.vi);
  if (!t.en.empty()) v.push_back(t.en);
  if (v.empty()) return std::monostate{};
  return v;
}

const std::map<std::string, getter, std::less<>>& step_fields() {
  static const std::map<std::string, getter, std::less<>> f{
      {"id", [](const item& i) -> value { return i.s->id; }},
      {"name", [](const item& i) { return name_of(i.s->name); }},
      {"actor", [](const item& i) { return text_or_absent(i.s->actor); }},
      {"action", [](const item& i) { return text_or_absent(i.s->action); }},
      {"channel", [](const item& i) -> value {
         if (i.s->channel == channel::unspecified) return std::monostate{};
         return std::string(to_string(i.s->channel));
       }},
      {"location", [](const item& i) { return text_or_absent(i.s->location_kind); }},
      {"duration_days", [](const item& i) -> value {
         if (!i.s->duration_days) return std::monostate{};
         return i.s->duration_days->likely;
       }},
      {"applicant_hours", [](const item& i) -> value { return i.s->applicant_hours.hours; }},
      {"fee", [](const item& i) -> value {
         if (!i.s->fee || !i.s->fee->amount) return std::monostate{};
         return *i.s->fee->amount;
       }},
      {"by_applicant", [](const item& i) -> value { return i.s->by_applicant(); }},
      {"requires", [](const item& i) -> value { return static_cast<double>(i.s->requires_docs.size()); }},
      {"produces", [](const item& i) -> value { return static_cast<double>(i.s->produces_docs.size()); }},
      {"actor_kind", [](const item& i) -> value {
         if (i.s->by_applicant()) return std::string("applicant");
         const agency* a = i.c->find_agency(i.s->actor);
         if (!a) return std::monostate{};
         return std::string(to_string(a->kind));
       }},
      {"note", [](const item& i) { return text_or_absent(i.s->note); }},
  };
  return f;
}

const std::map<std::string, getter, std::less<>>& demand_fields() {
  static const std::map<std::string, getter, std::less<>> f{
      {"document", [](const item& i) -> value { return i.id->label; }},
      {"name", [](const item& i) -> value {
         std::vector<std::string> v;
         if (!i.d->name.empty()) v.push_back(i.d->name);
         if (i.id->entry) {
           if (!i.id->entry->name.vi.empty()) v.push_back(i.id->entry->name.vi);
           if (!i.id->entry->name.en.empty()) v.push_back(i.id->entry->name.en);
           for (const auto& a : i.id->entry->aliases) v.push_back(a);
         }
         if (v.empty()) return std::monostate{};
         return v;
       }},
      {"ref", [](const item& i) { return text_or_absent(i.d->ref); }},
      {"form", [](const item& i) -> value { return std::string(to_string(i.d->effective_form())); }},
      {"copies", [](const item& i) -> value { return static_cast<double>(i.d->copies); }},
      {"government_has", [](const item& i) -> value { return i.id->government_has; }},
      {"issued_by", [](const item& i) -> value {
         if (!i.id->entry) return std::monostate{};
         return text_or_absent(i.id->entry->issued_by);
       }},
      {"held_in", [](const item& i) -> value {
         if (!i.id->entry) return std::monostate{};
         return text_or_absent(i.id->entry->held_in);
       }},
      {"note", [](const item& i) { return text_or_absent(i.d->note); }},
  };
  return f;
}

const std::map<std::string, getter, std::less<>>& procedure_fields() {
  static const std::map<std::string, getter, std::less<>> f{
      {"id", [](const item& i) -> value { return i.p->id; }},
      {"name", [](const item& i) { return name_of(i.p->name); }},
      {"sector", [](const item& i) { return text_or_absent(i.p->sector); }},
      {"level", [](const item& i) { return text_or_absent(i.p->level); }},
      {"agency", [](const item& i) { return text_or_absent(i.p->agency); }},
      {"applicant", [](const item& i) -> value { return std::string(to_string(i.p->applicant)); }},
      {"volume_per_year", [](const item& i) -> value { return i.p->volume_per_year; }},
      {"steps", [](const item& i) -> value { return static_cast<double>(i.p->steps.size()); }},
      {"elapsed_days", [](const item& i) -> value { return i.m->elapsed_days; }},
      {"applicant_visits", [](const item& i) -> value { return static_cast<double>(i.m->applicant_visits); }},
      {"documents", [](const item& i) -> value { return static_cast<double>(i.m->documents); }},
      {"copies", [](const item& i) -> value { return static_cast<double>(i.m->copies); }},
      {"fees", [](const item& i) -> value { return i.m->fees; }},
      {"cost_per_application", [](const item& i) -> value { return i.m->cost_per_application; }},
      {"cost_per_year", [](const item& i) -> value { return i.m->cost_per_year; }},
      {"agencies", [](const item& i) -> value { return static_cast<double>(i.m->agencies); }},
      {"handoffs", [](const item& i) -> value { return static_cast<double>(i.m->handoffs); }},
  };
  return f;
}

enum class op : std::uint8_t {
  equals, is_not, in, not_in, contains, contains_any, starts_with, gt, ge, lt, le, exists
};
constexpr std::string_view op_names[] = {"equals", "is_not",      "in", "not_in", "contains",
                                         "contains_any", "starts_with", "gt", "ge", "lt",
                                         "le",      "exists"};

struct test {
  getter get;
  bool needs_metrics = false;
  op o = op::equals;
  param_value literal;
  std::string param;  // "$name": the operand is the rule's parameter `name`
};

struct condition {
  enum class kind : std::uint8_t { all, any, negate, leaf } k = kind::all;
  std::vector<condition> children;
  test t;
};

constexpr std::size_t max_tests = 256;

// ---- evaluation ------------------------------------------------------------

std::vector<std::string> texts(const value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return {fold_text(*s)};
  if (auto* l = std::get_if<std::vector<std::string>>(&v)) {
    std::vector<std::string> out;
    for (const auto& s : *l) out.push_back(fold_text(s));
    return out;
  }
  if (auto* d = std::get_if<double>(&v)) return {fmt::format("{}", *d)};
  if (auto* b = std::get_if<bool>(&v)) return {*b ? "true" : "false"};
  return {};
}

std::vector<std::string> operand_texts(const param_value& v) {
  return std::visit([](const auto& x) { return texts(value(x)); }, v);
}

bool holds(const test& t, const item& it, const rule_info& info) {
  value v = t.get(it);
  const param_value& arg = t.param.empty() ? t.literal : info.value(t.param);
  auto any_of = [&](auto pred) {
    auto mine = texts(v);
    auto theirs = operand_texts(arg);
    for (const auto& a : mine)
      for (const auto& b : theirs)
        if (pred(a, b)) return true;
    return false;
  };
  auto compare = [&](auto cmp) {
    const double* x = std::get_if<double>(&v);
    const double* y = std::get_if<double>(&arg);
    return x && y && cmp(*x, *y);
  };
  auto equal = [](const std::string& a, const std::string& b) { return a == b; };
  switch (t.o) {
    case op::exists: return std::holds_alternative<std::monostate>(v) != std::get<bool>(arg);
    case op::equals:
    case op::in: return any_of(equal);
    case op::is_not:
    case op::not_in: return !any_of(equal);
    case op::contains:
    case op::contains_any:
      return any_of([](const std::string& a, const std::string& b) { return a.find(b) != std::string::npos; });
    case op::starts_with:
      return any_of([](const std::string& a, const std::string& b) { return a.starts_with(b); });
    case op::gt: return compare(std::greater<double>());
    case op::ge: return compare(std::greater_equal<double>());
    case op::lt: return compare(std::less<double>());
    case op::le: return compare(std::less_equal<double>());
  }
  return false;
}

bool holds(const condition& c, const item& it, const rule_info& info) {
  switch (c.k) {
    case condition::kind::leaf: return holds(c.t, it, info);
    case condition::kind::negate: return !holds(c.children.front(), it, info);
    case condition::kind::all:
      return std::all_of(c.children.begin(), c.children.end(), [&](const auto& x) { return holds(x, it, info); });
    case condition::kind::any:
      return std::any_of(c.children.begin(), c.children.end(), [&](const auto& x) { return holds(x, it, info); });
  }
  return false;
}

bool uses_metrics(const condition& c) {
  if (c.k == condition::kind::leaf) return c.t.needs_metrics;
  return std::any_of(c.children.begin(), c.children.end(), uses_metrics);
}

class declarative_rule final : public rule {
 public:
  declarative_rule(std::string id, scope s, condition c, suggestion change)
      : id_(std::move(id)), scope_(s), condition_(std::move(c)), change_(std::move(change)),
        metrics_(uses_metrics(condition_)) {}

  std::string_view id() const noexcept override { return id_; }

  void check(rule_context& ctx) const override {
    const procedure& p = ctx.procedure();
    std::optional<metrics> m;
    if (metrics_) m = compute_metrics(p, ctx.costs());
    item base{&ctx.catalog(), &p, nullptr, nullptr, nullptr, m ? &*m : nullptr};
    const rule_info& info = ctx.info();
    if (scope_ == scope::procedure) {
      if (holds(condition_, base, info)) {
        suggestion s = change_;
        ctx.report(std::move(s), {}, {}, p.location);
      }
      return;
    }
    for (std::uint32_t si = 0; si < p.steps.size(); ++si) {
      item it = base;
      it.s = &p.steps[si];
      if (scope_ == scope::step) {
        if (!holds(condition_, it, info)) continue;
        suggestion s = change_;
        s.steps = {it.s->id};
        ctx.report(std::move(s), {it.s->id}, {}, it.s->location);
        continue;
      }
      for (std::uint32_t di = 0; di < it.s->requires_docs.size(); ++di) {
        it.d = &it.s->requires_docs[di];
        it.id = &ctx.required(si, di);
        if (!holds(condition_, it, info)) continue;
        suggestion s = change_;
        s.demands = {{it.s->id, di}};
        ctx.report(std::move(s), {it.s->id}, {it.id->label}, it.d->location,
                   {{"form", {std::string(to_string(it.d->effective_form())),
                              std::string(to_string(it.d->effective_form()))}}});
      }
    }
  }

 private:
  std::string id_;
  scope scope_;
  condition condition_;
  suggestion change_;
  bool metrics_;
};

// ---- compiling -------------------------------------------------------------

const phrase in_match{"match", "điều kiện (match)"};
const phrase in_test{"field test", "phép thử trường"};
const phrase in_change{"change", "thay đổi (change)"};
constexpr std::string_view match_keys[] = {"step", "demand", "procedure"};
constexpr std::string_view change_keys[] = {"new_form", "new_location"};

class compiler {
 public:
  compiler(loader::tree_reader& r, rule_info& info, scope s) : r_(r), t_(r.nodes()), info_(info), scope_(s) {}

  std::optional<condition> compile(std::uint32_t n) {
    if (!r_.expect(n, node_kind::mapping, "match")) return std::nullopt;
    condition all;
    all.k = condition::kind::all;
    bool ok = true;
    for (std::uint32_t k = t_[n].first; k != no_node && t_[k].next != no_node; k = t_[t_[k].next].next) {
      std::uint32_t v = t_[k].next;
      if (t_[k].kind != node_kind::scalar) {
        r_.wrong_type(k, "match", {"a field name", "tên một trường"});
        ok = false;
        continue;
      }
      std::string_view key = t_.text(k);
      if (key == "all" || key == "any") {
        condition group;
        group.k = key == "all" ? condition::kind::all : condition::kind::any;
        if (!r_.expect(v, node_kind::sequence, key)) { ok = false; continue; }
        for (std::uint32_t c = t_[v].first; c != no_node; c = t_[c].next) {
          if (auto sub = compile(c)) group.children.push_back(std::move(*sub));
          else ok = false;
        }
        all.children.push_back(std::move(group));
      } else if (key == "not") {
        auto sub = compile(v);
        if (!sub) { ok = false; continue; }
        condition neg;
        neg.k = condition::kind::negate;
        neg.children.push_back(std::move(*sub));
        all.children.push_back(std::move(neg));
      } else if (!field(k, key, v, all)) {
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return all;
  }

 private:
  bool field(std::uint32_t k, std::string_view key, std::uint32_t v, condition& into) {
    auto get = resolve(k, key);
    if (!get) return false;
    if (t_[v].kind != node_kind::mapping) {  // `field: value` means equals
      return leaf(*get, op::equals, v, key, into);
    }
    bool ok = true;
    for (std::uint32_t o = t_[v].first; o != no_node && t_[o].next != no_node; o = t_[t_[o].next].next) {
      std::string_view name = t_[o].kind == node_kind::scalar ? t_.text(o) : std::string_view{};
      auto found = std::find(std::begin(op_names), std::end(op_names), name);
      if (found == std::end(op_names)) {
        r_.unknown_key(o, name, in_test, op_names);
        ok = false;
        continue;
      }
      ok &= leaf(*get, static_cast<op>(found - std::begin(op_names)), t_[o].next, name, into);
    }
    return ok;
  }

  bool leaf(const std::pair<getter, bool>& get, op o, std::uint32_t v, std::string_view key, condition& into) {
    if (++tests_ > max_tests) {
      r_.diagnostics().error("too-many-tests", r_.loc(v),
                             fmt::format("a rule's `match:` may hold at most {} tests", max_tests),
                             fmt::format("`match:` của một quy tắc chỉ được có tối đa {} phép thử", max_tests));
      return false;
    }
    condition c;
    c.k = condition::kind::leaf;
    c.t.get = get.first;
    c.t.needs_metrics = get.second;
    c.t.o = o;
    if (t_[v].kind == node_kind::scalar && t_.text(v).starts_with('$')) {
      std::string param(t_.text(v).substr(1));
      if (!info_.values.count(param)) {
        std::vector<std::string> names;
        for (const auto& [name, _] : info_.values) names.push_back(name);
        auto guess = util::closest(param, std::span<const std::string>(names));
        r_.diagnostics().error(
            "unknown-param", r_.loc(v),
            guess ? fmt::format("`${}` names no parameter of this rule; did you mean `${}`?", param, *guess)
                  : fmt::format("`${}` names no parameter of this rule (declare it under `params:`)", param),
            guess ? fmt::format("`${}` không phải tham số của quy tắc này; có phải là `${}`?", param, *guess)
                  : fmt::format("`${}` không phải tham số của quy tắc này (khai báo nó trong `params:`)", param));
        return false;
      }
      c.t.param = param;
      into.children.push_back(std::move(c));
      return true;
    }
    std::optional<param_value> literal;
    switch (o) {
      case op::exists:
        if (t_[v].kind == node_kind::scalar && (t_.text(v) == "true" || t_.text(v) == "false"))
          literal = t_.text(v) == "true";
        else
          r_.wrong_type(v, key, {"true or false", "true hoặc false"});
        break;
      case op::gt: case op::ge: case op::lt: case op::le:
        if (auto d = r_.number(v, key, true)) literal = *d;
        break;
      case op::in: case op::not_in: case op::contains_any:
        if (t_[v].kind == node_kind::sequence) literal = r_.text_list(v, key);
        else r_.wrong_type(v, key, {"a list", "một danh sách"});
        break;
      default:
        if (t_[v].kind == node_kind::scalar) literal = std::string(t_.text(v));
        else r_.wrong_type(v, key, {"a value", "một giá trị"});
    }
    if (!literal) return false;
    c.t.literal = std::move(*literal);
    into.children.push_back(std::move(c));
    return true;
  }

  // A field of the rule's scope; "step." and "procedure." reach outwards.
  std::optional<std::pair<getter, bool>> resolve(std::uint32_t k, std::string_view key) {
    struct level {
      std::string_view prefix;
      const std::map<std::string, getter, std::less<>>* fields;
      bool metrics;
    };
    std::vector<level> levels;
    if (scope_ == scope::demand) levels.push_back({"", &demand_fields(), false});
    if (scope_ == scope::step) levels.push_back({"", &step_fields(), false});
    if (scope_ == scope::demand) levels.push_back({"step.", &step_fields(), false});
    if (scope_ == scope::procedure) levels.push_back({"", &procedure_fields(), true});
    else levels.push_back({"procedure.", &procedure_fields(), true});
    std::vector<std::string> known;
    for (const auto& l : levels) {
      if (key.starts_with(l.prefix)) {
        auto it = l.fields->find(key.substr(l.prefix.size()));
        if (it != l.fields->end()) {
          static constexpr std::string_view plain[] = {"id", "name", "sector", "level", "agency",
                                                       "applicant", "volume_per_year", "steps"};
          bool metrics = l.metrics && std::find(std::begin(plain), std::end(plain), it->first) == std::end(plain);
          return std::pair{it->second, metrics};
        }
      }
      for (const auto& [name, _] : *l.fields) known.push_back(std::string(l.prefix) + name);
    }
    auto guess = util::closest(key, std::span<const std::string>(known));
    r_.diagnostics().error(
        "unknown-field", r_.loc(k),
        guess ? fmt::format("unknown field `{}`; did you mean `{}`?", key, *guess)
              : fmt::format("unknown field `{}` (fields: {})", key, fmt::join(known, ", ")),
        guess ? fmt::format("không có trường `{}`; có phải là `{}`?", key, *guess)
              : fmt::format("không có trường `{}` (các trường: {})", key, fmt::join(known, ", ")));
    return std::nullopt;
  }

  loader::tree_reader& r_;
  const loader::tree& t_;
  rule_info& info_;
  scope scope_;
  std::size_t tests_ = 0;
};

}  // namespace

std::shared_ptr<const rule> compile_declarative(loader::tree_reader& r, std::uint32_t match,
                                                std::uint32_t change, rule_info& info) {
  const auto& t = r.nodes();
  if (!r.expect(match, node_kind::mapping, "match")) return nullptr;
  if (t[match].size != 2) {
    r.diagnostics().error("bad-match", r.loc(match),
                          "`match:` takes exactly one of `step:`, `demand:` or `procedure:`",
                          "`match:` nhận đúng một trong `step:`, `demand:` hoặc `procedure:`");
    return nullptr;
  }
  std::uint32_t k = t[match].first, v = t[k].next;
  std::string_view key = t[k].kind == node_kind::scalar ? t.text(k) : std::string_view{};
  scope s;
  if (key == "step") s = scope::step;
  else if (key == "demand") s = scope::demand;
  else if (key == "procedure") s = scope::procedure;
  else {
    r.unknown_key(k, key, in_match, match_keys);
    return nullptr;
  }
  compiler c(r, info, s);
  auto cond = c.compile(v);
  if (!cond) return nullptr;
  // The suggestion must be one a finding of this scope can carry.
  static const std::map<scope, std::vector<suggestion_kind>> fits{
      {scope::step, {suggestion_kind::eliminate_step, suggestion_kind::single_window, suggestion_kind::review}},
      {scope::demand, {suggestion_kind::drop_requirement, suggestion_kind::reuse_data, suggestion_kind::relax_form,
                       suggestion_kind::review}},
      {scope::procedure, {suggestion_kind::review}}};
  const auto& allowed = fits.at(s);
  if (std::find(allowed.begin(), allowed.end(), info.suggestion) == allowed.end()) {
    std::vector<std::string_view> names;
    for (auto kind : allowed) names.push_back(to_string(kind));
    r.diagnostics().error(
        "bad-suggestion", r.loc(k),
        fmt::format("a `{}:` rule cannot suggest {}; it can suggest {}", key, to_string(info.suggestion),
                    fmt::join(names, ", ")),
        fmt::format("quy tắc `{}:` không thể đề xuất {}; chỉ có thể đề xuất {}", key, to_string(info.suggestion),
                    fmt::join(names, ", ")));
    return nullptr;
  }
  suggestion what;
  what.kind = info.suggestion;
  if (what.kind == suggestion_kind::relax_form) what.new_form = document_form::copy;
  if (change != no_node && r.expect(change, node_kind::mapping, "change")) {
    r.fields(change, in_change, change_keys, [&](std::string_view ck, std::uint32_t, std::uint32_t cv) {
      if (ck == "new_form")
        what.new_form = r.choice<document_form>(cv, ck, document_form_names, parse_document_form);
      else
        what.new_location = r.text(cv, ck);
    });
  }
  return std::make_shared<declarative_rule>(info.id, s, std::move(*cond), std::move(what));
}

}  // namespace redtape
