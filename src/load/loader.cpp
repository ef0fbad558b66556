// Loading files and folders into a catalog: find the files, parse each one
// (in parallel) into a fragment, merge the fragments in path order, validate.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include "load/builder.hpp"
#include "load/diagnostics.hpp"
#include "load/parse.hpp"
#include "load/tree.hpp"
#include "load/validate.hpp"
#include "redtape/load.hpp"
#include "redtape/log.hpp"
#include "util/parallel.hpp"

namespace redtape {

namespace fs = std::filesystem;

namespace {

struct file_output {
  loader::file_fragment fragment;
  std::vector<diagnostic> diagnostics;
  std::size_t errors = 0;
};

std::string human_size(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < (1u << 20)) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1u << 20));
}

bool is_yaml(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".yaml" || ext == ".yml";
}

// Expand the paths into files: a folder's *.yaml/*.yml files, recursively,
// in sorted order (hidden files and folders skipped).
std::vector<std::string> find_files(const std::vector<fs::path>& paths, loader::diagnostics_list& diags) {
  std::vector<std::string> files;
  auto add = [&](const fs::path& p) { files.push_back(p.lexically_normal().generic_string()); };
  for (const auto& path : paths) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    std::string shown = path.generic_string();
    if (ec || !fs::exists(status)) {
      diags.error("not-found", {}, "no such file or folder", "không có tệp hoặc thư mục này");
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto& name = it->path().filename().string();
        if (it->is_directory(ec) && name.starts_with(".")) {
          it.disable_recursion_pending();  // .git and friends
          continue;
        }
        if (it->is_regular_file(ec) && is_yaml(it->path()) && !name.starts_with("."))
          found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        diags.error("no-yaml", {}, fmt::format("no *.yaml or *.yml file in folder {}", shown),
                    fmt::format("thư mục {} không có tệp *.yaml hay *.yml nào", shown));
      }
      for (const auto& f : found) add(f);
    } else {
      add(path);
    }
  }
  return files;
}

void parse_text(std::string_view text, std::uint32_t file_index, const std::vector<std::string>& files,
                const load_options& options, file_output& out) {
  loader::diagnostics_list diags(files, options.limits.max_errors_per_file);
  loader::model_builder builder(file_index, out.fragment, diags);
  if (loader::parse_units(text, file_index, options, builder, diags)) {
    const auto& f = out.fragment;
    if (builder.documents_seen() == 0 || (f.procedures.empty() && f.documents.empty() &&
                                           f.agencies.empty() && !f.has_costs && diags.errors() == 0))
      diags.warning("empty-file", {file_index, 0, 0}, "the file holds no procedure and no registry",
                    "tệp không có thủ tục hay danh mục nào");
    for (const auto& p : f.procedures) loader::check_procedure(p, diags);
  } else {
    out.fragment = {};  // never keep half of a file
  }
  out.errors = diags.errors();
  out.diagnostics = diags.take();
}

void load_file(const std::string& name, std::uint32_t file_index, const std::vector<std::string>& files,
               const load_options& options, file_output& out) {
  const load_limits& limits = options.limits;
  loader::diagnostics_list diags(files, limits.max_errors_per_file);
  source_location whole{file_index, 0, 0};
  std::error_code ec;
  auto size = fs::file_size(name, ec);
  if (ec) {
    diags.error("io-error", whole, fmt::format("cannot read the file: {}", ec.message()),
                fmt::format("không đọc được tệp: {}", ec.message()));
  } else if (size > limits.max_file_bytes) {
    diags.error("file-too-large", whole,
                fmt::format("the file is {}, over the limit of {} (load_limits::max_file_bytes); "
                            "split it into several files",
                            human_size(size), human_size(limits.max_file_bytes)),
                fmt::format("tệp lớn {}, vượt giới hạn {}; hãy tách thành nhiều tệp",
                            human_size(size), human_size(limits.max_file_bytes)));
  } else {
    std::string text(size, '\0');
    std::ifstream in(name, std::ios::binary);
    if (!in.read(text.data(), static_cast<std::streamsize>(size))) {
      diags.error("io-error", whole, "cannot read the file", "không đọc được tệp");
    } else {
      parse_text(text, file_index, files, options, out);
      return;
    }
  }
  out.errors = diags.errors();
  out.diagnostics = diags.take();
}

