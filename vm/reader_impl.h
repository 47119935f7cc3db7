// reader_impl.h - internals shared by reader.cpp, reader_dispatch.cpp,
// reader_token.cpp and reader_syntax.cpp. Not for use outside the reader.
#pragma once
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vm/object.h"
#include "vm/utf8.h"
#include "vm/reader.h"

namespace folio::rd {

// A read error before it gets its position: Reader::next catches it and
// throws the ReaderException (or ReaderIncomplete when `eof`).
struct ReadError {
  std::string cls;  // the JVM class of the cause
  std::string msg;
  bool eof;
};

inline constexpr const char* kRuntimeEx = "java.lang.RuntimeException";
inline constexpr const char* kIllegalArg = "java.lang.IllegalArgumentException";
inline constexpr const char* kIllegalState = "java.lang.IllegalStateException";
inline constexpr const char* kNumberFormat = "java.lang.NumberFormatException";
inline constexpr const char* kUnsupported = "java.lang.UnsupportedOperationException";

[[noreturn]] inline void fail(std::string msg, const char* cls = kRuntimeEx) {
  throw ReadError{cls, std::move(msg), false};
}
[[noreturn]] inline void fail_eof(std::string msg) { throw ReadError{kRuntimeEx, std::move(msg), true}; }

// What token interpretation and syntax-quote need from the reader.
struct Ctx {
  const ReaderEnv* env;
  bool suppress;  // inside a reader-conditional branch that is not taken
  std::string current_ns() const;
  std::string resolve_alias(std::string_view alias) const;  // "" when unknown
  Value resolve_symbol(Value sym) const;                     // nil when unknown
};

// ---- small helpers (reader_token.cpp)
Value sym(std::string_view ns, std::string_view name);  // ns "" = none
bool sym_is(Value v, std::string_view ns, std::string_view name);
bool is_sym(Value v);
std::string_view sym_name(Value s);
std::string_view sym_ns(Value s);  // "" when none
Value list_of(std::initializer_list<Value> xs);
Value list_of(const std::vector<Value>& xs);
std::string str_of(Value v);  // Java toString: print_str, nil -> "null"
using ::folio::append_utf8;

// ---- tokens (reader_token.cpp)
// Reads a number token (the characters up to whitespace or a macro
// character); throws "Invalid number: s" and the JVM's other messages.
Value match_number(std::string_view s);
// nil, true, false, a symbol or a keyword; throws "Invalid token: s".
Value interpret_token(std::string_view s, const Ctx& ctx);
// The built-in tagged literals: checks the form, returns the call form.
Value read_inst(Value form, bool suppress);
Value read_uuid(Value form, bool suppress);

// ---- characters and the stream (reader.h documents the behaviour)

// Character.isWhitespace, and the comma.
inline bool is_ws(int32_t c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\v': case '\f': case '\r': case ',':
    case 0x1C: case 0x1D: case 0x1E: case 0x1F:
    case 0x1680: case 0x2028: case 0x2029: case 0x205F: case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A && c != 0x2007;
  }
}

inline bool is_macro(int32_t c) {
  switch (c) {
    case '"': case ';': case '\'': case '@': case '^': case '`': case '~': case '(': case ')':
    case '[': case ']': case '{': case '}': case '\\': case '%': case '#':
      return true;
    default:
      return false;
  }
}

inline bool is_terminating(int32_t c) { return c != '#' && c != '\'' && c != '%' && is_macro(c); }
inline bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }

inline int digit(int32_t c, int base) {  // Character.digit for ASCII
  int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
  return d < base ? d : -1;
}

inline std::string cp_str(int32_t c) {
  std::string s;
  append_utf8(s, c < 0 ? 0xFFFF : uint32_t(c));  // Java's (char) -1
  return s;
}

// UTF-8 source as code points, with line and column tracked as
// LineNumberingPushbackReader does: columns count UTF-16 units, "\r\n" and a
// lone "\r" read as "\n". Reading past the end moves the JVM's reported
// position to column 1 of the next line (unless the text ended with a
// newline); `eof_hit` remembers that, for error positions.
struct Stream {
  std::string src;
  size_t pos = 0;
  int line = 1, col = 1;
  bool last_nl = true;
  bool eof_hit = false;

  struct Mark {
    size_t pos;
    int line, col;
    bool last_nl;
  };
  Mark mark() const { return {pos, line, col, last_nl}; }
  void reset(const Mark& m) {
    pos = m.pos;
    line = m.line;
    col = m.col;
    last_nl = m.last_nl;
  }

