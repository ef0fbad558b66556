#include "import/portal/steps.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "import/portal/text.hpp"
#include "import/portal/text_internal.hpp"

namespace redtape::importer::portal {

using namespace detail;
using namespace std::string_view_literals;

namespace {

/// Folded openings of a body's name, the subject of an agency's step.
constexpr std::string_view body_heads[] = {
    "cổng dịch vụ công", "hệ thống thông tin giải quyết thủ tục hành chính", "hệ thống dịch vụ công",
    "ứng dụng định danh", "bộ phận một cửa", "bộ phận tiếp nhận", "trung tâm phục vụ hành chính công", "trung tâm hành chính công",
    "trung tâm phục vụ hành chính", "sở", "cục", "tổng cục", "chi cục", "ủy ban", "uỷ ban", "ubnd", "bộ",
    "phòng", "cơ quan", "chủ tịch", "văn phòng", "chi nhánh", "bộ phận", "trung tâm", "hội đồng", "công an",
    "tòa án", "toà án", "ngân hàng nhà nước", "đại sứ quán", "lãnh sự quán", "tổng lãnh sự quán", "thanh tra",
    "kho bạc", "bảo hiểm xã hội", "cán bộ", "công chức", "viện", "ban quản lý", "tổ thẩm định", "đoàn kiểm tra",
    "đoàn thẩm định", "người có thẩm quyền", "người đứng đầu", "giám đốc", "thủ trưởng", "cảng vụ", "trạm",
    "bộ trưởng", "thống đốc", "vụ", "đơn vị", "ban", "tổ xác minh", "tổ công tác", "tổ chuyên gia"};

/// Verbs (folded) that end the subject of an agency's step.
constexpr std::string_view body_verbs[] = {
    "tiếp nhận", "thẩm định", "thẩm tra", "kiểm tra", "xem xét", "xác minh", "trả kết quả", "trả lời", "trả",
    "giải quyết", "phê duyệt", "chấp thuận", "ban hành", "thông báo", "xử lý", "chuyển", "cấp", "ký", "trình",
    "lấy ý kiến", "xin ý kiến", "họp", "quyết định", "kiểm dịch", "đánh giá", "công bố", "đăng tải", "cập nhật",
    "lưu", "hướng dẫn", "từ chối", "tổ chức", "thành lập", "tiến hành", "ra", "gửi", "có trách nhiệm",
    "thực hiện", "có văn bản", "mở khóa", "mở khoá", "khóa", "khoá", "hủy", "huỷ", "thu hồi", "xác nhận",
    "phối hợp", "lập", "in", "nhập", "ghi", "đăng ký", "niêm yết", "rà soát", "báo cáo", "đề nghị", "yêu cầu",
    "sẽ", "căn cứ", "nhận", "kiểm soát", "giám sát", "chịu trách nhiệm", "phân công", "cử", "có ý kiến",
    "tham mưu", "chủ trì", "đối chiếu", "số hóa", "số hoá", "thu", "bàn giao", "phản hồi", "phải", "đã",
    "là", "lựa chọn", "hoàn thiện", "tổng hợp", "sẽ"};

/// Words that open a time or condition clause before the subject.
constexpr std::string_view clause_openings[] = {"trong thời hạn", "trong vòng", "trong ngày", "ngay sau khi",
                                                "ngay trong ngày", "sau khi", "kể từ", "chậm nhất", "sau",
                                                "trường hợp", "nếu", "khi", "căn cứ", "đối với", "tối đa",
                                                "không quá", "ngay khi", "trên cơ sở", "trước", "để", "hằng năm",
                                                "định kỳ", "hàng năm"};

/// Folded openings of the applicant as a step's subject.
constexpr std::string_view applicant_heads[] = {
    "tổ chức, cá nhân", "cá nhân, tổ chức", "cá nhân", "công dân", "người yêu cầu", "người đề nghị", "người nộp",
    "người dân", "người có yêu cầu", "người đăng ký", "doanh nghiệp", "chủ đầu tư", "chủ hàng", "chủ tàu",
    "chủ cơ sở", "chủ dự án", "thương nhân", "nhà đầu tư", "đơn vị đề nghị", "hộ gia đình", "người lao động",
    "người đại diện", "người xin", "người có nhu cầu", "chủ sở hữu", "bên cho vay", "bên đi vay", "bên vay",
    "tổ chức đề nghị", "tổ chức, cá nhân có nhu cầu", "tổ chức tín dụng", "ngân hàng thương mại",
    "chi nhánh ngân hàng nước ngoài", "người sử dụng đất", "người thừa kế", "người khai", "học sinh",
    "sinh viên", "thí sinh", "người học", "bảo hiểm tiền gửi", "chủ xe", "chủ phương tiện", "chủ rừng",
    "chủ tàu cá", "tổ chức, cá nhân có yêu cầu", "cơ sở giáo dục nghề nghiệp", "cơ sở sản xuất", "cơ sở kinh doanh",
    "cộng đồng dân cư", "cộng đồng", "nhóm hộ", "hợp tác xã", "sĩ quan", "hạ sĩ quan", "thân nhân", "gia đình",
    "bên bảo lãnh", "bên nhận bảo lãnh", "bên được bảo lãnh", "bên mua", "bên bán", "bên thuê", "bên nhận",
    "bên chuyển", "ban trù bị", "chủ tài khoản", "chủ vật thể", "chủ phương tiện", "người khai hải quan"};

bool one_stop_words(std::string_view f) {
  return starts_with_any(f, {"công chức vpmc", "công chức bpmc", "công chức tthcc", "công chức bộ phận một cửa",
                             "công chức trung tâm phục vụ hành chính công", "văn phòng một cửa", "vpmc", "bpmc",
                             "cổng dịch vụ công", "hệ thống thông tin giải quyết thủ tục hành chính",
                             "hệ thống dịch vụ công", "ứng dụng định danh","bộ phận một cửa", "bộ phận tiếp nhận và trả kết quả", "bộ phận tiếp nhận",
                             "trung tâm phục vụ hành chính công", "trung tâm hành chính công",
                             "trung tâm phục vụ hành chính", "bộ phận một cửa liên thông"});
}

}  // namespace

namespace {

bool starts_with_one_of(std::string_view s, const auto& heads) {
  return std::any_of(std::begin(heads), std::end(heads), [&](std::string_view h) { return starts_with_any(s, {h}); });
}

/// The places a subject may start in the folded line `f`: the opening, and
/// after each comma or colon when the opening is a time or condition clause.
std::vector<std::size_t> subject_starts(std::string_view f) {
  std::vector<std::size_t> starts;
  bool clause = false;
  for (auto w : clause_openings)
    if (starts_with_any(f, {w})) clause = true;
  if (!clause) starts.push_back(0);
  for (std::size_t i = 0; i < f.size(); ++i)
    if (f[i] == ',' || f[i] == ':' || f[i] == ';') {
      std::size_t k = i + 1;
      while (k < f.size() && f[k] == ' ') ++k;
      starts.push_back(k);
    }
  return starts;
}

/// The applicant, named at the start of `rest`, acts ("…, cá nhân có nhu
/// cầu gia hạn … nộp hồ sơ").
bool applicant_acts(std::string_view rest) {
  std::size_t clause_end = rest.find_first_of(",;:");
  if (starts_with_any(rest, {"tổ chức, cá nhân", "cá nhân, tổ chức"})) clause_end = rest.find_first_of(",;:", 18);
  const std::size_t acts = earliest(rest.substr(0, std::min(rest.size(), std::size_t{200})),
                                    {"nộp", "gửi", "chuẩn bị", "lập", "cung cấp", "theo dõi", "thanh toán", "xây dựng", "đại diện", "bổ sung", "nhận", "khai",
                                     "đề nghị", "thực hiện", "truy cập", "đăng ký", "hoàn thiện", "đến"});
  return (acts != npos && (clause_end == npos || acts < clause_end)) ||
         rest.substr(0, std::min(rest.size(), std::size_t{160})).find("có nhu cầu") != npos;
}

/// Where the subject's clause ends: the subject runs to its verb, within the
/// same clause, or across a list of bodies: "Ủy ban nhân dân tỉnh, thành phố
/// trực thuộc Trung ương và Ngân hàng Nhà nước chi nhánh có ý kiến".
std::size_t subject_clause_end(std::string_view rest) {
  std::size_t clause_end = rest.find_first_of(";:");
  if (clause_end == npos) clause_end = rest.size();
  {
    std::size_t commas = 0, at = 0;
    while ((at = rest.find(',', at)) != npos && at < clause_end) {
      if (++commas > 2) {
        clause_end = at;
        break;
      }
      ++at;
    }
  }
  return clause_end;
}

/// The line a subject is read from: `first` as written (cleaned), and its
/// folded form `f` (list marker stripped, at most 300 bytes), which starts at
/// `base` of the folded line; `same_offsets` when folding kept the length.
struct subject_line {
  const std::string& first;
  std::string_view f;
  std::size_t base;
  bool same_offsets;
};

/// Whether body verb `v` at `pos` of `rest` (at `p` of the line) is not the
/// verb: "cơ quan tiếp nhận", "bộ phận tiếp nhận": who, not what; "cấp xã",
/// "cấp tỉnh": a level, not "issue"; "tiếp nhận" holds "nhận".
bool not_verb(const subject_line& line, std::size_t p, std::string_view rest, std::string_view v, std::size_t pos) {
  const std::string& first = line.first;
  const auto before = trim(rest.substr(0, pos));
  const auto after = rest.substr(pos + v.size());
  if (v == "tiếp nhận") return before.ends_with("cơ quan") || before.ends_with("bộ phận");
  if (v == "nhận") return before.ends_with("tiếp");
  if (v == "tiến hành") return starts_with_any(trim(after), {"tố tụng"});
  if (v == "cấp")
    return starts_with_any(trim(after), {"xã", "huyện", "tỉnh", "bộ", "trung ương", "cơ sở", "cục", "tổng cục",
                                         "sở", "phòng"});
  // Capitalised, the word is part of a name: "Cục Tổ chức cán bộ",
  // "Vụ Kiểm tra".
  const std::size_t at_original = line.base + p + pos;
  if (line.same_offsets && at_original < first.size() && first.compare(at_original, v.size(), v) != 0) return true;
  return false;
}

/// Where the verb that ends the subject at `p` of the line is, in `rest`.
/// A name may hold a comma only when the clause goes on with the verb:
/// "Văn phòng đăng ký đất đai, Chi nhánh …" is tried from the next start.
std::size_t verb_at(const subject_line& line, std::size_t p, std::string_view rest) {
  std::size_t verb = npos;
  for (auto v : body_verbs) {
    // Past the head itself: "Cục" never ends at its own first word.
    std::size_t at = find_word(rest, v, 1);
    while (at != npos && not_verb(line, p, rest, v, at)) at = find_word(rest, v, at + 1);
    if (at < verb) verb = at;
  }
  return verb;
}

/// A body that files or registers is the applicant here: "cơ quan tổ
/// chức huấn luyện … phải nộp hồ sơ tại Phòng Cảnh sát …".
bool body_files(std::string_view rest, std::size_t verb) {
  return starts_with_any(rest.substr(verb), {"nộp hồ sơ", "phải nộp", "gửi hồ sơ", "gửi 01 bộ hồ sơ", "lập hồ sơ",
                                            "chuẩn bị hồ sơ", "đăng ký", "nộp", "gửi đơn", "có nhu cầu",
                                            "gửi văn bản đề nghị", "gửi đề nghị", "có văn bản đề nghị",
                                            "gửi yêu cầu", "có yêu cầu"}) &&
         !starts_with_any(rest, {"bộ phận", "trung tâm phục vụ", "cơ quan tiếp nhận", "cơ quan có thẩm quyền"});
}

/// Of a list, the first body named; but a body after the comma is the
/// subject itself ("… của cơ quan khác có thẩm quyền, Phòng Cảnh sát …
/// kiểm tra"): the next start takes it.
bool later_body(std::string_view name) {
  bool later = false;
  for (std::size_t c = name.find(','); c != npos && !later; c = name.find(',', c + 1)) {
    std::string_view after = trim(name.substr(c + 1));
    later = starts_with_one_of(after, body_heads);
  }
  return later;
}

/// The name cut at its first comma and at the qualifiers and copulas that
/// end it.
std::string_view name_end(std::string_view name) {
  if (const std::size_t comma = name.find(','); comma != npos) {
    // "Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai": the first.
    name = trim(name.substr(0, comma));
  }
  // Qualifiers and copulas end the name: "… nơi đặt trụ sở", "… là cơ
  // quan", "… phải", "… hoặc Cơ quan có thẩm quyền" (the first one named).
  // "Cơ quan được giao đánh giá", "cơ quan được Chủ tịch … giao giải quyết":
  // the assignment is what tells the body apart; keep it.
  const bool assigned = starts_with_any(name, {"cơ quan được", "đơn vị được"});
  for (auto cut : {" nơi ", " trên địa bàn", " là ", " phải", " đã", " có ", " về việc", " và các", " hoặc ",
                   " sẽ", " được ", " lựa chọn", " hoàn thiện", " tổng hợp", " theo "}) {
    if (assigned && std::string_view(cut) == " được ") continue;
    std::string_view padded = name;
    const std::size_t at = (std::string(padded) + " ").find(cut);
    if (at != npos && at > 0) name = trim(name.substr(0, at));
  }
  return name;
}

/// What kind of body `name` (folded) is: the one-stop desk, the desk when it
/// receives, or the procedure's own body.
void classify_body(step_subject& out, std::string_view name) {
  out.one_stop = one_stop_words(name);
  // "Cơ quan tiếp nhận hồ sơ": the desk; "Cơ quan có thẩm quyền", "Cán
  // bộ", "Thủ trưởng cơ quan": the procedure's own body. An advisory or
  // specialised body ("Cơ quan tham mưu", "Hội đồng thẩm định") is one of
  // its own.
  if (!out.one_stop && starts_with_any(name, {"bộ phận tiếp nhận", "nơi tiếp nhận"})) out.one_stop = true;
  out.receiving = out.receiving || starts_with_any(name, {"cơ quan tiếp nhận"});
  out.generic = !out.one_stop &&
                starts_with_any(name, {"cơ quan có thẩm quyền", "cơ quan giải quyết", "cơ quan cấp",
                                       "cơ quan đăng ký", "cơ quan quản lý", "cơ quan nhà nước có thẩm quyền",
                                       "cán bộ", "công chức", "người có thẩm quyền", "thủ trưởng",
                                       "người đứng đầu", "người giải quyết", "cơ quan thực hiện", "cơ quan tiếp nhận",
                                       "đơn vị chủ trì", "cơ quan chủ trì"}) &&
                name.find(" của ") == npos && name.size() < 80 &&
                !starts_with_any(name, {"cơ quan đăng ký đầu tư"});
  // A head word alone ("Cục", "Ủy ban nhân dân", "Công an") is the
  // procedure's own body, not another one.
  const std::size_t words = static_cast<std::size_t>(std::count(name.begin(), name.end(), ' ')) + 1;
  if (words <= 2 || name == "ủy ban nhân dân" || name == "uỷ ban nhân dân" || name == "chủ tịch ủy ban nhân dân" ||
      name == "chủ tịch uỷ ban nhân dân" || name == "ngân hàng nhà nước chi nhánh")
    out.generic = true;
}

/// No subject at a clause start; the applicant may still act inside the
/// clause: "Trước khi nhập khẩu động vật, sản phẩm động vật chủ hàng gửi
/// 01 bộ hồ sơ".
bool applicant_inside(std::string_view f) {
  for (auto h : applicant_heads) {
    const std::size_t at = find_word(f, h);
    if (at == npos || at > 200) continue;
    const std::string_view after = prefix(f.substr(at + h.size()), 40);
    if (earliest(after, {"gửi", "nộp", "lập hồ sơ", "chuẩn bị", "đăng ký", "đề nghị"}) != npos) return true;
  }
  return false;
}

/// The subject of one line of a step's text (its first sentence).
step_subject subject_in_line(std::string first) {
  step_subject out;
  if (auto dot = first.find(". "); dot != npos) first.resize(dot);
  first = clean_space(first);
  const std::string folded = fold(first);
  std::string_view f = folded;
  f = strip_list_marker(f);
  const std::size_t base = static_cast<std::size_t>(f.data() - folded.data());
  const bool same_offsets = folded.size() == first.size();
  f = prefix(f, 300);
  const subject_line line{first, f, base, same_offsets};
  for (std::size_t p : subject_starts(f)) {
    std::string_view rest = f.substr(p);
    if (starts_with_one_of(rest, applicant_heads)) {
      if (applicant_acts(rest)) {
        out.applicant = true;
        return out;
      }
      continue;
    }
    if (!starts_with_one_of(rest, body_heads) || rest.starts_with("bộ hồ sơ") ||
        rest.starts_with("tổ chức, cá nhân") || rest.starts_with("tổ chức,") || rest.starts_with("cơ sở"))
      continue;
    const std::size_t clause_end = subject_clause_end(rest);
    std::size_t verb = verb_at(line, p, rest);
    // A first line that only names the body: "Bước 2: Công an cấp huyện".
    if (verb == npos && p == 0 && rest.size() < 100 && first.size() < 100) verb = rest.size();
    if (verb == npos || verb > clause_end || verb > 160) continue;
    if (body_files(rest, verb)) {
      out.applicant = true;
      return out;
    }
    std::string_view name = trim(strip_end_punctuation(rest.substr(0, verb)));
    // "Cơ quan được … giao" + its task ("tiếp nhận", "giải quyết", "đánh
    // giá"): the task names the body.
    std::string assigned_name;
    if (starts_with_any(name, {"cơ quan được", "đơn vị được"}) && name.ends_with("giao")) {
      std::size_t end = verb;
      for (int words = 0; words < 2 && end < rest.size(); ++words) {
        const std::size_t sp = rest.find(' ', end + 1);
        end = sp == npos ? rest.size() : sp;
      }
      assigned_name = std::string(trim(rest.substr(0, end)));
      name = assigned_name;
    }
    // The body's own verb is receiving: "Cơ quan được … giao tiếp nhận hồ sơ … trả lời ngay tính đầy đủ".
    if (starts_with_any(rest.substr(verb), {"tiếp nhận", "nhận hồ sơ"})) out.receiving = true;
    if (later_body(name)) continue;
    name = name_end(name);
    if (name.empty()) continue;
    // A bank or a foreign office as the subject is the applicant, not a body
    // of the state: leave the step to the procedure's agency.
    if (starts_with_any(name, {"chi nhánh ngân hàng nước ngoài", "văn phòng đại diện nước ngoài", "phòng giao dịch",
                               "tổ chức tín dụng", "ngân hàng thương mại", "ngân hàng hợp tác xã"})) {
      out.generic = true;
      return out;
    }
    classify_body(out, name);
    // The name as written when folding kept the byte offsets, else folded.
    const std::size_t from = base + p;
    if (fold(first).size() == first.size() && from + name.size() <= first.size())
      out.name = std::string(first.substr(from, name.size()));
    else
      out.name = std::string(name);
    return out;
  }
  if (applicant_inside(f)) out.applicant = true;
  return out;
}

}  // namespace

step_subject subject_of_step(std::string_view text) {
  // Lines, with a line the portal wrapped in mid-sentence ("Cộng đồng dân
  // cư xây\ndựng hồ sơ") joined to the next.
  std::vector<std::string> lines;
  {
    const std::string all = clean_space(text, true);
    std::string_view rest = all;
    while (!rest.empty()) {
      const std::size_t nl = rest.find('\n');
      std::string line(trim(rest.substr(0, nl)));
      rest = nl == npos ? std::string_view{} : rest.substr(nl + 1);
      if (line.empty()) continue;
      const bool continues =
          !lines.empty() && !lines.back().empty() && std::string_view(".:;!?").find(lines.back().back()) == npos &&
          strip_list_marker(line) == std::string_view(line) && fold(line.substr(0, 1)) == line.substr(0, 1) &&
          !is_digit(line.front()) && line.front() != '(';
      if (continues) lines.back() += " " + line;
      else lines.push_back(std::move(line));
    }
  }
  if (lines.empty()) return {};
  // "Bước 2: Hoàn chỉnh hồ sơ:" and "Bước 2: Đăng ký gửi mẫu" are headings:
  // the subject may be on the next lines.
  for (std::size_t i = 0; i < lines.size() && i < 3; ++i) {
    step_subject s = subject_in_line(i == 0 && lines[0].size() < 80 && lines[0].ends_with(":") && lines.size() > 1
                                         ? lines[0] + " " + lines[1]
                                         : lines[i]);
    if (s.applicant || s.one_stop || s.generic || s.receiving || !s.name.empty()) return s;
    // Only a short heading sends the search on to the next line.
    if (lines[i].size() > 120) break;
  }
  return {};
}

}  // namespace redtape::importer::portal
