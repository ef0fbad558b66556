// "Whatever the importer writes loads" (issue 10): every record of
// ../shared/data and tests/data/real, and a few hundred random and mutated
// records (long texts, bytes that are not UTF-8, combining marks, emoji,
// control characters, NFD, glued and empty fields, huge numbers), imported and
// loaded back with zero errors. A record may be left out with a reported
// error; nothing is written that does not load, and nothing crashes.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include "redtape/import.hpp"
#include "redtape/load.hpp"
#include "temp_dir.hpp"
#include "util/text.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const fs::path real_dir = fs::path(REDTAPE_TEST_DATA) / "real";

/// ../shared/data beside the repository, or $REDTAPE_SHARED_DATA.
fs::path shared_data() {
  if (const char* env = std::getenv("REDTAPE_SHARED_DATA")) return env;
  return fs::path(REDTAPE_TEST_DATA) / ".." / ".." / ".." / "shared" / "data";
}

using redtape::test::read_text;
using redtape::test::temp_dir;

std::string all_errors(const redtape::load_result& r) {
  std::string out;
  for (const auto& d : r.diagnostics)
    if (d.severity == redtape::severity::error) out += d.format() + "\n";
  return out;
}

/// What every import must give: each record read is written or reported,
/// none for an internal error, every file valid UTF-8, and the folder loads
/// with zero errors, holding every procedure counted.
void check_output(const redtape::import_summary& s, const fs::path& out) {
  INFO(redtape::format_import_summary(s, "en", 20));
  CHECK(s.imported + s.skipped == s.records_read);
  for (const auto& [record, why] : s.skipped_why) {
    INFO(record << ": " << why);
    CHECK_FALSE(why.starts_with("internal error"));
  }
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file()) continue;
    INFO(e.path().string());
    CHECK_FALSE(e.path().filename().string().starts_with("."));  // no temporary file left
    CHECK(redtape::util::invalid_utf8_offset(read_text(e.path())) == std::string_view::npos);
    CHECK(redtape::util::invalid_utf8_offset(e.path().filename().string()) == std::string_view::npos);
  }
  const auto loaded = redtape::try_load({out});
  INFO(all_errors(loaded));
  CHECK(loaded.error_count() == 0);
  REQUIRE(loaded.ok());
  CHECK(loaded.catalog->procedures.size() == s.procedures);
  // The other parser reads the same files the same way.
  redtape::load_options with_yaml_cpp;
  with_yaml_cpp.parser = redtape::yaml_parser::yaml_cpp;
  const auto again = redtape::try_load({out}, with_yaml_cpp);
  INFO(all_errors(again));
  CHECK(again.error_count() == 0);
}

// ---------------------------------------------------------------------------
// Random and mutated records

/// JSON as the portal's files are, but bytes kept as they are: invalid UTF-8
/// reaches the importer (nlohmann's dump() would refuse or replace it), and
/// `lone_surrogate` in a string becomes the escape of half a surrogate pair.
constexpr std::string_view lone_surrogate = "<<lone-surrogate>>";

void write_json(std::string& out, const json& j) {
  if (j.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [k, v] : j.items()) {
      if (!first) out += ", ";
      first = false;
      write_json(out, json(k));
      out += ": ";
      write_json(out, v);
    }
    out += '}';
  } else if (j.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (i) out += ", ";
      write_json(out, j[i]);
    }
    out += ']';
  } else if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (s.compare(i, lone_surrogate.size(), lone_surrogate) == 0) {
        out += "\\ud83d";
        i += lone_surrogate.size() - 1;
      } else if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        static constexpr char hex[] = "0123456789abcdef";
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
      } else {
        out += static_cast<char>(c);
      }
    }
    out += '"';
  } else {
    out += j.dump();
  }
}

