// Pictures of a step graph: Graphviz DOT and Mermaid flowcharts.
//
// Both writers share one description of the picture (nodes with their label
// lines, edges, the title) and differ only in syntax and escaping, so that the
// two pictures of a procedure always agree.
#include <cmath>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "redtape/graph.hpp"
#include "redtape/model.hpp"

namespace redtape {
namespace {

// ---------------------------------------------------------------------------
// The picture, independent of syntax.

enum class node_kind { applicant, agency, missing };

struct node {
  std::string id;                  // the step id as written
  std::vector<std::string> lines;  // label lines, unescaped
  node_kind kind = node_kind::agency;
};

struct edge {
  std::size_t from = 0;  // indexes into picture::nodes
  std::size_t to = 0;
};

struct picture {
  std::string title;
  std::vector<node> nodes;
  std::vector<edge> edges;
};

// Characters per line of a step's name and actor before they wrap.
constexpr std::size_t name_width = 32;
constexpr std::size_t actor_width = 40;

bool vietnamese(std::string_view lang) { return lang == "vi"; }

// A number as a reviewer writes it: at most two decimals, no trailing zeros
// ("2", "0.5", "1.25"), whatever rounding noise the arithmetic left behind.
std::string plain_number(double x) {
  if (!std::isfinite(x)) return fmt::format("{}", x);
  std::string s = fmt::format("{:.2f}", x);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

// An amount of money with its thousands grouped the way the language does:
// "50,000" in English, "50.000" in Vietnamese.
std::string money(double amount, std::string_view lang) {
  const bool vi = vietnamese(lang);
  std::string s = plain_number(amount);
  std::string sign;
  if (!s.empty() && s.front() == '-') {
    sign = "-";
    s.erase(0, 1);
  }
  std::string fraction;
  if (auto dot = s.find('.'); dot != std::string::npos) {
    fraction = (vi ? "," : ".") + s.substr(dot + 1);
    s.erase(dot);
  }
  std::string grouped;
  const char separator = vi ? '.' : ',';
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i != 0 && (s.size() - i) % 3 == 0) grouped += separator;
    grouped += s[i];
  }
  return sign + grouped + fraction;
}

std::size_t characters(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// At most `max` characters (not bytes) of `text`, so that a long fee text
// from a portal does not swamp the picture.
std::string shorten(std::string_view text, std::size_t max) {
  std::string out;
  std::size_t chars = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      if (chars == max) return out + "…";
      ++chars;
    }
    out += c;
  }
  return out;
}

// Split `text` into lines of about `width` characters at spaces, so that a
// long official name makes a tall box rather than a very wide one. Line
// breaks in the text are kept.
void wrap_line(std::string_view text, std::size_t width, std::vector<std::string>& lines) {
  std::string line;
  std::size_t line_chars = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const std::size_t chars = characters(word);
    if (line_chars != 0 && line_chars + 1 + chars > width) {
      lines.push_back(std::move(line));
      line.clear();
      line_chars = 0;
    }
    if (line_chars != 0) {
      line += ' ';
      ++line_chars;
    }
    line += word;
    line_chars += chars;
  }
  if (!line.empty()) lines.push_back(std::move(line));
}

// As wrap_line, but with lines of even length: as few lines as `width`
// allows, without a lone word left on the last one.
void wrap_even(std::string_view text, std::size_t width, std::vector<std::string>& lines) {
  std::vector<std::string> greedy;
  wrap_line(text, width, greedy);
  if (greedy.size() > 1) {
    const std::size_t total = characters(text);
    for (std::size_t w = (total + greedy.size() - 1) / greedy.size(); w < width; ++w) {
      std::vector<std::string> even;
      wrap_line(text, w, even);
      if (even.size() <= greedy.size()) {
        greedy = std::move(even);
        break;
      }
    }
  }
  for (auto& line : greedy) lines.push_back(std::move(line));
}

void wrap(std::string_view text, std::size_t width, std::vector<std::string>& lines) {
  const std::size_t before = lines.size();
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    wrap_even(text.substr(0, end), width, lines);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  if (lines.size() == before) lines.emplace_back();
}

std::string duration_text(const duration& d, std::string_view lang) {
  const std::string_view unit = vietnamese(lang) ? " ngày" : " d";
  if (!d.is_range()) return plain_number(d.likely) + std::string(unit);
  // U+2013 EN DASH between the three points.
  return fmt::format("{}–{}–{}{}", plain_number(d.min), plain_number(d.likely), plain_number(d.max),
                     unit);
}

