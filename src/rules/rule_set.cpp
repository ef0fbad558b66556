// The rule set: C++ rules registered explicitly, configured by rule files
// (built-in ones compiled in from rules/*.yaml, users' ones from --rules),
// plus declarative rules written in YAML alone.
#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <stdexcept>
#include <variant>

#include <fmt/format.h>

#include "load/parse.hpp"
#include "load/reader.hpp"
#include "redtape/rules.hpp"
#include "rules/builtin_texts.hpp"
#include "rules/declarative.hpp"
#include "util/text.hpp"

namespace redtape {

namespace fs = std::filesystem;

std::string_view to_string(param_type t) noexcept {
  switch (t) {
    case param_type::number: return "number";
    case param_type::boolean: return "boolean";
    case param_type::text: return "text";
    case param_type::text_list: return "list";
  }
  return "?";
}

std::string format_param(const param_value& v) {
  struct visitor {
    std::string operator()(double d) const { return fmt::format("{}", d); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::string& s) const { return fmt::format("\"{}\"", s); }
    std::string operator()(const std::vector<std::string>& l) const {
      std::vector<std::string> quoted;
      for (const auto& s : l) quoted.push_back(fmt::format("\"{}\"", s));
      return fmt::format("[{}]", fmt::join(quoted, ", "));
    }
  };
  return std::visit(visitor{}, v);
}

const param_value& rule_info::value(std::string_view name) const {
  auto it = values.find(name);
  if (it == values.end())
    throw invalid_argument_error(fmt::format("rule {} has no parameter `{}`", id, name));
  return it->second;
}
double rule_info::number(std::string_view name) const { return std::get<double>(value(name)); }
bool rule_info::flag(std::string_view name) const { return std::get<bool>(value(name)); }
const std::string& rule_info::text(std::string_view name) const { return std::get<std::string>(value(name)); }
const std::vector<std::string>& rule_info::list(std::string_view name) const {
  return std::get<std::vector<std::string>>(value(name));
}

namespace {
/// The first word of `v` that `spec` does not allow, if any.
std::optional<std::string> outside_choices(const param_spec& spec, const param_value& v) {
  if (spec.choices.empty()) return std::nullopt;
  auto allowed = [&](const std::string& w) {
    return std::find(spec.choices.begin(), spec.choices.end(), w) != spec.choices.end();
  };
  if (auto* s = std::get_if<std::string>(&v); s && !allowed(*s)) return *s;
  if (auto* l = std::get_if<std::vector<std::string>>(&v))
    for (const auto& w : *l)
      if (!allowed(w)) return w;
  return std::nullopt;
}
}  // namespace

struct rule_set::impl {
  std::vector<entry> entries;

  entry* find(std::string_view id) {
    for (auto& e : entries)
      if (e.info.id == id) return &e;
    return nullptr;
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.info.id);
    return out;
  }
};

rule_set::rule_set() : impl_(std::make_unique<impl>()) {}
rule_set::~rule_set() = default;
rule_set::rule_set(rule_set&&) noexcept = default;
rule_set& rule_set::operator=(rule_set&&) noexcept = default;
rule_set::rule_set(const rule_set& other) : impl_(std::make_unique<impl>(*other.impl_)) {}
rule_set& rule_set::operator=(const rule_set& other) {
  if (this != &other) impl_ = std::make_unique<impl>(*other.impl_);
  return *this;
}

const std::vector<rule_set::entry>& rule_set::entries() const noexcept { return impl_->entries; }

void rule_set::add(std::shared_ptr<const rule> r) {
  rule_info info;
  info.id = std::string(r->id());
  info.params = r->parameters();
  info.catalog_level = r->catalog_level();
  for (const auto& p : info.params) info.values.emplace(p.name, p.default_value);
  if (auto* existing = impl_->find(info.id)) {
    existing->impl = std::move(r);
    existing->info = std::move(info);
    return;
  }
  impl_->entries.push_back({std::move(r), std::move(info)});
}

