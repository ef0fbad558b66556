// build_record's documents: the results and the step that issues them, the
// document list and its cases, and one procedure per case with the documents
// demanded at filing.
#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "import/build/record_state.hpp"
#include "redtape/documents.hpp"
#include "util/text.hpp"

namespace redtape::importer::record_steps {

namespace {

/// The document list: the flattened table, or the split shape's cells.
pt::document_table document_table_of(const raw_record& r) {
  pt::document_table table;
  if (!r.documents_text.empty() || r.flattened) {
    table = pt::parse_document_table(r.documents_text);
  } else {
    pt::document_group g;
    for (const auto& cell : r.document_rows) g.rows.push_back(pt::parse_document_cell(cell.name, cell.form, cell.counts));
    table.table_found = true;
    table.groups.push_back(std::move(g));
  }
  return table;
}

/// Rows that only say no list is set ("Không quy định", "Do Ủy ban nhân dân
/// cấp tỉnh quy định", "Thực hiện theo quy định của pháp luật…").
bool says_nothing(const pt::document_row& row) {
  return pt::no_information(row.name) || pt::cues("no-list-openings").starts(pt::fold(row.name));
}

/// The rows case `k` demands: the common list and the case's own, a row of
/// the common list repeated in the case's list being one paper.
std::vector<pt::document_row> rows_of_case(const pt::dossier& dossier, std::size_t k) {
  std::vector<pt::document_row> rows_k = dossier.common;
  if (dossier.cases.size() == 1) rows_k.insert(rows_k.end(), dossier.cases[0].rows.begin(), dossier.cases[0].rows.end());
  else if (dossier.cases.size() >= 2)
    rows_k.insert(rows_k.end(), dossier.cases[k].rows.begin(), dossier.cases[k].rows.end());
  // A row of the common list repeated in a case's list is one paper.
  {
    std::vector<pt::document_row> unique;
    for (auto& row : rows_k)
      if (std::none_of(unique.begin(), unique.end(), [&](const pt::document_row& u) {
            return !u.name.empty() && pt::fold(u.name) == pt::fold(row.name);
          }))
        unique.push_back(std::move(row));
    rows_k = std::move(unique);
  }
  return rows_k;
}

/// What one row demands: its form, copies and note, and the registry
/// document of `known` it refers to (`refs_used`: the references made so far
/// in its list, with the normalised names that made them).
document_demand demand_of(const known_registry& known, const pt::document_row& row, const std::string& n,
                          std::vector<std::pair<std::string, std::string>>& refs_used) {
  const auto form = pt::form_of(row);
  document_demand d;
  d.name = row.name;
  d.form = form.form;
  d.copies = form.copies;
  std::string note = form.note;
  bool conditional = false;
  {
    conditional = pt::cues("condition-openings").starts(pt::fold(pt::prefix(row.name, 40)));
    if (conditional) note = note.empty() ? "có điều kiện" : "có điều kiện; " + note;
  }
  if (!row.form_file.empty()) note += (note.empty() ? "" : "; ") + std::string("mẫu: ") + pt::shorten(row.form_file, 120);
  d.note = note;
  // A condition ("Trường hợp không có giấy tờ nêu trên thì nộp bản sao…")
  // names a fallback, not the registry document itself; and two rows of
  // one list naming the same registry document in different words are two
  // papers ("Văn bản ủy quyền của pháp nhân …", "… của hộ gia đình …"):
  // only the first refers to it.
  if (const auto* doc = conditional ? nullptr : known.recognise(n)) {
    const bool taken = std::any_of(refs_used.begin(), refs_used.end(), [&](const auto& u) {
      return u.first == doc->id && u.second != n;
    });
    if (!taken) {
      d.ref = doc->id;
      refs_used.emplace_back(d.ref, n);
    }
    // An identity card, paper or passport demanded in the original is
    // shown and handed back: nobody hands in their identity card.
    if (pt::cues("shown-not-handed-in").is(doc->id) && d.form == redtape::document_form::original &&
        d.copies > 0 && row.copies == 0) {
      d.copies = 0;
      d.note = d.note.empty() ? "xuất trình (shown, not handed in)" : "xuất trình (shown, not handed in); " + d.note;
    }
  }
  return d;
}

/// The documents demanded at filing, on the skeleton's filing step.
void demands_at_filing(record_state& st, redtape::procedure& p, std::size_t k) {
  built_record& b = st.b;
  const skeleton& sk = st.sk;
  const std::vector<pt::document_row> rows_k = rows_of_case(st.dossier, k);
  auto& req = p.steps[sk.submit].requires_docs;
  std::vector<std::pair<std::string, std::string>> refs_used;  // ref, normalised name
  for (const auto& row : rows_k) {
    if (row.name.empty()) continue;
    const std::string n = normalize_document_name(row.name);
    document_demand d = demand_of(st.known, row, n, refs_used);
    // The state body the name says issued it: an agency of the registry,
    // which once-only reads ("… của Sở Xây dựng").
    if (d.ref.empty())
      if (const std::string issuer = pt::issuer_in_name(row.name); !issuer.empty())
        d.issued_by = add_agency(b, issuer);
    b.demands.push_back({b.procedures.size(), sk.submit, req.size(), false, n});
    req.push_back(std::move(d));
  }
}

/// Results produced by the agency's last (issuing) step.
void results_produced(record_state& st, redtape::procedure& p) {
  built_record& b = st.b;
  const std::optional<std::size_t>& issuing = st.issuing;
  if (issuing) {
    auto& prod = p.steps[*issuing].produces_docs;
    for (const auto& res : st.results) {
      document_demand d;
      d.name = res.name;
      if (!res.code.empty()) d.note = std::string(result_code_prefix) + res.code;
      const std::string n = normalize_document_name(res.name);
      if (const auto* doc = st.known.recognise(n)) d.ref = doc->id;
      b.demands.push_back({b.procedures.size(), *issuing, prod.size(), true, n});
      prod.push_back(std::move(d));
    }
  }
}

/// Procedure `k` of `case_count`, before its documents.
redtape::procedure procedure_for_case(const record_state& st, std::size_t k, std::size_t case_count,
                                      const std::string& case_name, const std::vector<std::string>& levels,
                                      const std::vector<std::string>& legal) {
  const raw_record& r = st.r;
  const built_record& b = st.b;
  const std::string& title = st.title;
  redtape::procedure p;
  p.id = b.base_id;  // variants get "#k" when ids are final
  p.name.vi = case_name.empty() ? title : title + " — " + pt::shorten(case_name, 160);
  p.sector = pt::clean_space(r.sector);
  if (!levels.empty()) p.level = levels.front() == "other" ? pt::clean_space(r.level) : levels.front();
  p.agency = st.main_agency;
  p.applicant = pt::parse_applicant(r.applicant);
  p.legal_basis = legal;
  for (const auto& res : st.results) {
    document_demand d;
    d.name = res.name;
    p.results.push_back(std::move(d));
  }
  p.source_url = b.url;
  p.note = "Nguồn: " + b.label;
  if (!case_name.empty())
    p.note += fmt::format("; trường hợp {}/{}: {}", k + 1, case_count, pt::shorten(case_name, 200));
  p.steps = st.sk.steps;
  return p;
}

}  // namespace

void result_documents(record_state& st) {
  const raw_record& r = st.r;
  const field_names& F = st.F;
  built_record& b = st.b;
  const warn_sink& warn = st.warn;
  const skeleton& sk = st.sk;
  const std::string& desk = st.desk;
  std::vector<pt::result_document>& results = st.results;
  std::optional<std::size_t>& issuing = st.issuing;
  results = r.flattened ? pt::parse_results(r.result) : std::vector<pt::result_document>{};
  // The one-stop desk hands the result back; the body that decides issues it.
  for (std::size_t i = sk.steps.size(); i-- > 0;)
    if (!sk.steps[i].by_applicant() && sk.steps[i].actor != desk && sk.steps[i].action == "issue") {
      issuing = i;
      break;
    }
  if (!issuing)
    for (std::size_t i = sk.steps.size(); i-- > 0;)
      if (!sk.steps[i].by_applicant() && sk.steps[i].actor != desk) {
        issuing = i;
        break;
      }
  if (r.flattened && results.empty())
    warn(F.result, "result-missing", fmt::format("no result document could be read from {}", util::quote(r.result, 60)),
         fmt::format("không đọc được kết quả thực hiện từ {}", util::quote(r.result, 60)), severity::note);
  for (const auto& res : results) {
    if (!res.code_text.empty())
      warn(F.result, "result-code-invalid",
           fmt::format("result {} has code {}, not a national result code (KQ.…)", util::quote(res.name, 40),
                       util::quote(res.code_text)),
           fmt::format("kết quả {} có mã {}, không phải mã kết quả quốc gia (KQ.…)", util::quote(res.name, 40),
                       util::quote(res.code_text)),
           severity::note);
    b.results.push_back({res.name, res.code, normalize_document_name(res.name),
                         issuing ? sk.steps[*issuing].actor : st.main_agency});
  }
}

void read_dossier(record_state& st) {
  const raw_record& r = st.r;
  const field_names& F = st.F;
  built_record& b = st.b;
  const warn_sink& warn = st.warn;
  const pt::document_table table = document_table_of(r);
  st.dossier = pt::organise(table);
  const pt::dossier& dossier = st.dossier;
  std::size_t table_rows = 0;
  for (const auto& g : table.groups) table_rows += g.rows.size();
  bool only_nothing = true;
  for (const auto& g : table.groups)
    for (const auto& row : g.rows) only_nothing = only_nothing && says_nothing(row);
  const std::string shown_documents = r.flattened ? r.documents_text : std::string("[]");
  if ((!table.table_found && pt::no_information(r.documents_text)) ||
      (table.table_found && table_rows > 0 && only_nothing && dossier.common.empty() && dossier.cases.empty()) ||
      (table.table_found && table_rows == 0 && pt::no_information(table.leftover))) {
    warn(F.documents, "documents-not-given",
         fmt::format("the portal lists no document ({}); the procedure demands none here", util::quote(shown_documents, 80)),
         fmt::format("cổng không liệt kê giấy tờ nào ({}); thủ tục ở đây không yêu cầu giấy tờ",
                     util::quote(shown_documents, 80)),
         severity::note);
  } else if (!table.table_found || table_rows == 0) {
    warn(F.documents, "documents-unparsed",
         fmt::format("no document list could be read from {}; the procedure demands no document here",
                     util::quote(shown_documents, 80)),
         fmt::format("không đọc được thành phần hồ sơ từ {}; thủ tục ở đây chưa yêu cầu giấy tờ nào",
                     util::quote(shown_documents, 80)));
  } else if (dossier.common.empty() && dossier.cases.empty()) {
    warn(F.documents, "documents-only-notes",
         fmt::format("the {} rows of the document list are notes or headings, none a document", table_rows),
         fmt::format("{} dòng của thành phần hồ sơ đều là ghi chú hoặc tiêu đề, không có giấy tờ nào", table_rows));
  }
  if (!table.leftover.empty() && table.table_found)
    warn(F.documents, "documents-leftover",
         fmt::format("text after the last document was not read as a row: {}", util::quote(table.leftover, 60)),
         fmt::format("phần chữ sau giấy tờ cuối cùng không đọc được thành dòng: {}", util::quote(table.leftover, 60)),
         severity::note);
  if (dossier.cases.size() >= 2)
    warn(F.documents, "cases",
         fmt::format("{} cases in the document list; written as {} procedures ({}, {}#2, …)", dossier.cases.size(),
                     dossier.cases.size(), b.base_id, b.base_id),
         fmt::format("thành phần hồ sơ có {} trường hợp; ghi thành {} thủ tục ({}, {}#2, …)", dossier.cases.size(),
                     dossier.cases.size(), b.base_id, b.base_id),
         severity::note);
  for (const auto& n : dossier.notes)
    if (b.dossier_notes.size() < 30) b.dossier_notes.push_back(pt::shorten(n, 400));
}

void procedures_for_cases(record_state& st) {
  const raw_record& r = st.r;
  const field_names& F = st.F;
  built_record& b = st.b;
  const warn_sink& warn = st.warn;
  const pt::dossier& dossier = st.dossier;
  const std::size_t case_count = std::max<std::size_t>(1, dossier.cases.size() >= 2 ? dossier.cases.size() : 1);
  const auto levels = pt::parse_levels(r.level);
  if (levels.size() > 1) b.levels_text = pt::clean_space(r.level);
  const auto legal = pt::parse_legal_basis(r.legal_basis);
  if (r.flattened && legal.empty() && !pt::no_information(r.legal_basis))
    warn(F.legal_basis, "legal-basis-unparsed",
         fmt::format("no legal document could be read from {}", util::quote(r.legal_basis, 60)),
         fmt::format("không đọc được văn bản pháp lý nào từ {}", util::quote(r.legal_basis, 60)), severity::note);

  for (std::size_t k = 0; k < case_count; ++k) {
    const std::string case_name = dossier.cases.size() >= 2 ? dossier.cases[k].title : std::string();
    redtape::procedure p = procedure_for_case(st, k, case_count, case_name, levels, legal);
    demands_at_filing(st, p, k);
    results_produced(st, p);
    b.procedures.push_back(std::move(p));
    b.case_titles.push_back(case_name);
  }
}

}  // namespace redtape::importer::record_steps
