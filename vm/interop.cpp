// interop.cpp - the Java interop users write in everyday scripts, as shims.
//
// Folio has no JVM classes; the compiler maps the interop forms users write
// onto Clojure fns at compile time:
//   (Math/sqrt x)         static method  -> a var from kStatics
//   Long/MAX_VALUE        static field   -> a constant from static_field()
//   (.toUpperCase s)      instance method -> a var from kMethods (receiver first)
//   (Exception. "m")      constructor    -> (folio-throwable "java.lang.Exception" "m")
// Anything not in these tables is a compile error that names the form.
#include "vm/interop.h"
#include "vm/threads.h"
#include "vm/vm.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <thread>

#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/deftype.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/runtime.h"

namespace folio {
namespace {

struct Alias {
  const char* java;  // "Math/abs" or ".toUpperCase"
  const char* var;   // "clojure.core/abs"
};

// Static methods, as "Class/method".
const Alias kStatics[] = {
    {"Math/abs", "clojure.core/abs"},
    {"Math/max", "clojure.core/max"},
    {"Math/min", "clojure.core/min"},
    {"Math/sqrt", "clojure.core/folio-math-sqrt"},
    {"Math/cbrt", "clojure.core/folio-math-cbrt"},
    {"Math/pow", "clojure.core/folio-math-pow"},
    {"Math/floor", "clojure.core/folio-math-floor"},
    {"Math/ceil", "clojure.core/folio-math-ceil"},
    {"Math/round", "clojure.core/folio-math-round"},
    {"Math/rint", "clojure.core/folio-math-rint"},
    {"Math/exp", "clojure.core/folio-math-exp"},
    {"Math/log", "clojure.core/folio-math-log"},
    {"Math/log10", "clojure.core/folio-math-log10"},
    {"Math/sin", "clojure.core/folio-math-sin"},
    {"Math/cos", "clojure.core/folio-math-cos"},
    {"Math/tan", "clojure.core/folio-math-tan"},
    {"Math/atan", "clojure.core/folio-math-atan"},
    {"Math/atan2", "clojure.core/folio-math-atan2"},
    {"Math/hypot", "clojure.core/folio-math-hypot"},
    {"Math/signum", "clojure.core/folio-math-signum"},
    {"Math/random", "clojure.core/rand"},
    {"Math/floorDiv", "clojure.core/folio-math-floor-div"},
    {"Math/floorMod", "clojure.core/mod"},
    {"System/currentTimeMillis", "clojure.core/folio-current-time-millis"},
    {"System/nanoTime", "clojure.core/folio-nano-time"},
    {"System/getenv", "clojure.core/folio-getenv"},
    {"System/exit", "clojure.core/folio-exit"},
    {"System/getProperty", "clojure.core/folio-get-property"},
    {"Thread/sleep", "clojure.core/folio-sleep"},
    {"Integer/parseInt", "clojure.core/folio-parse-long"},
    {"Long/parseLong", "clojure.core/folio-parse-long"},
    {"Long/valueOf", "clojure.core/folio-parse-long"},
    {"Integer/valueOf", "clojure.core/folio-parse-long"},
    {"Double/parseDouble", "clojure.core/folio-parse-double"},
    {"Double/valueOf", "clojure.core/folio-parse-double"},
    {"Boolean/parseBoolean", "clojure.core/folio-parse-boolean"},
    {"String/valueOf", "clojure.core/str"},
    {"Integer/toString", "clojure.core/str"},
    {"Long/toString", "clojure.core/str"},
    {"Character/isDigit", "clojure.core/folio-char-digit?"},
    {"Character/isLetter", "clojure.core/folio-char-letter?"},
    {"Character/isLetterOrDigit", "clojure.core/folio-char-letter-or-digit?"},
    {"Character/isWhitespace", "clojure.core/folio-char-whitespace?"},
    {"Character/isUpperCase", "clojure.core/folio-char-upper?"},
    {"Character/isLowerCase", "clojure.core/folio-char-lower?"},
    {"Character/toUpperCase", "clojure.core/folio-char-upper"},
    {"Character/toLowerCase", "clojure.core/folio-char-lower"},
    {"Character/getNumericValue", "clojure.core/folio-char-numeric-value"},
    {"clojure.lang.Numbers/add", "clojure.core/+"},
};

// Instance methods by name; the receiver becomes the first argument.
const Alias kMethods[] = {
    {".getMessage", "clojure.core/ex-message"},
    {".getLocalizedMessage", "clojure.core/ex-message"},
    {".getCause", "clojure.core/ex-cause"},
    {".getData", "clojure.core/ex-data"},
    {".toString", "clojure.core/str"},
    {".equals", "clojure.core/="},
    {".hashCode", "folio.core/java-hash"},
    {".getName", "clojure.core/folio-get-name"},
    {".getSimpleName", "clojure.core/folio-get-simple-name"},
    // java.lang.Number and the numeric tower's own methods
    {".longValue", "clojure.core/unchecked-long"},
    {".intValue", "clojure.core/unchecked-int"},
    {".doubleValue", "clojure.core/unchecked-double"},
    {".floatValue", "clojure.core/unchecked-float"},
    {".numerator", "clojure.core/numerator"},
    {".denominator", "clojure.core/denominator"},
    {".toBigInteger", "clojure.core/biginteger"},
    {".length", "clojure.core/count"},
    {".size", "clojure.core/count"},
    {".count", "clojure.core/count"},
    {".isEmpty", "clojure.core/empty?"},
    {".charAt", "clojure.core/nth"},
    {".get", "clojure.core/get"},
    {".nth", "clojure.core/nth"},
    {".toUpperCase", "clojure.string/upper-case"},
    {".toLowerCase", "clojure.string/lower-case"},
    {".trim", "clojure.string/trim"},
    {".strip", "clojure.string/trim"},
    {".startsWith", "clojure.string/starts-with?"},
    {".endsWith", "clojure.string/ends-with?"},
    {".contains", "clojure.string/includes?"},
    {".indexOf", "clojure.string/index-of"},
    {".lastIndexOf", "clojure.string/last-index-of"},
    {".substring", "clojure.core/subs"},
    {".concat", "clojure.core/str"},
    {".split", "clojure.core/folio-string-split"},
    {".replace", "clojure.core/folio-string-replace"},
    {".deref", "clojure.core/deref"},
    {".close", "clojure.core/folio-close"},
    {".write", "clojure.core/folio-write"},
    {".flush", "clojure.core/folio-flush-writer"},
    {".newLine", "clojure.core/folio-new-line"},
    {".readLine", "clojure.core/folio-read-line-from"},
};

Value lookup_alias(const Alias* table, size_t n, std::string_view key) {
  for (size_t i = 0; i < n; ++i) {
    if (key != table[i].java) continue;
    Value v = resolve_var_symbol(make_symbol(table[i].var));
    return v;
  }
  return kNil;
}

// ---- natives behind the aliases

double num_arg(Value v) { return to_double(v); }

#define MATH1(NAME, EXPR)                                   \
  Value NAME(Value* a, uint32_t) {                          \
    double x = num_arg(a[0]);                               \
    return make_double(EXPR);                               \
  }
MATH1(m_sqrt, std::sqrt(x))
MATH1(m_cbrt, std::cbrt(x))
MATH1(m_floor, std::floor(x))
MATH1(m_ceil, std::ceil(x))
MATH1(m_rint, std::nearbyint(x))
MATH1(m_exp, std::exp(x))
MATH1(m_log, std::log(x))
MATH1(m_log10, std::log10(x))
MATH1(m_sin, std::sin(x))
MATH1(m_cos, std::cos(x))
MATH1(m_tan, std::tan(x))
MATH1(m_atan, std::atan(x))
MATH1(m_signum, x > 0 ? 1.0 : x < 0 ? -1.0 : x)
#undef MATH1

Value m_pow(Value* a, uint32_t) { return make_double(std::pow(num_arg(a[0]), num_arg(a[1]))); }
Value m_atan2(Value* a, uint32_t) { return make_double(std::atan2(num_arg(a[0]), num_arg(a[1]))); }
Value m_hypot(Value* a, uint32_t) { return make_double(std::hypot(num_arg(a[0]), num_arg(a[1]))); }
Value m_round(Value* a, uint32_t) {
  if (is_long(a[0])) return a[0];
  return make_long(int64_t(std::floor(num_arg(a[0]) + 0.5)));  // Java: round half up
}
Value m_floor_div(Value* a, uint32_t) {
  Value q = num_quot(a[0], a[1]);
  Value r = num_rem(a[0], a[1]);
  if (is_long(r) && long_value(r) != 0 && ((long_value(r) < 0) != (long_value(a[1]) < 0)))
    return num_dec(q);
  return q;
}

// Sleeps in slices, at a safepoint between them: a sleeping process must not
// hold up a global collection of a shared heap (heap/global_gc.cpp).
Value sleep_ms(Value* a, uint32_t) {
  using namespace std::chrono;
  int64_t ms = long_value(a[0]);
  if (ms < 0) throw_error("java.lang.IllegalArgumentException", "timeout value is negative");
  auto end = steady_clock::now() + milliseconds(ms);
  auto interrupted = [] {  // a cancelled future's sleep ends as on the JVM
    if (current_future_cancelled()) throw_error("java.lang.InterruptedException", "sleep interrupted");
  };
  interrupted();
  gil_yield();                // (Thread/sleep 0) too: a waiting loop's yield point,
  VM::current().safepoint();  // for this process's threads and for a shared heap's
  // As on HotSpot, (Thread/sleep 0) yields the CPU: a loop polling with it
  // leaves the core to a process that has work (on a busy machine, the one
  // whose result it waits for).
  if (ms == 0) std::this_thread::yield();
  for (auto now = steady_clock::now(); now < end; now = steady_clock::now()) {
    {
      GilRelease let_others_run;
      std::this_thread::sleep_for(std::min<steady_clock::duration>(end - now, milliseconds(5)));
    }
    VM::current().safepoint();
    interrupted();
  }
  return kNil;
}

Value get_property(Value* a, uint32_t n) {
  std::string_view k = string_view(a[0]);
  if (k == "line.separator") return make_string("\n");
  if (k == "file.separator") return make_string("/");
  if (k == "path.separator") return make_string(":");
  if (k == "os.name") return make_string("Linux");
  if (k == "user.dir") {
    const char* pwd = std::getenv("PWD");
    return pwd ? make_string(pwd) : kNil;
  }
  if (k == "user.home") {
    const char* home = std::getenv("HOME");
    return home ? make_string(home) : kNil;
  }
  if (k == "java.version") return make_string("folio");
  return n > 1 ? a[1] : kNil;
}

[[noreturn]] void bad_number(Value s) {
  throw_error("java.lang.NumberFormatException",
              is(s, Type::kString) ? "For input string: \"" + std::string(string_view(s)) + "\"" : "null");
}

Value parse_long(Value* a, uint32_t n) {
  if (!is(a[0], Type::kString)) bad_number(a[0]);
  std::string s(string_view(a[0]));
  int radix = n > 1 ? int(long_value(a[1])) : 10;
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (i == s.size()) bad_number(a[0]);
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
    if (d >= radix) bad_number(a[0]);
    if (__builtin_mul_overflow(v, radix, &v) || __builtin_sub_overflow(v, d, &v)) bad_number(a[0]);
  }
  if (!neg) {
    if (v == std::numeric_limits<int64_t>::min()) bad_number(a[0]);
    v = -v;
  }
  return make_long(v);
}

Value parse_double(Value* a, uint32_t) {
  if (!is(a[0], Type::kString)) bad_number(a[0]);
  std::string s(string_view(a[0]));
  size_t b = s.find_first_not_of(" \t\n\r"), e = s.find_last_not_of(" \t\n\r");
  if (b == std::string::npos) bad_number(a[0]);
  s = s.substr(b, e - b + 1);
  if (s == "NaN") return make_double(std::nan(""));
  if (s == "Infinity" || s == "+Infinity") return make_double(HUGE_VAL);
  if (s == "-Infinity") return make_double(-HUGE_VAL);
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || s.find_first_of("xXnN") != std::string::npos) bad_number(a[0]);
  return make_double(d);
}

