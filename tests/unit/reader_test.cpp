// Unit tests for the reader (vm/reader.h). Expected messages and positions
// come from JVM Clojure 1.11: `(clojure.lang.LispReader/read
// (clojure.lang.LineNumberingPushbackReader. (java.io.StringReader. s)) ...)`,
// or `clojure file.clj` for the "Syntax error reading source" line.
#include <doctest/doctest.h>

#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include "coll_test_util.h"
#include "vm/reader.h"

using namespace folio;
using namespace folio::test;

namespace {

// The runtime's side, faked: current ns my.ns, alias str -> clojure.string,
// map -> clojure.core/map (a var), String -> java.lang.String (a class).
const ReaderEnv& env() {
  static ReaderEnv e = [] {
    ReaderEnv r;
    r.current_ns = [] { return std::string("my.ns"); };
    r.resolve_alias = [](std::string_view a) -> std::string { return a == "str" ? "clojure.string" : ""; };
    r.resolve_symbol = [](Value s) -> Value {
      std::string q = symbol_str(s);
      if (q == "map") return make_symbol("clojure.core", "map");
      if (q == "String") return make_symbol("java.lang.String");
      return kNil;
    };
    return r;
  }();
  return e;
}

std::vector<Value> read_all(const std::string& src, bool cljc = false, const ReaderEnv* e = &env()) {
  ensure_heap();
  Reader r(src, "test.clj", e, cljc);
  std::vector<Value> out;
  Value v;
  while (r.next(v)) out.push_back(v);
  return out;
}

Value rd1(const std::string& src, bool cljc = false, const ReaderEnv* e = &env()) {
  std::vector<Value> all = read_all(src, cljc, e);
  REQUIRE_MESSAGE(all.size() == 1, src);
  return all[0];
}

std::string pr(Value v) { return pr_str(v); }
std::string prr(const std::string& src, bool cljc = false) { return pr(rd1(src, cljc)); }

struct Err {
  std::string msg;      // the ReaderException's message
  std::string cause;    // the cause's class
  bool incomplete = false;
  Value data = kNil;
};

Err err(const std::string& src, bool cljc = false) {
  ensure_heap();
  Reader r(src, "test.clj", &env(), cljc);
  Err e;
  try {
    Value v;
    while (r.next(v)) {
    }
    e.msg = "no error";
  } catch (const ReaderIncomplete& t) {
    e.msg = std::string(string_view(slot(t.exc, 1)));
    e.incomplete = true;
    CHECK(r.incomplete());
  } catch (const Thrown& t) {
    CHECK(throwable_class(t.exc) == "clojure.lang.LispReader$ReaderException");
    e.msg = std::string(string_view(slot(t.exc, 1)));
    e.cause = throwable_class(slot(t.exc, 3));
    e.data = slot(t.exc, 2);
    CHECK(!r.incomplete());
  }
  return e;
}

std::string msg(const std::string& src, bool cljc = false) { return err(src, cljc).msg; }

Value meta_get(Value v, const char* k) { return map_get(meta(v), keyword(k), kNil); }
int64_t line_of(Value v) { return long_value(meta_get(v, "line")); }
int64_t col_of(Value v) { return long_value(meta_get(v, "column")); }

std::string str(Value s) { return std::string(string_view(s)); }
bool sym_eq(Value v, const char* ns, const char* name) {
  if (!is(v, Type::kSymbol)) return false;
  std::string vns = symbol_ns(v).is_nil() ? "" : str(symbol_ns(v));
  return vns == ns && str(symbol_name(v)) == name;
}

}  // namespace

TEST_CASE("reader: nil, booleans and integers") {
  CHECK(rd1("nil") == kNil);
  CHECK(rd1("true") == kTrue);
  CHECK(rd1("false") == kFalse);
  struct {
    const char* src;
    int64_t v;
  } cases[] = {{"42", 42},     {"-7", -7},   {"+5", 5},        {"0", 0},      {"-0", 0},
               {"0x1F", 31},   {"-0x10", -16}, {"0XfF", 255},  {"017", 15},   {"-017", -15},
               {"2r101", 5},   {"-2r101", -5}, {"36rZZ", 1295}, {"8R17", 15},
               {"4/2", 2},       {"-6/3", -2},  {"+6/3", 2},
               {"9223372036854775807", INT64_MAX}, {"-9223372036854775808", INT64_MIN}};
  for (auto& c : cases) {
    Value v = rd1(c.src);
    INFO(c.src);
    REQUIRE(is_long(v));
    CHECK(long_value(v) == c.v);
  }
  CHECK(rd1("42").is_fixnum());
  CHECK(is(rd1("1152921504606846976"), Type::kLong));  // 2^60: past the fixnums
  CHECK(long_value(rd1("1152921504606846976")) == (int64_t(1) << 60));
}

