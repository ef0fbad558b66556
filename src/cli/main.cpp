// The `redtape` command line tool (SPEC §5).
//
// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad input or a
// bad command line. Results go to stdout or to `-o FILE`; diagnostics and
// messages go to stderr. Each subcommand is one `add_<name>` function that
// declares its options and returns what to run when it is chosen.
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/logger.h>

#include "util/file.hpp"
#include "util/text.hpp"
#include "redtape/import.hpp"
#include "redtape/redtape.hpp"

namespace fs = std::filesystem;

namespace {

enum exit_code : int { exit_ok = 0, exit_findings = 1, exit_bad_input = 2 };

/// Options every subcommand shares.
struct context {
  std::string lang = "en";  ///< "vi" or "en": messages and graph labels
  unsigned jobs = 0;
  bool quiet = false;
  std::string parser = "libyaml";

  /// The CLI's own messages, in the chosen language.
  [[nodiscard]] std::string_view say(std::string_view en, std::string_view vi) const {
    return lang == "vi" ? vi : en;
  }
  [[nodiscard]] redtape::load_options load_options() const {
    redtape::load_options options;
    options.jobs = jobs;
    options.parser = parser == "yaml-cpp" ? redtape::yaml_parser::yaml_cpp : redtape::yaml_parser::libyaml;
    return options;
  }
};

/// A subcommand: the CLI11 app that parses it and the action it runs.
struct command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

/// Thrown for a problem the CLI reports itself (already worded for the user).
class cli_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "REDTAPE_LANG=vi_VN.UTF-8" → "vi"; anything unrecognised → "en".
std::string default_lang() {
  const char* env = std::getenv("REDTAPE_LANG");
  if (env == nullptr) return "en";
  const std::string_view value(env);
  if (value.size() >= 2 && (value[0] == 'v' || value[0] == 'V') &&
      (value[1] == 'i' || value[1] == 'I') &&
      (value.size() == 2 || value[2] == '_' || value[2] == '-' || value[2] == '.'))
    return "vi";
  return "en";
}

std::vector<fs::path> to_paths(const std::vector<std::string>& strings) {
  return {strings.begin(), strings.end()};
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string count(const context& ctx, std::size_t n, std::string_view en_one,
                  std::string_view en_many, std::string_view vi) {
  if (ctx.lang == "vi") return fmt::format("{} {}", n, vi);
  return fmt::format("{} {}", n, n == 1 ? en_one : en_many);
}

// ---------------------------------------------------------------------------
// Output: stdout, or a file written whole or not at all.

bool is_yaml(const fs::path& p) {
  const auto ext = p.extension();
  return ext == ".yaml" || ext == ".yml";
}

/// Refuse an output path that would overwrite an input, or that the next
/// load of the same folder would pick up as input.
void check_not_input(const context& ctx, const fs::path& target,
                     const std::vector<fs::path>& inputs) {
  std::error_code ec;
  const fs::path target_full = fs::weakly_canonical(target, ec);
  for (const fs::path& input : inputs) {
    std::error_code ec1;
    std::error_code ec2;
    if (fs::equivalent(target, input, ec1) ||
        (!ec && fs::weakly_canonical(input, ec2) == target_full && !ec2))
      throw cli_error(fmt::format(
          "{}: {}", target.string(),
          ctx.say("refusing to overwrite an input file", "không ghi đè lên tệp đầu vào")));
  }
  if (ec || !is_yaml(target)) return;
  for (const fs::path& input : inputs) {
    std::error_code ec1;
    if (!fs::is_directory(input, ec1)) continue;
    const fs::path folder = fs::weakly_canonical(input, ec1);
    if (ec1) continue;
    const fs::path relative = target_full.lexically_relative(folder);
    if (!relative.empty() && *relative.begin() != "..")
      throw cli_error(fmt::format(
          "{}: {}", target.string(),
          ctx.say("refusing to write YAML inside an input folder (it would be loaded as input)",
                  "không ghi tệp YAML vào thư mục đầu vào (tệp sẽ bị nạp như dữ liệu đầu vào)")));
  }
}

/// Write `content` to `target` ("" or "-" = stdout). A file is written to a
/// temporary file beside it and renamed over it, so a reader never sees half
/// of it and a failure leaves the old file as it was.
void output(const context& ctx, std::string_view content, const std::string& target,
            const std::vector<fs::path>& inputs) {
  if (target.empty() || target == "-") {
    std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
    std::cout.flush();
    if (!std::cout)
      throw cli_error(std::string(ctx.say("cannot write to stdout", "không ghi được ra stdout")));
    return;
  }
  const fs::path path(target);
  check_not_input(ctx, path, inputs);
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw cli_error(fmt::format("{}: {}", target, ctx.say("is a folder", "là một thư mục")));

  try {
    redtape::util::write_file_atomically(path, content);
  } catch (const std::system_error& e) {
    throw cli_error(fmt::format("{}: {}: {}", target, ctx.say("cannot write", "không ghi được"), e.code().message()));
  }
}

// ---------------------------------------------------------------------------
// Loading, shared by every subcommand that reads a catalog.

void print_diagnostics(const context& ctx, const redtape::load_result& result) {
  for (const redtape::diagnostic& d : result.diagnostics) {
    if (ctx.quiet && d.severity != redtape::severity::error) continue;
    std::cerr << d.format(ctx.lang) << '\n';
  }
}

void print_summary(const context& ctx, const std::vector<std::string>& paths,
                   const redtape::load_result& result) {
  if (ctx.quiet) return;
  std::size_t warnings = 0;
  for (const auto& d : result.diagnostics)
    if (d.severity == redtape::severity::warning) ++warnings;
  std::vector<std::string> parts;
  if (result.catalog)
    parts.push_back(
        count(ctx, result.catalog->procedures.size(), "procedure", "procedures", "thủ tục"));
  parts.push_back(count(ctx, result.error_count(), "error", "errors", "lỗi"));
  if (warnings != 0) parts.push_back(count(ctx, warnings, "warning", "warnings", "cảnh báo"));
  std::cerr << fmt::format("{}: {}\n", join(paths, " "), join(parts, ", "));
}

/// The catalog, or nothing after printing why (diagnostics and a summary).
std::optional<redtape::catalog> load(const context& ctx, const std::vector<std::string>& paths) {
  redtape::load_result result = redtape::try_load(to_paths(paths), ctx.load_options());
  print_diagnostics(ctx, result);
  if (!result.ok()) {
    print_summary(ctx, paths, result);
    return std::nullopt;
  }
  return std::move(result.catalog);
}

/// Every file the catalog was read from, plus the paths as given.
std::vector<fs::path> inputs_of(const redtape::catalog& c, const std::vector<std::string>& paths) {
  std::vector<fs::path> inputs = to_paths(paths);
  inputs.insert(inputs.end(), c.files.begin(), c.files.end());
  return inputs;
}

const redtape::procedure& find_procedure(const context& ctx, const redtape::catalog& c,
                                         const std::string& id) {
  if (const redtape::procedure* p = c.find_procedure(id)) return *p;
  std::string message = fmt::format("{} {}", ctx.say("no procedure with id", "không có thủ tục mã"),
                                    redtape::util::quote(id));
  std::vector<std::string> ids;
  ids.reserve(c.procedures.size());
  for (const auto& p : c.procedures) ids.push_back(p.id);
  if (auto suggestion = redtape::util::closest(id, ids))
    message += fmt::format("; {} \"{}\"?", ctx.say("did you mean", "có phải là"), *suggestion);
  else if (ids.empty())
    message += fmt::format(
        " ({})", ctx.say("the catalog has no procedures", "danh mục không có thủ tục nào"));
  throw cli_error(message);
}

// ---------------------------------------------------------------------------
// Subcommands.

command add_check(CLI::App& app, const context& ctx) {
  auto* sub = app.add_subcommand("check", "Validate catalogs: print every error, exit 2 if any");
  auto paths = std::make_shared<std::vector<std::string>>();
  sub->add_option("PATH", *paths, "YAML files or folders (searched recursively)")->required();
  return {sub, [&ctx, paths] {
            redtape::load_result result = redtape::try_load(to_paths(*paths), ctx.load_options());
            print_diagnostics(ctx, result);
            print_summary(ctx, *paths, result);
            return result.ok() ? exit_ok : exit_bad_input;
          }};
}

command add_graph(CLI::App& app, const context& ctx) {
  auto* sub =
      app.add_subcommand("graph", "Draw a procedure's step graph (Graphviz DOT or Mermaid)");
  struct options {
    std::string procedure_id;
    std::vector<std::string> paths;
    std::string format = "dot";
    std::string output;
  };
  auto opt = std::make_shared<options>();
  sub->add_option("PROCEDURE_ID", opt->procedure_id, "Id of the procedure to draw")->required();
  sub->add_option("PATH", opt->paths, "YAML files or folders (searched recursively)")->required();
  sub->add_option("-f,--format", opt->format, "Output format")
      ->check(CLI::IsMember({"dot", "mermaid"}))
      ->capture_default_str();
  sub->add_option("-o,--output", opt->output, "Write to FILE instead of stdout");
  return {sub, [&ctx, opt] {
            const auto catalog = load(ctx, opt->paths);
            if (!catalog) return exit_bad_input;
            const redtape::procedure& p = find_procedure(ctx, *catalog, opt->procedure_id);
            redtape::graph_options graph;
            graph.lang = ctx.lang;
            const std::string text = opt->format == "mermaid"
                                         ? redtape::to_mermaid(*catalog, p, graph)
                                         : redtape::to_dot(*catalog, p, graph);
            output(ctx, text, opt->output, inputs_of(*catalog, opt->paths));
            return exit_ok;
          }};
}

/// Options of commands that run rules: extra rule folders and overrides.
struct rule_options {
  std::vector<std::string> folders;
  std::vector<std::string> settings;
};

void add_rule_options(CLI::App* sub, rule_options& o) {
  sub->add_option("--rules", o.folders, "Add or configure rules from YAML files or folders")
      ->take_all();
  sub->add_option("--set", o.settings,
                  "Override for this run: RULE.PARAM=VALUE, RULE=on|off|note|warning|error, or a "
                  "cost model field (hourly_value=50000, unit_costs.copy=3000, min_step_days=1)");
}

/// `--lexicon DIR`: the run's lexicon, the built-in tables with DIR's in
/// place of theirs (null: the built-in ones). A folder that is not one, or a
/// table that does not read, is bad input (located, exit 2).
void add_lexicon_option(CLI::App* sub, std::string& dir) {
  sub->add_option("--lexicon", dir,
                  "Use the lexicon tables of DIR (names.yaml, portal/*.yaml) in place of the built-in ones");
}

std::shared_ptr<const redtape::lexicon> make_lexicon(const context& ctx, const std::string& dir) {
  if (dir.empty()) return nullptr;
  try {
    return redtape::lexicon::from_directory(dir);
  } catch (const redtape::invalid_argument_error& e) {
    throw cli_error(fmt::format("--lexicon: {} ({})", e.what(),
                                ctx.say("not a lexicon folder", "không phải thư mục từ vựng")));
  }
}

/// `--set hourly_value=50000` (a cost model field) → true, with `patch` set.
bool cost_setting(std::string_view assignment, redtape::cost_model_patch& patch) {
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || !redtape::cost_model_patch::is_field(assignment.substr(0, eq))) return false;
  try {
    patch.set(assignment.substr(0, eq), assignment.substr(eq + 1));
  } catch (const redtape::invalid_argument_error& e) {
    throw cli_error(fmt::format("--set {}: {}", assignment, e.what()));
  }
  return true;
}

redtape::rule_set make_rules(const rule_options& o, redtape::cost_model_patch* costs = nullptr) {
  redtape::rule_set rules = redtape::rule_set::builtin();
  for (const auto& folder : o.folders) rules.load(folder);
  for (const auto& setting : o.settings) {
    if (costs && cost_setting(setting, *costs)) continue;
    try {
      rules.set(setting);
    } catch (const redtape::invalid_argument_error& e) {
      throw cli_error(fmt::format("--set {}", e.what()));
    }
  }
  return rules;
}

command add_audit(CLI::App& app, const context& ctx) {
  auto* sub = app.add_subcommand(
      "audit", "Audit catalogs: metrics, findings and savings of every procedure");
  struct options {
    std::vector<std::string> paths;
    std::string format = "md";
    std::string output;
    std::string fail_on = "error";
    rule_options rules;
    std::string lexicon;
  };
  auto opt = std::make_shared<options>();
  sub->add_option("PATH", opt->paths, "YAML files or folders (searched recursively)")->required();
  sub->add_option("-f,--format", opt->format, "Report format")
      ->check(CLI::IsMember({"json", "csv", "md"}))
      ->capture_default_str();
  sub->add_option("-o,--output", opt->output, "Write to FILE (whole or not at all) instead of stdout");
  sub->add_option("--fail-on", opt->fail_on,
                  "Exit 1 when a finding has this severity or worse (none: never)")
      ->check(CLI::IsMember({"note", "warning", "error", "none"}))
      ->capture_default_str();
  add_rule_options(sub, opt->rules);
  add_lexicon_option(sub, opt->lexicon);
  return {sub, [&ctx, opt] {
            redtape::audit_options audit_options;
            audit_options.jobs = ctx.jobs;
            audit_options.lexicon = make_lexicon(ctx, opt->lexicon);
            redtape::rule_set rules = make_rules(opt->rules, &audit_options.costs);
            // A batch audit keeps going: the files that load are audited, the
            // others are reported (here and in the report) and make the exit 2.
            redtape::load_options load_options = ctx.load_options();
            load_options.keep_going = true;
            redtape::load_result loaded = redtape::try_load(to_paths(opt->paths), load_options);
            print_diagnostics(ctx, loaded);
            const auto catalog = std::move(loaded.catalog);
            if (!catalog) return exit_bad_input;
            redtape::audit_report report = redtape::audit(*catalog, rules, audit_options);
            report.load_errors = std::move(loaded.skipped);
            for (const auto& d : report.problems) std::cerr << d.format(ctx.lang) << '\n';
            redtape::report_options report_options;
            report_options.lang = ctx.lang;
            std::string text = opt->format == "json"  ? redtape::to_json(report, *catalog, report_options)
                               : opt->format == "csv" ? redtape::to_csv(report, *catalog, report_options)
                                                      : redtape::to_markdown(report, *catalog, report_options);
            output(ctx, text, opt->output, inputs_of(*catalog, opt->paths));
            if (!ctx.quiet)
              std::cerr << fmt::format(
                  "{}: {}, {}{}\n", join(opt->paths, " "),
                  count(ctx, report.totals.procedures, "procedure", "procedures", "thủ tục"),
                  count(ctx, report.totals.findings, "finding", "findings", "phát hiện"),
                  report.load_errors.empty()
                      ? std::string()
                      : ", " + count(ctx, report.load_errors.size(), "file left out (not loaded)",
                                     "files left out (not loaded)", "tệp bị bỏ qua (không nạp được)"));
            if (!report.load_errors.empty()) return exit_bad_input;
            if (opt->fail_on == "none") return exit_ok;
            auto threshold = opt->fail_on == "note"      ? redtape::severity::note
                             : opt->fail_on == "warning" ? redtape::severity::warning
                                                         : redtape::severity::error;
            for (const auto& f : report.findings)
              if (f.severity >= threshold) return exit_findings;
            return exit_ok;
          }};
}

command add_simplify(CLI::App& app, const context& ctx) {
  auto* sub = app.add_subcommand(
      "simplify", "Write the simplified (\"to-be\") procedure as redtape YAML");
  struct options {
    std::string procedure_id;
    std::vector<std::string> paths;
    std::string output;
    rule_options rules;
    std::string lexicon;
  };
  auto opt = std::make_shared<options>();
  sub->add_option("PROCEDURE_ID", opt->procedure_id, "Id of the procedure to simplify")->required();
  sub->add_option("PATH", opt->paths, "YAML files or folders (searched recursively)")->required();
  sub->add_option("-o,--output", opt->output, "Write to FILE (whole or not at all)")->required();
  add_rule_options(sub, opt->rules);
  add_lexicon_option(sub, opt->lexicon);
  return {sub, [&ctx, opt] {
            redtape::audit_options audit_options;
            audit_options.jobs = ctx.jobs;
            audit_options.lexicon = make_lexicon(ctx, opt->lexicon);
            redtape::rule_set rules = make_rules(opt->rules, &audit_options.costs);
            const auto catalog = load(ctx, opt->paths);
            if (!catalog) return exit_bad_input;
            const redtape::procedure& p = find_procedure(ctx, *catalog, opt->procedure_id);
            audit_options.only = {p.id};
            const redtape::audit_report report = redtape::audit(*catalog, rules, audit_options);
            redtape::cost_model costs = catalog->cost_model_for(p);
            audit_options.costs.apply_to(costs);
            const redtape::simplification s = redtape::simplify(p, costs, report.findings);
            redtape::yaml_options yaml;
            yaml.applied = &s;
            yaml.findings = &report.findings;
            yaml.source = catalog->where(p.location);
            output(ctx, redtape::to_yaml(*catalog, s.simplified, yaml), opt->output,
                   inputs_of(*catalog, opt->paths));
            if (!ctx.quiet)
              std::cerr << fmt::format(
                  "{}: {} {}, {} {}; {} {:.1f} → {:.1f} {}, {} {}/{}\n", p.id, s.applied.size(),
                  ctx.say("applied", "đã áp dụng"), s.skipped.size(), ctx.say("skipped", "bỏ qua"),
                  ctx.say("elapsed", "thời gian"), s.before.elapsed_days, s.after.elapsed_days,
                  ctx.say("days", "ngày"), ctx.say("saving", "tiết kiệm"),
                  static_cast<long long>(s.total.cost_per_year), ctx.say("year", "năm"));
            return exit_ok;
          }};
}

command add_import(CLI::App& app, const context& ctx) {
  auto* sub = app.add_subcommand("import", "Convert published procedure records to redtape YAML");
  sub->require_subcommand(1);
  auto* portal = sub->add_subcommand(
      "dichvucong", "National public service portal records (JSON, both shapes) → one YAML file each");
  struct options {
    std::vector<std::string> sources;
    std::string output;
    std::size_t max_warnings = 50;
    std::string lexicon;
  };
  auto opt = std::make_shared<options>();
  portal->add_option("SRC", opt->sources, "Record files or folders (searched recursively)")->required();
  portal->add_option("-o,--output", opt->output, "Folder to write the catalog to")->required();
  portal->add_option("--max-warnings", opt->max_warnings,
                     "Warnings to print (all are in import-warnings.csv)")
      ->capture_default_str();
  add_lexicon_option(portal, opt->lexicon);
  return {portal, [&ctx, opt] {
            redtape::import_options options;
            options.jobs = ctx.jobs;
            options.lexicon = make_lexicon(ctx, opt->lexicon);
            redtape::import_summary s =
                redtape::import_dichvucong(to_paths(opt->sources), opt->output, options);
            if (!ctx.quiet) std::cerr << redtape::format_import_summary(s, ctx.lang, opt->max_warnings);
            // A record left out with an error (its YAML would not load, or
            // could not be written) is bad input for the whole run, as a file
            // left out of a batch audit is.
            const bool errors = std::any_of(s.warnings.begin(), s.warnings.end(), [](const auto& w) {
              return w.severity == redtape::severity::error;
            });
            return s.imported > 0 && !errors ? exit_ok : exit_bad_input;
          }};
}

command add_rules(CLI::App& app, const context& ctx) {
  auto* sub = app.add_subcommand("rules", "List the rules with their effective parameters");
  auto opt = std::make_shared<rule_options>();
  add_rule_options(sub, *opt);
  return {sub, [&ctx, opt] {
            redtape::rule_set rules = make_rules(*opt);
            std::string out;
            for (const redtape::rule_info* r : rules.rules()) {
              out += fmt::format("{}  [{}{}] {} — {}\n", r->id, redtape::to_string(r->severity),
                                 r->enabled ? "" : ", off", redtape::to_string(r->suggestion),
                                 r->title.in(ctx.lang));
              if (r->declarative) out += fmt::format("    {}\n", ctx.say("declarative (YAML)", "khai báo (YAML)"));
              if (redtape::meant_to_save(r->suggestion) && r->zero_saving != redtape::zero_saving_policy::note)
                out += fmt::format("    zero_saving = {}\n",
                                   redtape::zero_saving_policy_names[static_cast<std::size_t>(r->zero_saving)]);
              if (!r->defined_at.empty()) out += fmt::format("    {}: {}\n", ctx.say("from", "từ"), r->defined_at);
              for (const auto& p : r->params)
                out += fmt::format("    {} = {}  ({})\n", p.name, redtape::format_param(r->value(p.name)),
                                   redtape::to_string(p.type));
            }
            output(ctx, out, "", {});
            return exit_ok;
          }};
}

int run(int argc, char** argv) {
  context ctx;
  ctx.lang = default_lang();

  CLI::App app{
      "redtape: find redundant steps and duplicate documents in administrative "
      "procedures, and what cutting them saves",
      "redtape"};
  app.set_version_flag("--version", fmt::format("redtape {}", redtape::version));
  app.require_subcommand(1);
  // Global options may also follow the subcommand: `redtape check --lang vi x/`.
  app.fallthrough();
  app.add_option("--lang", ctx.lang,
                 "Language of messages and graph labels (default: $REDTAPE_LANG, else en)")
      ->check(CLI::IsMember({"vi", "en"}));
  app.add_option("-j,--jobs", ctx.jobs, "Worker threads for loading (0 = all cores)")
      ->check(CLI::Range(0u, 4096u));
  app.add_flag("-q,--quiet", ctx.quiet, "Print errors only: no warnings, no summary");
  app.add_option("--parser", ctx.parser, "YAML parser: libyaml (fast) or yaml-cpp")
      ->check(CLI::IsMember({"libyaml", "yaml-cpp"}))
      ->capture_default_str();

  const std::vector<command> commands{
      add_check(app, ctx),
      add_graph(app, ctx),
      add_audit(app, ctx),
      add_simplify(app, ctx),
      add_import(app, ctx),
      add_rules(app, ctx),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" that exit 0; every real usage error is 2.
    return app.exit(e) == 0 ? exit_ok : exit_bad_input;
  }

  if (ctx.quiet) redtape::logger()->set_level(spdlog::level::err);

  try {
    for (const command& c : commands)
      if (c.app->parsed()) return c.run();
  } catch (const cli_error& e) {
    std::cerr << "redtape: " << e.what() << '\n';
  } catch (const redtape::load_error& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.format(ctx.lang) << '\n';
  } catch (const std::exception& e) {
    std::cerr << "redtape: " << e.what() << '\n';
  }
  return exit_bad_input;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "redtape: " << e.what() << '\n';
  } catch (...) {
    std::cerr << "redtape: unexpected error\n";
  }
  return exit_bad_input;
}