Value parse_boolean(Value* a, uint32_t) {
  if (!is(a[0], Type::kString)) return Value::boolean(false);
  std::string s(string_view(a[0]));
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return Value::boolean(s == "true");
}

uint32_t char_arg(Value v) {
  if (v.is_char()) return v.char_value();
  if (is_long(v)) return uint32_t(long_value(v));
  throw_error("java.lang.ClassCastException", "argument is not a character");
}
bool ascii_or(uint32_t c, int (*f)(int)) { return c < 128 && f(int(c)); }
Value c_digit(Value* a, uint32_t) { return Value::boolean(ascii_or(char_arg(a[0]), isdigit)); }
Value c_letter(Value* a, uint32_t) {
  uint32_t c = char_arg(a[0]);
  return Value::boolean(c >= 128 ? c > 0xBF : isalpha(int(c)) != 0);
}
Value c_letter_digit(Value* a, uint32_t) {
  uint32_t c = char_arg(a[0]);
  return Value::boolean(c >= 128 ? c > 0xBF : isalnum(int(c)) != 0);
}
Value c_space(Value* a, uint32_t) {
  uint32_t c = char_arg(a[0]);
  return Value::boolean(c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x1F));
}
Value c_upper_p(Value* a, uint32_t) { return Value::boolean(ascii_or(char_arg(a[0]), isupper)); }
Value c_lower_p(Value* a, uint32_t) { return Value::boolean(ascii_or(char_arg(a[0]), islower)); }
Value c_upper(Value* a, uint32_t) {
  uint32_t c = char_arg(a[0]);
  c = c < 128 ? uint32_t(toupper(int(c))) : c;
  return a[0].is_char() ? Value::character(c) : make_long(c);
}
Value c_lower(Value* a, uint32_t) {
  uint32_t c = char_arg(a[0]);
  c = c < 128 ? uint32_t(tolower(int(c))) : c;
  return a[0].is_char() ? Value::character(c) : make_long(c);
}
Value c_numeric(Value* a, uint32_t) {
  uint32_t c = char_arg(a[0]);
  if (c >= '0' && c <= '9') return make_long(c - '0');
  if (c < 128 && isalpha(int(c))) return make_long(tolower(int(c)) - 'a' + 10);
  return make_long(-1);
}

