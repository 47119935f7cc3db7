// core_natives_regex.cpp - regular expressions.
//   clojure.core: re-pattern re-find re-matches re-seq
//   clojure.string: split split-lines replace replace-first
//
// A pattern is a Type::kRegex object [pattern String] holding Java syntax. It
// is compiled (once per process, cached by text) to a std::wregex in
// ECMAScript mode over the code points of the subject, a first approximation
// of java.util.regex. Java syntax is translated where ECMAScript differs:
//  - inline flags (?i) (?m) (?s) (?x) (?u) and (?i:...) groups apply to the
//    whole pattern (Java scopes them); d and u are ignored
//  - (?<name>...) becomes a plain group (names are not kept); (?>...) a
//    non-capturing group; possessive quantifiers (a*+) become greedy ones
//  - $ without (?m) matches at the end or before a final line terminator, as
//    in Java; \z \Z \R \h \e \a \Q...\E and \p{Lower|Upper|Alpha|Digit|Alnum|
//    Punct|Space|XDigit|Blank} are rewritten; (?s) makes . match anything
//  - lookbehind (?<= (?<! and other \p{...} classes are not supported: an
//    IllegalArgumentException when the pattern is compiled
//  - \A is ^ (so it also matches after a newline under (?m)); character class
//    intersections ([a-z&&[^b]]) are not supported
// \w \d \s and case-insensitive matching are ASCII-only, as Java's defaults.
// Match positions are code point indices.
#include <memory>
#include <regex>
#include <unordered_map>

#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/core_natives.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/runtime.h"