std::vector<const rule_info*> rule_set::rules() const {
  std::vector<const rule_info*> out;
  for (const auto& e : impl_->entries) out.push_back(&e.info);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id < b->id; });
  return out;
}

const rule_info* rule_set::find(std::string_view id) const {
  for (const auto& e : impl_->entries)
    if (e.info.id == id) return &e.info;
  return nullptr;
}

// ---- rule files --------------------------------------------------------

namespace {

using loader::no_node;
using loader::node_kind;
using loader::phrase;

constexpr std::string_view rule_keys[] = {"id",        "title",      "message", "rationale",
                                          "references", "severity",  "enabled", "suggestion",
                                          "zero_saving", "params",   "change",  "match"};
constexpr std::string_view top_keys[] = {"redtape", "rule", "rules"};
const phrase in_rule{"rule", "quy tắc"};

std::optional<severity> parse_severity(std::string_view s) {
  if (s == "note") return severity::note;
  if (s == "warning") return severity::warning;
  if (s == "error") return severity::error;
  return std::nullopt;
}

class rule_reader : public loader::tree_reader {
 public:
  using tree_reader::tree_reader;

  // A parameter value from YAML, as the type `expected` (or inferred).
  std::optional<param_value> value(std::uint32_t n, std::string_view key,
                                   std::optional<param_type> expected) {
    const auto& x = t_[n];
    param_type type;
    if (expected) {
      type = *expected;
    } else if (x.kind == node_kind::sequence) {
      type = param_type::text_list;
    } else if (x.kind == node_kind::scalar && x.plain && (t_.text(n) == "true" || t_.text(n) == "false")) {
      type = param_type::boolean;
    } else if (x.kind == node_kind::scalar && x.plain && looks_like_number(t_.text(n))) {
      type = param_type::number;
    } else {
      type = param_type::text;
    }
    switch (type) {
      case param_type::number:
        if (auto v = number(n, key, true)) return *v;
        return std::nullopt;
      case param_type::boolean:
        if (x.kind == node_kind::scalar && (t_.text(n) == "true" || t_.text(n) == "false"))
          return t_.text(n) == "true";
        wrong_type(n, key, {"true or false", "true hoặc false"});
        return std::nullopt;
      case param_type::text:
        if (x.kind != node_kind::scalar) {
          wrong_type(n, key, {"a text", "một chuỗi"});
          return std::nullopt;
        }
        return std::string(t_.text(n));
      case param_type::text_list:
        if (x.kind != node_kind::sequence) {
          wrong_type(n, key, {"a list", "một danh sách"});
          return std::nullopt;
        }
        return text_list(n, key);
    }
    return std::nullopt;
  }

  static bool looks_like_number(std::string_view s) {
    double d;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    return ec == std::errc() && end == s.data() + s.size();
  }
};

// Streams the units of a rule file and applies each to the rule set.
class rule_file_handler final : public loader::unit_handler {
 public:
  rule_file_handler(std::vector<rule_set::entry>& entries, std::uint32_t file,
                    loader::diagnostics_list& diags, std::string file_name)
      : entries_(entries), file_(file), diags_(diags), file_name_(std::move(file_name)) {}