TEST_CASE("reader: doubles and symbolic values") {
  struct {
    const char* src;
    double v;
  } cases[] = {{"1.5", 1.5},   {"-1.5e-3", -0.0015}, {"1e3", 1000.0}, {"1.", 1.0},   {"1.e5", 1e5},
               {"+2.5", 2.5},  {"1E2", 100.0},       {"09.5", 9.5},
               {"1e-400", 0.0}};
  for (auto& c : cases) {
    Value v = rd1(c.src);
    INFO(c.src);
    REQUIRE(is_double(v));
    CHECK(double_value(v) == c.v);
  }
  CHECK(double_value(rd1("1e400")) == HUGE_VAL);
  CHECK(double_value(rd1("##Inf")) == HUGE_VAL);
  CHECK(double_value(rd1("##-Inf")) == -HUGE_VAL);
  CHECK(std::isnan(double_value(rd1("##NaN"))));
  CHECK(msg("##foo") == "Syntax error reading source at (test.clj:2:1).\nUnknown symbolic value: ##foo");
  CHECK(msg("##1 ") == "Syntax error reading source at (test.clj:1:4).\nInvalid token: ##1");
}

TEST_CASE("reader: bad numbers") {
  CHECK(msg("1.2.3") == "Syntax error reading source at (test.clj:2:1).\nInvalid number: 1.2.3");
  CHECK(err("1.2.3").cause == "java.lang.NumberFormatException");
  CHECK(msg("1.2.3 4") == "Syntax error reading source at (test.clj:1:6).\nInvalid number: 1.2.3");
  CHECK(msg("(+ 1 1.2.3)") == "Syntax error reading source at (test.clj:1:11).\nInvalid number: 1.2.3");
  for (const char* bad : {"08", "0x", "0xFG", "1a", "1/-2", "1/2N", "1N/2", "12r", "-1.5e"}) {
    INFO(bad);
    CHECK(msg(bad) == std::string("Syntax error reading source at (test.clj:2:1).\nInvalid number: ") + bad);
  }
  CHECK(msg("2r101N").find("For input string: \"101N\" under radix 2") != std::string::npos);  // JVM too
  CHECK(msg("2r102").find("For input string: \"102\" under radix 2") != std::string::npos);
  CHECK(msg("40r1").find("\nRadix out of range") != std::string::npos);
  CHECK(msg("1/0").find("\nDivide by zero") != std::string::npos);
  CHECK(err("1/0").cause == "java.lang.ArithmeticException");
}

TEST_CASE("reader: BigInt, Ratio and BigDecimal literals") {
  // Each literal and what JVM Clojure 1.11 prints for it with pr-str.
  struct {
    const char* src;
    const char* printed;
  } cases[] = {{"12N", "12N"}, {"0N", "0N"}, {"-0N", "0N"}, {"0x1N", "1N"}, {"0xFFN", "255N"}, {"017N", "15N"},
               {"9223372036854775808", "9223372036854775808N"},
               {"-9223372036854775809", "-9223372036854775809N"},
               {"99999999999999999999N", "99999999999999999999N"}, {"0x10000000000000000", "18446744073709551616N"},
               {"1/2", "1/2"}, {"-3/6", "-1/2"}, {"+3/4", "3/4"}, {"0/5", "0"}, {"18446744073709551616/2", "9223372036854775808N"},
               {"1.5M", "1.5M"}, {"2M", "2M"}, {"-1.50M", "-1.50M"}, {"1e3M", "1E+3M"}, {"1.5e-3M", "0.0015M"},
               {"0.00000001M", "1E-8M"}, {"+0.5M", "0.5M"}};
  for (auto& c : cases) {
    INFO(c.src);
    CHECK(pr_str(rd1(c.src)) == c.printed);
  }
  CHECK(is(rd1("12N"), Type::kBigInt));
  CHECK(is(rd1("1/2"), Type::kRatio));
  CHECK(is(rd1("2M"), Type::kBigDecimal));
}

TEST_CASE("reader: strings and escapes") {
  auto s = [](const char* src) { return str(rd1(src)); };
  CHECK(s(R"("abc")") == "abc");
  CHECK(s(R"("")") == "");
  CHECK(s(R"("a\"b\\c")") == "a\"b\\c");
  CHECK(s(R"("\n\t\r\b\f")") == "\n\t\r\b\f");
  CHECK(s(R"("\u00e9")") == "\xC3\xA9");
  CHECK(s(R"("\uABCD")") == "\xEA\xAF\x8D");
  CHECK(s(R"("\uD83D\uDE00")") == "\xF0\x9F\x98\x80");  // a surrogate pair is one code point
  CHECK(s(R"("\101\60")") == "A0");
  CHECK(s(R"("\377")") == "\xC3\xBF");
  CHECK(rd1(R"("\0")") != kNil);
  CHECK(string_view(rd1(R"("\0")")) == std::string_view("\0", 1));
  CHECK(s("\"caf\xC3\xA9 \xF0\x9F\x98\x80\"") == "caf\xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(s("\"a\r\nb\rc\"") == "a\nb\nc");  // line ends read as \n, as on the JVM
  CHECK(s("\"two\nlines\"") == "two\nlines");
}