std::string nfd(const std::string& s) {
  utf8proc_uint8_t* raw = utf8proc_NFD(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  if (!raw) return s;  // not UTF-8
  std::string out(reinterpret_cast<const char*>(raw));
  std::free(raw);
  return out;
}

class mutator {
 public:
  explicit mutator(std::uint32_t seed) : random_(seed) {}

  std::size_t below(std::size_t n) { return n == 0 ? 0 : random_() % n; }
  bool one_in(std::size_t n) { return below(n) == 0; }

  /// One of the record's strings (a field, or a cell of a split row).
  std::string* some_string(json& record) {
    std::vector<std::string*> strings;
    collect(record, strings);
    return strings.empty() ? nullptr : strings[below(strings.size())];
  }

  void mutate_text(std::string& s, const std::vector<std::string>& others) {
    static const std::vector<std::string> odd_bytes{"\x80", "\xBF", "\xE1", "\xE1\xBB", "\xF0\x9F", "\xC0\xAF",
                                                     "\xED\xA0\x80", "\xFF", "\xFE", "\xF5\x80\x80\x80"};
    static const std::vector<std::string> emoji{"😀", "👨‍👩‍👧", "🇻🇳", "👍🏽", "❤️", "🏳️‍🌈", "\xF0\x9F\x91\xA8\xE2\x80\x8D"};
    static const std::vector<std::string> controls{
        std::string(1, '\0'), "\x01", "\x08", "\x0B", "\x0C", "\x1B", "\x1F", "\x7F", "\r", "\t", "\n",
        "\xC2\x80", "\xC2\x85", "\xC2\x9F", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xEF\xBB\xBF", "\xEF\xBF\xBE",
        "\xEF\xBF\xBF", "\xE2\x80\x8B", "\xEF\xB7\x90"};
    static const std::vector<std::string> yaml_words{
        "key: value", "- item", "&anchor", "*alias", "!!binary", "---", "...", "%YAML 1.2", "{[", "]}", " # c",
        "'", "\"", "\\", "\\u0041", "? ", "|", ">", "@", "`", "~", "null", "yes", "1.0e9999", ": "};
    static const std::vector<std::string> glue{
        ")15 ngày, kể từ ngày nhận được hồ sơ hợp lệ", "Trực tiếp5 Ngày làm việc", "Trực tuyến", "Miễn phí(",
        "(", ")", "2,000,000 Việt Nam Đồng(", "Tên giấy tờMẫu đơn, tờ khaiSố lượng", "1 bản chính",
        "Bước 1:", "Mã: KQ.G15.000031", "Không có thông tin", "Hình thức nộpThời gianPhí, lệ phíMô tả"};
    switch (below(14)) {
      case 0: {  // very long
        const std::string base = s.empty() ? std::string("Hồ sơ hợp lệ ") : s;
        const std::size_t target = 2000 + below(40000);
        std::string longer;
        while (longer.size() < target) longer += base;
        s = longer;
        break;
      }
      case 1:  // random bytes anywhere
        for (std::size_t k = 1 + below(8); k > 0; --k) s.insert(below(s.size() + 1), 1, static_cast<char>(below(256)));
        break;
      case 2:  // lone continuation bytes, truncated sequences
        for (std::size_t k = 1 + below(4); k > 0; --k) s.insert(below(s.size() + 1), odd_bytes[below(odd_bytes.size())]);
        break;
      case 3:  // cut at any byte, in a character or not
        s.resize(below(s.size() + 1));
        break;
      case 4:  // combining marks, one or a pile of them
        for (std::size_t k = 1 + below(6); k > 0; --k) {
          std::string marks;
          for (std::size_t m = 1 + (one_in(4) ? below(40) : 0); m > 0; --m) {
            const unsigned cp = 0x300 + static_cast<unsigned>(below(0x70));
            marks += static_cast<char>(0xC0 | (cp >> 6));
            marks += static_cast<char>(0x80 | (cp & 0x3F));
          }
          s.insert(char_start(s, below(s.size() + 1)), marks);
        }
        break;
      case 5:
        for (std::size_t k = 1 + below(5); k > 0; --k) s.insert(char_start(s, below(s.size() + 1)), emoji[below(emoji.size())]);
        break;
      case 6:  // control characters, C1, separators, BOM, noncharacters
        for (std::size_t k = 1 + below(6); k > 0; --k)
          s.insert(char_start(s, below(s.size() + 1)), controls[below(controls.size())]);
        break;
      case 7:
        s = nfd(s);
        break;
      case 8:  // fields glued together, the portal's table pieces out of place
        if (!others.empty() && one_in(2)) s += others[below(others.size())];
        for (std::size_t k = 1 + below(4); k > 0; --k) s.insert(char_start(s, below(s.size() + 1)), glue[below(glue.size())]);
        break;
      case 9:
        s.clear();
        break;
      case 10: {  // huge numbers in place of the digits
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
          if (s[i] >= '0' && s[i] <= '9' && one_in(3)) {
            out += std::string(1 + below(400), static_cast<char>('1' + below(9)));
            while (i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') ++i;
          } else {
            out += s[i];
          }
        }
        s = out + (one_in(2) ? " 99999999999999999999999 bản chính" : " 1e999 Tháng");
        break;
      }
      case 11:
        for (std::size_t k = 1 + below(4); k > 0; --k)
          s.insert(char_start(s, below(s.size() + 1)), yaml_words[below(yaml_words.size())]);
        break;
      case 12:
        s.insert(char_start(s, below(s.size() + 1)), lone_surrogate);
        break;
      default:  // a text made of random code points
        s.clear();
        for (std::size_t k = below(60); k > 0; --k) {
          const unsigned cp = one_in(3) ? static_cast<unsigned>(0x20 + below(0x60)) : static_cast<unsigned>(below(0x2FFFF));
          if (cp >= 0xD800 && cp <= 0xDFFF) continue;
          append(s, cp);
        }
        break;
    }
  }

  /// A record changed in one to four ways: its texts, or its shape.
  void mutate(json& record, bool split) {
    for (std::size_t n = 1 + below(4); n > 0; --n) {
      if (one_in(6)) {
        mutate_shape(record, split);
        continue;
      }
      std::vector<std::string> others;
      {
        std::vector<std::string*> all;
        collect(record, all);
        for (std::size_t k = 0; k < 3 && !all.empty(); ++k) others.push_back(*all[below(all.size())]);
      }
      if (std::string* s = some_string(record)) mutate_text(*s, others);
    }
  }

 private:
  std::mt19937 random_;

  static void collect(json& j, std::vector<std::string*>& out) {
    if (j.is_string()) out.push_back(j.get_ptr<std::string*>());
    else if (j.is_object() || j.is_array())
      for (auto& v : j) collect(v, out);
  }

  /// The start of the character at or before `at` (inserting there keeps the
  /// text's own characters whole; the byte mutations break them on purpose).
  static std::size_t char_start(const std::string& s, std::size_t at) {
    while (at > 0 && at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    return at;
  }

  static void append(std::string& s, unsigned cp) {
    utf8proc_uint8_t bytes[4];
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
    s.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
  }

  void mutate_shape(json& record, bool split) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : record.items()) keys.push_back(k);
    if (keys.empty()) return;
    const std::string key = keys[below(keys.size())];
    // The record's own keys stay, or it would not be a record.
    const bool identity = key == "ma_thu_tuc" || key == "ten_thu_tuc" || key == "title";
    switch (below(6)) {
      case 0:
        if (!identity) record.erase(key);
        break;
      case 1:
        record[key] = nullptr;
        break;
      case 2:
        record[key] = one_in(2) ? json(1e300) : json(-42);
        break;
      case 3:
        record[key] = json::array({"a", json::object({{"b", "c"}})});
        break;
      case 4: {  // odd ids: separators, dots, the id of a case, long ones
        static const std::vector<std::string> codes{"", "../x", "a/b", "1.000080#2", ".", "..", " ", "con\nline",
                                                    std::string(300, '9'), "Ệ" + std::string(150, 'e'), "x:y*?<>|"};
        record[split ? "title" : "ma_thu_tuc"] = codes[below(codes.size())];
        break;
      }
      default:
        if (split && record.contains("Cách thức thực hiện") && record["Cách thức thực hiện"].is_array())
          record["Cách thức thực hiện"].push_back({{"Hình thức nộp", "Trực tiếp"}, {"Thời hạn giải quyết", std::string(60, '9') + " Năm"},
                                                   {"Phí, lệ phí", "Phí: 1e999 Đồng"}, {"Mô tả", ""}});
        else
          record[key] = "";
        break;
    }
  }
};

