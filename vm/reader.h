// reader.h - the Clojure reader: source text (UTF-8) to forms.
//
// Follows clojure.lang.LispReader (Clojure 1.11): the same syntax, the same
// syntax-quote expansion, the same error messages and error positions.
// Differences, all deliberate:
//  - Every list, vector, map and set read carries {:line L :column C}
//    (1-based; column of the opening delimiter, or of the `#` of `#{`, `#:`,
//    `#(`), merged under user metadata (user keys win). The empty list `()`
//    carries none (it stays the one shared empty list), nor do the lists that
//    reader macros build ('x @x #'x ~x) or that syntax-quote produces.
//    Symbols carry none.
//  - Numbers: no BigInt/BigDecimal/Ratio yet. `123N` and integers beyond
//    64 bits read as a long when they fit, else error "BigInt literals are not
//    supported yet"; `1.5M` reads as a double; a ratio `a/b` reads as a long
//    when b divides a exactly, else error "Ratio literals are not supported yet".
//  - #inst "s" and #uuid "s" (format checked as the JVM does) read as the call
//    forms (folio.core/inst "s") and (folio.core/uuid "s"): the compiler
//    evaluates them like any call, so `#inst` works in code; quoted, they
//    stay lists.
//  - #"re" reads as a Type::kRegex object holding the pattern text (escapes
//    kept raw); it is not compiled (or checked) here.
//  - Reader conditionals only when `cljc`; the features are :folio and
//    :default. (Not :clj - we are not JVM Clojure - though code ported from
//    the JVM often has only a :clj branch; such a form reads as nothing.)
//  - In syntax-quote, metadata is re-attached through clojure.core/with-meta
//    without its :line/:column entries.
// Errors throw a Thrown whose exc is a Throwable of class
// "clojure.lang.LispReader$ReaderException", message
//   "Syntax error reading source at (FILE:LINE:COL).\n<what>"
// (LINE:COL is where the reader stood, as the JVM reports it), data
// {:clojure.error/line L, :clojure.error/column C, :clojure.error/source FILE},
// and cause a Throwable of the JVM's class (java.lang.RuntimeException,
// java.lang.NumberFormatException, ...) whose message is <what> alone.
// When the input merely ended inside an unfinished form (EOF while reading
// a list, string, character, ...), the exception thrown is a ReaderIncomplete
// (a Thrown, so `catch (Thrown&)` still sees it) and incomplete() is true:
// a REPL reads another line and tries again.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "vm/object.h"
#include "vm/runtime.h"

namespace folio {

// The process-wide id counter behind gensyms (#() params p1__N#, foo# ->
// foo__N__auto__, and the runtime's gensym). Starts at 1.
int64_t next_id();

struct ReaderEnv {  // supplied by the runtime; how names resolve while reading
  std::function<std::string()> current_ns;                           // for ::kw and syntax-quote
  std::function<std::string(std::string_view alias)> resolve_alias;  // "" when unknown
  // syntax-quote: fully-qualified Symbol for a bare symbol (var -> ns/name,
  // class -> dotted name without ns), or nil to qualify with the current ns
  std::function<Value(Value sym)> resolve_symbol;
  // Optional (*data-readers*): the value of `#tag form`, or kNotFound when the
  // tag has no reader. Consulted before the built-in #inst and #uuid.
  std::function<Value(Value tag, Value form)> read_tagged;
  // false: as the JVM reading a plain PushbackReader (read-string): forms get
  // no :line/:column, and errors are the bare RuntimeException, not a
  // ReaderException naming the position.
  bool line_numbering = true;
  // clojure.edn: no quote, deref, syntax-quote, #(), #', #"", #=, #?, ::kw.
  bool edn = false;
  // Optional: reader-conditional features besides :folio and :default
  // (read's :features option).
  std::function<bool(Value feature)> has_feature;
  // Optional (read's :read-cond :preserve): a reader conditional is not
  // resolved but read whole, its list given here (with whether it was #?@)
  // for the value to read as.
  std::function<Value(Value form, bool splicing)> preserve_cond;
};
// Any member may be empty, and env may be null: then the current ns is
// "user", no alias resolves, and bare symbols qualify with the current ns.

// Thrown (instead of a plain Thrown) when the input ended inside a form.
struct ReaderIncomplete : Thrown {};

class Reader {
 public:
  Reader(std::string_view src, std::string file, const ReaderEnv* env, bool cljc = false);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  bool next(Value& out);  // reads one form; false at end of input
  bool at_eof();          // only whitespace/comments left (skips them)
  int line() const;       // where the reader stands (1-based)
  int column() const;
  size_t offset() const;  // bytes of the source consumed so far
  bool incomplete() const;  // the last error was EOF inside an open form

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace folio