TEST_CASE("reader: bad strings") {
  Err e = err("\"abc");
  CHECK(e.msg == "Syntax error reading source at (test.clj:2:1).\nEOF while reading string");
  CHECK(e.incomplete);
  CHECK(err("\"a\\").incomplete);
  CHECK(msg(R"("\q")") == "Syntax error reading source at (test.clj:1:4).\nUnsupported escape character: \\q");
  CHECK(msg(R"("\u12")") ==
        "Syntax error reading source at (test.clj:1:6).\nInvalid character length: 2, should be: 4");
  CHECK(msg(R"("\u12g4")") == "Syntax error reading source at (test.clj:1:7).\nInvalid digit: g");
  CHECK(msg(R"("\u")") == "Syntax error reading source at (test.clj:1:5).\nInvalid unicode escape: \\u\"");
  CHECK(msg(R"("\400")") ==
        "Syntax error reading source at (test.clj:1:6).\nOctal escape sequence must be in range [0, 377].");
  CHECK(msg(R"("\8")") == "Syntax error reading source at (test.clj:1:4).\nInvalid digit: 8");
  CHECK(msg(R"("\0a")") == "Syntax error reading source at (test.clj:1:5).\nInvalid digit: a");
  CHECK(err(R"("\q")").cause == "java.lang.RuntimeException");
  CHECK(err(R"("\8")").cause == "java.lang.IllegalArgumentException");
}

TEST_CASE("reader: characters") {
  struct {
    const char* src;
    uint32_t cp;
  } cases[] = {{"\\a", 'a'},          {"\\Z", 'Z'},        {"\\newline", '\n'}, {"\\space", ' '},
               {"\\tab", '\t'},       {"\\return", '\r'},  {"\\backspace", '\b'}, {"\\formfeed", '\f'},
               {"\\u00e9", 0xE9},     {"\\u0041", 'A'},    {"\\o101", 'A'},     {"\\o7", 7},
               {"\\(", '('},          {"\\;", ';'},        {"\\u", 'u'},        {"\\o", 'o'},
               {"\\\xC3\xA9", 0xE9},  {"\\\xF0\x9F\x98\x80", 0x1F600}, {"\\\\", '\\'}, {"\\\"", '"'}};
  for (auto& c : cases) {
    INFO(c.src);
    Value v = rd1(c.src);
    REQUIRE(v.is_char());
    CHECK(v.char_value() == c.cp);
  }
  std::vector<Value> two = read_all("\\a\\b");
  REQUIRE(two.size() == 2);
  CHECK(two[1] == Value::character('b'));
  CHECK(pr(rd1("[\\a \\space]")) == "[\\a \\space]");
}

TEST_CASE("reader: bad characters") {
  CHECK(msg("\n  \\foo") == "Syntax error reading source at (test.clj:3:1).\nUnsupported character: \\foo");
  CHECK(msg("\\foo ") == "Syntax error reading source at (test.clj:1:5).\nUnsupported character: \\foo");
  CHECK(msg("\\u12") == "Syntax error reading source at (test.clj:2:1).\nInvalid unicode character: \\u12");
  CHECK(msg("\\uD800") == "Syntax error reading source at (test.clj:2:1).\nInvalid character constant: \\ud800");
  CHECK(msg("\\o400") ==
        "Syntax error reading source at (test.clj:2:1).\nOctal escape sequence must be in range [0, 377].");
  CHECK(msg("\\o7777") == "Syntax error reading source at (test.clj:2:1).\nInvalid octal escape sequence length: 4");
  CHECK(msg("\\o8") == "Syntax error reading source at (test.clj:2:1).\nInvalid digit: 8");
  Err e = err("\\");
  CHECK(e.msg == "Syntax error reading source at (test.clj:2:1).\nEOF while reading character");
  CHECK(e.incomplete);
}

TEST_CASE("reader: symbols") {
  CHECK(sym_eq(rd1("foo"), "", "foo"));
  CHECK(sym_eq(rd1("a.b/c"), "a.b", "c"));
  CHECK(sym_eq(rd1("/"), "", "/"));
  CHECK(sym_eq(rd1("clojure.core//"), "clojure.core", "/"));
  CHECK(sym_eq(rd1("a/b/c"), "a", "b/c"));  // Symbol.intern splits at the first '/'
  CHECK(sym_eq(rd1("foo#"), "", "foo#"));
  CHECK(sym_eq(rd1(".method"), "", ".method"));
  CHECK(sym_eq(rd1("Foo."), "", "Foo."));
  CHECK(sym_eq(rd1("*earmuffs*"), "", "*earmuffs*"));
  CHECK(sym_eq(rd1("-"), "", "-"));
  CHECK(sym_eq(rd1("+"), "", "+"));
  CHECK(sym_eq(rd1("-foo"), "", "-foo"));
  CHECK(sym_eq(rd1("->>"), "", "->>"));
  CHECK(sym_eq(rd1("a'b"), "", "a'b"));  // ' does not end a token
  CHECK(sym_eq(rd1("%"), "", "%"));      // % outside #() is a symbol
  CHECK(sym_eq(rd1("%1"), "", "%1"));
  CHECK(sym_eq(rd1("\xCE\xBB"), "", "\xCE\xBB"));
  CHECK(sym_eq(rd1("nil?"), "", "nil?"));
  CHECK(meta(rd1("foo")).is_nil());  // symbols carry no position
  for (const char* bad : {"a:", "a/", "foo/", "a::b", "::", ":", ":a/", ":a/1"}) {
    INFO(bad);
    CHECK(msg(bad) == std::string("Syntax error reading source at (test.clj:2:1).\nInvalid token: ") + bad);
  }
}