std::vector<json> flattened_bases() {
  std::vector<json> out;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(real_dir / "dichvucong"))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) out.push_back(json::parse(read_text(f)));
  return out;
}

std::vector<json> split_bases() {
  std::vector<json> out;
  for (const auto& r : json::parse(read_text(real_dir / "dichvucong-7sins" / "data.json"))) out.push_back(r);
  return out;
}

}  // namespace

TEST_CASE("every record of the shared data and tests/data/real imports and loads", "[import][loads]") {
  std::vector<fs::path> sources{real_dir / "dichvucong", real_dir / "dichvucong-7sins" / "data.json"};
  const fs::path shared = shared_data();
  if (fs::exists(shared / "dichvucong") && fs::exists(shared / "dichvucong-7sins" / "data.json")) {
    sources.push_back(shared / "dichvucong");
    sources.push_back(shared / "dichvucong-7sins" / "data.json");
  } else {
    WARN("no shared data at " << shared.string()
                              << " (set REDTAPE_SHARED_DATA): only tests/data/real is imported; skipped ../shared/data");
  }
  temp_dir dir("all");
  // Both sets in one import: records of the same code in two folders of the
  // same name must still give unique ids and file names.
  const auto s = redtape::import_dichvucong(sources, dir.path / "catalog");
  std::size_t errors = 0;
  for (const auto& w : s.warnings) errors += w.severity == redtape::severity::error;
  CHECK(errors == 0);
  CHECK(s.skipped == 0);
  CHECK(s.imported == s.records_read);
  check_output(s, dir.path / "catalog");
}