namespace folio::natives {
namespace {

struct Compiled {
  std::wregex re;
  unsigned groups;
};

[[noreturn]] void syntax_error(const std::string& what, std::string_view pattern) {
  const char* cls = class_isa("java.util.regex.PatternSyntaxException", "java.lang.IllegalArgumentException")
                        ? "java.util.regex.PatternSyntaxException"
                        : "java.lang.IllegalArgumentException";
  throw_error(cls, what + "\n" + std::string(pattern));
}

const wchar_t* posix_class(std::u32string_view name, bool* ok) {
  *ok = true;
  if (name == U"Lower") return L"a-z";
  if (name == U"Upper") return L"A-Z";
  if (name == U"Alpha") return L"a-zA-Z";
  if (name == U"Digit") return L"0-9";
  if (name == U"Alnum") return L"a-zA-Z0-9";
  if (name == U"Punct") return L"!-\\/:-@\\[-`{-~";
  if (name == U"Space") return L" \\t\\n\\x0B\\f\\r";
  if (name == U"XDigit") return L"0-9a-fA-F";
  if (name == U"Blank") return L" \\t";
  *ok = false;
  return L"";
}

// Java pattern syntax -> ECMAScript (see the file comment).
std::wstring translate(std::string_view pattern, std::regex_constants::syntax_option_type* flags) {
  std::u32string p = utf8_to_u32(pattern);
  bool multiline = false, dotall = false, comments = false;
  // First pass: inline flag groups, which apply to the whole pattern here.
  for (size_t i = 0; i + 2 < p.size(); ++i) {
    if (p[i] == '\\') { ++i; continue; }
    if (p[i] != '(' || p[i + 1] != '?') continue;
    size_t j = i + 2;
    bool on = true;
    while (j < p.size() && std::u32string_view(U"idmsux-").find(p[j]) != std::u32string_view::npos) {
      if (p[j] == '-') on = false;
      else if (on && p[j] == 'i') *flags |= std::regex::icase;
      else if (on && p[j] == 'm') multiline = true;
      else if (on && p[j] == 's') dotall = true;
      else if (on && p[j] == 'x') comments = true;
      ++j;
    }
    if (j > i + 2 && j < p.size() && (p[j] == ')' || p[j] == ':')) {
      bool group = p[j] == ':';
      p.erase(i, j - i + 1);
      if (group) p.insert(i, U"(?:");
      --i;
    }
  }
  if (multiline) *flags |= std::regex::multiline;
  std::wstring out;
  bool in_class = false;
  auto emit = [&](std::u32string_view s) { for (char32_t c : s) out += wchar_t(c); };
  auto quote_char = [&](char32_t c) {
    if (std::u32string_view(U"\\^$.|?*+()[]{}/-").find(c) != std::u32string_view::npos) out += L'\\';
    out += wchar_t(c);
  };
  for (size_t i = 0; i < p.size(); ++i) {
    char32_t c = p[i];
    if (comments && !in_class) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) continue;
      if (c == '#') {
        while (i < p.size() && p[i] != '\n') ++i;
        continue;
      }
    }
    if (c == '\\' && i + 1 < p.size()) {
      char32_t d = p[++i];
      switch (d) {
        case 'Q': {
          size_t e = p.find(U"\\E", i + 1);
          size_t stop = e == std::u32string::npos ? p.size() : e;
          for (size_t k = i + 1; k < stop; ++k) quote_char(p[k]);
          i = e == std::u32string::npos ? p.size() : e + 1;
          continue;
        }
        case 'z': out += in_class ? L"z" : L"(?![\\s\\S])"; continue;
        case 'Z': out += L"(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))"; continue;
        case 'A': out += L"^"; continue;
        case 'R': out += L"(?:\\r\\n|[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029])"; continue;
        case 'h': out += in_class ? L" \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000"
                                  : L"[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]"; continue;
        case 'H': out += L"[^ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]"; continue;
        case 'e': out += L"\\x1B"; continue;
        case 'a': out += L"\\x07"; continue;
        case 'p': case 'P': {
          size_t e = i + 1 < p.size() && p[i + 1] == '{' ? p.find('}', i + 1) : std::u32string::npos;
          std::u32string_view name = e == std::u32string::npos
                                         ? std::u32string_view(p).substr(i + 1, 1)
                                         : std::u32string_view(p).substr(i + 2, e - i - 2);
          if (name.starts_with(U"Is")) name.remove_prefix(2);
          bool ok;
          const wchar_t* cls = posix_class(name, &ok);
          if (!ok) syntax_error("Unsupported character class \\p{" + u32_to_utf8(name) + "}", pattern);
          if (in_class && d == 'p') out += cls;
          else if (in_class) syntax_error("Unsupported negated class \\P inside [...]", pattern);
          else out += std::wstring(d == 'p' ? L"[" : L"[^") + cls + L"]";
          i = e == std::u32string::npos ? i + 1 : e;
          continue;
        }
        default:
          out += L'\\';
          out += wchar_t(d);
          continue;
      }
    }
    if (in_class) {
      if (c == ']') in_class = false;
      if (c == '[') out += L'\\';  // a nested [ is literal in ECMAScript
      out += wchar_t(c);
      continue;
    }
    switch (c) {
      case '[':
        in_class = true;
        out += L'[';
        if (i + 1 < p.size() && p[i + 1] == '^') out += wchar_t(p[++i]);
        if (i + 1 < p.size() && p[i + 1] == ']') {  // Java: a leading ] is literal
          out += L"\\]";
          ++i;
        }
        continue;
      case '.': out += dotall ? L"[\\s\\S]" : L"."; continue;
      case '$':
        out += multiline ? L"$" : L"(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))";
        continue;
      case '(':
        if (i + 2 < p.size() && p[i + 1] == '?') {
          char32_t k = p[i + 2];
          if (k == '>') { out += L"(?:"; i += 2; continue; }
          if (k == '<' && i + 3 < p.size() && (p[i + 3] == '=' || p[i + 3] == '!'))
            syntax_error("Lookbehind is not supported by Folio's regex engine", pattern);
          if (k == '<') {  // named group: (?<name>...)
            size_t e = p.find('>', i + 3);
            if (e == std::u32string::npos) syntax_error("named capturing group is missing trailing '>'", pattern);
            out += L'(';
            i = e;
            continue;
          }
        }
        out += L'(';
        continue;
      case '+':
        out += L'+';
        continue;
      case '*': case '?': case '}':
        out += wchar_t(c);
        if (i + 1 < p.size() && p[i + 1] == '+') ++i;  // possessive -> greedy
        continue;
      default: emit(std::u32string_view(&c, 1)); continue;
    }
  }
  return out;
}