TEST_CASE("reader: keywords are interned and auto-resolve") {
  CHECK(rd1(":a") == keyword("a"));
  CHECK(rd1(":a.b/c") == keyword("a.b", "c"));
  CHECK(rd1(":1") == keyword("1"));
  CHECK(rd1(":a:b") == keyword("a:b"));
  CHECK(rd1("::a") == keyword("my.ns", "a"));
  CHECK(rd1("::str/join") == keyword("clojure.string", "join"));
  CHECK(rd1(":a") == rd1(":a"));
  CHECK(msg("::nope/x") == "Syntax error reading source at (test.clj:2:1).\nInvalid token: ::nope/x");
  Value k = rd1("::a", false, nullptr);  // no env: the user ns
  CHECK(k == keyword("user", "a"));
}

TEST_CASE("reader: collections and their positions") {
  Value l = rd1("(a\n  [b {:c #{d}}])");
  REQUIRE(is(l, Type::kList));
  CHECK(count(l) == 2);
  CHECK(line_of(l) == 1);
  CHECK(col_of(l) == 1);
  Value v = nth(l, 1);
  REQUIRE(is(v, Type::kVector));
  CHECK(line_of(v) == 2);
  CHECK(col_of(v) == 3);
  Value m = nth(v, 1);
  REQUIRE(is_map(m));
  CHECK(col_of(m) == 6);
  Value s = map_get(m, keyword("c"), kNil);
  REQUIRE(is(s, Type::kHashSet));
  CHECK(col_of(s) == 10);  // the '#'
  CHECK(set_contains(s, make_symbol("d")));
  CHECK(pr(l) == "(a [b {:c #{d}}])");

  CHECK(rd1("()") == empty_list());  // the shared empty list, no position
  CHECK(pr(rd1("[]")) == "[]");
  CHECK(col_of(rd1("  []")) == 3);
  CHECK(pr(rd1("{}")) == "{}");
  CHECK(pr(rd1("#{}")) == "#{}");
  CHECK(pr(rd1("[1,2,,3]")) == "[1 2 3]");
  CHECK(pr(rd1("{:a 1, :b 2}")) == "{:a 1, :b 2}");
  Value big = rd1("{:a 1 :b 2 :c 3 :d 4 :e 5 :f 6 :g 7 :h 8 :i 9}");
  CHECK(is(big, Type::kHashMap));
  CHECK(map_count(big) == 9);
  CHECK(is(rd1("{:a 1}"), Type::kArrayMap));
  // Columns count UTF-16 units, as on the JVM.
  CHECK(col_of(nth(rd1("(\xCE\xBB [x])"), 1)) == 4);
  CHECK(col_of(read_all("\"\xF0\x9F\x98\x80\" [1]")[1]) == 6);
}

TEST_CASE("reader: collection errors") {
  Err e = err("(defn f []\n  (+ 1 2)\n");
  CHECK(e.msg == "Syntax error reading source at (test.clj:3:1).\nEOF while reading, starting at line 1");
  CHECK(e.incomplete);
  CHECK(msg("(1 2") == "Syntax error reading source at (test.clj:2:1).\nEOF while reading, starting at line 1");
  CHECK(msg("\n\n  [1 2") == "Syntax error reading source at (test.clj:4:1).\nEOF while reading, starting at line 3");
  CHECK(msg("{:a 1") == "Syntax error reading source at (test.clj:2:1).\nEOF while reading, starting at line 1");
  CHECK(msg("#{1") == "Syntax error reading source at (test.clj:2:1).\nEOF while reading, starting at line 1");
  CHECK(err("(a '").incomplete);
  CHECK(msg("(a '") == "Syntax error reading source at (test.clj:2:1).\nEOF while reading");
  e = err(")");
  CHECK(e.msg == "Syntax error reading source at (test.clj:1:2).\nUnmatched delimiter: )");
  CHECK(!e.incomplete);
  CHECK(msg("(+ 1 2))") == "Syntax error reading source at (test.clj:1:9).\nUnmatched delimiter: )");
  CHECK(msg("(1 ])") == "Syntax error reading source at (test.clj:1:5).\nUnmatched delimiter: ]");
  CHECK(msg("}") == "Syntax error reading source at (test.clj:1:2).\nUnmatched delimiter: }");
  CHECK(msg("{:a 1 :b}") ==
        "Syntax error reading source at (test.clj:1:10).\nMap literal must contain an even number of forms");
  e = err("{:a 1 :a 2}");
  CHECK(e.msg == "Syntax error reading source at (test.clj:1:12).\nDuplicate key: :a");
  CHECK(e.cause == "java.lang.IllegalArgumentException");
  CHECK(msg("#{1 1}") == "Syntax error reading source at (test.clj:1:7).\nDuplicate key: 1");
  CHECK(msg(R"({"a" 1 "a" 2})") == "Syntax error reading source at (test.clj:1:14).\nDuplicate key: a");
  CHECK(msg("{nil 1 nil 2}") == "Syntax error reading source at (test.clj:1:14).\nDuplicate key: null");
  // ex-data carries the position and the file
  e = err("  )");
  CHECK(long_value(map_get(e.data, keyword("clojure.error", "line"), kNil)) == 1);
  CHECK(long_value(map_get(e.data, keyword("clojure.error", "column"), kNil)) == 4);
  CHECK(str(map_get(e.data, keyword("clojure.error", "source"), kNil)) == "test.clj");
}