std::string fee_text(const fee& f, const std::string& default_currency, std::string_view lang) {
  const std::string_view word = vietnamese(lang) ? "lệ phí" : "fee";
  if (f.amount) {
    const std::string& currency = f.currency.empty() ? default_currency : f.currency;
    if (currency.empty()) return fmt::format("{} {}", word, money(*f.amount, lang));
    return fmt::format("{} {} {}", word, money(*f.amount, lang), currency);
  }
  if (!f.text.empty()) return fmt::format("{}: {}", word, shorten(f.text, 40));
  return std::string(word) + ": ?";
}

std::string actor_text(const catalog& c, const step& s, std::string_view lang) {
  if (s.by_applicant()) return vietnamese(lang) ? "Người nộp hồ sơ" : "Applicant";
  if (const agency* a = c.find_agency(s.actor); a != nullptr && !a->name.empty())
    return a->name.in(lang);
  return s.actor;
}

std::string name_of(const localized_text& name, const std::string& id, std::string_view lang) {
  const std::string& text = name.in(lang);
  return text.empty() ? id : text;
}

picture describe(const catalog& c, const procedure& p, std::string_view lang) {
  picture pic;
  pic.title = p.name.empty() ? p.id : fmt::format("{} — {}", p.id, p.name.in(lang));

  const std::string currency = c.cost_model_for(p).currency;
  std::map<std::string, std::size_t, std::less<>> index;  // step id → node
  pic.nodes.reserve(p.steps.size());
  for (const step& s : p.steps) {
    node n;
    n.id = s.id;
    n.kind = s.by_applicant() ? node_kind::applicant : node_kind::agency;
    wrap(name_of(s.name, s.id, lang), name_width, n.lines);
    if (!s.actor.empty()) wrap(actor_text(c, s, lang), actor_width, n.lines);
    std::string facts;
    if (s.duration_days) facts = duration_text(*s.duration_days, lang);
    if (s.fee) {
      if (!facts.empty()) facts += " · ";
      facts += fee_text(*s.fee, currency, lang);
    }
    if (!facts.empty()) n.lines.push_back(std::move(facts));
    index.emplace(s.id, pic.nodes.size());  // the first of duplicate ids wins, as in find_step
    pic.nodes.push_back(std::move(n));
  }

  // A catalog built in code may name a predecessor that does not exist;
  // draw it as a missing node rather than hide the mistake.
  for (std::size_t to = 0; to < p.steps.size(); ++to) {
    for (const std::string& before : p.steps[to].after) {
      auto it = index.find(before);
      if (it == index.end()) {
        node n;
        n.id = before;
        n.kind = node_kind::missing;
        n.lines.push_back(before);
        n.lines.push_back(vietnamese(lang) ? "không có bước này" : "no such step");
        it = index.emplace(before, pic.nodes.size()).first;
        pic.nodes.push_back(std::move(n));
      }
      pic.edges.push_back({it->second, to});
    }
  }
  return pic;
}

// ---------------------------------------------------------------------------
// Graphviz DOT.

// The inside of a DOT double-quoted string. Backslashes are doubled so that
// a name never turns into one of Graphviz's label escapes (\N, \G, \l, …).
std::string dot_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

std::string dot_label(const std::vector<std::string>& lines) {
  std::string label;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i != 0) label += "\\n";
    label += dot_escape(lines[i]);
  }
  return label;
}

// ---------------------------------------------------------------------------
// Mermaid.

// The inside of a Mermaid double-quoted label. Mermaid decodes `#name;` and
// `#123;` entity codes in labels; everything that could end the string, open
// a shape, start markup or be read as an entity is written as a code.
std::string mermaid_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case '&': out += "#38;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '(': out += "#40;"; break;
      case ')': out += "#41;"; break;
      case '[': out += "#91;"; break;
      case ']': out += "#93;"; break;
      case '{': out += "#123;"; break;
      case '}': out += "#125;"; break;
      case '|': out += "#124;"; break;
      case '`': out += "#96;"; break;
      case '%': out += "#37;"; break;  // "%%{" would be read as a directive
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

std::string mermaid_label(const std::vector<std::string>& lines) {
  std::string label;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i != 0) label += "<br/>";
    label += mermaid_escape(lines[i]);
  }
  return label;
}

