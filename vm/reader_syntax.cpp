// reader_syntax.cpp - syntax-quote, as LispReader.SyntaxQuoteReader expands it:
//   `sym        (quote ns/sym)         resolved; foo# -> foo__N__auto__
//   `(a ~b ~@c) (clojure.core/seq (clojure.core/concat (clojure.core/list (quote ns/a))
//                                  (clojure.core/list b) c))
//   `[...]      (clojure.core/apply clojure.core/vector (clojure.core/seq (clojure.core/concat ...)))
//   `{...}      (clojure.core/apply clojure.core/hash-map ...)  keys and values flattened
//   `#{...}     (clojure.core/apply clojure.core/hash-set ...)
//   `()         (clojure.core/list)
// Keywords, numbers, characters and strings stand for themselves; anything
// else (nil, booleans, regexes) is quoted. A collection's metadata other than
// :line/:column is kept through (clojure.core/with-meta form `meta).
#include "vm/collections.h"
#include "vm/reader_impl.h"

namespace folio::rd {

namespace {

const char* const kSpecials[] = {"def",   "loop*",   "recur",         "if",           "case*", "let*",
                                 "letfn*", "do",     "fn*",           "quote",        "var",   ".",
                                 "set!",  "deftype*", "reify*",       "try",          "throw", "monitor-enter",
                                 "monitor-exit", "catch", "finally",  "new",          "&"};

bool is_special(Value v) {
  if (!is_sym(v)) return false;
  if (sym_is(v, "clojure.core", "import*")) return true;
  if (!symbol_ns(v).is_nil()) return false;
  std::string_view n = sym_name(v);
  for (const char* s : kSpecials)
    if (n == s) return true;
  return false;
}

Value core(std::string_view name) { return sym("clojure.core", name); }

bool is_seq_form(Value v) { return is(v, Type::kList) || is(v, Type::kCons) || is(v, Type::kLazySeq) || is_seq(v); }

bool is_unquote(Value v) { return is_seq_form(v) && sym_is(first(v), "clojure.core", "unquote"); }
bool is_unquote_splicing(Value v) {
  return is_seq_form(v) && sym_is(first(v), "clojure.core", "unquote-splicing");
}
Value second(Value v) { return first(next(v)); }

bool has_inner_dot(std::string_view name) {
  size_t d = name.find('.');
  return d != std::string_view::npos && d > 0;
}

// Compiler.resolveSymbol and friends, through the runtime's ReaderEnv.
Value resolve(Value s, const Ctx& ctx, Gensyms& g) {
  std::string_view ns = sym_ns(s), name = sym_name(s);
  if (ns.empty() && !name.empty() && name.back() == '#') {
    for (auto& [k, v] : g.map)
      if (k == name) return v;
    std::string gs(name.substr(0, name.size() - 1));
    gs += "__" + std::to_string(next_id()) + "__auto__";
    Value v = sym("", gs);
    g.map.emplace_back(std::string(name), v);
    return v;
  }
  if (ns.empty() && name.size() > 1 && name.back() == '.') {  // Class. -> pkg.Class.
    std::string_view cname = name.substr(0, name.size() - 1);
    if (has_inner_dot(cname)) return s;
    Value r = ctx.resolve_symbol(sym("", cname));
    if (!is_sym(r)) return s;
    return sym("", std::string(sym_name(r)) + ".");
  }
  if (ns.empty() && name.size() > 1 && name[0] == '.') return s;  // method names stay
  if (!ns.empty()) {
    Value c = ctx.resolve_symbol(sym("", ns));  // Classname/member
    if (is_sym(c) && symbol_ns(c).is_nil()) return sym(sym_name(c), name);
    if (has_inner_dot(name)) return s;
    std::string full = ctx.resolve_alias(ns);
    return full.empty() ? s : sym(full, name);
  }
  if (has_inner_dot(name)) return s;  // a class name
  Value r = ctx.resolve_symbol(s);
  if (is_sym(r)) return r;
  return sym(ctx.current_ns(), name);
}

Value expand(Value form, const Ctx& ctx, Gensyms& g);

// (clojure.core/seq (clojure.core/concat <one part per item>))
Value concat_of(Value items_seq, const Ctx& ctx, Gensyms& g) {
  std::vector<Value> parts{core("concat")};
  for (Value s = seq(items_seq); !s.is_nil(); s = next(s)) {
    Value item = first(s);
    if (is_unquote(item))
      parts.push_back(list_of({core("list"), second(item)}));
    else if (is_unquote_splicing(item))
      parts.push_back(second(item));
    else
      parts.push_back(list_of({core("list"), expand(item, ctx, g)}));
  }
  return list_of({core("seq"), list_of(parts)});
}

Value entry_key(Value e) { return is(e, Type::kMapEntry) ? slot(e, 0) : nth(e, 0); }
Value entry_val(Value e) { return is(e, Type::kMapEntry) ? slot(e, 1) : nth(e, 1); }

bool is_imeta_coll(Value v) {
  return is(v, Type::kList) || is(v, Type::kEmptyList) || is(v, Type::kCons) || is(v, Type::kLazySeq) ||
         is(v, Type::kChunkedCons) || is(v, Type::kVector) || is(v, Type::kArrayMap) || is(v, Type::kHashMap) || is(v, Type::kHashSet) ||
         is_sym(v);
}

Value expand(Value form, const Ctx& ctx, Gensyms& g) {
  Value ret;
  if (is_special(form)) {
    ret = list_of({sym("", "quote"), form});
  } else if (is_sym(form)) {
    ret = list_of({sym("", "quote"), resolve(form, ctx, g)});
  } else if (is_unquote(form)) {
    return second(form);
  } else if (is_unquote_splicing(form)) {
    fail("splice not in list", kIllegalState);
  } else if (is_map(form)) {
    std::vector<Value> kvs;
    for (Value s = seq(form); !s.is_nil(); s = next(s)) {
      kvs.push_back(entry_key(first(s)));
      kvs.push_back(entry_val(first(s)));
    }
    ret = list_of({core("apply"), core("hash-map"), concat_of(list_of(kvs), ctx, g)});
  } else if (is(form, Type::kVector) || is(form, Type::kMapEntry)) {
    ret = list_of({core("apply"), core("vector"), concat_of(form, ctx, g)});
  } else if (is(form, Type::kHashSet)) {
    ret = list_of({core("apply"), core("hash-set"), concat_of(form, ctx, g)});
  } else if (is(form, Type::kEmptyList) || is_seq_form(form)) {
    if (seq(form).is_nil())
      ret = list_of({core("list")});
    else
      ret = concat_of(form, ctx, g);
  } else if (is(form, Type::kKeyword) || is_long(form) || is_double(form) || form.is_char() ||
             is(form, Type::kString)) {
    ret = form;
  } else {
    ret = list_of({sym("", "quote"), form});
  }
  if (is_imeta_coll(form)) {
    Value m = meta(form);
    if (!m.is_nil()) {
      m = map_dissoc(map_dissoc(m, keyword("", "line")), keyword("", "column"));
      if (map_count(m) > 0) return list_of({core("with-meta"), ret, expand(m, ctx, g)});
    }
  }
  return ret;
}

}  // namespace

Value syntax_quote(Value form, const Ctx& ctx, Gensyms& gensyms) { return expand(form, ctx, gensyms); }

}  // namespace folio::rd
