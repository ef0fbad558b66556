// The steps ("Trình tự thực hiện"): the "Bước N" markers, who acts and how
// (steps.cpp), and the subject of an agency's step (subject.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/time.hpp"

namespace redtape::importer::portal {

struct step_text {
  unsigned number = 0;  ///< N of "Bước N"
  std::string title;    ///< first line, shortened
  std::string text;     ///< the whole step
  bool by_applicant = false;
  std::string action;   ///< SPEC §2 vocabulary, or "prepare"/"process"
  std::optional<time_limit> stated;  ///< "Trong thời hạn 03 ngày làm việc…" in its first sentence
};

/// Steps from "Bước 1", "Bước 2", … markers at the start of a line (the first
/// numbered run; a second "Bước 1" starts another case and ends the run).
/// Empty when the text has fewer than two markers.
[[nodiscard]] std::vector<step_text> parse_steps(std::string_view text, const time_rules& rules = {});

/// Whether a step's opening words are the applicant's ("chuẩn bị", "nộp",
/// "nhận kết quả", "Tổ chức, cá nhân…") rather than the agency's ("tiếp
/// nhận", "thẩm định", "Cơ quan…", "Trong thời hạn…").
[[nodiscard]] bool applicant_words(std::string_view head);
/// The action of a step from its opening words.
[[nodiscard]] std::string action_of(std::string_view head, bool by_applicant);

/// Who does an agency step, as its text says: the subject of its first
/// clause, skipping a leading time or condition clause ("Trong thời hạn 05
/// ngày làm việc kể từ …, Sở Tư pháp thẩm định …" → "Sở Tư pháp"). `one_stop`
/// when the subject is the one-stop desk ("Bộ phận Một cửa", "Trung tâm Phục
/// vụ hành chính công", "Bộ phận tiếp nhận và trả kết quả"). Empty when the
/// step names no body before its verb ("Thẩm định hồ sơ").
struct step_subject {
  std::string name;  ///< as written, list marker and trailing words removed
  bool one_stop = false;
  bool generic = false;  ///< "Cơ quan có thẩm quyền", "Cơ quan tiếp nhận": no particular body
  bool applicant = false;  ///< the applicant is the subject ("…, cá nhân có nhu cầu … nộp hồ sơ")
  bool receiving = false;  ///< "Cơ quan tiếp nhận hồ sơ": the desk when it receives, else the agency
};
[[nodiscard]] step_subject subject_of_step(std::string_view text);
/// Whether a step is the one-stop desk's routine: receiving the dossier or
/// handing the result back ("Tiếp nhận hồ sơ", "Trả kết quả").
[[nodiscard]] bool desk_routine(std::string_view head);

}  // namespace redtape::importer::portal