  void on_document_start(loader::mark) override { version_seen_ = false; }
  void on_document_end() override {
    if (!version_seen_ && content_)
      diags_.error("missing-version", {file_, 1, 1}, "missing `redtape: 1` at the top of the rule file",
                   "thiếu `redtape: 1` ở đầu tệp quy tắc");
  }
  void on_bad_root(const loader::tree& t, std::uint32_t root) override {
    if (t[root].kind == node_kind::null) return;
    content_ = true;
    version_seen_ = true;
    diags_.error("bad-root", {file_, t[root].at.line, t[root].at.column},
                 "the top of a rule file must be a mapping (`redtape: 1`, `rule: …`)",
                 "phần đầu tệp quy tắc phải là một ánh xạ (`redtape: 1`, `rule: …`)");
  }
  void on_bad_key(loader::mark at) override {
    diags_.error("bad-key", {file_, at.line, at.column}, "a top-level key must be a plain word",
                 "khóa ở cấp cao nhất phải là một từ");
  }
  void on_value(std::string_view key, loader::mark key_at, const loader::tree& t,
                std::uint32_t value) override {
    content_ = true;
    rule_reader r(t, file_, diags_);
    if (key == "redtape") {
      version_seen_ = true;
      if (t[value].kind != node_kind::scalar || t.text(value) != "1")
        diags_.error("bad-version", r.loc(value), "unsupported format version; rule files use `redtape: 1`",
                     "phiên bản định dạng không được hỗ trợ; tệp quy tắc dùng `redtape: 1`");
    } else if (key == "rule") {
      apply(r, value);
    } else if (key == "rules") {
      if (t[value].kind != node_kind::null) r.wrong_type(value, key, {"a list", "một danh sách"});
    } else if (!key.empty()) {
      r.unknown_key_at(r.loc(key_at), key, {"rule file", "tệp quy tắc"}, top_keys);
    }
  }
  void on_item(std::string_view key, loader::mark key_at, std::size_t index, const loader::tree& t,
               std::uint32_t item) override {
    if (key == "rules") {
      content_ = true;
      rule_reader r(t, file_, diags_);
      apply(r, item);
    } else if (index == 0) {
      on_value(key, key_at, t, item);
    }
  }

 private:
  void apply(rule_reader& r, std::uint32_t n) {
    const auto& t = r.nodes();
    if (!r.expect(n, node_kind::mapping, "rule")) return;
    // First the id, to know which rule (and which parameters) this is.
    std::string id;
    std::uint32_t match_node = no_node, params_node = no_node, change_node = no_node;
    // (A quiet first look: the second pass below reports the problems.)
    for (std::uint32_t k = t[n].first; k != no_node && t[k].next != no_node; k = t[t[k].next].next) {
      if (t[k].kind != node_kind::scalar) continue;
      std::string_view key = t.text(k);
      std::uint32_t v = t[k].next;
      if (key == "id" && t[v].kind == node_kind::scalar) id = t.text(v);
      else if (key == "match") match_node = v;
      else if (key == "params") params_node = v;
      else if (key == "change") change_node = v;
    }
    if (id.empty()) {
      r.missing(n, "id", in_rule);
      return;
    }
    bool fresh = false;
    rule_set::entry* target = target_of(r, n, id, match_node, fresh);
    if (!target) return;
    rule_info& info = target->info;
    info.defined_at = fmt::format("{}:{}", file_name_, t[n].at.line);
    read_fields(r, n, info);
    if (params_node != no_node && r.expect(params_node, node_kind::mapping, "params"))
      read_params(r, params_node, id, info);
    if (info.declarative && (fresh || match_node != no_node)) {
      if (match_node == no_node) return;
      target->impl = compile_declarative(r, match_node, change_node, info);
    } else if (change_node != no_node) {
      diags_.error("bad-value", r.loc(change_node), "`change:` belongs to declarative rules only",
                   "`change:` chỉ dùng cho quy tắc khai báo");
    }
    if (fresh && !target->impl) entries_.pop_back();
  }

