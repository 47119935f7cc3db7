// reader_token.cpp - numbers, symbols and keywords, #inst/#uuid, helpers.
// The patterns are LispReader's (Clojure 1.11), matched by hand; integers too
// big for a long read as BigInt, 1N as BigInt, 1.5M as BigDecimal, 1/2 as Ratio:
//   intPat   ([-+]?)(?:(0)|([1-9][0-9]*)|0[xX]([0-9A-Fa-f]+)|0([0-7]+)|
//            ([1-9][0-9]?)[rR]([0-9A-Za-z]+)|0[0-9]+)(N)?
//   floatPat ([-+]?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?)(M)?
//   ratioPat ([-+]?[0-9]+)/([0-9]+)
//   symbolPat [:]?([\D&&[^/]].*/)?(/|[\D&&[^/]][^/]*)
#include <locale.h>

#include <cstdlib>

#include "vm/collections.h"
#include "vm/numbers.h"
#include "vm/numtower.h"
#include "vm/reader_impl.h"

namespace folio::rd {

// ---------------------------------------------------------------- helpers

Value sym(std::string_view ns, std::string_view name) { return make_symbol(ns, name); }

bool is_sym(Value v) { return is(v, Type::kSymbol); }

std::string_view sym_name(Value s) { return string_view(symbol_name(s)); }

std::string_view sym_ns(Value s) {
  Value ns = symbol_ns(s);
  return ns.is_nil() ? std::string_view() : string_view(ns);
}

bool sym_is(Value v, std::string_view ns, std::string_view name) {
  if (!is_sym(v)) return false;
  Value vns = symbol_ns(v);
  if (ns.empty() != vns.is_nil()) return false;
  if (!ns.empty() && string_view(vns) != ns) return false;
  return sym_name(v) == name;
}

Value list_of(std::initializer_list<Value> xs) { return list_from(xs.begin(), uint32_t(xs.size())); }
Value list_of(const std::vector<Value>& xs) { return list_from(xs.data(), uint32_t(xs.size())); }

std::string str_of(Value v) { return v.is_nil() ? std::string("null") : print_str(v); }


std::string Ctx::current_ns() const {
  if (env && env->current_ns) return env->current_ns();
  return "user";
}

std::string Ctx::resolve_alias(std::string_view alias) const {
  if (env && env->resolve_alias) return env->resolve_alias(alias);
  return "";
}

Value Ctx::resolve_symbol(Value s) const {
  if (env && env->resolve_symbol) return env->resolve_symbol(s);
  return kNil;
}

// ---------------------------------------------------------------- numbers

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  for (char c : s)
    if (!pred(c)) return false;
  return true;
}

bool is_hex(char c) { return digit_value(c) < 16; }
bool is_octal(char c) { return c >= '0' && c <= '7'; }
bool is_alnum(char c) { return digit_value(c) < 36; }

// The value of `digits` in `radix`. Digits are checked by the caller except
// for radix literals, where a bad digit is the JVM's NumberFormatException
// from BigInteger.
big::Int magnitude(std::string_view digits, int radix) {
  big::Int m;
  if (!big::parse(digits, radix, m)) {
    std::string msg = "For input string: \"" + std::string(digits) + "\"";
    if (radix != 10) msg += " under radix " + std::to_string(radix);
    fail(msg, kNumberFormat);
  }
  return m;
}

// An integer literal's value: with N a BigInt, else a long when it fits (a
// BigInt when not, as Numbers.reduceBigInt does).
Value integer(bool neg, big::Int mag, bool bigint) {
  if (neg) mag = big::negate(std::move(mag));
  return bigint ? make_bigint(mag) : reduce_bigint(mag);
}