TEST_CASE("random and mutated records: what is written loads", "[import][loads][property]") {
  const auto flat = flattened_bases();
  const auto split = split_bases();
  REQUIRE(flat.size() >= 30);
  REQUIRE(split.size() >= 10);

  // A fixed seed: the same records every run. REDTAPE_PROPERTY_SEED tries others.
  std::uint32_t seed = 20261010;
  if (const char* env = std::getenv("REDTAPE_PROPERTY_SEED")) seed = static_cast<std::uint32_t>(std::strtoul(env, nullptr, 10));
  INFO("seed " << seed);
  constexpr std::size_t records = 300;
  mutator m(seed);
  temp_dir dir("property");
  const fs::path src = dir.path / "src";
  std::size_t expected = 0;
  json array = json::array();
  auto flush_array = [&](std::size_t i) {
    if (array.empty()) return;
    std::string text;
    write_json(text, array);
    fs::create_directories(src / "split");
    std::ofstream(src / "split" / ("data-" + std::to_string(i) + ".json"), std::ios::binary) << text;
    array = json::array();
  };
  for (std::size_t i = 0; i < records; ++i) {
    const bool is_split = m.one_in(4);
    json r = is_split ? split[m.below(split.size())] : flat[m.below(flat.size())];
    m.mutate(r, is_split);
    std::string text;
    write_json(text, r);
    ++expected;
    if (is_split) {  // the split shape comes as arrays of records
      array.push_back(r);
      if (array.size() == 4) flush_array(i);
    } else {
      const fs::path folder = src / ("bo-" + std::to_string(i % 5));
      fs::create_directories(folder);
      std::ofstream(folder / (std::to_string(i) + ".json"), std::ios::binary) << text;
    }
  }
  flush_array(records);

  SECTION("all at once") {
    redtape::import_options options;
    const auto s = redtape::import_dichvucong({src}, dir.path / "out", options);
    CHECK(s.records_read == expected);
    std::size_t errors = 0, repaired = 0;
    for (const auto& w : s.warnings) {
      errors += w.severity == redtape::severity::error;
      repaired += w.code == "text-not-utf8";
    }
    if (errors) WARN(errors << " records left out with an error (reported, not written)");
    CHECK(repaired > 0);  // the bad bytes reached the importer and were reported
    check_output(s, dir.path / "out");
  }
  SECTION("one by one") {
    // Every sixth file alone, as a user with one file would import it.
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(src))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i < files.size(); i += 6) {
      const fs::path out = dir.path / ("one-" + std::to_string(i));
      INFO(files[i].string() << "\n" << read_text(files[i]).substr(0, 2000));
      const auto s = redtape::import_dichvucong({files[i]}, out);
      check_output(s, out);
    }
  }
}
