// Load + audit benchmark: times parsing and analysis separately, and reports
// throughput and peak memory. It measures; it never passes or fails on time.
//
//   redtape_bench [--jobs N] [--parser libyaml|yaml-cpp] PATH…
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "redtape/redtape.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

std::uintmax_t bytes_of(const std::vector<std::string>& files) {
  std::uintmax_t total = 0;
  for (const auto& f : files) {
    std::error_code ec;
    total += std::filesystem::file_size(f, ec);
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  redtape::load_options load_options;
  redtape::audit_options audit_options;
  if (const char* runs = std::getenv("REDTAPE_BENCH_RUNS")) audit_options.uncertainty.runs = static_cast<std::uint32_t>(std::stoul(runs));
  std::vector<std::filesystem::path> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--jobs") && i + 1 < argc) {
      load_options.jobs = audit_options.jobs = static_cast<unsigned>(std::stoul(argv[++i]));
    } else if (!std::strcmp(argv[i], "--parser") && i + 1 < argc) {
      load_options.parser = !std::strcmp(argv[++i], "yaml-cpp") ? redtape::yaml_parser::yaml_cpp
                                                                 : redtape::yaml_parser::libyaml;
    } else {
      paths.emplace_back(argv[i]);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: redtape_bench [--jobs N] [--parser libyaml|yaml-cpp] PATH...\n");
    return 2;
  }
  redtape::set_logger(nullptr);

  auto t0 = std::chrono::steady_clock::now();
  redtape::load_result loaded = redtape::try_load(paths, load_options);
  double load_s = seconds_since(t0);
  if (!loaded.ok()) {
    for (const auto& d : loaded.diagnostics) std::fprintf(stderr, "%s\n", d.format().c_str());
    return 2;
  }
  const redtape::catalog& c = *loaded.catalog;
  double mb = static_cast<double>(bytes_of(c.files)) / 1e6;
  double load_peak = peak_mib();

  auto t1 = std::chrono::steady_clock::now();
  redtape::rule_set rules = redtape::rule_set::builtin();
  redtape::audit_report report = redtape::audit(c, rules, audit_options);
  double audit_s = seconds_since(t1);

  auto t2 = std::chrono::steady_clock::now();
  std::string json = redtape::to_json(report, c);
  double json_s = seconds_since(t2);

  std::size_t steps = 0;
  for (const auto& p : c.procedures) steps += p.steps.size();
  double n = static_cast<double>(c.procedures.size());
  std::printf("procedures      %zu (%zu steps, %zu files, %.1f MB of YAML)\n", c.procedures.size(),
              steps, c.files.size(), mb);
  std::printf("load (parse)    %.2f s   %.0f procedures/s   %.1f MB/s   peak %.0f MiB\n", load_s,
              n / load_s, mb / load_s, load_peak);
  std::printf("audit           %.2f s   %.0f procedures/s   %zu findings\n", audit_s, n / audit_s,
              report.findings.size());
  std::printf("json report     %.2f s   %.1f MB\n", json_s, static_cast<double>(json.size()) / 1e6);
  std::printf("total           %.2f s   %.0f procedures/s   peak %.0f MiB\n", load_s + audit_s + json_s,
              n / (load_s + audit_s + json_s), peak_mib());
  std::printf("split           parse %.0f%%, analysis %.0f%%, report %.0f%%\n",
              100 * load_s / (load_s + audit_s + json_s), 100 * audit_s / (load_s + audit_s + json_s),
              100 * json_s / (load_s + audit_s + json_s));
  return 0;
}