// A YAML double-quoted scalar for the front matter title.
std::string yaml_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Mermaid node ids: [A-Za-z0-9_] only, never a keyword such as `end` (hence
// the prefix), and unique even when two step ids sanitise alike ("a.b", "a-b").
std::vector<std::string> mermaid_ids(const picture& pic) {
  std::vector<std::string> ids;
  ids.reserve(pic.nodes.size());
  std::set<std::string, std::less<>> taken;
  for (const node& n : pic.nodes) {
    std::string base = n.kind == node_kind::missing ? "missing_" : "step_";
    for (char c : n.id) {
      if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // one '_' per letter
      const bool word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      base += word ? c : '_';
    }
    std::string id = base;
    for (int k = 2; taken.contains(id); ++k) id = fmt::format("{}_{}", base, k);
    taken.insert(id);
    ids.push_back(std::move(id));
  }
  return ids;
}

template <class Pred>
void mermaid_class(std::string& out, const picture& pic, const std::vector<std::string>& ids,
                   std::string_view name, Pred pred) {
  std::string members;
  for (std::size_t i = 0; i < pic.nodes.size(); ++i) {
    if (!pred(pic.nodes[i])) continue;
    if (!members.empty()) members += ',';
    members += ids[i];
  }
  if (!members.empty()) out += fmt::format("  class {} {}\n", members, name);
}

}  // namespace

std::string to_dot(const catalog& c, const procedure& p, const graph_options& options) {
  const picture pic = describe(c, p, options.lang);
  std::string out;
  out += fmt::format("digraph \"{}\" {{\n", dot_escape(p.id));
  out += fmt::format(
      "  graph [rankdir=LR, label=\"{}\", labelloc=t, fontname=\"Helvetica,Arial,sans-serif\"];\n",
      dot_escape(pic.title));
  out +=
      "  node [shape=box, style=filled, fillcolor=\"#dbe8f5\", color=\"#4a6f94\", "
      "fontname=\"Helvetica,Arial,sans-serif\", fontsize=10];\n";
  out += "  edge [color=\"#555555\"];\n";
  for (const node& n : pic.nodes) {
    out += fmt::format("  \"{}\" [label=\"{}\"", dot_escape(n.id), dot_label(n.lines));
    switch (n.kind) {
      case node_kind::applicant:
        out += ", style=\"rounded,filled\", fillcolor=\"#fff4b3\", color=\"#a08a00\"";
        break;
      case node_kind::missing:
        out += ", style=dashed, color=\"#c0392b\", fontcolor=\"#c0392b\"";
        break;
      case node_kind::agency: break;
    }
    out += "];\n";
  }
  for (const edge& e : pic.edges)
    out += fmt::format("  \"{}\" -> \"{}\";\n", dot_escape(pic.nodes[e.from].id),
                       dot_escape(pic.nodes[e.to].id));
  out += "}\n";
  return out;
}

std::string to_mermaid(const catalog& c, const procedure& p, const graph_options& options) {
  const picture pic = describe(c, p, options.lang);
  const std::vector<std::string> ids = mermaid_ids(pic);
  std::string out;
  out += fmt::format("---\ntitle: {}\n---\n", yaml_quote(pic.title));
  out += "flowchart LR\n";
  out += "  classDef agency fill:#dbe8f5,stroke:#4a6f94,color:#000\n";
  out += "  classDef applicant fill:#fff4b3,stroke:#a08a00,color:#000\n";
  out += "  classDef missing fill:#fff,stroke:#c0392b,color:#c0392b,stroke-dasharray:5 5\n";
  for (std::size_t i = 0; i < pic.nodes.size(); ++i) {
    const node& n = pic.nodes[i];
    // Applicant steps have round edges, as in the DOT picture. Not stadiums:
    // Mermaid 11 draws those as polygons, and when an edge end falls inside
    // one it serialises the node, label and all, through btoa(), which throws
    // on any non-Latin-1 letter and loses the whole diagram.
    const bool round = n.kind == node_kind::applicant;
    out += fmt::format("  {}{}\"{}\"{}\n", ids[i], round ? "(" : "[", mermaid_label(n.lines),
                       round ? ")" : "]");
  }
  for (const edge& e : pic.edges) out += fmt::format("  {} --> {}\n", ids[e.from], ids[e.to]);
  mermaid_class(out, pic, ids, "applicant",
                [](const node& n) { return n.kind == node_kind::applicant; });
  mermaid_class(out, pic, ids, "agency", [](const node& n) { return n.kind == node_kind::agency; });
  mermaid_class(out, pic, ids, "missing",
                [](const node& n) { return n.kind == node_kind::missing; });
  return out;
}

}  // namespace redtape