std::shared_ptr<const Compiled> compile(std::string_view pattern) {
  static std::unordered_map<std::string, std::shared_ptr<const Compiled>> cache;
  auto it = cache.find(std::string(pattern));
  if (it != cache.end()) return it->second;
  auto flags = std::regex::ECMAScript;
  std::wstring src = translate(pattern, &flags);
  std::shared_ptr<Compiled> c;
  try {
    std::wregex re(src, flags);
    c = std::make_shared<Compiled>(Compiled{std::move(re), 0});
    c->groups = unsigned(c->re.mark_count());
  } catch (const std::regex_error& e) {
    syntax_error(e.what(), pattern);
  }
  if (cache.size() > 512) cache.clear();
  cache.emplace(std::string(pattern), c);
  return c;
}

std::shared_ptr<const Compiled> regex_arg(Value re) {
  if (!is(re, Type::kRegex)) throw_cast(re, "java.util.regex.Pattern");
  return compile(string_view(slot(re, 0)));
}

std::wstring wide(std::string_view s) {
  std::u32string u = utf8_to_u32(s);
  return std::wstring(u.begin(), u.end());
}

std::string narrow(std::wstring::const_iterator b, std::wstring::const_iterator e) {
  std::string out;
  for (; b != e; ++b) append_utf8(out, uint32_t(*b));
  return out;
}

// One java.util.regex.Matcher over a subject.
struct Matcher {
  std::shared_ptr<const Compiled> c;
  std::wstring text;
  std::wsmatch m;
  size_t from = 0;
  bool done = false;

  Matcher(std::shared_ptr<const Compiled> cc, std::string_view s) : c(std::move(cc)), text(wide(s)) {}

  // Matcher.find(): after an empty match the next search starts one further.
  bool find() {
    if (done || from > text.size()) return false;
    auto flags = from > 0 ? std::regex_constants::match_prev_avail : std::regex_constants::match_default;
    if (!std::regex_search(text.cbegin() + std::ptrdiff_t(from), text.cend(), m, c->re, flags)) {
      done = true;
      return false;
    }
    size_t st = start(), en = end();
    from = en == st ? en + 1 : en;
    return true;
  }
  bool matches() { return std::regex_match(text.cbegin(), text.cend(), m, c->re); }
  size_t start(unsigned g = 0) const { return size_t(m[g].first - text.cbegin()); }
  size_t end(unsigned g = 0) const { return size_t(m[g].second - text.cbegin()); }
  Value group(unsigned g) const { return m[g].matched ? make_string(narrow(m[g].first, m[g].second)) : kNil; }
  // clojure.core/re-groups
  Value groups() const {
    if (c->groups == 0) return group(0);
    std::vector<Value> xs;
    for (unsigned g = 0; g <= c->groups; ++g) xs.push_back(group(g));
    return vector_from(xs.data(), xs.size());
  }
  std::string slice(size_t b, size_t e) const { return narrow(text.cbegin() + std::ptrdiff_t(b), text.cbegin() + std::ptrdiff_t(e)); }
};

// ---------------------------------------------------------------- clojure.core

Value n_re_pattern(Value* a, uint32_t) {
  if (is(a[0], Type::kRegex)) return a[0];
  std::string_view s = str_arg(a[0]);
  compile(s);  // PatternSyntaxException now, as Pattern.compile
  Value r = alloc_slots(Type::kRegex, 1);
  init_slot(r, 0, a[0]);
  return r;
}

// (re-find re s), or (re-find matcher): a matcher (stdlib/core_proto.clj,
// re-matcher) keeps its state in Clojure and finds with folio-re-find-from.
Value n_re_find(Value* a, uint32_t n) {
  if (n == 1) {
    static CachedCoreVar finder{"folio-matcher-find"};
    return call_fn(var_root(finder.get()), a[0]);
  }
  Matcher m(regex_arg(a[0]), str_arg(a[1], "java.lang.CharSequence"));
  return m.find() ? m.groups() : kNil;
}

