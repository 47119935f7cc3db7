// core_natives_read.cpp - reading one form at a time from a string or a stream.
//   clojure.core: folio-edn-read (clojure.edn/read, read-string) folio-read
//     (clojure.core/read, read+string)
// A stream is *in* (stdin, read further only as far as the form needs) or a
// string reader (with-in-str); reading takes exactly the form's text from it,
// so read, read-line and edn/read can be mixed. On the JVM both are
// LineNumberingPushbackReaders, whose read errors come wrapped in a
// ReaderException ("java.lang.RuntimeException: EOF while reading"): so do
// ours. Forms read from streams carry no :line/:column metadata here.
#include <algorithm>

#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/core_natives.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/reader.h"
#include "vm/runtime.h"

namespace folio::natives {
namespace {

[[noreturn]] void rethrow_wrapped(Value exc, const char* wrap_class) {
  if (!wrap_class || !is_throwable(exc)) throw Thrown{exc};
  Value m = slot(exc, 1);
  std::string msg = throwable_class(exc) + (is(m, Type::kString) ? ": " + std::string(string_view(m)) : "");
  throw Thrown{make_throwable(wrap_class, make_string(msg), kNil, exc)};
}

// Reads the next form of src (a string, or a stream) into form; false at the
// end of input. consumed (if given) gets the text the form took.
bool read_form(Value src, const ReaderEnv& env, bool cljc, const char* wrap_class, Value& form,
               std::string* consumed) {
  std::string whole;
  size_t zero = 0;
  ReadSource in{&whole, &zero, false};
  bool stream = stream_source(src, in);
  if (!stream) {
    if (!is(src, Type::kString)) throw_cast(src, "java.io.PushbackReader");
    whole = std::string(string_view(src));
    wrap_class = nullptr;
  }
  // The reader gets a window of the text (copying all the rest at every read
  // would make reading n forms quadratic), widened while the form runs to its end.
  size_t window = 1 << 16;
  for (;;) {
    size_t rest = in.text->size() - *in.at;
    size_t len = std::min(rest, window);
    bool cut = len < rest;  // more text beyond the window
    Reader r(std::string_view(*in.text).substr(*in.at, len), "NO_SOURCE_FILE", &env, cljc);
    bool got = false;
    try {
      got = r.next(form);
    } catch (Thrown& t) {
      if (cut) {  // perhaps only the window's end broke the form: look further
        window *= 2;
        continue;
      }
      if (r.incomplete() && in.is_stdin && more_stdin()) continue;  // the form goes on past what stdin gave so far
      rethrow_wrapped(t.exc, wrap_class);
    }
    if (cut && (!got || r.offset() >= len)) {  // nothing, or a token that may go on: look further
      window *= 2;
      continue;
    }
    if (!got && in.is_stdin && more_stdin()) continue;
    if (consumed) *consumed = in.text->substr(*in.at, r.offset());
    *in.at += r.offset();
    return got;
  }
}

[[noreturn]] void eof_error(Value src, const char* wrap_class) {
  ReadSource in{};
  Value exc = make_throwable("java.lang.RuntimeException", make_string("EOF while reading"), kNil, kNil);
  rethrow_wrapped(exc, stream_source(src, in) ? wrap_class : nullptr);
}

Value opt(Value opts, const char* k) { return is_map(opts) ? map_get(opts, keyword(k), kNil) : kNil; }

// (folio-edn-read opts source string-only?): the next edn form of source, with
// clojure.edn's opts :readers (tag -> fn), :default (fn of tag and value) and
// :eof (returned at end of input; without it, end of input is an error).
Value n_edn_read(Value* a, uint32_t n) {
  Value opts = a[0], src = a[1];
  if (n > 2 && a[2].truthy() && !is(src, Type::kString)) throw_cast(src, "java.lang.String");
  Value readers = opt(opts, "readers"), fallback = opt(opts, "default");
  ReaderEnv env;
  env.line_numbering = false;
  env.edn = true;
  env.read_tagged = [&](Value tag, Value form) -> Value {
    if (!readers.is_nil() && !is_map(readers)) throw_cast(readers, "clojure.lang.ILookup");
    Value f = is_map(readers) ? map_get(readers, tag, kNil) : kNil;
    if (!f.is_nil()) return call_fn(f, form);
    Value v = builtin_tagged(tag, form);
    if (v != kNotFound) return v;
    if (!fallback.is_nil()) return call_fn(fallback, tag, form);
    return kNotFound;
  };
  const char* wrap = "clojure.lang.EdnReader$ReaderException";
  Value form = kNil;
  if (read_form(src, env, false, wrap, form, nullptr)) return form;
  if (is_map(opts) && map_contains(opts, keyword("eof"))) return opt(opts, "eof");
  eof_error(src, wrap);
}

// (folio-read opts stream with-string?): clojure.core/read of one form from a
// stream, opts :eof (value at end of input, unless :eofthrow), :read-cond
// (:allow or :preserve: reader conditionals as in .cljc) and :features (a set
// of more features for them); with-string?, the
// result is [form its-text-trimmed], as read+string returns.
Value n_read(Value* a, uint32_t n) {
  Value opts = a[0], src = a[1];
  ReaderEnv env = data_reader_env();
  Value features = opt(opts, "features");
  if (is_set(features)) env.has_feature = [&](Value f) { return set_contains(features, f); };
  Value rc = opt(opts, "read-cond");
  bool cljc = rc == keyword("allow") || rc == keyword("preserve");
  if (rc == keyword("preserve")) preserve_reader_conds(env);
  const char* wrap = "clojure.lang.LispReader$ReaderException";
  Value form = kNil;
  std::string text;
  bool got = read_form(src, env, cljc, wrap, form, &text);
  if (!got) {
    Value eof = opt(opts, "eof");
    if (!(is_map(opts) && map_contains(opts, keyword("eof"))) || eof == keyword("eofthrow")) eof_error(src, wrap);
    form = eof;
  }
  if (n < 3 || !a[2].truthy()) return form;
  size_t b = 0, e = text.size();
  while (b < e && static_cast<unsigned char>(text[b]) <= ' ') ++b;  // String.trim
  while (e > b && static_cast<unsigned char>(text[e - 1]) <= ' ') --e;
  Value pair[2] = {form, kNil};
  Root r(pair[0]);
  pair[1] = make_string(text.substr(b, e - b));
  return vector_from(pair, 2);
}

const NativeDef kRead[] = {
    {"clojure.core", "folio-edn-read", n_edn_read, 2, 3, false},
    {"clojure.core", "folio-read", n_read, 2, 3, false},
};

}  // namespace

void register_read_natives() { register_natives(kRead, sizeof kRead / sizeof kRead[0]); }

}  // namespace folio::natives