  int32_t decode(size_t& len) const {
    if (pos >= src.size()) return -1;
    unsigned char b = src[pos];
    len = 1;
    if (b < 0x80) {
      if (b == '\r') {
        if (pos + 1 < src.size() && src[pos + 1] == '\n') len = 2;
        return '\n';
      }
      return b;
    }
    size_t n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0;
    if (n == 0 || pos + n > src.size()) return 0xFFFD;
    uint32_t cp = n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; k < n; ++k) {
      unsigned char cb = src[pos + k];
      if ((cb & 0xC0) != 0x80) return 0xFFFD;
      cp = (cp << 6) | (cb & 0x3F);
    }
    len = n;
    return int32_t(cp);
  }
  int32_t peek() {
    size_t n;
    int32_t c = decode(n);
    if (c < 0) eof_hit = true;
    return c;
  }
  int32_t get() {
    size_t n;
    int32_t c = decode(n);
    if (c < 0) {
      eof_hit = true;
      return -1;
    }
    pos += n;
    if (c == '\n') {
      ++line;
      col = 1;
      last_nl = true;
    } else {
      col += c >= 0x10000 ? 2 : 1;
      last_nl = false;
    }
    return c;
  }
};

// ---- reader.cpp helpers
Value kw(const char* name);                        // :name
Value with_pos(Value coll, int line, int col);     // adds {:line :column}
bool is_imeta(Value v);
Value build_map(const std::vector<Value>& kvs);    // duplicate keys: error
Value garg(int n);                                 // p1__N# / rest__N#

// ---- syntax-quote (reader_syntax.cpp)
struct Gensyms {
  std::vector<std::pair<std::string, Value>> map;  // "foo#" -> foo__N__auto__
};
Value syntax_quote(Value form, const Ctx& ctx, Gensyms& gensyms);

}  // namespace folio::rd

namespace folio {

struct Reader::Impl {
  rd::Stream s;
  std::string file;
  const ReaderEnv* env = nullptr;
  bool cljc = false;
  bool incomplete = false;
  std::deque<Value> pending;  // forms spliced by #?@, read before the next char
  int depth = 0;              // reader macros entered: 0 = top level
  int suppress = 0;           // inside a reader-conditional branch not taken
  std::map<int, Value>* args = nullptr;  // % params, inside #(): n -> symbol (-1: %&)

  rd::Ctx ctx() const { return rd::Ctx{env, suppress > 0}; }
  bool numbering() const { return !env || env->line_numbering; }
  bool edn() const { return env && env->edn; }
  // coll with :line/:column metadata, when reading with line numbers.
  Value pos(Value coll, int line, int col) const { return numbering() ? rd::with_pos(coll, line, col) : coll; }

  enum Res { kForm, kEof, kClose };

  // Reads the next form into `out`; kClose when `closer` comes first.
  Res read(Value& out, int32_t closer);
  Value read_required();
  void read_delimited(int32_t closer, std::vector<Value>& xs);
  std::string read_token(int32_t first, bool number = false);
  void skip_line();
  // One reader step at the current char; false when it read nothing
  // (comment, #_, #! or a reader conditional without a matching branch).
  bool read_some(Value& out);
  Value read_list(int line, int col);
  // ---- strings and characters
  // readUnicodeChar from the stream: up to `length` digits in `base`.
  int32_t read_unicode(int32_t init, int base, int length, bool exact);
  Value read_string();
  Value read_char();
  // ---- metadata, #() and its args
  Value read_meta();
  // #(...) -> (fn* [p1__N# ... & rest__M#] (...)); `line`/`col` at the '#'.
  Value read_fn(int line, int col);
  // % %n %& : inside #() a param; elsewhere an ordinary symbol.
  Value read_arg();
  // ---- the # dispatch macros
  bool read_dispatch(Value& out, int line, int col, bool top);
  // ##Inf ##-Inf ##NaN
  Value read_symbolic();
  // #"...": the pattern text, escapes kept as written
  Value read_regex();
  // #?(...) and #?@(...): the first branch whose feature we have.
  bool read_cond(Value& out, bool top);
  // #:ns{...}, #::{...}, #::alias{...}: keys without a namespace get ns.
  Value read_ns_map(int line, int col);
  // ---- errors
  void position(int& line, int& col) const;
  [[noreturn]] void raise(const std::string& msg, Value cause, bool eof);
};

}  // namespace folio