// (.split s regex-string) and (.replace s a b) take Java's argument types.
Value string_split(Value* a, uint32_t n) {
  Value pattern = alloc_slots(Type::kRegex, 1);
  init_slot(pattern, 0, a[1]);
  Value split = var_value(resolve_var_symbol(make_symbol("clojure.string/split")));
  Value args[3] = {a[0], pattern, n > 2 ? a[2] : kNil};
  return call_fn(split, args, n > 2 ? 3 : 2);
}
Value string_replace(Value* a, uint32_t) {
  Value replace = var_value(resolve_var_symbol(make_symbol("clojure.string/replace")));
  Value args[3] = {a[0], a[1], a[2]};
  return call_fn(replace, args, 3);
}

// JVM Clojure inlines (quot a b) and (rem a b) called directly to Java's long
// division, whose error says "/ by zero"; called as values they say "Divide by zero".
Value quot_direct(Value* a, uint32_t) {
  if (is_long(a[0]) && is_long(a[1]) && long_value(a[1]) == 0)
    throw_error("java.lang.ArithmeticException", "/ by zero");
  return num_quot(a[0], a[1]);
}
Value rem_direct(Value* a, uint32_t) {
  if (is_long(a[0]) && is_long(a[1]) && long_value(a[1]) == 0)
    throw_error("java.lang.ArithmeticException", "/ by zero");
  return num_rem(a[0], a[1]);
}