// Fields of the cost model set in two files must agree.
void merge_costs(cost_model_patch& into, bool& have, const cost_model_patch& next, const catalog& c,
                 loader::diagnostics_list& diags) {
  auto same = [&](const auto& a, const auto& b, std::string_view field) {
    if (a && b && *a != *b)
      diags.error("conflicting-cost-model", next.location,
                  fmt::format("`cost_model.{}` is set differently in two files (also at {})", field,
                              c.where(into.location)),
                  fmt::format("`cost_model.{}` được đặt khác nhau ở hai tệp (còn ở {})", field,
                              c.where(into.location)));
  };
  if (have) {
    same(into.currency, next.currency, "currency");
    same(into.hourly_value, next.hourly_value, "hourly_value");
    same(into.visit_cost, next.visit_cost, "visit_cost");
    for (std::size_t i = 0; i < into.unit_costs.size(); ++i)
      same(into.unit_costs[i], next.unit_costs[i], fmt::format("unit_costs.{}", document_form_names[i]));
    same(into.min_step_days, next.min_step_days, "min_step_days");
    same(into.min_step_days_online, next.min_step_days_online, "min_step_days_online");
    same(into.working_hours_per_day, next.working_hours_per_day, "working_hours_per_day");
    into.merge(next);
  } else {
    into = next;
    have = true;
  }
}

// The cost model of the files not left out; conflicts are errors.
cost_model_patch merged_costs(const std::vector<file_output>& outputs, const std::vector<bool>& left_out,
                              const catalog& c, loader::diagnostics_list& diags) {
  cost_model_patch costs;
  bool have_costs = false;
  for (std::size_t i = 0; i < outputs.size(); ++i)
    if (!left_out[i] && outputs[i].fragment.has_costs)
      merge_costs(costs, have_costs, outputs[i].fragment.costs, c, diags);
  return costs;
}

load_result finish(catalog c, std::vector<file_output>& outputs, std::vector<diagnostic> early,
                   const load_options& options) {
  std::size_t errors = 0;
  for (const auto& d : early) errors += d.severity == severity::error;
  // With keep_going, a file with an error of its own is left out at once.
  std::vector<bool> left_out(outputs.size(), false);
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    errors += outputs[i].errors;
    left_out[i] = options.keep_going && outputs[i].errors != 0;
  }
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (left_out[i]) continue;
    auto& f = outputs[i].fragment;
    std::move(f.procedures.begin(), f.procedures.end(), std::back_inserter(c.procedures));
    std::move(f.documents.begin(), f.documents.end(), std::back_inserter(c.documents));
    std::move(f.agencies.begin(), f.agencies.end(), std::back_inserter(c.agencies));
  }
  // Checks across files. With keep_going, the files an error is placed in
  // are left out and the rest checked again, until what is left is clean
  // (each round leaves out at least one file, so this ends).
  std::vector<diagnostic> late;
  for (;;) {
    loader::diagnostics_list catalog_diags(c.files, options.limits.max_errors_per_file);
    const cost_model_patch costs = merged_costs(outputs, left_out, c, catalog_diags);
    c.costs = cost_model{};
    costs.apply_to(c.costs);
    c.reindex();
    loader::check_catalog(c, catalog_diags);
    const std::size_t found = catalog_diags.errors();
    auto round = catalog_diags.take();
    errors += found;
    std::set<std::uint32_t> files;
    for (const auto& d : round)
      if (d.severity == severity::error)
        for (std::uint32_t i = 0; i < c.files.size(); ++i)
          if (c.files[i] == d.file && !left_out[i]) files.insert(i);
    std::move(round.begin(), round.end(), std::back_inserter(late));
    if (found == 0 || !options.keep_going) break;
    if (files.empty()) break;  // an error placed in no file left: nothing more to leave out
    for (auto i : files) left_out[i] = true;
    auto gone = [&](const auto& item) { return files.count(item.location.file) != 0; };
    std::erase_if(c.procedures, gone);
    std::erase_if(c.documents, gone);
    std::erase_if(c.agencies, gone);
  }
  for (auto& out : outputs) out.fragment = {};

  load_result result;
  result.diagnostics = std::move(early);
  for (auto& out : outputs)
    std::move(out.diagnostics.begin(), out.diagnostics.end(), std::back_inserter(result.diagnostics));
  std::move(late.begin(), late.end(), std::back_inserter(result.diagnostics));
  // Messages in file order, then line and column.
  std::map<std::string_view, std::size_t> order;
  for (std::size_t i = 0; i < c.files.size(); ++i) order.emplace(c.files[i], i);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [&](const diagnostic& a, const diagnostic& b) {
                     auto fa = order.count(a.file) ? order[a.file] : 0;
                     auto fb = order.count(b.file) ? order[b.file] : 0;
                     return std::tie(fa, a.line, a.column) < std::tie(fb, b.line, b.column);
                   });
  if (options.keep_going) {
    // Paths that were missing or held no YAML come first, then the files.
    std::vector<std::string> names;
    for (const auto& d : result.diagnostics)
      if (d.severity == severity::error && !order.count(d.file) &&
          std::find(names.begin(), names.end(), d.file) == names.end())
        names.push_back(d.file);
    for (std::size_t i = 0; i < c.files.size(); ++i)
      if (left_out[i]) names.push_back(c.files[i]);
    for (auto& name : names) {
      skipped_file s{std::move(name), {}};
      for (const auto& d : result.diagnostics)
        if (d.severity == severity::error && d.file == s.file) s.errors.push_back(d);
      result.skipped.push_back(std::move(s));
    }
  }
  if (errors == 0 || options.keep_going) result.catalog = std::move(c);
  return result;
}

}  // namespace