// (folio-re-find-from re s from): Matcher.find from code point `from` (as a
// matcher's next find starts): [groups where-the-next-find-starts], or nil.
Value n_re_find_from(Value* a, uint32_t) {
  Matcher m(regex_arg(a[0]), str_arg(a[1], "java.lang.CharSequence"));
  if (!a[2].is_fixnum() || a[2].fixnum_value() < 0) throw_cast(a[2], "java.lang.Long");
  m.from = size_t(a[2].fixnum_value());
  if (!m.find()) return kNil;
  Value pair[2] = {m.groups(), make_long(int64_t(m.from))};
  return vector_from(pair, 2);
}

Value n_re_matches(Value* a, uint32_t) {
  Matcher m(regex_arg(a[0]), str_arg(a[1], "java.lang.CharSequence"));
  return m.matches() ? m.groups() : kNil;
}

// Clojure's re-seq is lazy; the subject is a finite string, so this one is eager.
Value n_re_seq(Value* a, uint32_t) {
  Matcher m(regex_arg(a[0]), str_arg(a[1], "java.lang.CharSequence"));
  std::vector<Value> xs;
  while (m.find()) xs.push_back(m.groups());
  return xs.empty() ? kNil : list_from(xs.data(), uint32_t(xs.size()));
}

// ---------------------------------------------------------------- clojure.string

std::shared_ptr<const Compiled> literal_regex(std::string_view s) {
  std::string q;
  for (char ch : s) {
    if (std::string_view("\\^$.|?*+()[]{}").find(ch) != std::string_view::npos) q += '\\';
    q += ch;
  }
  return compile(q);
}

// Pattern.split(s, limit)
Value split(std::shared_ptr<const Compiled> c, std::string_view s, int64_t limit) {
  Matcher m(std::move(c), s);
  std::vector<Value> parts;
  size_t index = 0;
  bool limited = limit > 0;
  while (m.find()) {
    if (!limited || int64_t(parts.size()) < limit - 1) {
      if (index == 0 && m.start() == 0 && m.end() == 0) continue;  // no empty leading part
      parts.push_back(make_string(m.slice(index, m.start())));
      index = m.end();
    } else if (int64_t(parts.size()) == limit - 1) {
      parts.push_back(make_string(m.slice(index, m.text.size())));
      index = m.end();
    }
  }
  if (index == 0) {
    Value whole = make_string(s);
    return vector_from(&whole, 1);
  }
  if (!limited || int64_t(parts.size()) < limit) parts.push_back(make_string(m.slice(index, m.text.size())));
  if (limit == 0)
    while (!parts.empty() && string_size(parts.back()) == 0) parts.pop_back();
  return vector_from(parts.data(), parts.size());
}

Value n_split(Value* a, uint32_t n) {
  std::string_view s = str_arg(a[0], "java.lang.CharSequence");
  auto c = is(a[1], Type::kString) ? literal_regex(string_view(a[1])) : regex_arg(a[1]);
  int64_t limit = 0;
  if (n == 3) limit = index_arg(a[2]);
  return split(std::move(c), s, limit);
}

Value n_split_lines(Value* a, uint32_t) {
  return split(compile("\\r?\\n"), str_arg(a[0], "java.lang.CharSequence"), 0);
}

// Matcher.appendReplacement's expansion of $n and \x in a replacement string.
void expand_replacement(std::string& out, std::string_view rep, const Matcher& m) {
  for (size_t i = 0; i < rep.size(); ++i) {
    char ch = rep[i];
    if (ch == '\\') {
      if (++i >= rep.size()) throw_arg("character to be escaped is missing");
      out += rep[i];
    } else if (ch == '$') {
      if (++i >= rep.size()) throw_arg("Illegal group reference: group index is missing");
      if (rep[i] == '{') throw_arg("named capturing group is not supported by Folio's regex engine");
      if (rep[i] < '0' || rep[i] > '9') throw_arg("Illegal group reference");
      unsigned g = unsigned(rep[i] - '0');
      if (g > m.c->groups) throw_error("java.lang.IndexOutOfBoundsException", "No group " + std::to_string(g));
      while (i + 1 < rep.size() && rep[i + 1] >= '0' && rep[i + 1] <= '9') {
        unsigned ng = g * 10 + unsigned(rep[i + 1] - '0');
        if (ng > m.c->groups) break;
        g = ng;
        ++i;
      }
      if (m.m[g].matched) out += narrow(m.m[g].first, m.m[g].second);
    } else {
      out += ch;
    }
  }
}

