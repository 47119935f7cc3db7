// reader.cpp - the Clojure reader: the main loop, collections, strings,
// characters, metadata, errors and the Reader API. The `#` dispatch macros
// are in reader_dispatch.cpp, numbers and tokens in reader_token.cpp,
// syntax-quote in reader_syntax.cpp.
// The structure follows clojure.lang.LispReader so that behaviour (and error
// messages and positions) match the JVM's; see reader.h for the differences.
#include "vm/reader.h"

#include <atomic>
#include <cstdio>
#include <vector>

#include "vm/collections.h"
#include "vm/reader_impl.h"

namespace folio {

int64_t next_id() {
  static std::atomic<int64_t> id{0};
  return ++id;
}

namespace rd {

Value kw(const char* name) { return keyword("", name); }

Value with_pos(Value coll, int line, int col) {
  Value kvs[4] = {kw("line"), Value::fixnum(line), kw("column"), Value::fixnum(col)};
  return with_meta(coll, map_from(kvs, 2));
}

bool is_imeta(Value v) {
  return is_sym(v) || is(v, Type::kList) || is(v, Type::kEmptyList) || is(v, Type::kCons) ||
         is(v, Type::kLazySeq) || is(v, Type::kChunkedCons) || is(v, Type::kVector) || is_map(v) || is(v, Type::kHashSet);
}

// A map literal: duplicate keys are an error (RT.map -> createWithCheck).
Value build_map(const std::vector<Value>& kvs) {
  uint64_t n = kvs.size() / 2;
  Value m = map_from(kvs.data(), n);
  if (uint64_t(map_count(m)) != n)
    for (uint64_t i = 0; i < n; ++i)
      for (uint64_t j = i + 1; j < n; ++j)
        if (equiv(kvs[2 * i], kvs[2 * j])) fail("Duplicate key: " + str_of(kvs[2 * i]), kIllegalArg);
  return m;
}

}  // namespace rd

using namespace rd;

// Reads the next form into `out`; kClose when `closer` comes first.
Reader::Impl::Res Reader::Impl::read(Value& out, int32_t closer) {
  for (;;) {
    if (!pending.empty()) {
      out = pending.front();
      pending.pop_front();
      return kForm;
    }
    int32_t c = s.peek();
    while (is_ws(c)) {
      s.get();
      c = s.peek();
    }
    if (c < 0) return kEof;
    if (c == closer) {
      s.get();
      return kClose;
    }
    if (read_some(out)) return kForm;
  }
}

Value Reader::Impl::read_required() {
  check_stack();
  Value v;
  if (read(v, -2) == kEof) fail_eof("EOF while reading");
  return v;
}

void Reader::Impl::read_delimited(int32_t closer, std::vector<Value>& xs) {
  check_stack();
  int firstline = s.line;
  for (;;) {
    Value v;
    Res r = read(v, closer);
    if (r == kEof) fail_eof(numbering() ? "EOF while reading, starting at line " + std::to_string(firstline)
                                        : std::string("EOF while reading"));
    if (r == kClose) return;
    xs.push_back(v);
  }
}

std::string Reader::Impl::read_token(int32_t first, bool number) {
  std::string t;
  append_utf8(t, first);
  for (;;) {
    int32_t c = s.peek();
    if (c < 0 || is_ws(c) || (number ? is_macro(c) : is_terminating(c))) return t;
    append_utf8(t, s.get());
  }
}

void Reader::Impl::skip_line() {
  for (int32_t c = s.get(); c >= 0 && c != '\n'; c = s.get()) {
  }
}

// One reader step at the current char; false when it read nothing
// (comment, #_, #! or a reader conditional without a matching branch).
bool Reader::Impl::read_some(Value& out) {
  int line = s.line, col = s.col;
  bool top = depth == 0;
  struct Depth {
    int& d;
    ~Depth() { --d; }
  } guard{++depth};
  int32_t c = s.get();
  if (is_digit(c)) {
    out = match_number(read_token(c, true));
    return true;
  }
  if (edn()) {  // EdnReader: ' and % are symbol characters; @ ` ~ start nothing
    if (c == '@' || c == '`' || c == '~') fail("Invalid leading character: " + cp_str(c));
    if (c == '\'' || c == '%') {
      out = interpret_token(read_token(c), ctx());
      return true;
    }
  }
  switch (c) {
    case '"': out = read_string(); return true;
    case ';': skip_line(); return false;
    case '\'': out = list_of({sym("", "quote"), read_required()}); return true;
    case '@': out = list_of({sym("clojure.core", "deref"), read_required()}); return true;
    case '^': out = read_meta(); return true;
    case '`': {
      Value form = read_required();
      Gensyms g;
      out = syntax_quote(form, ctx(), g);
      return true;
    }
    case '~': {
      int32_t n = s.peek();
      if (n < 0) fail_eof("EOF while reading character");
      const char* which = n == '@' ? "unquote-splicing" : "unquote";
      if (n == '@') s.get();
      out = list_of({sym("clojure.core", which), read_required()});
      return true;
    }
    case '(': out = read_list(line, col); return true;
    case '[': {
      std::vector<Value> xs;
      read_delimited(']', xs);
      out = pos(vector_from(xs.data(), xs.size()), line, col);
      return true;
    }
    case '{': {
      std::vector<Value> kvs;
      read_delimited('}', kvs);
      if (kvs.size() & 1) fail("Map literal must contain an even number of forms");
      out = pos(build_map(kvs), line, col);
      return true;
    }
    case ')': case ']': case '}': fail("Unmatched delimiter: " + cp_str(c));
    case '\\': out = read_char(); return true;
    case '%': out = read_arg(); return true;
    case '#': return read_dispatch(out, line, col, top);
    default: break;
  }
  if ((c == '+' || c == '-') && is_digit(s.peek())) {
    out = match_number(read_token(c, true));
    return true;
  }
  std::string tok = read_token(c);
  if (edn() && tok.rfind("::", 0) == 0) fail("Invalid token: " + tok);
  out = interpret_token(tok, ctx());
  return true;
}

Value Reader::Impl::read_list(int line, int col) {
  std::vector<Value> xs;
  read_delimited(')', xs);
  if (xs.empty()) return empty_list();
  return pos(list_of(xs), line, col);
}

// readUnicodeChar from the stream: up to `length` digits in `base`.
int32_t Reader::Impl::read_unicode(int32_t init, int base, int length, bool exact) {
  int32_t uc = digit(init, base);
  if (uc < 0) fail("Invalid digit: " + cp_str(init), kIllegalArg);
  int i = 1;
  for (; i < length; ++i) {
    int32_t c = s.peek();
    if (c < 0 || is_ws(c) || is_macro(c)) break;
    s.get();
    int d = digit(c, base);
    if (d < 0) fail("Invalid digit: " + cp_str(c), kIllegalArg);
    uc = uc * base + d;
  }
  if (i != length && exact)
    fail("Invalid character length: " + std::to_string(i) + ", should be: " + std::to_string(length),
         kIllegalArg);
  return uc;
}

Value Reader::Impl::read_string() {
  std::string out;
  uint32_t hi = 0;  // a high surrogate from \uD83D waiting for its pair
  auto put = [&](uint32_t cp) {
    if (hi) {
      if (cp >= 0xDC00 && cp <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((hi - 0xD800) << 10) + (cp - 0xDC00));
        hi = 0;
        return;
      }
      append_utf8(out, hi);
      hi = 0;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF)
      hi = cp;
    else
      append_utf8(out, cp);
  };
  for (;;) {
    int32_t c = s.get();
    if (c < 0) fail_eof("EOF while reading string");
    if (c == '"') break;
    if (c == '\\') {
      c = s.get();
      if (c < 0) fail_eof("EOF while reading string");
      switch (c) {
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'n': c = '\n'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case '\\': case '"': break;
        case 'u':
          c = s.get();
          if (c < 0) fail_eof("EOF while reading string");
          if (digit(c, 16) < 0) fail("Invalid unicode escape: \\u" + cp_str(c));
          c = read_unicode(c, 16, 4, true);
          break;
        default:
          if (!is_digit(c)) fail("Unsupported escape character: \\" + cp_str(c));
          c = read_unicode(c, 8, 3, false);
          if (c > 0377) fail("Octal escape sequence must be in range [0, 377].");
      }
    }
    put(uint32_t(c));
  }
  if (hi) append_utf8(out, hi);
  return make_string(out);
}

