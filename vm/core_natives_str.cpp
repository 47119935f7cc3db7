// core_natives_str.cpp - strings and names.
//   clojure.core: str subs symbol keyword name namespace gensym
//   clojure.string: upper-case lower-case capitalize trim triml trimr
//     trim-newline blank? join includes? starts-with? ends-with? index-of
//     last-index-of reverse escape
// (split, split-lines, replace and replace-first are in core_natives_regex.cpp.)
// Strings are UTF-8; indices (subs, index-of) count code points where Java
// counts UTF-16 units: the two differ only past U+FFFF.
#include <clocale>
#include <cwctype>

#include <locale.h>

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/reader.h"
#include "vm/runtime.h"

namespace folio::natives {
namespace {

// ---------------------------------------------------------------- helpers

// A CharSequence argument of clojure.string.
std::string_view cs_arg(Value v) { return str_arg(v, "java.lang.CharSequence"); }

size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

int64_t cp_count(std::string_view s, size_t to = std::string_view::npos) {
  if (to > s.size()) to = s.size();
  int64_t n = 0;
  for (size_t i = 0; i < to; ++i)
    if ((uint8_t(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

// Byte offset of code point index i (clamped to the end).
size_t cp_offset(std::string_view s, int64_t i) {
  size_t at = 0;
  for (int64_t k = 0; k < i && at < s.size(); ++k) at += utf8_len(uint8_t(s[at]));
  return std::min(at, s.size());
}

// Character.isWhitespace
bool java_ws(uint32_t c) {
  return (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x20) || c == 0x1680 || (c >= 0x2000 && c <= 0x2006) ||
         (c >= 0x2008 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x205F || c == 0x3000;
}

locale_t utf8_locale() {
  static locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(0));
    if (!l) l = newlocale(LC_CTYPE_MASK, "C.utf8", locale_t(0));
    return l;
  }();
  return loc;
}

// String.toUpperCase / toLowerCase: simple case mappings, plus ß -> SS and a
// final Σ -> ς.
std::string change_case(std::string_view s, bool upper) {
  std::string out;
  out.reserve(s.size());
  locale_t loc = utf8_locale();
  std::u32string u = utf8_to_u32(s);
  auto letter = [&](size_t i) { return i < u.size() && loc && iswalpha_l(wint_t(u[i]), loc); };
  for (size_t i = 0; i < u.size(); ++i) {
    uint32_t cp = uint32_t(u[i]);
    if (!upper && cp == 0x3A3 && i > 0 && letter(i - 1) && !letter(i + 1)) {  // final sigma
      append_utf8(out, 0x3C2);
      continue;
    }
    if (cp < 0x80) {
      out += char(upper ? (cp >= 'a' && cp <= 'z' ? cp - 32 : cp) : (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
      continue;
    }
    if (upper && cp == 0xDF) {
      out += "SS";
      continue;
    }
    if (loc) cp = uint32_t(upper ? towupper_l(wint_t(cp), loc) : towlower_l(wint_t(cp), loc));
    append_utf8(out, cp);
  }
  return out;
}

Value str_value(std::string_view s) { return make_string(s); }

// ---------------------------------------------------------------- clojure.core

Value n_str(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  if (n == 1 && is(a[0], Type::kString)) return a[0];
  std::string out;
  for (uint32_t i = 0; i < n; ++i) append_str(out, a[i]);
  return make_string(out);
}

// (subs s start) (subs s start end): StringIndexOutOfBoundsException as JDK 17.
Value n_subs(Value* a, uint32_t n) {
  std::string_view s = str_arg(a[0]);
  int64_t len = cp_count(s);
  int64_t b = index_arg(a[1]), e = n == 3 ? index_arg(a[2]) : len;
  if (b < 0 || b > e || e > len)
    throw_error("java.lang.StringIndexOutOfBoundsException",
                "begin " + std::to_string(b) + ", end " + std::to_string(e) + ", length " + std::to_string(len));
  size_t bo = cp_offset(s, b);
  size_t eo = bo + cp_offset(s.substr(bo), e - b);
  return str_value(s.substr(bo, eo - bo));
}

Value n_symbol(Value* a, uint32_t n) {
  if (n == 2) {
    Value ns = a[0];
    if (!ns.is_nil() && !is(ns, Type::kString)) throw_cast(ns, "java.lang.String");
    std::string_view name = str_arg(a[1]);
    return make_symbol(ns.is_nil() ? std::string_view() : string_view(ns), name);
  }
  Value x = a[0];
  if (is(x, Type::kSymbol)) return x;
  if (is(x, Type::kString)) return make_symbol(string_view(x));
  if (is(x, Type::kKeyword)) return keyword_sym(x);
  if (is(x, Type::kVar)) {
    Value ns = slot(x, kVarNs);
    return make_symbol(string_view(symbol_name(ns_name(ns))), string_view(symbol_name(slot(x, kVarSym))));
  }
  throw_arg("no conversion to symbol");
}

// keyword, or find-keyword (which interns nothing: nil for a keyword never made).
Value keyword_of(Value* a, uint32_t n, bool find) {
  auto kw = [find](std::string_view ns, std::string_view name) {
    return find ? find_keyword(ns, name) : keyword(ns, name);
  };
  if (n == 2) {
    Value ns = a[0];
    if (!ns.is_nil() && !is(ns, Type::kString)) throw_cast(ns, "java.lang.String");
    std::string_view name = str_arg(a[1]);
    return kw(ns.is_nil() ? std::string_view() : string_view(ns), name);
  }
  Value x = a[0];
  if (is(x, Type::kKeyword)) return x;
  if (is(x, Type::kSymbol)) {
    Value ns = symbol_ns(x);
    return kw(ns.is_nil() ? std::string_view() : string_view(ns), string_view(symbol_name(x)));
  }
  if (is(x, Type::kString)) {  // Symbol.intern's split of "ns/name"
    std::string_view q = string_view(x);
    size_t slash = q.find('/');
    if (slash == std::string_view::npos || slash == 0 || q.size() == 1) return kw("", q);
    return kw(q.substr(0, slash), q.substr(slash + 1));
  }
  return kNil;
}

Value n_keyword(Value* a, uint32_t n) { return keyword_of(a, n, false); }
Value n_find_keyword(Value* a, uint32_t n) { return keyword_of(a, n, true); }

Value named_sym(Value x) {
  if (is(x, Type::kSymbol)) return x;
  if (is(x, Type::kKeyword)) return keyword_sym(x);
  throw_cast(x, "clojure.lang.Named");
}

Value n_name(Value* a, uint32_t) {
  if (is(a[0], Type::kString)) return a[0];
  return symbol_name(named_sym(a[0]));
}

Value n_namespace(Value* a, uint32_t) { return symbol_ns(named_sym(a[0])); }

Value n_gensym(Value* a, uint32_t n) {
  std::string prefix = n == 0 ? "G__" : to_str(a[0]);
  return make_symbol("", prefix + std::to_string(next_id()));
}

// ---------------------------------------------------------------- clojure.string

Value n_upper(Value* a, uint32_t) { return str_value(change_case(cs_arg(a[0]), true)); }
Value n_lower(Value* a, uint32_t) { return str_value(change_case(cs_arg(a[0]), false)); }

Value n_capitalize(Value* a, uint32_t) {
  std::string_view s = cs_arg(a[0]);
  if (cp_count(s) < 2) return str_value(change_case(s, true));
  size_t k = utf8_len(uint8_t(s[0]));
  return str_value(change_case(s.substr(0, k), true) + change_case(s.substr(k), false));
}

// Trims Character/isWhitespace code points from the left and/or right.
Value trim(Value v, bool left, bool right) {
  std::string_view s = cs_arg(v);
  std::u32string u = utf8_to_u32(s);
  size_t b = 0, e = u.size();
  if (left)
    while (b < e && java_ws(uint32_t(u[b]))) ++b;
  if (right)
    while (e > b && java_ws(uint32_t(u[e - 1]))) --e;
  if (b == 0 && e == u.size()) return v;
  return str_value(u32_to_utf8(std::u32string_view(u).substr(b, e - b)));
}

Value n_trim(Value* a, uint32_t) { return trim(a[0], true, true); }
Value n_triml(Value* a, uint32_t) { return trim(a[0], true, false); }
Value n_trimr(Value* a, uint32_t) { return trim(a[0], false, true); }

Value n_trim_newline(Value* a, uint32_t) {
  std::string_view s = cs_arg(a[0]);
  size_t e = s.size();
  while (e > 0 && (s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
  return e == s.size() ? a[0] : str_value(s.substr(0, e));
}

Value n_blank(Value* a, uint32_t) {
  if (!a[0].truthy()) return kTrue;
  for (char32_t c : utf8_to_u32(cs_arg(a[0])))
    if (!java_ws(uint32_t(c))) return kFalse;
  return kTrue;
}

// (join coll) (join separator coll)
Value n_join(Value* a, uint32_t n) {
  Value coll = a[n - 1];
  std::string sep = n == 2 ? to_str(a[0]) : std::string();
  std::string out;
  bool firstp = true;
  for (Value s = seq(coll); !s.is_nil(); s = next(s)) {
    if (!firstp) out += sep;
    firstp = false;
    append_str(out, first(s));
  }
  return str_value(out);
}

Value n_includes(Value* a, uint32_t) {
  std::string_view s = cs_arg(a[0]), sub = cs_arg(a[1]);
  return Value::boolean(s.find(sub) != std::string_view::npos);
}

Value n_starts_with(Value* a, uint32_t) { return Value::boolean(cs_arg(a[0]).starts_with(str_arg(a[1]))); }
Value n_ends_with(Value* a, uint32_t) { return Value::boolean(cs_arg(a[0]).ends_with(str_arg(a[1]))); }

// The needle of index-of / last-index-of: a char or a String.
std::string needle_of(Value v) {
  if (v.is_char()) {
    std::string s;
    append_utf8(s, v.char_value());
    return s;
  }
  return std::string(str_arg(v));
}

int64_t from_arg(Value v) {
  if (!is_long(v)) throw_cast(v, "java.lang.Number");
  return int64_t(int32_t(long_value(v)));  // unchecked-int
}

Value n_index_of(Value* a, uint32_t n) {
  std::string_view s = cs_arg(a[0]);
  std::string needle = needle_of(a[1]);
  size_t from = 0;
  if (n == 3) {
    int64_t f = from_arg(a[2]), len = cp_count(s);
    if (f >= len) return needle.empty() ? make_long(len) : kNil;
    from = f <= 0 ? 0 : cp_offset(s, f);
  }
  size_t at = s.find(needle, from);
  return at == std::string_view::npos ? kNil : make_long(cp_count(s, at));
}

Value n_last_index_of(Value* a, uint32_t n) {
  std::string_view s = cs_arg(a[0]);
  std::string needle = needle_of(a[1]);
  size_t from = std::string_view::npos;
  if (n == 3) {
    int64_t f = from_arg(a[2]);
    if (f < 0) return kNil;
    from = cp_offset(s, f);
  }
  size_t at = s.rfind(needle, from);
  return at == std::string_view::npos ? kNil : make_long(cp_count(s, at));
}

Value n_reverse(Value* a, uint32_t) {
  std::u32string u = utf8_to_u32(cs_arg(a[0]));
  std::reverse(u.begin(), u.end());
  return str_value(u32_to_utf8(u));
}

// (escape s cmap): cmap is called with each char; non-nil results are str'd in.
Value n_escape(Value* a, uint32_t) {
  std::u32string u = utf8_to_u32(cs_arg(a[0]));
  Value cmap = a[1];
  std::string out;
  for (char32_t c : u) {
    Value r = call_fn(cmap, Value::character(uint32_t(c)));
    if (r.truthy()) append_str(out, r);
    else append_utf8(out, uint32_t(c));
  }
  return str_value(out);
}

const NativeDef kStr[] = {
    {"clojure.core", "str", n_str, 0, -1, false},
    {"clojure.core", "subs", n_subs, 2, 3, true},
    {"clojure.core", "symbol", n_symbol, 1, 2, true},
    {"clojure.core", "keyword", n_keyword, 1, 2, true},
    {"clojure.core", "find-keyword", n_find_keyword, 1, 2, true},
    {"clojure.core", "name", n_name, 1, 1, true},
    {"clojure.core", "namespace", n_namespace, 1, 1, true},
    {"clojure.core", "gensym", n_gensym, 0, 1, false},
    {"clojure.string", "upper-case", n_upper, 1, 1, true},
    {"clojure.string", "lower-case", n_lower, 1, 1, true},
    {"clojure.string", "capitalize", n_capitalize, 1, 1, true},
    {"clojure.string", "trim", n_trim, 1, 1, true},
    {"clojure.string", "triml", n_triml, 1, 1, true},
    {"clojure.string", "trimr", n_trimr, 1, 1, true},
    {"clojure.string", "trim-newline", n_trim_newline, 1, 1, true},
    {"clojure.string", "blank?", n_blank, 1, 1, true},
    {"clojure.string", "join", n_join, 1, 2, false},
    {"clojure.string", "includes?", n_includes, 2, 2, true},
    {"clojure.string", "starts-with?", n_starts_with, 2, 2, true},
    {"clojure.string", "ends-with?", n_ends_with, 2, 2, true},
    {"clojure.string", "index-of", n_index_of, 2, 3, true},
    {"clojure.string", "last-index-of", n_last_index_of, 2, 3, true},
    {"clojure.string", "reverse", n_reverse, 1, 1, true},
    {"clojure.string", "escape", n_escape, 2, 2, false},
};

}  // namespace

void register_str_natives() { register_natives(kStr, sizeof kStr / sizeof kStr[0]); }

}  // namespace folio::natives