// Regex replacement: all matches (or the first), by a replacement string or fn.
Value regex_replace(std::string_view s, Value re, Value rep, bool all) {
  Matcher m(regex_arg(re), s);
  bool by_fn = !is(rep, Type::kString);
  std::string out;
  size_t last = 0;
  bool any = false;
  while (m.find()) {
    any = true;
    out += m.slice(last, m.start());
    if (by_fn) {
      Value r = call_fn(rep, m.groups());
      if (r.is_nil()) throw_npe();
      out += str_arg(r);
    } else {
      expand_replacement(out, string_view(rep), m);
    }
    last = m.end();
    if (!all) break;
  }
  if (!any) return kNotFound;
  out += m.slice(last, m.text.size());
  return make_string(out);
}

std::string char_utf8(Value c) {
  std::string s;
  append_utf8(s, c.char_value());
  return s;
}

// String.replace(CharSequence, CharSequence): literal, every occurrence.
std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  if (from.empty()) {  // between every char and at both ends
    out += to;
    for (size_t i = 0; i < s.size();) {
      unsigned char c = uint8_t(s[i]);
      size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      out += s.substr(i, k);
      out += to;
      i += k;
    }
    return out;
  }
  size_t last = 0;
  for (size_t at; (at = s.find(from, last)) != std::string_view::npos; last = at + from.size()) {
    out += s.substr(last, at - last);
    out += to;
  }
  out += s.substr(last);
  return out;
}

Value n_replace(Value* a, uint32_t) {
  Value sv = a[0], match = a[1], rep = a[2];
  std::string_view s = str_arg(sv, "java.lang.CharSequence");
  if (match.is_char()) {
    if (!rep.is_char()) throw_cast(rep, "java.lang.Character");
    return make_string(replace_all(s, char_utf8(match), char_utf8(rep)));
  }
  if (is(match, Type::kString)) {
    std::string_view to = str_arg(rep, "java.lang.CharSequence");
    return make_string(replace_all(s, string_view(match), to));
  }
  if (is(match, Type::kRegex)) {
    Value r = regex_replace(s, match, rep, true);
    return r == kNotFound ? sv : r;
  }
  throw_arg("Invalid match arg: " + to_str(match));
}

Value n_replace_first(Value* a, uint32_t) {
  Value sv = a[0], match = a[1], rep = a[2];
  std::string_view s = str_arg(sv, "java.lang.CharSequence");
  if (match.is_char() || is(match, Type::kString)) {
    std::string from = match.is_char() ? char_utf8(match) : std::string(string_view(match));
    std::string to = match.is_char() ? to_str(rep) : std::string(str_arg(rep, "java.lang.CharSequence"));
    size_t at = s.find(from);
    if (at == std::string_view::npos) return sv;
    return make_string(std::string(s.substr(0, at)) + to + std::string(s.substr(at + from.size())));
  }
  if (is(match, Type::kRegex)) {
    Value r = regex_replace(s, match, rep, false);
    return r == kNotFound ? sv : r;
  }
  throw_arg("Invalid match arg: " + to_str(match));
}

const NativeDef kRegex[] = {
    {"clojure.core", "re-pattern", n_re_pattern, 1, 1, true},
    {"clojure.core", "re-find", n_re_find, 1, 2, true},
    {"clojure.core", "folio-re-find-from", n_re_find_from, 3, 3, false},
    {"clojure.core", "re-matches", n_re_matches, 2, 2, true},
    {"clojure.core", "re-seq", n_re_seq, 2, 2, true},
    {"clojure.string", "split", n_split, 2, 3, true},
    {"clojure.string", "split-lines", n_split_lines, 1, 1, true},
    {"clojure.string", "replace", n_replace, 3, 3, false},
    {"clojure.string", "replace-first", n_replace_first, 3, 3, false},
};

}  // namespace

void register_regex_natives() { register_natives(kRegex, sizeof kRegex / sizeof kRegex[0]); }

}  // namespace folio::natives
