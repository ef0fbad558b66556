// A small streaming JSON writer: pretty-printed with a 2-space indent, one
// member per line, arrays of scalars on one line, keys in the order written.
// It writes what it is told, in that order, which is what makes the report
// deterministic; there is no map to reorder anything.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "report/format.hpp"

namespace redtape::report {

/// The inside of a JSON string (RFC 8259): `"` and `\` escaped, the control
/// characters as \b \f \n \r \t or \u00XX, UTF-8 kept as is. Bytes that are
/// not valid UTF-8 become U+FFFD, so that the output always parses.
inline void append_json_escaped(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // A multi-byte sequence: copy it when well formed (no overlong forms,
    // no surrogates, nothing past U+10FFFF), else replace one byte.
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07u;
    }
    bool ok = len != 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80)
        ok = false;
      else
        cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if (ok && ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
               (cp >= 0xD800 && cp <= 0xDFFF)))
      ok = false;
    if (ok) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    }
  }
}

class json_writer {
 public:
  json_writer() { out_.reserve(4096); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// The key of the next member; the value (or container) follows.
  void key(std::string_view name) {
    separate();
    append_string(name);
    out_ += ": ";
    after_key_ = true;
  }

  void value(std::string_view text) {
    separate();
    append_string(text);
  }
  void value(const char* text) { value(std::string_view(text)); }
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(double x) {
    separate();
    out_ += machine_number(x);
  }
  template <class Int>
    requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>)
  void value(Int n) {
    separate();
    out_ += std::to_string(n);
  }
  void value(bool b) {
    separate();
    out_ += b ? "true" : "false";
  }
  void null() {
    separate();
    out_ += "null";
  }

  /// An array of strings or integers on one line: ["a", "b"], [0, 3].
  template <class Range>
  void inline_array(const Range& items) {
    separate();
    out_ += '[';
    bool first = true;
    for (const auto& item : items) {
      if (!first) out_ += ", ";
      first = false;
      append_scalar(item);
    }
    out_ += ']';
  }

  template <class T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

  /// The text written so far, with the final newline once every container
  /// is closed.
  [[nodiscard]] std::string take() {
    if (stack_.empty() && !out_.empty() && out_.back() != '\n') out_ += '\n';
    return std::move(out_);
  }

 private:
  struct frame {
    std::size_t count = 0;  // members written so far
  };

  void append_string(std::string_view text) {
    out_ += '"';
    append_json_escaped(out_, text);
    out_ += '"';
  }
  void append_scalar(std::string_view text) { append_string(text); }
  void append_scalar(const std::string& text) { append_string(text); }
  void append_scalar(double x) { out_ += machine_number(x); }
  template <class Int>
    requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>)
  void append_scalar(Int n) {
    out_ += std::to_string(n);
  }

  // Before a value or a key: the comma and the new line of a container
  // member, unless the key of this member was just written.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (stack_.empty()) return;
    frame& f = stack_.back();
    if (f.count++ != 0) out_ += ',';
    out_ += '\n';
    indent(stack_.size());
  }

  void open(char bracket) {
    separate();
    out_ += bracket;
    stack_.push_back({});
  }

  void close(char bracket) {
    const frame f = stack_.back();
    stack_.pop_back();
    if (f.count != 0) {
      out_ += '\n';
      indent(stack_.size());
    }
    out_ += bracket;
  }

  void indent(std::size_t depth) { out_.append(2 * depth, ' '); }

  std::string out_;
  std::vector<frame> stack_;
  bool after_key_ = false;
};

}  // namespace redtape::report
