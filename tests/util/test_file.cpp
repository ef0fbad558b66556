// util::write_file_atomically: the whole new file or the old one, and no
// temporary file left behind either way.
#include <catch2/catch.hpp>

#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>

#include "../import/temp_dir.hpp"
#include "util/file.hpp"

namespace fs = std::filesystem;
using redtape::test::read_text;
using redtape::test::temp_dir;
using redtape::util::write_file_atomically;

namespace {

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("write_file_atomically writes every byte and replaces the old file") {
  temp_dir dir("util_file");
  const fs::path target = dir.path / "report.json";
  std::string bytes = "first\n";
  write_file_atomically(target, bytes);
  CHECK(read_text(target) == bytes);

  bytes.assign(1 << 20, 'x');
  bytes[17] = '\0';
  bytes += "Thủ tục đăng ký\n";
  write_file_atomically(target, bytes);
  CHECK(read_text(target) == bytes);

  write_file_atomically(target, "");
  CHECK(fs::file_size(target) == 0);
  CHECK(entries(dir.path) == 1);  // no temporary file left
}

TEST_CASE("write_file_atomically in the current folder") {
  temp_dir dir("util_file_cwd");
  const fs::path before = fs::current_path();
  fs::current_path(dir.path);
  write_file_atomically("plain.txt", "in the current folder");
  fs::current_path(before);
  CHECK(read_text(dir.path / "plain.txt") == "in the current folder");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("write_file_atomically fails with the system's error and leaves nothing behind") {
  temp_dir dir("util_file_fail");
  SECTION("a folder that does not exist") {
    const fs::path target = dir.path / "missing" / "out.yaml";
    try {
      write_file_atomically(target, "text");
      FAIL("written into a folder that does not exist");
    } catch (const std::system_error& e) {
      CHECK(e.code() == std::errc::no_such_file_or_directory);
      CHECK(std::string(e.what()).find((dir.path / "missing").string()) != std::string::npos);
    }
    CHECK(entries(dir.path) == 0);
  }
  SECTION("a target that is a folder: the rename fails, the folder stays, the temporary file goes") {
    const fs::path target = dir.path / "taken";
    fs::create_directories(target / "inside");
    CHECK_THROWS_AS(write_file_atomically(target, "text"), std::system_error);
    CHECK(fs::is_directory(target / "inside"));
    CHECK(entries(dir.path) == 1);
  }
}