std::size_t load_result::error_count() const noexcept {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
    return d.severity == severity::error;
  }));
}

load_result try_load(const std::vector<fs::path>& paths, const load_options& options) {
  catalog c;
  std::vector<diagnostic> early_list;
  for (const auto& path : paths) {
    // Messages about a path (missing, no YAML in it) name the path itself.
    std::vector<std::string> path_names{path.generic_string()};
    loader::diagnostics_list one(path_names, options.limits.max_errors_per_file);
    auto files = find_files({path}, one);
    for (auto& f : files) c.files.push_back(std::move(f));
    auto found = one.take();
    std::move(found.begin(), found.end(), std::back_inserter(early_list));
  }
  if (paths.empty()) {
    diagnostic d;
    d.file = "redtape";
    d.code = "no-input";
    d.message = "no file or folder to load";
    d.message_vi = "không có tệp hay thư mục nào để nạp";
    early_list.push_back(std::move(d));
  }
  // The same file named twice (directly and through its folder) loads once.
  {
    std::set<fs::path> seen;
    std::vector<std::string> unique;
    for (auto& f : c.files) {
      std::error_code ec;
      fs::path key = fs::weakly_canonical(f, ec);
      if (seen.insert(ec ? fs::path(f) : key).second) unique.push_back(std::move(f));
    }
    c.files = std::move(unique);
  }
  std::vector<file_output> outputs(c.files.size());
  util::parallel_for(c.files.size(), options.jobs, [&](std::size_t i) {
    try {
      load_file(c.files[i], static_cast<std::uint32_t>(i), c.files, options, outputs[i]);
    } catch (const std::exception& e) {
      // Out of memory or a parser bug: this file fails, the program goes on.
      outputs[i] = {};
      diagnostic d;
      d.file = c.files[i];
      d.code = "internal-error";
      d.message = fmt::format("could not load the file: {}", e.what());
      d.message_vi = fmt::format("không nạp được tệp: {}", e.what());
      outputs[i].diagnostics.push_back(std::move(d));
      outputs[i].errors = 1;
    }
  });
  return finish(std::move(c), outputs, std::move(early_list), options);
}

load_result try_load_text(std::string_view text, std::string name, const load_options& options) {
  catalog c;
  c.files.push_back(std::move(name));
  std::vector<file_output> outputs(1);
  try {
    parse_text(text, 0, c.files, options, outputs[0]);
  } catch (const std::exception& e) {
    outputs[0] = {};
    diagnostic d;
    d.file = c.files[0];
    d.code = "internal-error";
    d.message = fmt::format("could not load the text: {}", e.what());
    d.message_vi = fmt::format("không nạp được nội dung: {}", e.what());
    outputs[0].diagnostics.push_back(std::move(d));
    outputs[0].errors = 1;
  }
  return finish(std::move(c), outputs, {}, options);
}

catalog load(const std::vector<fs::path>& paths, const load_options& options) {
  load_result r = try_load(paths, options);
  if (!r.ok()) throw load_error(std::move(r.diagnostics));
  auto log = logger();
  for (const auto& d : r.diagnostics) log->warn("{}", d.format());
  return std::move(*r.catalog);
}

catalog load(const fs::path& path, const load_options& options) {
  return load(std::vector<fs::path>{path}, options);
}

}  // namespace redtape
