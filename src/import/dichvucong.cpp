// `redtape import dichvucong`: read portal records (both file shapes), build
// their procedures in parallel, put the registry together, write every file
// whole (a temporary file renamed into place), and count what happened.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "import/build.hpp"
#include "import/emit.hpp"
#include "import/known_documents.hpp"
#include "import/portal/cues.hpp"
#include "import/portal_text.hpp"
#include "import/record.hpp"
#include "redtape/documents.hpp"
#include "redtape/import.hpp"
#include "redtape/load.hpp"
#include "util/file.hpp"
#include "util/parallel.hpp"
#include "util/text.hpp"

namespace redtape {

namespace {

namespace fs = std::filesystem;
namespace pt = importer::portal;
using importer::built_record;

bool is_inside(const fs::path& child, const fs::path& parent) {
  auto c = child.begin(), p = parent.begin();
  for (; p != parent.end(); ++p, ++c) {
    if (p->empty()) continue;  // a trailing separator
    if (c == child.end() || *c != *p) return false;
  }
  return true;
}

bool hidden(const fs::path& p) {
  const auto name = p.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

struct input_file {
  fs::path path;
  std::string shown;
  std::string group;
};

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/// A file name made safe: no separators, no leading dot, valid UTF-8, at
/// most 120 bytes (file systems allow 255; a suffix may follow), cut between
/// two characters.
std::string file_name_for(std::string_view id) {
  std::string out;
  for (char c : util::valid_utf8(util::utf8_prefix(id, 120)))
    out += (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' ||
            c == '|' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
               ? '_'
               : c;
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  if (out.empty()) out = "procedure";
  return out;
}

/// Write `text` to `path` whole or not at all (util::write_file_atomically),
/// in a folder made when missing.
void write_whole(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  util::write_file_atomically(path, text);
}

std::string csv_field(std::string_view text) {
  const std::string s = util::valid_utf8(text);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out + "\"";
}

/// Where the import writes: `out_dir` made absolute.
fs::path output_folder(const fs::path& out_dir) {
  std::error_code ec;
  const fs::path out = fs::weakly_canonical(fs::absolute(out_dir), ec);
  if (ec) throw invalid_argument_error(fmt::format("import: bad output folder {}: {}", out_dir.string(), ec.message()));
  return out;
}

/// The *.json files of a source folder (hidden files and folders skipped), sorted.
std::vector<fs::path> json_files_in(const fs::path& src) {
  std::error_code ec;
  std::vector<fs::path> found;
  for (auto it = fs::recursive_directory_iterator(src, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (hidden(it->path())) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && lower(it->path().extension().string()) == ".json") found.push_back(it->path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

/// The files to read, in the order of their shown paths, each once; never
/// with the output folder among them.
std::vector<input_file> input_files(const std::vector<fs::path>& sources, const fs::path& out) {
  std::error_code ec;
  std::vector<input_file> files;
  for (const auto& source : sources) {
    if (!fs::exists(source, ec))
      throw invalid_argument_error(fmt::format("import: source {} does not exist", source.string()));
    const fs::path src = fs::weakly_canonical(fs::absolute(source), ec);
    if (is_inside(src, out))
      throw invalid_argument_error(fmt::format(
          "import: the output folder {} holds the source {}; choose another output folder", out.string(), src.string()));
    if (fs::is_directory(src) && is_inside(out, src))
      throw invalid_argument_error(fmt::format(
          "import: the output folder {} lies inside the source folder {}; choose a folder outside the sources",
          out.string(), src.string()));
    const std::string root_name = src.filename().string();
    if (fs::is_directory(src)) {
      for (auto& f : json_files_in(src)) {
        const std::string rel = fs::relative(f, src).generic_string();
        files.push_back({f, root_name + "/" + rel, f.parent_path().filename().string()});
      }
    } else {
      files.push_back({src, src.parent_path().filename().string() + "/" + src.filename().string(),
                       src.parent_path().filename().string()});
    }
  }
  // The same file named twice (a folder and a file in it) is read once.
  std::sort(files.begin(), files.end(), [](const input_file& a, const input_file& b) { return a.path < b.path; });
  files.erase(std::unique(files.begin(), files.end(), [](const input_file& a, const input_file& b) { return a.path == b.path; }),
              files.end());
  std::stable_sort(files.begin(), files.end(), [](const input_file& a, const input_file& b) { return a.shown < b.shown; });
  return files;
}

/// Every file read and every record built, in parallel, each worker reading
/// the run's lexicon; results stay in file order. What is skipped is counted
/// in `summary`.
std::vector<built_record> read_and_build(const std::vector<input_file>& files, const import_options& options,
                                         const importer::known_registry& known, import_summary& summary) {
  const lexicon* lex = options.lexicon.get();
  std::vector<importer::read_result> read(files.size());
  util::parallel_for(files.size(), options.jobs, [&](std::size_t i) {
    const pt::lexicon_scope scope(lex);
    read[i] = importer::read_portal_file(files[i].path, files[i].shown, files[i].group);
  });
  std::vector<importer::raw_record> records;
  for (auto& r : read) {
    for (auto& f : r.failures) summary.skipped_why.emplace_back(f.source, f.reason);
    for (auto& rec : r.records) records.push_back(std::move(rec));
  }
  read.clear();
  summary.records_read = records.size() + summary.skipped_why.size();
  std::vector<built_record> built(records.size());
  util::parallel_for(records.size(), options.jobs, [&](std::size_t i) {
    const pt::lexicon_scope scope(lex);
    try {
      built[i] = importer::build_record(records[i], options, known);
    } catch (const std::exception& e) {
      built[i].label = records[i].label();
      built[i].ok = false;
      built[i].skip_reason = std::string("internal error while parsing: ") + e.what();
    }
  });
  records.clear();
  for (const auto& b : built)
    if (!b.ok) summary.skipped_why.emplace_back(b.label, b.skip_reason);
  std::erase_if(built, [](const built_record& b) { return !b.ok; });
  return built;
}

/// Final ids: unique across the catalog; cases are "<id>#2", "#3", ….
void final_ids(std::vector<built_record>& built) {
  std::map<std::string, std::size_t> seen;  // every id given (cases included): how often it was asked for
  // A record needs its id and those of its cases ("<id>#2", …): another
  // record's code may be "1.000080#2".
  auto cases_taken = [&](const std::string& id, std::size_t cases) {
    for (std::size_t k = 2; k <= cases; ++k)
      if (seen.count(fmt::format("{}#{}", id, k))) return true;
    return false;
  };
  for (auto& b : built) {
    const std::size_t cases = b.procedures.size();
    auto& n = seen[b.base_id];
    if (n++ > 0 || cases_taken(b.base_id, cases)) {
      const std::string suffix = !b.oid.empty() ? std::string(util::utf8_prefix(b.oid, 8)) : std::to_string(n);
      std::string id = b.base_id + "-" + suffix;
      while (seen.count(id) || cases_taken(id, cases)) id += "x";
      seen[id] = 1;
      b.warnings.push_back({b.record, "title", "id-duplicate",
                            fmt::format("id {} is taken by another record; this one is {}", b.base_id, id),
                            fmt::format("mã {} đã dùng cho hồ sơ khác; hồ sơ này dùng mã {}", b.base_id, id),
                            severity::note});
      b.base_id = id;
    }
    for (std::size_t k = 0; k < cases; ++k) {
      b.procedures[k].id = k == 0 ? b.base_id : fmt::format("{}#{}", b.base_id, k + 1);
      if (k > 0) seen[b.procedures[k].id] = 1;
    }
  }
}

/// The registry's agencies: the known ones, then those the records name.
void registry_agencies(const importer::known_registry& known, const std::vector<built_record>& built,
                       importer::import_registry& reg) {
  std::set<std::string> agency_ids;
  for (const auto& a : known.agencies()) {
    reg.agencies.push_back({a.id, a.name, a.kind, a.level});
    agency_ids.insert(a.id);
  }
  for (const auto& b : built)
    for (const auto& a : b.agencies)
      if (agency_ids.insert(a.id).second)
        reg.agencies.push_back({a.id, {a.name, {}}, pt::agency_kind_of(a.name), pt::agency_level(a.name)});
}

/// The `max` names seen most often, the first seen first on a tie.
std::vector<std::string> top_names(const std::map<std::string, std::size_t>& counts, std::size_t max) {
  std::vector<std::pair<std::string, std::size_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> names;
  for (std::size_t i = 0; i < v.size() && i < max; ++i) names.push_back(v[i].first);
  return names;
}

/// A result document with a national code, as the records name it.
struct result_entry {
  std::map<std::string, std::size_t> names;
  std::string issued_by;
  std::set<std::string> procedures;
  std::string normalised;
};

/// What the records say about the registry's documents.
struct document_evidence {
  std::map<std::string, std::map<std::string, std::size_t>> names_of;  // known id → raw name → count
  std::map<std::string, std::set<std::string>> records_of;              // known id → records
  std::map<std::string, std::set<std::string>> codes_of;                // known id → result codes
  std::map<std::string, result_entry> results_by_code;                  // other results with a code
};

document_evidence evidence_of(const std::vector<built_record>& built, const importer::known_registry& known) {
  document_evidence ev;
  for (const auto& b : built) {
    for (const auto& d : b.demands) {
      const auto& dem = b.procedures[d.procedure].steps[d.step];
      const auto& demand = d.produced ? dem.produces_docs[d.demand] : dem.requires_docs[d.demand];
      if (demand.ref.empty() || d.produced) continue;
      ev.names_of[demand.ref][demand.name]++;
      ev.records_of[demand.ref].insert(b.label);
    }
    for (const auto& r : b.results) {
      if (r.code.empty()) continue;
      if (const auto* k = known.recognise(r.normalised)) {
        ev.codes_of[k->id].insert(r.code);
        continue;
      }
      auto& e = ev.results_by_code[r.code];
      e.names[r.name]++;
      if (e.issued_by.empty()) e.issued_by = r.issued_by;
      e.procedures.insert(b.procedures.front().id);
      if (e.normalised.empty()) e.normalised = r.normalised;
    }
  }
  return ev;
}

/// The ids of the registry's documents, and the names and codes that refer to them.
struct document_ids {
  std::set<std::string> taken;
  std::unordered_map<std::string, std::string> by_normalised;  // result and shared names → id
  std::unordered_map<std::string, std::string> by_code;
};

/// The known documents, with the names they were recognised under.
void known_documents(const importer::known_registry& known, const document_evidence& ev,
                     importer::import_registry& reg, document_ids& ids) {
  for (const auto& k : known.documents()) {
    importer::registry_document d;
    d.id = k.id;
    d.name = k.name;
    if (auto it = ev.names_of.find(d.id); it != ev.names_of.end()) d.aliases = top_names(it->second, 20);
    d.issued_by = k.issued_by;
    d.held_in = k.held_in;
    std::vector<std::string> parts;
    if (auto it = ev.records_of.find(d.id); it != ev.records_of.end())
      parts.push_back(fmt::format("yêu cầu ở {} hồ sơ", it->second.size()));
    if (auto it = ev.codes_of.find(d.id); it != ev.codes_of.end())
      parts.push_back("mã kết quả: " + fmt::format("{}", fmt::join(it->second, ", ")));
    d.note = fmt::format("{}", fmt::join(parts, "; "));
    ids.taken.insert(d.id);
    reg.documents.push_back(std::move(d));
  }
}

/// Results with a national code become registry documents (one per name).
void coded_results(const document_evidence& ev, importer::import_registry& reg, document_ids& ids) {
  for (const auto& [code, e] : ev.results_by_code) {
    if (importer::refusal_or_generic(e.normalised)) continue;
    if (auto it = ids.by_normalised.find(e.normalised); it != ids.by_normalised.end()) {
      ids.by_code[code] = it->second;  // another code for the same name
      continue;
    }
    auto names = top_names(e.names, 10);
    importer::registry_document d;
    d.id = code;
    d.name = {names.front(), {}};
    d.aliases.assign(names.begin() + 1, names.end());
    d.issued_by = e.issued_by;
    d.note = fmt::format("kết quả của thủ tục {}", fmt::join(e.procedures, ", "));
    if (!ids.taken.insert(d.id).second) continue;
    ids.by_normalised.emplace(e.normalised, d.id);
    ids.by_code[code] = d.id;
    reg.documents.push_back(std::move(d));
  }
}

/// Names demanded by many records become shared registry documents.
void shared_documents(const std::vector<built_record>& built, const import_options& options,
                      importer::import_registry& reg, document_ids& ids) {
  struct shared {
    std::map<std::string, std::size_t> names;
    std::set<std::string> records;
  };
  std::map<std::string, shared> by_name;
  for (const auto& b : built)
    for (const auto& d : b.demands) {
      if (d.produced || d.normalised.empty()) continue;
      const auto& demand = b.procedures[d.procedure].steps[d.step].requires_docs[d.demand];
      if (!demand.ref.empty()) continue;
      auto& s = by_name[d.normalised];
      s.names[demand.name]++;
      s.records.insert(b.label);
    }
  for (const auto& [n, s] : by_name) {
    if (s.records.size() < options.shared_document_min_records || ids.by_normalised.count(n)) continue;
    if (n.find(' ') == std::string::npos || importer::refusal_or_generic(n)) continue;  // too little said
    // Conditions ("Trường hợp … thì …") are not names of papers.
    if (pt::cues("condition-openings").starts(n)) continue;
    std::string id = pt::slug(n, 48, '_');
    if (id.empty()) continue;
    std::string unique = id;
    for (int k = 2; ids.taken.count(unique); ++k) unique = fmt::format("{}_{}", id, k);
    ids.taken.insert(unique);
    auto names = top_names(s.names, 20);
    importer::registry_document d;
    d.id = unique;
    d.name = {names.front(), {}};
    d.aliases.assign(names.begin() + 1, names.end());
    if (government_name(n)) d.issued_by = "state_agency";
    else if (importer::applicant_made(n)) d.issued_by = "applicant";
    d.note = fmt::format("yêu cầu ở {} hồ sơ", s.records.size());
    ids.by_normalised.emplace(n, unique);
    reg.documents.push_back(std::move(d));
  }
}

/// Demands and results that name a registry document refer to it; a
/// procedure's results are the documents its issuing step produces (not what
/// one agency step hands the next), by registry id when known.
void refer_to_registry(std::vector<built_record>& built, const document_ids& ids) {
  for (auto& b : built) {
    for (const auto& d : b.demands) {
      auto& st = b.procedures[d.procedure].steps[d.step];
      auto& demand = d.produced ? st.produces_docs[d.demand] : st.requires_docs[d.demand];
      if (!demand.ref.empty()) continue;
      if (d.produced) {
        const std::string code = demand.note.starts_with(importer::result_code_prefix)
                                     ? demand.note.substr(importer::result_code_prefix.size())
                                     : "";
        if (auto it = ids.by_code.find(code); !code.empty() && it != ids.by_code.end()) demand.ref = it->second;
      } else if (auto it = ids.by_normalised.find(d.normalised); it != ids.by_normalised.end()) {
        demand.ref = it->second;
      }
    }
    for (auto& p : b.procedures)
      for (const auto& st : p.steps) {
        std::vector<document_demand> issued;
        for (const auto& d : st.produces_docs) {
          if (d.name.starts_with(importer::handover_prefix)) continue;
          document_demand r;
          (d.ref.empty() ? r.name : r.ref) = d.ref.empty() ? d.name : d.ref;
          issued.push_back(std::move(r));
        }
        if (!issued.empty()) {
          p.results = std::move(issued);
          break;
        }
      }
  }
}

/// The registry: cost model, agencies, and the documents recognised across
/// the records (known, coded results, shared names), which the records'
/// demands then refer to.
importer::import_registry registry_of(std::vector<built_record>& built, const importer::known_registry& known,
                                      const import_options& options) {
  importer::import_registry reg;
  reg.costs = importer::default_cost_model();
  reg.records = built.size();
  registry_agencies(known, built, reg);
  const document_evidence ev = evidence_of(built, known);
  document_ids ids;
  known_documents(known, ev, reg, ids);
  coded_results(ev, reg, ids);
  shared_documents(built, options, reg, ids);
  refer_to_registry(built, ids);
  return reg;
}

}  // namespace

import_summary import_dichvucong(const std::vector<fs::path>& sources, const fs::path& out_dir,
                                 const import_options& options) {
  import_summary summary;
  if (sources.empty()) throw invalid_argument_error("import: no source given");
  if (out_dir.empty()) throw invalid_argument_error("import: no output folder given");
  // The whole import reads the run's lexicon: this thread, and each worker.
  const pt::lexicon_scope scope(options.lexicon.get());
  const importer::known_registry known(options.lexicon.get());
  const fs::path out = output_folder(out_dir);
  const std::vector<input_file> files = input_files(sources, out);
  std::vector<built_record> built = read_and_build(files, options, known, summary);
  final_ids(built);
  importer::import_registry reg = registry_of(built, known, options);
  importer::write_catalog(built, reg, out, options, summary);
  return summary;
}

namespace importer {

bool refusal_or_generic(std::string_view normalised) {
  if (portal::cues("refusal-results").in(normalised)) return true;
  std::size_t words = normalised.empty() ? 0 : 1;
  for (char c : normalised) words += c == ' ';
  if (words < 3) return true;
  // A kind of paper, not a paper (generic-result-names).
  return portal::cues("generic-result-names").is(normalised);
}

bool applicant_made(std::string_view normalised) { return portal::cues("applicant-made-heads").starts(normalised); }

namespace {

/// What is not written is an error, named with its reason in
/// import-warnings.csv, on stderr (format_import_summary) and in the exit status.
struct refusals {
  import_summary& summary;
  void operator()(const std::string& record, const std::string& label, std::string_view code, const std::string& en,
                  const std::string& vi) const {
    summary.warnings.push_back({record, "output", std::string(code), en, vi, severity::error});
    summary.skipped_why.emplace_back(label, "error: " + en);
  }
};

/// registry.yaml's text, the entries whose YAML would not load left out
/// (each an error); empty, with no document and no agency left, when it still
/// would not load.
std::string loadable_registry(import_registry& reg, const refusals& refuse) {
  std::string registry_text = registry_yaml(reg);
  if (!load_problem(registry_text, "registry.yaml", {})) return registry_text;
  auto leave_out_bad = [&](auto& entries, std::string_view what_en, std::string_view what_vi, auto put) {
    std::erase_if(entries, [&](const auto& entry) {
      import_registry one;
      one.costs = reg.costs;
      put(one, entry);
      const auto problem = load_problem(registry_yaml(one), "registry.yaml", {});
      if (problem)
        refuse("registry.yaml", fmt::format("registry.yaml: {} {}", what_en, entry.id), "yaml-not-loadable",
               fmt::format("registry {} {} left out: its YAML would not load: {}", what_en, entry.id, problem->en),
               fmt::format("bỏ {} {} khỏi danh mục: YAML của nó không nạp được: {}", what_vi, entry.id, problem->vi));
      return problem.has_value();
    });
  };
  leave_out_bad(reg.documents, "document", "giấy tờ",
                [](import_registry& one, const registry_document& d) { one.documents = {d}; });
  leave_out_bad(reg.agencies, "agency", "cơ quan",
                [](import_registry& one, const registry_agency& a) { one.agencies = {a}; });
  registry_text = registry_yaml(reg);
  if (const auto problem = load_problem(registry_text, "registry.yaml", {})) {
    refuse("registry.yaml", "registry.yaml", "yaml-not-loadable",
           fmt::format("registry.yaml not written: its YAML would not load: {}", problem->en),
           fmt::format("không ghi registry.yaml: YAML của nó không nạp được: {}", problem->vi));
    registry_text.clear();
    reg.documents.clear();  // no ref can resolve
    reg.agencies.clear();
  }
  return registry_text;
}

/// One file per record, at a path no other record has (ids that differ may
/// make the same file name: "a/b" and "a_b", or two long codes cut at the
/// same place; letter case counts as the same for file systems that ignore it).
std::vector<fs::path> record_paths(const std::vector<built_record>& built, const fs::path& out) {
  std::vector<fs::path> paths(built.size());
  std::set<std::string> used;
  for (std::size_t i = 0; i < built.size(); ++i) {
    const auto& b = built[i];
    const std::string folder = file_name_for(b.group.empty() ? "portal" : b.group);
    const std::string name = file_name_for(b.base_id);
    std::string unique = name;
    for (int k = 2; !used.insert(lower(folder + "/" + unique)).second; ++k) unique = fmt::format("{}-{}", name, k);
    paths[i] = out / folder / (unique + ".yaml");
  }
  return paths;
}

/// Each record's file, written in parallel when its YAML loads; what was
/// written and what was refused go into `summary`, in record order.
void write_records(std::vector<built_record>& built, const std::set<std::string>& registry_ids,
                   const std::set<std::string>& agency_ids, const fs::path& out, const import_options& options,
                   import_summary& summary, const refusals& refuse) {
  const std::vector<fs::path> paths = record_paths(built, out);
  std::vector<std::optional<load_failure>> problem(built.size());
  std::vector<std::string> write_error(built.size());
  const lexicon* lex = options.lexicon.get();
  util::parallel_for(built.size(), options.jobs, [&](std::size_t i) {
    const portal::lexicon_scope scope(lex);
    auto& b = built[i];
    try {
      const std::vector<std::string> issuers = issuer_refs(b, agency_ids);
      const std::string text = record_yaml(b);
      const std::string shown = fs::relative(paths[i], out).generic_string();
      problem[i] = load_problem(text, shown, registry_refs(b, registry_ids), issuers);
      if (!problem[i]) write_whole(paths[i], text);
    } catch (const std::exception& e) {
      write_error[i] = e.what();
    }
  });
  for (std::size_t i = 0; i < built.size(); ++i) {
    auto& b = built[i];
    if (problem[i]) {
      refuse(b.record, b.label, "yaml-not-loadable", "not written: its YAML would not load: " + problem[i]->en,
             "không ghi: YAML của hồ sơ không nạp được: " + problem[i]->vi);
      continue;
    }
    if (!write_error[i].empty()) {
      refuse(b.record, b.label, "write-failed", "cannot write its YAML: " + write_error[i],
             "không ghi được tệp YAML: " + write_error[i]);
      continue;
    }
    summary.files_written.push_back(paths[i].string());
    ++summary.imported;
    summary.procedures += b.procedures.size();
    bool warned = false, time_or_docs = false;
    for (const auto& w : b.warnings)
      if (w.severity == severity::warning) {
        warned = true;
        if (w.code.starts_with("time-") || w.code.starts_with("documents-")) time_or_docs = true;
      }
    summary.with_warnings += warned;
    summary.time_or_document_warnings += time_or_docs;
    for (auto& w : b.warnings) summary.warnings.push_back(std::move(w));
  }
}

/// import-warnings.csv: one row per warning, then the records skipped.
void write_warnings_csv(const fs::path& out, import_summary& summary) {
  std::string csv = "record,field,severity,code,message,message_vi\n";
  for (const auto& w : summary.warnings)
    csv += fmt::format("{},{},{},{},{},{}\n", csv_field(w.record), csv_field(w.field), to_string(w.severity),
                       csv_field(w.code), csv_field(w.message), csv_field(w.message_vi));
  for (const auto& [rec, why] : summary.skipped_why) {
    if (why.starts_with("error: ")) continue;  // an error row above says it
    csv += fmt::format("{},{},{},{},{},{}\n", csv_field(rec), "\"\"", "skipped", "\"skipped\"", csv_field(why),
                       csv_field(why));
  }
  const fs::path csv_path = out / "import-warnings.csv";
  try {
    write_whole(csv_path, csv);
    summary.files_written.push_back(csv_path.string());
  } catch (const std::exception& e) {
    summary.skipped_why.emplace_back(csv_path.string(), std::string("cannot write: ") + e.what());
  }
}

}  // namespace

void write_catalog(std::vector<built_record>& built, import_registry& reg, const fs::path& out,
                   const import_options& options, import_summary& summary) {
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) throw invalid_argument_error(fmt::format("import: cannot create {}: {}", out.string(), ec.message()));
  const refusals refuse{summary};
  // registry.yaml first: the records' refs must resolve in what it holds.
  const fs::path registry_path = out / "registry.yaml";
  const std::string registry_text = loadable_registry(reg, refuse);
  summary.registry_documents = reg.documents.size();
  summary.registry_agencies = reg.agencies.size();
  if (!registry_text.empty()) {
    try {
      write_whole(registry_path, registry_text);
    } catch (const std::exception& e) {
      throw error(fmt::format("import: cannot write {}: {}", registry_path.string(), e.what()));
    }
    summary.files_written.push_back(registry_path.string());
  }
  std::set<std::string> registry_ids;
  for (const auto& d : reg.documents) registry_ids.insert(d.id);
  std::set<std::string> agency_ids;
  for (const auto& a : reg.agencies) agency_ids.insert(a.id);
  write_records(built, registry_ids, agency_ids, out, options, summary, refuse);
  summary.skipped = summary.skipped_why.size();
  const bool registry_first = !registry_text.empty();
  std::sort(summary.files_written.begin() + (registry_first ? 1 : 0), summary.files_written.end());
  if (options.write_warnings_csv) write_warnings_csv(out, summary);
}

}  // namespace importer

std::string format_import_summary(const import_summary& s, std::string_view lang, std::size_t max_warnings) {
  const bool vi = lang == "vi";
  std::string out;
  std::size_t notes = 0, errors = 0;
  for (const auto& w : s.warnings) {
    notes += w.severity == severity::note;
    errors += w.severity == severity::error;
  }
  const std::size_t warnings = s.warnings.size() - notes - errors;
  if (vi) {
    out += fmt::format(
        "Đã đọc {} hồ sơ: nhập {} ({} thủ tục, kể cả các trường hợp), {} hồ sơ có cảnh báo ({} về thời hạn hoặc "
        "thành phần hồ sơ), bỏ qua {}.\n",
        s.records_read, s.imported, s.procedures, s.with_warnings, s.time_or_document_warnings, s.skipped);
    out += fmt::format("Danh mục: {} giấy tờ, {} cơ quan. {}{} cảnh báo, {} ghi chú.\n", s.registry_documents,
                       s.registry_agencies, errors ? fmt::format("{} lỗi (không ghi), ", errors) : "", warnings, notes);
  } else {
    out += fmt::format(
        "Read {} records: imported {} ({} procedures, cases included), {} with warnings ({} on time or documents), "
        "skipped {}.\n",
        s.records_read, s.imported, s.procedures, s.with_warnings, s.time_or_document_warnings, s.skipped);
    out += fmt::format("Registry: {} documents, {} agencies. {}{} warnings, {} notes.\n", s.registry_documents,
                       s.registry_agencies,
                       errors ? fmt::format("{} error{} (not written), ", errors, errors == 1 ? "" : "s") : "",
                       warnings, notes);
  }
  // Errors first and all of them: what they name was not written.
  for (const auto& w : s.warnings)
    if (w.severity == severity::error)
      out += fmt::format("{}: {}: {}: {}\n", w.record, w.field, vi ? "lỗi" : "error", vi ? w.message_vi : w.message);
  for (const auto& [rec, why] : s.skipped_why)
    if (!why.starts_with("error: ")) out += fmt::format("{}: {}: {}\n", rec, vi ? "bỏ qua" : "skipped", why);
  std::size_t shown = 0;
  for (const auto& w : s.warnings) {
    if (w.severity != severity::warning) continue;
    if (shown++ == max_warnings) break;
    out += fmt::format("{}: {}: {}: {}\n", w.record, w.field, vi ? "cảnh báo" : "warning", vi ? w.message_vi : w.message);
  }
  if (shown > max_warnings)
    out += vi ? fmt::format("… và {} cảnh báo khác (xem import-warnings.csv)\n", warnings - max_warnings)
              : fmt::format("… and {} more warnings (see import-warnings.csv)\n", warnings - max_warnings);
  return out;
}

}  // namespace redtape