  /// The rule `id` configures: a rule already in the set, or (with `match:`)
  /// a new declarative one (`fresh`); null after reporting why neither.
  rule_set::entry* target_of(rule_reader& r, std::uint32_t n, const std::string& id, std::uint32_t match_node,
                             bool& fresh) {
    for (auto& e : entries_)
      if (e.info.id == id) {
        if (match_node != no_node && !e.info.declarative) {
          diags_.error("bad-value", r.loc(match_node),
                       fmt::format("rule `{}` is built in (C++); it takes parameters, not `match:`", id),
                       fmt::format("quy tắc `{}` là quy tắc có sẵn (C++); nó nhận tham số, không nhận `match:`", id));
          return nullptr;
        }
        return &e;
      }
    if (match_node == no_node) {
      std::vector<std::string> ids;
      for (const auto& e : entries_) ids.push_back(e.info.id);
      auto guess = util::closest(id, std::span<const std::string>(ids));
      diags_.error("unknown-rule", r.loc(n),
                   guess ? fmt::format("unknown rule `{}`; did you mean `{}`? (a new rule needs `match:`)", id, *guess)
                         : fmt::format("unknown rule `{}` (a new, declarative rule needs `match:`)", id),
                   guess ? fmt::format("không có quy tắc `{}`; có phải là `{}`? (quy tắc mới cần `match:`)", id, *guess)
                         : fmt::format("không có quy tắc `{}` (quy tắc khai báo mới cần `match:`)", id));
      return nullptr;
    }
    entries_.push_back({nullptr, rule_info{}});
    rule_set::entry* target = &entries_.back();
    target->info.id = id;
    target->info.declarative = true;
    target->info.suggestion = suggestion_kind::review;  // unless `suggestion:` says otherwise
    fresh = true;
    return target;
  }

  /// The rule's texts, severity, switch, suggestion and zero_saving policy.
  void read_fields(rule_reader& r, std::uint32_t n, rule_info& info) {
    r.fields(n, in_rule, rule_keys, [&](std::string_view k, std::uint32_t, std::uint32_t v) {
      if (k == "title") info.title = r.name(v, k);
      else if (k == "message") info.message = r.name(v, k);
      else if (k == "rationale") info.rationale = r.name(v, k);
      else if (k == "references") info.references = r.text_list(v, k);
      else if (k == "severity") {
        std::string s = r.text(v, k);
        if (auto sev = parse_severity(s)) info.severity = *sev;
        else r.bad_choice(v, k, s, std::vector<std::string_view>{"note", "warning", "error"});
      } else if (k == "enabled") {
        if (auto b = r.value(v, k, param_type::boolean)) info.enabled = std::get<bool>(*b);
      } else if (k == "zero_saving") {
        std::string s = r.text(v, k);
        auto at = std::find(zero_saving_policy_names.begin(), zero_saving_policy_names.end(), s);
        if (at != zero_saving_policy_names.end())
          info.zero_saving = static_cast<zero_saving_policy>(at - zero_saving_policy_names.begin());
        else
          r.bad_choice(v, k, s, std::vector<std::string_view>(zero_saving_policy_names.begin(), zero_saving_policy_names.end()));
      } else if (k == "suggestion") {
        std::string s = r.text(v, k);
        if (auto kind = parse_suggestion_kind(s)) info.suggestion = *kind;
        else r.bad_choice(v, k, s, std::vector<std::string_view>(suggestion_kind_names.begin(), suggestion_kind_names.end()));
      }
    });
  }

  /// `params:`: values of the parameters a built-in rule declares (typed by
  /// its declaration), or a declarative rule's own parameters (typed by their
  /// values).
  void read_params(rule_reader& r, std::uint32_t params_node, const std::string& id, rule_info& info) {
    const auto& t = r.nodes();
    for (std::uint32_t k = t[params_node].first; k != no_node && t[k].next != no_node; k = t[t[k].next].next) {
      std::uint32_t v = t[k].next;
      std::string name(t.text(k));
      auto spec = std::find_if(info.params.begin(), info.params.end(), [&](const auto& p) { return p.name == name; });
      if (spec == info.params.end() && !info.declarative) {
        std::vector<std::string> names;
        for (const auto& p : info.params) names.push_back(p.name);
        auto guess = util::closest(name, std::span<const std::string>(names));
        diags_.error("unknown-param", r.loc(k),
                     guess ? fmt::format("rule `{}` has no parameter `{}`; did you mean `{}`?", id, name, *guess)
                           : fmt::format("rule `{}` has no parameter `{}` (it has: {})", id, name, fmt::join(names, ", ")),
                     guess ? fmt::format("quy tắc `{}` không có tham số `{}`; có phải là `{}`?", id, name, *guess)
                           : fmt::format("quy tắc `{}` không có tham số `{}` (các tham số: {})", id, name, fmt::join(names, ", ")));
        continue;
      }
      std::optional<param_type> type;
      if (spec != info.params.end()) type = spec->type;
      auto value = r.value(v, name, type);
      if (!value) continue;
      if (spec != info.params.end()) {
        if (auto bad = outside_choices(*spec, *value)) {
          auto guess = util::closest(*bad, std::span<const std::string>(spec->choices));
          std::string hint_en = guess ? fmt::format("; did you mean `{}`?", *guess) : std::string();
          std::string hint_vi = guess ? fmt::format("; có phải là `{}`?", *guess) : std::string();
          diags_.error("bad-value", r.loc(v),
                       fmt::format("`{}` of rule `{}` takes {}, not `{}`{}", name, id,
                                   fmt::join(spec->choices, ", "), *bad, hint_en),
                       fmt::format("`{}` của quy tắc `{}` nhận {}, không nhận `{}`{}", name, id,
                                   fmt::join(spec->choices, ", "), *bad, hint_vi));
          continue;
        }
      }
      if (spec == info.params.end()) {
        param_spec p;
        p.name = name;
        p.type = static_cast<param_type>(value->index());
        p.default_value = *value;
        info.params.push_back(p);
      }
      info.values[name] = *value;
    }
  }