TEST_CASE("reader: quote, deref, var, unquote") {
  CHECK(prr("'x") == "(quote x)");
  CHECK(prr("'(1 2)") == "(quote (1 2))");
  CHECK(prr("@a") == "(clojure.core/deref a)");
  CHECK(prr("#'a") == "(var a)");
  CHECK(prr("#'clojure.core/map") == "(var clojure.core/map)");
  CHECK(prr("~x") == "(clojure.core/unquote x)");
  CHECK(prr("~@xs") == "(clojure.core/unquote-splicing xs)");
  CHECK(prr("''x") == "(quote (quote x))");
  Value q = rd1("'x");
  CHECK(sym_eq(first(q), "", "quote"));
  CHECK(msg("'") == "Syntax error reading source at (test.clj:2:1).\nEOF while reading");
  CHECK(msg("@") == "Syntax error reading source at (test.clj:2:1).\nEOF while reading");
  CHECK(msg("~") == "Syntax error reading source at (test.clj:2:1).\nEOF while reading character");
}

TEST_CASE("reader: metadata") {
  Value s = rd1("^:dynamic *x*");
  CHECK(sym_eq(s, "", "*x*"));
  CHECK(meta_get(s, "dynamic") == kTrue);
  Value t = rd1("^String x");
  CHECK(sym_eq(meta_get(t, "tag"), "", "String"));
  CHECK(str(meta_get(rd1("^\"[B\" x"), "tag")) == "[B");
  Value v = rd1("^{:a 1} [x]");
  CHECK(long_value(meta_get(v, "a")) == 1);
  CHECK(line_of(v) == 1);
  CHECK(col_of(v) == 9);  // the vector's own position
  Value w = rd1("^{:a 1} ^:b [x]");
  CHECK(long_value(meta_get(w, "a")) == 1);
  CHECK(meta_get(w, "b") == kTrue);
  CHECK(long_value(meta_get(rd1("^{:line 99} (x)"), "line")) == 99);  // the user's wins
  Value f = rd1("(defn ^:private ^long f [])");
  CHECK(meta_get(nth(f, 1), "private") == kTrue);
  CHECK(sym_eq(meta_get(nth(f, 1), "tag"), "", "long"));
  CHECK(meta_get(rd1("#^:x [1]"), "x") == kTrue);
  CHECK(msg("^1 x") ==
        "Syntax error reading source at (test.clj:1:3).\nMetadata must be Symbol,Keyword,String or Map");
  CHECK(msg("^:x 1") == "Syntax error reading source at (test.clj:2:1).\nMetadata can only be applied to IMetas");
  CHECK(err("^:x").incomplete);
}

TEST_CASE("reader: #() anonymous fns") {
  Value f = rd1("#(+ % %2 %&)");
  REQUIRE(is(f, Type::kList));
  CHECK(sym_eq(nth(f, 0), "", "fn*"));
  Value params = nth(f, 1);
  REQUIRE(is(params, Type::kVector));
  REQUIRE(vector_count(params) == 4);
  std::regex p1("p1__\\d+#"), p2("p2__\\d+#"), rest("rest__\\d+#");
  CHECK(std::regex_match(str(symbol_name(vector_nth(params, 0))), p1));
  CHECK(std::regex_match(str(symbol_name(vector_nth(params, 1))), p2));
  CHECK(sym_eq(vector_nth(params, 2), "", "&"));
  CHECK(std::regex_match(str(symbol_name(vector_nth(params, 3))), rest));
  Value body = nth(f, 2);
  CHECK(equiv(nth(body, 1), vector_nth(params, 0)));
  CHECK(equiv(nth(body, 2), vector_nth(params, 1)));
  CHECK(equiv(nth(body, 3), vector_nth(params, 3)));
  CHECK(col_of(body) == 2);  // the '(' after '#'
  CHECK(col_of(f) == 1);

  Value g = rd1("#(% %1)");  // % and %1 are the same param
  CHECK(vector_count(nth(g, 1)) == 1);
  CHECK(equiv(nth(nth(g, 2), 0), nth(nth(g, 2), 1)));
  Value h = rd1("#(%3)");  // missing params are filled in
  REQUIRE(vector_count(nth(h, 1)) == 3);
  CHECK(equiv(vector_nth(nth(h, 1), 2), first(nth(h, 2))));
  CHECK(std::regex_match(str(symbol_name(vector_nth(nth(h, 1), 0))), p1));
  CHECK(pr(rd1("#()")) == "(fn* [] ())");
  CHECK(vector_count(nth(rd1("#(%01)"), 1)) == 1);  // %n reads a number: 01 is 1
  Value r = rd1("#(apply + %&)");
  CHECK(vector_count(nth(r, 1)) == 2);
  // each #() numbers afresh
  Value a = rd1("#(%)"), b = rd1("#(%)");
  CHECK(!equiv(vector_nth(nth(a, 1), 0), vector_nth(nth(b, 1), 0)));
  CHECK(msg("#(#(%))") == "Syntax error reading source at (test.clj:1:5).\nNested #()s are not allowed");
  CHECK(msg("#(%a)") == "Syntax error reading source at (test.clj:1:5).\narg literal must be %, %& or %integer");
  CHECK(err("#(%a)").cause == "java.lang.IllegalStateException");
}