// intPat; `body` follows the sign and `n` says whether the N suffix was there.
// False: no match.
bool match_int(std::string_view body, bool neg, bool n, std::string_view token, Value& out) {
  if (body.empty()) return false;
  if (body == "0") {
    out = integer(false, big::Int(), n);
    return true;
  }
  if (body[0] >= '1' && body[0] <= '9' && all_of(body, is_digit)) {
    out = integer(neg, magnitude(body, 10), n);
    return true;
  }
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') &&
      all_of(body.substr(2), is_hex)) {
    out = integer(neg, magnitude(body.substr(2), 16), n);
    return true;
  }
  if (body.size() > 1 && body[0] == '0' && all_of(body.substr(1), is_octal)) {
    out = integer(neg, magnitude(body.substr(1), 8), n);
    return true;
  }
  // ([1-9][0-9]?)[rR]([0-9A-Za-z]+)
  if (body[0] >= '1' && body[0] <= '9') {
    size_t r = is_digit(body.size() > 1 ? body[1] : 'x') ? 2 : 1;
    if (body.size() > r + 1 && (body[r] == 'r' || body[r] == 'R') && all_of(body.substr(r + 1), is_alnum)) {
      int radix = std::stoi(std::string(body.substr(0, r)));
      if (radix < 2 || radix > 36) fail("Radix out of range", kNumberFormat);
      out = integer(neg, magnitude(body.substr(r + 1), radix), n);
      return true;
    }
  }
  // 0[0-9]+ matches intPat but is no number (08, 019)
  if (body.size() > 1 && body[0] == '0' && all_of(body.substr(1), is_digit))
    fail("Invalid number: " + std::string(token), kNumberFormat);
  return false;
}

// floatPat
bool match_float(std::string_view s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  size_t d0 = i;
  while (i < n && is_digit(s[i])) ++i;
  if (i == d0) return false;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && is_digit(s[i])) ++i;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t e0 = i;
    while (i < n && is_digit(s[i])) ++i;
    if (i == e0) return false;
  }
  if (i < n && s[i] == 'M') ++i;
  return i == n;
}

double parse_double(std::string_view s) {
  static locale_t c_locale = newlocale(LC_ALL_MASK, "C", locale_t(0));
  std::string z(s);
  return strtod_l(z.c_str(), nullptr, c_locale);  // overflow: +-inf, underflow: 0 (as Java)
}

}  // namespace

Value match_number(std::string_view s) {
  Value out;
  size_t start = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  bool neg = s[0] == '-';
  if (match_int(s.substr(start), neg, false, s, out)) return out;
  if (s.size() > start + 1 && s.back() == 'N' &&
      match_int(s.substr(start, s.size() - start - 1), neg, true, s, out))
    return out;
  if (match_float(s)) {
    if (s.back() == 'M') {
      if (!parse_bigdec(s.substr(0, s.size() - 1), out)) fail("Invalid number: " + std::string(s), kNumberFormat);
      return out;
    }
    return make_double(parse_double(s));
  }
  // ratioPat: Numbers.divide of the two integers (4/2 reads as 2).
  size_t slash = s.find('/');
  if (slash != std::string_view::npos && slash > start && slash + 1 < s.size()) {
    std::string_view num = s.substr(start, slash - start), den = s.substr(slash + 1);
    if (all_of(num, is_digit) && all_of(den, is_digit)) {
      Value n = integer(neg, magnitude(num, 10), false), d = integer(false, magnitude(den, 10), false);
      if (d == Value::fixnum(0)) fail("Divide by zero", "java.lang.ArithmeticException");
      return num_div(n, d);
    }
  }
  fail("Invalid number: " + std::string(s), kNumberFormat);
}

// ---------------------------------------------------------------- symbols

namespace {

bool X(char c) { return c != '/' && !is_digit(c); }  // [\D&&[^/]]

// symbolPat, tried the way java.util.regex does (greedy, first match wins);
// sets the ns group (with its trailing '/', or empty) and the name group.
bool match_symbol_pat(std::string_view s, std::string_view& nsg, std::string_view& name) {
  for (int colon = 1; colon >= 0; --colon) {  // [:]? tries the colon first
    if (colon && s[0] != ':') continue;
    std::string_view r = s.substr(colon);
    if (r.empty()) continue;
    if (X(r[0])) {
      for (size_t p = r.size(); p-- > 1;) {  // ([\D&&[^/]].*/)? longest first
        if (r[p] != '/') continue;
        std::string_view b = r.substr(p + 1);
        if (b == "/" || (!b.empty() && X(b[0]) && b.find('/') == std::string_view::npos)) {
          nsg = r.substr(0, p + 1);
          name = b;
          return true;
        }
      }
    }
    if (r == "/" || (X(r[0]) && r.find('/') == std::string_view::npos)) {
      nsg = {};
      name = r;
      return true;
    }
  }
  return false;
}

// Symbol.intern(String): split at the first '/', unless the whole is "/".
void split_qualified(std::string_view q, std::string_view& ns, std::string_view& name) {
  size_t i = q.find('/');
  if (i == std::string_view::npos || q == "/") {
    ns = {};
    name = q;
  } else {
    ns = q.substr(0, i);
    name = q.substr(i + 1);
  }
}

}  // namespace