  std::vector<rule_set::entry>& entries_;
  std::uint32_t file_;
  loader::diagnostics_list& diags_;
  std::string file_name_;
  bool version_seen_ = false;
  bool content_ = false;
};

}  // namespace

void rule_set::load_text(std::string_view text, std::string name) {
  std::vector<std::string> files{name};
  loader::diagnostics_list diags(files, 100);
  auto entries = impl_->entries;  // applied only when the whole file is good
  rule_file_handler handler(entries, 0, diags, name);
  bool complete = loader::parse_units(text, 0, load_options{}, handler, diags);
  if (!complete || diags.errors() > 0) throw load_error(diags.take());
  impl_->entries = std::move(entries);
}

void rule_set::load(const fs::path& path) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      auto ext = it->path().extension();
      if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
  } else if (fs::exists(path, ec)) {
    files.push_back(path);
  } else {
    diagnostic d;
    d.file = path.generic_string();
    d.code = "not-found";
    d.message = "no such rule file or folder";
    d.message_vi = "không có tệp hay thư mục quy tắc này";
    throw load_error({d});
  }
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    load_text(text, f.generic_string());
  }
}

namespace {

/// The value `rhs` of `--set RULE.PARAM=VALUE` read as the parameter's type:
/// a number, true/false (on/off, yes/no), a text, or a list `[a, "b", c]`.
param_value parse_assigned(const param_spec& spec, std::string_view rhs, std::string_view assignment) {
  const std::string& name = spec.name;
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  switch (spec.type) {
    case param_type::number: {
      double d = 0;
      auto t = trim(rhs);
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
      if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(d))
        throw invalid_argument_error(fmt::format("`{}`: `{}` takes a number, not `{}`", assignment, name, rhs));
      return d;
    }
    case param_type::boolean:
      if (rhs == "true" || rhs == "on" || rhs == "yes") return true;
      if (rhs == "false" || rhs == "off" || rhs == "no") return false;
      throw invalid_argument_error(fmt::format("`{}`: `{}` takes true or false", assignment, name));
    case param_type::text:
      return std::string(rhs);
    case param_type::text_list: {
      std::string_view body = trim(rhs);
      if (body.starts_with('[') && body.ends_with(']')) body = body.substr(1, body.size() - 2);
      std::vector<std::string> items;
      while (!body.empty()) {
        auto comma = body.find(',');
        auto item = trim(body.substr(0, comma));
        if (item.size() >= 2 && (item.front() == '"' || item.front() == '\'') && item.back() == item.front())
          item = item.substr(1, item.size() - 2);
        if (!item.empty()) items.emplace_back(item);
        if (comma == std::string_view::npos) break;
        body.remove_prefix(comma + 1);
      }
      return items;
    }
  }
  throw invalid_argument_error(fmt::format("`{}`: `{}` has an unknown type", assignment, name));
}

}  // namespace