TEST_CASE("reader: regex literals") {
  Value r = rd1(R"(#"\d+\"x[a-z]*")");
  REQUIRE(is(r, Type::kRegex));
  REQUIRE(is(slot(r, 0), Type::kString));
  CHECK(str(slot(r, 0)) == R"(\d+\"x[a-z]*)");
  CHECK(str(slot(rd1(R"(#"\\")"), 0)) == R"(\\)");
  CHECK(str(slot(rd1("#\"\xC3\xA9\\n\""), 0)) == "\xC3\xA9\\n");
  Err e = err(R"(#"ab\)");
  CHECK(e.msg == "Syntax error reading source at (test.clj:2:1).\nEOF while reading regex");
  CHECK(e.incomplete);
}

TEST_CASE("reader: discard, comments, whitespace") {
  CHECK(long_value(rd1("#_ 1 2")) == 2);
  CHECK(long_value(rd1("#_ #_ 1 2 3")) == 3);
  CHECK(pr(rd1("(1 #_2)")) == "(1)");
  CHECK(pr(rd1("[1 #_ [2 3]]")) == "[1]");
  CHECK(pr(rd1("{:a 1 #_ :b #_ 2}")) == "{:a 1}");
  CHECK(pr(rd1("(a #_(b #_c))")) == "(a)");
  CHECK(read_all("#_ x").empty());
  CHECK(msg("(a #_)") == "Syntax error reading source at (test.clj:1:7).\nUnmatched delimiter: )");
  CHECK(err("#_").incomplete);
  std::vector<Value> xs = read_all("; c\n1 ;; x ( \n 2 ; end");
  REQUIRE(xs.size() == 2);
  CHECK(long_value(xs[1]) == 2);
  Value l = rd1("#!/usr/bin/env folio\n(a)");
  CHECK(line_of(l) == 2);
  CHECK(pr(rd1("(a #! comment )\n b)")) == "(a b)");
  CHECK(pr(rd1("\t(a,\r\n b)\f")) == "(a b)");
  CHECK(read_all("").empty());
  CHECK(read_all(" ,\n; only a comment").empty());
  CHECK(msg("#<foo>").find("Unreadable form") != std::string::npos);
  CHECK(msg("#=(+ 1 2)").find("EvalReader not allowed") != std::string::npos);
  CHECK(err("#").incomplete);
}

TEST_CASE("reader: reader conditionals") {
  CHECK(msg("#?(:clj 1 :folio 2)") == "Syntax error reading source at (test.clj:1:3).\nConditional read not allowed");
  CHECK(long_value(rd1("#?(:clj 1 :folio 2)", true)) == 2);
  CHECK(long_value(rd1("#?(:folio 2 :clj 1)", true)) == 2);
  CHECK(long_value(rd1("#?(:cljs 1 :default 3)", true)) == 3);
  CHECK(long_value(rd1("#?(:default 3 :folio 2)", true)) == 3);  // first match wins
  CHECK(read_all("#?(:clj 1)", true).empty());                    // no branch: nothing
  CHECK(pr(rd1("[1 #?(:clj 2) 3]", true)) == "[1 3]");
  CHECK(pr(rd1("[#?@(:folio [1 2]) 3]", true)) == "[1 2 3]");
  CHECK(pr(rd1("(list #?@(:clj [x] :folio (y z)) w)", true)) == "(list y z w)");
  CHECK(pr(rd1("[#?@(:folio [])]", true)) == "[]");
  std::vector<Value> q = read_all("'#?@(:folio [1 2]) 3", true);  // the JVM drops the 2
  REQUIRE(q.size() == 2);
  CHECK(pr(q[0]) == "(quote 1)");
  CHECK(long_value(q[1]) == 3);
  CHECK(pr(rd1("#? (:folio [a #?(:folio b)])", true)) == "[a b]");
  // branches not taken may hold what cannot be read here
  CHECK(long_value(rd1("#?(:clj #java.util.Date 1 :folio 2)", true)) == 2);
  CHECK(long_value(rd1("#?(:cljs ::nope/x :folio 2)", true)) == 2);
  CHECK(msg("#?@(:folio [1 2])", true) ==
        "Syntax error reading source at (test.clj:1:18).\nReader conditional splicing not allowed at the top level.");
  CHECK(msg("#?(:folio)", true) ==
        "Syntax error reading source at (test.clj:1:11).\nread-cond starting on line 1 requires an even number of forms");
  CHECK(msg("#?[:folio 1]", true) == "Syntax error reading source at (test.clj:1:4).\nread-cond body must be a list");
  CHECK(msg("#?(:else 1)", true) == "Syntax error reading source at (test.clj:1:9).\nFeature name :else is reserved.");
  CHECK(msg("#?(1 2)", true) == "Syntax error reading source at (test.clj:1:5).\nFeature should be a keyword: 1");
  CHECK(msg("(#?@(:folio 1))", true).find("Spliced form list in read-cond-splicing must implement java.util.List") !=
        std::string::npos);
  Err e = err("#?(:folio", true);
  CHECK(e.incomplete);
  CHECK(e.msg == "Syntax error reading source at (test.clj:2:1).\nEOF while reading, starting at line 1");
}