Value interpret_token(std::string_view s, const Ctx& ctx) {
  if (s == "nil") return kNil;
  if (s == "true") return kTrue;
  if (s == "false") return kFalse;
  std::string_view nsg, name, ns, nm;
  if (!match_symbol_pat(s, nsg, name) || (nsg.size() >= 2 && nsg.substr(nsg.size() - 2) == ":/") ||
      name.back() == ':' || s.find("::", 1) != std::string_view::npos)
    fail("Invalid token: " + std::string(s));
  if (s.size() > 1 && s[0] == ':' && s[1] == ':') {  // auto-resolved keyword
    split_qualified(s.substr(2), ns, nm);
    if (ns.empty()) return keyword(ctx.current_ns(), nm);
    std::string full = ctx.resolve_alias(ns);
    if (full.empty()) {
      if (ctx.suppress) return keyword(ns, nm);  // in a branch not taken: no matter
      fail("Invalid token: " + std::string(s));
    }
    return keyword(full, nm);
  }
  bool kw = s[0] == ':';
  split_qualified(s.substr(kw ? 1 : 0), ns, nm);
  return kw ? keyword(ns, nm) : sym(ns, nm);
}

// ---------------------------------------------------------------- #inst #uuid

namespace {

// clojure.instant's timestamp pattern:
// (\d\d\d\d)(?:-(\d\d)(?:-(\d\d)(?:[T](\d\d)(?::(\d\d)(?::(\d\d)(?:[.](\d+))?)?)?)?)?)?
// (?:[Z]|([-+])(\d\d):(\d\d))?
bool inst_syntax(std::string_view s) {
  size_t i = 0;
  auto digits = [&](size_t n) {
    for (size_t k = 0; k < n; ++k)
      if (i + k >= s.size() || !is_digit(s[i + k])) return false;
    i += n;
    return true;
  };
  auto lit_digits = [&](char c, size_t n) {
    size_t save = i;
    if (i < s.size() && s[i] == c) {
      ++i;
      if (digits(n)) return true;
    }
    i = save;
    return false;
  };
  if (!digits(4)) return false;
  if (lit_digits('-', 2) && lit_digits('-', 2) && lit_digits('T', 2) && lit_digits(':', 2) &&
      lit_digits(':', 2) && i < s.size() && s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1])) {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i < s.size() && s[i] == 'Z') {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
    if (!digits(2) || !(i < s.size() && s[i] == ':')) return false;
    ++i;
    if (!digits(2)) return false;
  }
  return i == s.size();
}

bool uuid_syntax(std::string_view s) {
  if (s.size() > 36) return false;
  int groups = 1;
  size_t len = 0;
  for (char c : s) {
    if (c == '-') {
      if (len == 0) return false;
      ++groups;
      len = 0;
    } else if (is_hex(c)) {
      ++len;
    } else {
      return false;
    }
  }
  return groups == 5 && len > 0;
}

}  // namespace

Value read_inst(Value form, bool suppress) {
  if (!suppress) {
    if (!is(form, Type::kString))
      fail("class " + std::string(class_name(form)) + " cannot be cast to class java.lang.CharSequence",
           "java.lang.ClassCastException");
    if (!inst_syntax(string_view(form)))
      fail("Unrecognized date/time syntax: " + std::string(string_view(form)));
  }
  return list_of({sym("folio.core", "inst"), form});
}

Value read_uuid(Value form, bool suppress) {
  if (!suppress) {
    if (!is(form, Type::kString)) fail("Assert failed: (string? form)", "java.lang.AssertionError");
    if (!uuid_syntax(string_view(form)))
      fail("Invalid UUID string: " + std::string(string_view(form)), kIllegalArg);
  }
  return list_of({sym("folio.core", "uuid"), form});
}

}  // namespace folio::rd