const NativeDef kInteropNatives[] = {
    {"clojure.core", "folio-quot-direct", quot_direct, 2, 2, true},
    {"clojure.core", "folio-rem-direct", rem_direct, 2, 2, true},
    {"clojure.core", "folio-math-sqrt", m_sqrt, 1, 1, true},
    {"clojure.core", "folio-math-cbrt", m_cbrt, 1, 1, true},
    {"clojure.core", "folio-math-pow", m_pow, 2, 2, true},
    {"clojure.core", "folio-math-floor", m_floor, 1, 1, true},
    {"clojure.core", "folio-math-ceil", m_ceil, 1, 1, true},
    {"clojure.core", "folio-math-round", m_round, 1, 1, true},
    {"clojure.core", "folio-math-rint", m_rint, 1, 1, true},
    {"clojure.core", "folio-math-exp", m_exp, 1, 1, true},
    {"clojure.core", "folio-math-log", m_log, 1, 1, true},
    {"clojure.core", "folio-math-log10", m_log10, 1, 1, true},
    {"clojure.core", "folio-math-sin", m_sin, 1, 1, true},
    {"clojure.core", "folio-math-cos", m_cos, 1, 1, true},
    {"clojure.core", "folio-math-tan", m_tan, 1, 1, true},
    {"clojure.core", "folio-math-atan", m_atan, 1, 1, true},
    {"clojure.core", "folio-math-atan2", m_atan2, 2, 2, true},
    {"clojure.core", "folio-math-hypot", m_hypot, 2, 2, true},
    {"clojure.core", "folio-math-signum", m_signum, 1, 1, true},
    {"clojure.core", "folio-math-floor-div", m_floor_div, 2, 2, true},
    {"clojure.core", "folio-sleep", sleep_ms, 1, 1, true},
    {"clojure.core", "folio-get-property", get_property, 1, 2, true},
    {"clojure.core", "folio-parse-long", parse_long, 1, 2, true},
    {"clojure.core", "folio-parse-double", parse_double, 1, 1, true},
    {"clojure.core", "folio-parse-boolean", parse_boolean, 1, 1, true},
    {"clojure.core", "folio-char-digit?", c_digit, 1, 1, true},
    {"clojure.core", "folio-char-letter?", c_letter, 1, 1, true},
    {"clojure.core", "folio-char-letter-or-digit?", c_letter_digit, 1, 1, true},
    {"clojure.core", "folio-char-whitespace?", c_space, 1, 1, true},
    {"clojure.core", "folio-char-upper?", c_upper_p, 1, 1, true},
    {"clojure.core", "folio-char-lower?", c_lower_p, 1, 1, true},
    {"clojure.core", "folio-char-upper", c_upper, 1, 1, true},
    {"clojure.core", "folio-char-lower", c_lower, 1, 1, true},
    {"clojure.core", "folio-char-numeric-value", c_numeric, 1, 1, true},
    {"clojure.core", "folio-string-split", string_split, 2, 3, false},
    {"clojure.core", "folio-string-replace", string_replace, 3, 3, false},
};

}  // namespace