Value Reader::Impl::read_char() {
  int32_t c = s.get();
  if (c < 0) fail_eof("EOF while reading character");
  std::string tok = read_token(c);
  std::vector<int32_t> cps;  // the token as UTF-16 units, as Java sees it
  {
    Stream t;
    t.src = tok;
    for (int32_t x = t.get(); x >= 0; x = t.get()) {
      if (x >= 0x10000) {
        cps.push_back(0xD800 + ((x - 0x10000) >> 10));
        cps.push_back(0xDC00 + ((x - 0x10000) & 0x3FF));
      } else {
        cps.push_back(x);
      }
    }
  }
  if (cps.size() == 1 || (cps.size() == 2 && c >= 0x10000)) return Value::character(uint32_t(c));
  static const std::pair<const char*, uint32_t> names[] = {{"newline", '\n'}, {"space", ' '},
                                                           {"tab", '\t'},     {"backspace", '\b'},
                                                           {"formfeed", '\f'}, {"return", '\r'}};
  for (auto& [n, v] : names)
    if (tok == n) return Value::character(v);
  auto digits = [&](size_t len, int base) {  // readUnicodeChar(token, 1, len, base)
    if (cps.size() != 1 + len) fail("Invalid unicode character: \\" + tok, kIllegalArg);
    uint32_t uc = 0;
    for (size_t i = 1; i <= len; ++i) {
      int d = digit(cps[i], base);
      if (d < 0) fail("Invalid digit: " + cp_str(cps[i]), kIllegalArg);
      uc = uc * base + d;
    }
    return uc;
  };
  if (tok[0] == 'u') {
    uint32_t uc = digits(4, 16);
    if (uc >= 0xD800 && uc <= 0xDFFF) {
      char hex[8];
      snprintf(hex, sizeof hex, "%x", uc);
      fail(std::string("Invalid character constant: \\u") + hex);
    }
    return Value::character(uc);
  }
  if (tok[0] == 'o') {
    size_t len = cps.size() - 1;
    if (len > 3) fail("Invalid octal escape sequence length: " + std::to_string(len));
    uint32_t uc = digits(len, 8);
    if (uc > 0377) fail("Octal escape sequence must be in range [0, 377].");
    return Value::character(uc);
  }
  fail("Unsupported character: \\" + tok);
}

