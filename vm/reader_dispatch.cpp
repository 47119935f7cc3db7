// reader_dispatch.cpp - the `#` dispatch macros: #{} #() % #' #" #_ #! ##
// #^ #? #?@ #: #:: and tagged literals (#inst, #uuid, *data-readers*).
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

#include "vm/collections.h"
#include "vm/reader_impl.h"

namespace folio {

namespace rd {

Value garg(int n) {
  std::string name(n == -1 ? "rest" : "p");
  if (n != -1) name += std::to_string(n);
  name += "__";
  name += std::to_string(next_id());
  name += '#';
  return sym("", name);
}

}  // namespace rd

using namespace rd;

// #(...) -> (fn* [p1__N# ... & rest__M#] (...)); `line`/`col` at the '#'.
Value Reader::Impl::read_fn(int line, int col) {
  if (args) fail("Nested #()s are not allowed", kIllegalState);
  std::map<int, Value> argsyms;
  args = &argsyms;
  struct Clear {
    std::map<int, Value>*& a;
    ~Clear() { a = nullptr; }
  } clear{args};
  Value form = read_list(line, col + 1);
  std::vector<Value> params;
  if (!argsyms.empty()) {
    int high = argsyms.rbegin()->first;
    for (int i = 1; i <= high; ++i) {
      auto it = argsyms.find(i);
      params.push_back(it != argsyms.end() ? it->second : garg(i));
    }
    auto rest = argsyms.find(-1);
    if (rest != argsyms.end()) {
      params.push_back(sym("", "&"));
      params.push_back(rest->second);
    }
  }
  return pos(list_of({sym("", "fn*"), vector_from(params.data(), params.size()), form}), line, col);
}

// % %n %& : inside #() a param; elsewhere an ordinary symbol.
Value Reader::Impl::read_arg() {
  if (!args) return interpret_token(read_token('%'), ctx());
  int n = 1;  // % alone is the first arg; else %n reads the number n, %& the symbol &
  int32_t c = s.peek();
  if (!(c < 0 || is_ws(c) || is_terminating(c))) {
    Value x = read_required();
    if (sym_is(x, "", "&"))
      n = -1;
    else if (is_long(x))
      n = int32_t(long_value(x));  // Number.intValue
    else if (is_double(x))
      n = int32_t(double_value(x));
    else
      fail("arg literal must be %, %& or %integer", kIllegalState);
  }
  auto it = args->find(n);
  if (it != args->end()) return it->second;
  Value g = garg(n);
  (*args)[n] = g;
  return g;
}

bool Reader::Impl::read_dispatch(Value& out, int line, int col, bool top) {
  Stream::Mark before = s.mark();
  int32_t c = s.get();
  if (c < 0) fail_eof("EOF while reading character");
  if (edn() && (c == '\'' || c == '"' || c == '(' || c == '=' || c == '?' || c == '!'))
    fail("No dispatch macro for: " + cp_str(c));
  switch (c) {
    case '^': out = read_meta(); return true;
    case '#': out = read_symbolic(); return true;
    case '\'': out = list_of({sym("", "var"), read_required()}); return true;
    case '"': out = read_regex(); return true;
    case '(': out = read_fn(line, col); return true;
    case '{': {
      std::vector<Value> xs;
      read_delimited('}', xs);
      Value set = set_from(xs.data(), xs.size());
      if (uint64_t(count(set)) != xs.size())  // PersistentHashSet.createWithCheck
        for (size_t i = 0; i < xs.size(); ++i)
          for (size_t j = 0; j < i; ++j)
            if (equiv(xs[i], xs[j])) fail("Duplicate key: " + str_of(xs[i]), kIllegalArg);
      out = pos(set, line, col);
      return true;
    }
    case '=': fail("EvalReader not allowed when *read-eval* is false.");
    case '!': skip_line(); return false;
    case '<': fail("Unreadable form");
    case '_': read_required(); return false;
    case '?': return read_cond(out, top);
    case ':': out = read_ns_map(line, col); return true;
    default: break;
  }
  // #tag form
  s.reset(before);
  Value tag;
  if (is_ws(c) || !read_some(tag) || !is_sym(tag)) fail("Reader tag must be a symbol");
  Value form = read_required();
  if (suppress) {
    out = kNil;  // a TaggedLiteral on the JVM; never seen here
    return true;
  }
  if (env && env->read_tagged) {
    Value v = env->read_tagged(tag, form);
    if (v != kNotFound) {
      out = v;
      return true;
    }
  }
  if (sym_is(tag, "", "inst")) {
    out = read_inst(form, false);
    return true;
  }
  if (sym_is(tag, "", "uuid")) {
    out = read_uuid(form, false);
    return true;
  }
  if (sym_ns(tag).empty() && sym_name(tag).find('.') != std::string_view::npos)
    fail("Record literals are not supported: #" + symbol_str(tag));
  fail("No reader function for tag " + symbol_str(tag));
}

// ##Inf ##-Inf ##NaN
Value Reader::Impl::read_symbolic() {
  Value o = read_required();
  if (!is_sym(o)) fail("Invalid token: ##" + str_of(o));
  if (sym_is(o, "", "Inf")) return make_double(HUGE_VAL);
  if (sym_is(o, "", "-Inf")) return make_double(-HUGE_VAL);
  if (sym_is(o, "", "NaN")) return make_double(std::nan(""));
  fail("Unknown symbolic value: ##" + str_of(o));
}

// #"...": the pattern text, escapes kept as written
Value Reader::Impl::read_regex() {
  std::string p;
  for (;;) {
    int32_t c = s.get();
    if (c < 0) fail_eof("EOF while reading regex");
    if (c == '"') break;
    append_utf8(p, c);
    if (c == '\\') {
      c = s.get();
      if (c < 0) fail_eof("EOF while reading regex");
      append_utf8(p, c);
    }
  }
  Value pattern = make_string(p);
  Value r = alloc_slots(Type::kRegex, 1);
  init_slot(r, 0, pattern);
  return r;
}

// #?(...) and #?@(...): the first branch whose feature we have.
bool Reader::Impl::read_cond(Value& out, bool top) {
  if (!cljc) fail("Conditional read not allowed");
  int32_t c = s.get();
  if (c < 0) fail_eof("EOF while reading character");
  bool splicing = c == '@';
  if (splicing) c = s.get();
  while (is_ws(c)) c = s.get();
  if (c < 0) fail_eof("EOF while reading character");
  if (c != '(') fail("read-cond body must be a list");
  if (env && env->preserve_cond) {
    std::vector<Value> xs;
    read_delimited(')', xs);
    out = env->preserve_cond(xs.empty() ? empty_list() : list_of(xs), splicing);
    return true;
  }
  std::string firstline = std::to_string(s.line);
  bool have = false;
  Value result = kNil, form = kNil;
  for (;;) {
    if (!have) {
      Res r = read(form, ')');
      if (r == kEof) fail_eof("EOF while reading, starting at line " + firstline);
      if (r == kClose) break;
      if (form == kw("else") || form == kw("none")) fail("Feature name " + str_of(form) + " is reserved.");
      if (!is(form, Type::kKeyword)) fail("Feature should be a keyword: " + str_of(form));
      if (form == kw("default") || form == kw("folio") ||  // our features (not :clj, see reader.h)
          (env && env->has_feature && env->has_feature(form))) {
        r = read(form, ')');
        if (r == kEof) fail_eof("EOF while reading, starting at line " + firstline);
        if (r == kClose) fail("read-cond starting on line " + firstline + " requires an even number of forms");
        result = form;
        have = true;
      }
    }
    ++suppress;  // skip the next form: a branch not taken, or a later feature
    Res r = read(form, ')');
    --suppress;
    if (r == kEof) fail_eof("EOF while reading, starting at line " + firstline);
    if (r == kClose) break;
  }
  if (!have) return false;
  if (!splicing) {
    out = result;
    return true;
  }
  if (!is(result, Type::kVector) && !is(result, Type::kEmptyList) && !is_seq(result))
    fail("Spliced form list in read-cond-splicing must implement java.util.List");
  if (top) fail("Reader conditional splicing not allowed at the top level.");
  std::vector<Value> xs;
  for (Value e = seq(result); !e.is_nil(); e = folio::next(e)) xs.push_back(first(e));
  pending.insert(pending.begin(), xs.begin(), xs.end());
  return false;
}

// #:ns{...}, #::{...}, #::alias{...}: keys without a namespace get ns.
Value Reader::Impl::read_ns_map(int line, int col) {
  bool autoresolve = s.peek() == ':';
  if (autoresolve) s.get();
  Value nsym = kNil;
  int32_t c = s.peek();
  if (autoresolve && is_ws(c)) {
    while (is_ws(s.peek())) s.get();
    if (s.peek() != '{') fail("Namespaced map must specify a namespace");
    s.get();
  } else if (c != '{') {
    if (c < 0) fail_eof("EOF while reading");
    Value v;
    if (is_ws(c) || !read_some(v)) fail("Namespaced map must specify a namespace");
    while (is_ws(s.peek())) s.get();
    c = s.get();  // 1.11 reads on before it checks the name
    if (!is_sym(v) || !symbol_ns(v).is_nil()) fail("Namespaced map must specify a valid namespace: " + str_of(v));
    nsym = v;
    if (c != '{') throw ReadError{kRuntimeEx, "Namespaced map must specify a map", c < 0};
  } else {
    s.get();
  }
  std::string ns;
  if (!autoresolve) {
    if (nsym.is_nil()) fail("Namespaced map must specify a namespace");
    ns = sym_name(nsym);
  } else if (nsym.is_nil()) {
    ns = ctx().current_ns();
  } else {
    ns = ctx().resolve_alias(sym_name(nsym));
    if (ns.empty()) {
      if (!suppress) fail("Unknown auto-resolved namespace alias: " + std::string(sym_name(nsym)));
      ns = sym_name(nsym);
    }
  }
  std::vector<Value> kvs;
  read_delimited('}', kvs);
  if (kvs.size() & 1) fail("Namespaced map literal must contain an even number of forms");
  for (size_t i = 0; i < kvs.size(); i += 2) {
    Value k = kvs[i];
    bool is_kw = is(k, Type::kKeyword);
    Value ks = is_kw ? keyword_sym(k) : k;
    if (!is_sym(ks)) continue;
    std::string_view kns = sym_ns(ks), kname = sym_name(ks);
    if (kns.empty())
      kvs[i] = is_kw ? keyword(ns, kname) : sym(ns, kname);
    else if (kns == "_")
      kvs[i] = is_kw ? keyword("", kname) : sym("", kname);
  }
  return pos(build_map(kvs), line, col);
}

}  // namespace folio