void rule_set::set(std::string_view assignment) {
  auto eq = assignment.find('=');
  if (eq == std::string_view::npos)
    throw invalid_argument_error(fmt::format(
        "`{}`: expected RULE=on|off|note|warning|error or RULE.PARAM=VALUE", assignment));
  std::string_view lhs = assignment.substr(0, eq), rhs = assignment.substr(eq + 1);
  auto dot = lhs.find('.');
  std::string_view id = lhs.substr(0, dot);
  auto* e = impl_->find(id);
  if (!e) {
    auto ids = impl_->ids();
    auto guess = util::closest(id, std::span<const std::string>(ids));
    throw invalid_argument_error(guess ? fmt::format("unknown rule `{}`; did you mean `{}`?", id, *guess)
                                       : fmt::format("unknown rule `{}`", id));
  }
  rule_info& info = e->info;
  if (dot == std::string_view::npos) {
    if (rhs == "on") info.enabled = true;
    else if (rhs == "off") info.enabled = false;
    else if (auto s = parse_severity(rhs)) info.severity = *s, info.enabled = true;
    else
      throw invalid_argument_error(
          fmt::format("`{}`: a rule is set to on, off, note, warning or error, not `{}`", assignment, rhs));
    return;
  }
  std::string_view name = lhs.substr(dot + 1);
  auto spec = std::find_if(info.params.begin(), info.params.end(), [&](const auto& p) { return p.name == name; });
  if (spec == info.params.end()) {
    std::vector<std::string> names;
    for (const auto& p : info.params) names.push_back(p.name);
    auto guess = util::closest(name, std::span<const std::string>(names));
    throw invalid_argument_error(
        guess ? fmt::format("rule `{}` has no parameter `{}`; did you mean `{}`?", id, name, *guess)
              : fmt::format("rule `{}` has no parameter `{}`", id, name));
  }
  const param_value before = info.values[std::string(name)];
  info.values[std::string(name)] = parse_assigned(*spec, rhs, assignment);
  if (auto bad = outside_choices(*spec, info.values[std::string(name)])) {
    info.values[std::string(name)] = before;
    auto guess = util::closest(*bad, std::span<const std::string>(spec->choices));
    throw invalid_argument_error(fmt::format("`{}`: `{}` takes {}, not `{}`{}", assignment, name,
                                             fmt::join(spec->choices, ", "), *bad,
                                             guess ? fmt::format("; did you mean `{}`?", *guess) : ""));
  }
}

namespace {

/// Whether `v` is the empty value of its type: what a built-in rule declares
/// for a parameter whose value its rule file gives.
bool placeholder(const param_value& v) {
  struct visitor {
    bool operator()(double d) const { return d == 0; }
    bool operator()(bool b) const { return !b; }
    bool operator()(const std::string& s) const { return s.empty(); }
    bool operator()(const std::vector<std::string>& l) const { return l.empty(); }
  };
  return std::visit(visitor{}, v);
}

}  // namespace

rule_set rule_set::builtin() {
  rule_set set;
  register_builtin_rules(set);
  // The built-in rules declare names, types and docs; the values are in
  // rules/<id>.yaml, once (and, for the word lists of names, in the
  // lexicon's names.yaml: the parameters declared with a value).
  for (auto& e : set.impl_->entries)
    for (const auto& p : e.info.params)
      if (placeholder(p.default_value)) e.info.values.erase(p.name);
  for (const auto& [name, text] : rules::builtin_rule_files()) set.load_text(text, std::string(name));
  for (auto& e : set.impl_->entries) {
    for (auto& p : e.info.params) {
      auto it = e.info.values.find(p.name);
      if (it == e.info.values.end())
        throw std::logic_error(fmt::format("rules/{}.yaml gives no value for parameter `{}`", e.info.id, p.name));
      p.default_value = it->second;  // what a reader of `redtape rules` and Python's `default` sees
    }
  }
  return set;
}

}  // namespace redtape