void register_interop_natives() {
  register_natives(kInteropNatives, sizeof kInteropNatives / sizeof kInteropNatives[0]);
}

Value interop_static_method(std::string_view cls, std::string_view member) {
  std::string key = std::string(cls.substr(cls.rfind('.') == std::string_view::npos ? 0 : cls.rfind('.') + 1)) +
                    "/" + std::string(member);
  if (cls.starts_with("clojure.lang.")) key = std::string(cls) + "/" + std::string(member);
  return lookup_alias(kStatics, sizeof kStatics / sizeof kStatics[0], key);
}

Value interop_method(std::string_view dotted_name) {
  return lookup_alias(kMethods, sizeof kMethods / sizeof kMethods[0], dotted_name);
}

bool interop_static_field(std::string_view cls, std::string_view member, Value* out) {
  std::string_view c = cls.substr(cls.rfind('.') == std::string_view::npos ? 0 : cls.rfind('.') + 1);
  auto is = [&](const char* k, const char* m) { return c == k && member == m; };
  if (is("Long", "MAX_VALUE")) return *out = make_long(INT64_MAX), true;
  if (is("Long", "MIN_VALUE")) return *out = make_long(INT64_MIN), true;
  if (is("Integer", "MAX_VALUE")) return *out = make_long(INT32_MAX), true;
  if (is("Integer", "MIN_VALUE")) return *out = make_long(INT32_MIN), true;
  if (is("Double", "MAX_VALUE")) return *out = make_double(std::numeric_limits<double>::max()), true;
  if (is("Double", "MIN_VALUE")) return *out = make_double(std::numeric_limits<double>::denorm_min()), true;
  if (is("Double", "POSITIVE_INFINITY")) return *out = make_double(HUGE_VAL), true;
  if (is("Double", "NEGATIVE_INFINITY")) return *out = make_double(-HUGE_VAL), true;
  if (is("Double", "NaN")) return *out = make_double(std::nan("")), true;
  // Long/TYPE and friends: the primitive classes, named as the JVM prints them (make-array, into-array).
  static const char* const kPrims[][2] = {{"Long", "long"},   {"Integer", "int"},     {"Short", "short"},
                                           {"Byte", "byte"},   {"Character", "char"},  {"Boolean", "boolean"},
                                           {"Float", "float"}, {"Double", "double"}};
  for (auto& [box, prim] : kPrims)
    if (is(box, "TYPE")) return *out = make_class(prim), true;
  if (is("Math", "PI")) return *out = make_double(M_PI), true;
  if (is("Math", "E")) return *out = make_double(M_E), true;
  return false;
}

}  // namespace folio