TEST_CASE("reader: tagged literals") {
  CHECK(prr("#inst \"2020-01-01T10:20:30.123-05:00\"") == "(folio.core/inst \"2020-01-01T10:20:30.123-05:00\")");
  CHECK(prr("#inst \"2020\"") == "(folio.core/inst \"2020\")");
  CHECK(prr("#uuid \"00000000-0000-0000-0000-000000000000\"") ==
        "(folio.core/uuid \"00000000-0000-0000-0000-000000000000\")");
  CHECK(msg("#inst \"foo\"") == "Syntax error reading source at (test.clj:1:12).\nUnrecognized date/time syntax: foo");
  CHECK(msg("#uuid \"foo\"") == "Syntax error reading source at (test.clj:1:12).\nInvalid UUID string: foo");
  CHECK(msg("#inst 1").find("java.lang.CharSequence") != std::string::npos);
  CHECK(msg("#foo 1") == "Syntax error reading source at (test.clj:2:1).\nNo reader function for tag foo");
  CHECK(msg("#foo/bar [1]").find("No reader function for tag foo/bar") != std::string::npos);
  CHECK(msg("#1 2") == "Syntax error reading source at (test.clj:1:3).\nReader tag must be a symbol");
  CHECK(err("#inst").incomplete);
  // the runtime's *data-readers*
  ReaderEnv e = env();
  e.read_tagged = [](Value tag, Value form) -> Value {
    if (symbol_str(tag) == "my/twice") return make_long(2 * long_value(form));
    return kNotFound;
  };
  CHECK(long_value(rd1("#my/twice 21", false, &e)) == 42);
  ensure_heap();
  Reader r("#other 1", "t.clj", &e);
  Value v;
  CHECK_THROWS_AS(r.next(v), Thrown);
}

TEST_CASE("reader: namespaced maps") {
  Value m = rd1("#:a{:b 1 :_/c 2 :d/e 3 f 4}");
  CHECK(long_value(map_get(m, keyword("a", "b"), kNil)) == 1);
  CHECK(long_value(map_get(m, keyword("c"), kNil)) == 2);
  CHECK(long_value(map_get(m, keyword("d", "e"), kNil)) == 3);
  CHECK(long_value(map_get(m, make_symbol("a", "f"), kNil)) == 4);
  CHECK(col_of(m) == 1);
  CHECK(long_value(map_get(rd1("#::{:b 1}"), keyword("my.ns", "b"), kNil)) == 1);
  CHECK(long_value(map_get(rd1("#:: {:b 1}"), keyword("my.ns", "b"), kNil)) == 1);
  CHECK(long_value(map_get(rd1("#::str{:x 1}"), keyword("clojure.string", "x"), kNil)) == 1);
  CHECK(msg("#::nope{:x 1}") ==
        "Syntax error reading source at (test.clj:1:9).\nUnknown auto-resolved namespace alias: nope");
  CHECK(msg("#:a{:b 1 :c}") ==
        "Syntax error reading source at (test.clj:1:13).\nNamespaced map literal must contain an even number of forms");
  CHECK(msg("#:a{:b 1 :b 2}") == "Syntax error reading source at (test.clj:1:15).\nDuplicate key: :a/b");
  CHECK(msg("#:a/b{:c 1}") ==
        "Syntax error reading source at (test.clj:1:7).\nNamespaced map must specify a valid namespace: a/b");
  CHECK(msg("#:a[1]") == "Syntax error reading source at (test.clj:1:5).\nNamespaced map must specify a map");
  CHECK(err("#::").incomplete);
}