Value Reader::Impl::read_meta() {
  Value m = read_required();
  if (is_sym(m) || is(m, Type::kString)) {
    Value kv[2] = {kw("tag"), m};
    m = map_from(kv, 1);
  } else if (is(m, Type::kKeyword)) {
    Value kv[2] = {m, kTrue};
    m = map_from(kv, 1);
  } else if (!is_map(m)) {
    fail("Metadata must be Symbol,Keyword,String or Map", kIllegalArg);
  }
  Value o = read_required();
  if (!is_imeta(o)) fail("Metadata can only be applied to IMetas", kIllegalArg);
  Value om = meta(o);
  if (om.is_nil()) om = empty_map();
  for (Value e = seq(m); !e.is_nil(); e = folio::next(e)) {
    Value entry = first(e);
    om = map_assoc(om, nth(entry, 0), nth(entry, 1));
  }
  return with_meta(o, om);
}

void Reader::Impl::position(int& line, int& col) const {
  if (s.eof_hit) {  // LineNumberReader counts an unterminated last line at EOF
    line = s.last_nl ? s.line : s.line + 1;
    col = 1;
  } else {
    line = s.line;
    col = s.col;
  }
}

void Reader::Impl::raise(const std::string& msg, Value cause, bool eof) {
  int line, col;
  position(line, col);
  pending.clear();
  depth = suppress = 0;
  args = nullptr;
  incomplete = eof;
  if (!numbering()) throw Thrown{cause};
  std::string where = file.empty() ? "NO_SOURCE_PATH" : file;
  std::string full = "Syntax error reading source at (" + where + ":" + std::to_string(line) + ":" +
                     std::to_string(col) + ").\n" + msg;
  Value kvs[6] = {keyword("clojure.error", "line"),   Value::fixnum(line),
                  keyword("clojure.error", "column"), Value::fixnum(col),
                  keyword("clojure.error", "source"), make_string(where)};
  Value exc = make_throwable("clojure.lang.LispReader$ReaderException", make_string(full),
                             map_from(kvs, 3), cause);
  if (eof) throw ReaderIncomplete{{exc}};
  throw Thrown{exc};
}

Reader::Reader(std::string_view src, std::string file, const ReaderEnv* env, bool cljc)
    : impl_(new Impl) {
  impl_->s.src = std::string(src);
  impl_->file = std::move(file);
  impl_->env = env;
  impl_->cljc = cljc;
}

Reader::~Reader() = default;

bool Reader::next(Value& out) {
  NoGC nogc;
  Impl& m = *impl_;
  m.incomplete = false;
  // Forms a #?@ spliced at top level through a reader macro ('#?@(...)) are
  // dropped, as on the JVM; holding them across calls would also hide them
  // from the collector.
  m.pending.clear();
  try {
    for (;;) {
      Impl::Res r = m.read(out, -2);
      if (r == Impl::kEof) return false;
      if (r == Impl::kForm) return true;
    }
  } catch (const ReadError& e) {
    m.raise(e.msg, make_throwable(e.cls, make_string(e.msg), kNil, kNil), e.eof);
  } catch (const Thrown& t) {  // from a data reader fn or a collection op
    Value msg = is_throwable(t.exc) ? slot(t.exc, 1) : kNil;
    m.raise(is(msg, Type::kString) ? std::string(string_view(msg)) : throwable_class(t.exc), t.exc, false);
  }
}

bool Reader::at_eof() {
  Impl& m = *impl_;
  for (;;) {
    if (!m.pending.empty()) return false;
    int32_t c = m.s.peek();
    if (is_ws(c)) {
      m.s.get();
    } else if (c == ';') {
      m.skip_line();
    } else if (c == '#') {
      Stream::Mark before = m.s.mark();
      m.s.get();
      if (m.s.peek() != '!') {
        m.s.reset(before);
        return false;
      }
      m.skip_line();
    } else {
      return c < 0;
    }
  }
}

int Reader::line() const { return impl_->s.line; }
int Reader::column() const { return impl_->s.col; }
size_t Reader::offset() const { return impl_->s.pos; }
bool Reader::incomplete() const { return impl_->incomplete; }

}  // namespace folio