TEST_CASE("reader: syntax-quote") {
  CHECK(prr("`a") == "(quote my.ns/a)");
  CHECK(prr("`map") == "(quote clojure.core/map)");
  CHECK(prr("`(a ~b ~@c)") ==
        "(clojure.core/seq (clojure.core/concat (clojure.core/list (quote my.ns/a)) (clojure.core/list b) c))");
  CHECK(prr("`[a :k \"s\" 1 \\c nil]") ==
        "(clojure.core/apply clojure.core/vector (clojure.core/seq (clojure.core/concat "
        "(clojure.core/list (quote my.ns/a)) (clojure.core/list :k) (clojure.core/list \"s\") "
        "(clojure.core/list 1) (clojure.core/list \\c) (clojure.core/list (quote nil)))))");
  CHECK(prr("`{:a b}") ==
        "(clojure.core/apply clojure.core/hash-map (clojure.core/seq (clojure.core/concat "
        "(clojure.core/list :a) (clojure.core/list (quote my.ns/b)))))");
  CHECK(prr("`#{a}") ==
        "(clojure.core/apply clojure.core/hash-set (clojure.core/seq (clojure.core/concat "
        "(clojure.core/list (quote my.ns/a)))))");
  CHECK(prr("`()") == "(clojure.core/list)");
  CHECK(prr("`[]") == "(clojure.core/apply clojure.core/vector (clojure.core/seq (clojure.core/concat)))");
  CHECK(prr("`:k") == ":k");
  CHECK(prr("`1") == "1");
  CHECK(prr("`\"s\"") == "\"s\"");
  CHECK(prr("`nil") == "(quote nil)");
  CHECK(prr("`true") == "(quote true)");
  // special forms stay bare; so do names with dots, .methods and qualified names
  for (const char* s : {"def", "loop*", "recur", "if", "case*", "let*", "letfn*", "do", "fn*", "quote", "var",
                        "clojure.core/import*", ".", "set!", "deftype*", "reify*", "try", "throw", "monitor-enter",
                        "monitor-exit", "catch", "finally", "new", "&"}) {
    INFO(s);
    CHECK(prr(std::string("`") + s) == std::string("(quote ") + s + ")");
  }
  CHECK(prr("`.foo") == "(quote .foo)");
  CHECK(prr("`a.b") == "(quote a.b)");
  CHECK(prr("`java.util.Date") == "(quote java.util.Date)");
  CHECK(prr("`other/x") == "(quote other/x)");
  CHECK(prr("`str/join") == "(quote clojure.string/join)");
  CHECK(prr("`String.") == "(quote java.lang.String.)");
  CHECK(prr("`Foo.") == "(quote Foo.)");
  CHECK(prr("`String/valueOf") == "(quote java.lang.String/valueOf)");
  CHECK(prr("`let") == "(quote my.ns/let)");
  // gensyms: one per name within a syntax-quote, fresh in the next
  Value g = rd1("`(x# x# y#)");
  std::string s = pr(g);
  std::smatch mx;
  REQUIRE(std::regex_search(s, mx, std::regex("\\(quote (x__(\\d+)__auto__)\\)")));
  std::string xname = mx[1];
  CHECK(s.find("(quote " + xname + "))", mx.position(0) + 5) != std::string::npos);
  CHECK(std::regex_search(s, std::regex("\\(quote y__\\d+__auto__\\)")));
  std::string s2 = prr("`x#");
  CHECK(std::regex_match(s2, std::regex("\\(quote x__\\d+__auto__\\)")));
  CHECK(s2 != "(quote " + xname + ")");
  // metadata other than the position survives through with-meta
  CHECK(prr("`^:m [a]") ==
        "(clojure.core/with-meta (clojure.core/apply clojure.core/vector (clojure.core/seq (clojure.core/concat "
        "(clojure.core/list (quote my.ns/a))))) (clojure.core/apply clojure.core/hash-map (clojure.core/seq "
        "(clojure.core/concat (clojure.core/list :m) (clojure.core/list (quote true))))))");
  Value out = rd1("`(a)");
  CHECK(meta(out).is_nil());  // no reader positions in the expansion
  // nested syntax-quote expands the expansion
  CHECK(prr("``a") ==
        "(clojure.core/seq (clojure.core/concat (clojure.core/list (quote quote)) "
        "(clojure.core/list (quote my.ns/a))))");
  CHECK(prr("`(a `b)") ==
        "(clojure.core/seq (clojure.core/concat (clojure.core/list (quote my.ns/a)) (clojure.core/list "
        "(clojure.core/seq (clojure.core/concat (clojure.core/list (quote quote)) "
        "(clojure.core/list (quote my.ns/b)))))))");
  CHECK(prr("`(a ~@b ~c)") ==
        "(clojure.core/seq (clojure.core/concat (clojure.core/list (quote my.ns/a)) b (clojure.core/list c)))");
  CHECK(prr("`^String x") ==
        "(clojure.core/with-meta (quote my.ns/x) (clojure.core/apply clojure.core/hash-map (clojure.core/seq "
        "(clojure.core/concat (clojure.core/list :tag) (clojure.core/list (quote java.lang.String))))))");
  CHECK(msg("`~@x") == "Syntax error reading source at (test.clj:2:1).\nsplice not in list");
  // without an env: the user ns
  CHECK(pr(rd1("`a", false, nullptr)) == "(quote user/a)");
}

TEST_CASE("reader: the Reader API") {
  ensure_heap();
  Reader r("1 ; c\n  (a)\n  ", "api.clj", &env());
  Value v;
  CHECK(r.line() == 1);
  CHECK(r.column() == 1);
  REQUIRE(r.next(v));
  CHECK(long_value(v) == 1);
  CHECK(r.column() == 2);
  CHECK(!r.at_eof());
  REQUIRE(r.next(v));
  CHECK(line_of(v) == 2);
  CHECK(col_of(v) == 3);
  CHECK(r.line() == 2);
  CHECK(r.column() == 6);
  CHECK(r.at_eof());
  CHECK(!r.next(v));
  CHECK(!r.next(v));

  Reader r2("#! shebang\n;; only comments\n", "api.clj", &env());
  CHECK(r2.at_eof());
  CHECK(!r2.next(v));

  // An error leaves the reader usable for what follows (the REPL's case).
  Reader r3(") 5", "api.clj", &env());
  CHECK_THROWS_AS(r3.next(v), Thrown);
  REQUIRE(r3.next(v));
  CHECK(long_value(v) == 5);

  // No file name: NO_SOURCE_PATH, as the JVM says.
  Reader r4(")", "", nullptr);
  try {
    r4.next(v);
    FAIL("no error");
  } catch (const Thrown& t) {
    CHECK(str(slot(t.exc, 1)) == "Syntax error reading source at (NO_SOURCE_PATH:1:2).\nUnmatched delimiter: )");
  }

  int64_t a = next_id(), b = next_id();
  CHECK(b == a + 1);
}
