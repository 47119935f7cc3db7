// printer.cpp - pr / print output (clojure.core's print-method, 1.11) and the
// JVM class names users see through (class x).
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "vm/classes.h"
#include "vm/jarray.h"
#include "vm/vector_of.h"
#include "vm/coll_internal.h"
#include "vm/core_natives.h"
#include "vm/deftype.h"
#include "vm/murmur3.h"
#include "vm/utf8.h"
#include "vm/inst_uuid.h"
#include "vm/namespace.h"
#include "vm/numtower.h"
#include "vm/threads.h"
#include "vm/vm.h"

namespace folio {
using namespace coll;

namespace {

// *print-length*, *print-level*, *print-meta* and *print-namespace-maps* as
// the printing call found them (PrintSettings), with the current depth.
struct PrintLimits {
  int64_t length = -1, level = -1;  // -1: no limit
  int64_t depth = 0;
  bool meta = false, ns_maps = true;
};
thread_local PrintLimits t_limits;

// Whether a print call must consult clojure.core/print-method (or print-dup):
// only once a user has added a method to it (the vars folio-print-method-hook
// and folio-print-dup-hook, kept by stdlib/core_io.clj) or *print-dup* is
// true. Computed once per outermost print call; `in` marks being inside one.
struct PrintHook {
  bool in = false, method = false, dup = false, dup_method = false;
};
thread_local PrintHook t_hook;

void print_inner(std::string& out, Value v, bool readably, bool hook = true);

PrintHook current_hook() {
  static CachedCoreVar mh{"folio-print-method-hook"}, dh{"folio-print-dup-hook"}, pd{"*print-dup*"};
  PrintHook h;
  h.in = true;
  if (!is(g_heap->root(kRootCoreNs), Type::kNamespace)) return h;  // a bare heap (unit tests)
  h.method = var_value(mh.get()) == kTrue;
  h.dup = var_value(pd.get()).truthy();
  h.dup_method = h.dup && var_value(dh.get()) == kTrue;
  return h;
}

struct HookScope {
  PrintHook saved = t_hook;
  HookScope() { t_hook = current_hook(); }
  ~HookScope() { t_hook = saved; }
};

// Prints v by calling print-method's (or print-dup's) method m with a string
// writer, *out* bound to it (so print and .write on *out* inside m land there
// too, as on the JVM where the writer is *out*) and *print-readably* bound.
void call_print_method(std::string& out, Value m, Value v, bool readably) {
  static CachedCoreVar pr{"*print-readably*"};
  Value w = natives::new_string_writer();
  Value b = assoc(assoc(empty_map(), natives::core_out_var(), w), pr.get(), readably ? kTrue : kFalse);
  VM& vm = VM::current();
  vm.push_bindings(b);
  try {
    call_fn(m, v, w);
  } catch (...) {
    vm.pop_bindings();
    out += natives::string_writer_text(w);
    throw;
  }
  vm.pop_bindings();
  out += natives::string_writer_text(w);
}

// True when a user's method printed v.
bool print_by_method(std::string& out, Value v, bool readably) {
  static CachedCoreVar dup_for{"folio-print-dup-for"}, method_for{"folio-print-method-for"};
  Value m = kNil;
  if (t_hook.dup_method) m = call_fn(var_value(dup_for.get()), v);
  if (m.is_nil() && t_hook.method) m = call_fn(var_value(method_for.get()), v);
  if (m.is_nil()) return false;
  call_print_method(out, m, v, readably);
  return true;
}

// Prints "#" when v is a collection deeper than *print-level* allows; else
// counts it as one level deeper until destroyed.
struct Level {
  bool over;
  explicit Level(std::string& out) : over(t_limits.level >= 0 && t_limits.depth >= t_limits.level) {
    if (over) out += '#';
    else ++t_limits.depth;
  }
  ~Level() {
    if (!over) --t_limits.depth;
  }
};

// True (having printed "...") when i items have been printed and *print-length* is i.
bool past_length(std::string& out, int64_t i) {
  if (t_limits.length < 0 || i < t_limits.length) return false;
  out += "...";
  return true;
}

// Names that are not literals (fn names, throwable classes) are interned so
// class_name can hand out a stable const char*.
const char* intern_name(std::string s) {
  static std::mutex mu;
  static std::set<std::string> names;
  std::lock_guard<std::mutex> lock(mu);
  return names.insert(std::move(s)).first->c_str();
}

// "my-ns/foo?" -> "my_ns$foo_QMARK_": the JVM class Clojure compiles a fn to.
std::string munge_fn_name(std::string_view name) {
  std::string out;
  size_t slash = name.find('/');
  if (slash != std::string_view::npos && slash > 0 && slash + 1 < name.size()) {
    for (char c : name.substr(0, slash)) out += c == '-' ? '_' : c;
    out += '$';
    name = name.substr(slash + 1);
  }
  for (char c : name) {
    switch (c) {
      case '-': out += '_'; break;
      case '?': out += "_QMARK_"; break;
      case '!': out += "_BANG_"; break;
      case '*': out += "_STAR_"; break;
      case '+': out += "_PLUS_"; break;
      case '>': out += "_GT_"; break;
      case '<': out += "_LT_"; break;
      case '=': out += "_EQ_"; break;
      case '.': out += "_DOT_"; break;
      case '/': out += "_SLASH_"; break;
      default: out += c;
    }
  }
  return out;
}

Value fn_name(Value f) {
  if (is(f, Type::kClosure)) {
    Value def = slot(f, 0);
    return is(def, Type::kFnDef) ? slot(def, 0) : kNil;
  }
  if (is(f, Type::kNative)) return slot(f, 1);
  return kNil;
}

uint32_t identity_hash(Value v) {  // a deftype's hashCode is its own: not called for this
  return is(v, Type::kDeftype) ? uint32_t(murmur3::hash_long(int64_t(v.offset()))) : uint32_t(hasheq(v));
}

void print_string(std::string& out, std::string_view s, bool readably) {
  if (!readably) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\f': out += "\\f"; break;
      case '\b': out += "\\b"; break;
      default: out += c;
    }
  }
  out += '"';
}

void print_char(std::string& out, uint32_t c, bool readably) {
  if (readably) {
    out += '\\';
    switch (c) {
      case '\n': out += "newline"; return;
      case '\t': out += "tab"; return;
      case ' ': out += "space"; return;
      case '\b': out += "backspace"; return;
      case '\f': out += "formfeed"; return;
      case '\r': out += "return"; return;
      default: break;  // other control chars print raw, as Clojure does
    }
  }
  append_utf8(out, c);
}

// As clojure.core's print-method for Pattern: quotes are escaped, \Q..\E kept.
void print_regex(std::string& out, std::string_view p) {
  out += "#\"";
  bool qmode = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      char c2 = p[++i];
      out += '\\';
      out += c2;
      qmode = qmode ? c2 != 'E' : c2 == 'Q';
    } else if (c == '"') {
      out += qmode ? "\\E\\\"\\Q" : "\\\"";
    } else {
      out += c;
    }
  }
  out += '"';
}

void print_seq(std::string& out, Value s, bool readably, const char* open, const char* close) {
  Level lv(out);
  if (lv.over) return;
  out += open;
  int64_t i = 0;
  for (s = seq(s); !s.is_nil(); s = next(s), ++i) {
    if (i) out += ' ';
    if (past_length(out, i)) break;
    print_inner(out, first(s), readably);
  }
  out += close;
}

void print_hex(std::string& out, uint32_t h) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", h);
  out += buf;
}

// #object[clojure.lang.Atom 0x1f {:status :ready, :val 1}]
void print_ref_cell(std::string& out, Value v, const char* status, Value val, bool readably) {
  out += "#object[";
  out += class_name(v);
  out += ' ';
  print_hex(out, identity_hash(v));
  out += " {:status :";
  out += status;
  out += ", :val ";
  print_inner(out, val, readably);
  out += "}]";
}

void print_object(std::string& out, Value v, bool readably) {
  std::string cls = class_name(v);
  Value name = fn_name(v);
  if (!name.is_nil()) cls = munge_fn_name(string_view(name));
  bool array = cls.starts_with("[");
  out += "#object[";
  if (array) print_string(out, cls, readably);
  else out += cls;
  out += ' ';
  print_hex(out, identity_hash(v));
  out += ' ';
  std::string rep = cls + "@";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%x", identity_hash(v));
  rep += buf;
  if (is(v, Type::kNamespace)) rep = symbol_str(slot(v, 0));
  if (is(v, Type::kDeftype)) rep.clear(), deftype_append_str(rep, v);  // its toString
  print_string(out, rep, readably);
  out += ']';
}

// A short form of Clojure's #error {...}: no JVM frames, so :at is left out.
void print_throwable(std::string& out, Value t, bool readably) {
  std::vector<Value> via;
  for (Value c = t; is(c, Type::kThrowable) && via.size() < 64; c = slot(c, 3)) via.push_back(c);
  Value root = via.back();
  out += "#error {\n :cause ";
  print_inner(out, slot(root, 1), readably);
  if (!slot(root, 2).is_nil()) {
    out += "\n :data ";
    print_inner(out, slot(root, 2), readably);
  }
  out += "\n :via\n [";
  for (size_t i = 0; i < via.size(); ++i) {
    if (i) out += "\n  ";
    out += "{:type ";
    out += string_view(slot(via[i], 0));
    out += "\n   :message ";
    print_inner(out, slot(via[i], 1), readably);
    if (!slot(via[i], 2).is_nil()) {
      out += "\n   :data ";
      print_inner(out, slot(via[i], 2), readably);
    }
    out += "}";
  }
  out += "]\n :trace\n [";
  Value trace = trace_strings(t);
  if (is(trace, Type::kVector)) {
    for (int64_t i = 0, n = vector_count(trace); i < n; ++i) {
      if (i) out += "\n  ";
      print_inner(out, vector_nth(trace, i), readably);
    }
  }
  out += "]}";
}

}  // namespace

// ---------------------------------------------------------------- doubles

namespace {

// JDK 17's FloatingDecimal prints integer-valued doubles below 2^63 from the
// exact long value, dropping only the digits below the precision (rounding
// half up), e.g. 1.37342863480957901E18 where the shortest form has 16 digits.
// Returns false for other values. Fills digits (no trailing zeros) and the
// decimal exponent of the first digit.
bool java_long_digits(double d, std::string& digits, int& exp) {
  static const int kInsignificant[] = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6,
                                       6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12,
                                       12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17,
                                       17, 18, 18, 18, 19};
  uint64_t bits;
  std::memcpy(&bits, &d, 8);
  int bin_exp = int((bits >> 52) & 0x7ff);
  if (bin_exp == 0) return false;  // subnormal: never an integer
  uint64_t fract = (bits & ((uint64_t(1) << 52) - 1)) | (uint64_t(1) << 52);
  bin_exp -= 1023;
  int nfract_bits = 53 - std::countr_zero(fract);
  if (bin_exp > 62 || bin_exp < -21 || nfract_bits - bin_exp - 1 > 0) return false;
  int insig = 0;
  if (bin_exp > 53) {
    int p2 = bin_exp - 53 - 1;
    insig = p2 > 1 && p2 < int(std::size(kInsignificant)) ? kInsignificant[p2] : 0;
  }
  uint64_t lv = bin_exp >= 52 ? fract << (bin_exp - 52) : fract >> (52 - bin_exp);
  int dexp = 0;
  if (insig) {
    uint64_t pow10 = 1;
    for (int i = 0; i < insig; ++i) pow10 *= 10;
    uint64_t residue = lv % pow10;
    lv /= pow10;
    dexp += insig;
    if (residue >= (pow10 >> 1)) ++lv;
  }
  while (lv % 10 == 0) { lv /= 10; ++dexp; }
  digits = std::to_string(lv);
  exp = dexp + int(digits.size()) - 1;
  return true;
}

}  // namespace

// Java's Double.toString: plain decimal for 1e-3 <= |d| < 1e7, d.dddEn
// otherwise. Digits are the shortest that round-trip (std::to_chars), which
// is what JDK 17 prints except for integers in [2^54, 2^63) (handled above)
// and rare values where its FloatingDecimal emits a longer, non-shortest
// form (2.0E23 prints as 1.9999999999999998E23 there): Folio prints 2.0E23.
void double_to_string(std::string& out, double d) {
  if (std::isnan(d)) { out += "NaN"; return; }
  if (std::isinf(d)) { out += d > 0 ? "Infinity" : "-Infinity"; return; }
  if (d == 0) { out += std::signbit(d) ? "-0.0" : "0.0"; return; }
  if (d < 0) { out += '-'; d = -d; }
  if (d == 4.9e-324) { out += "4.9E-324"; return; }  // Java keeps two digits for MIN_VALUE
  std::string digits;
  int exp;
  if (!java_long_digits(d, digits, exp)) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string_view sci(buf, size_t(res.ptr - buf));  // "1.2345e+06"
    size_t e = sci.find('e');
    for (char c : sci.substr(0, e))
      if (c != '.') digits += c;
    exp = std::atoi(std::string(sci.substr(e + 1)).c_str());
  }
  if (d >= 1e-3 && d < 1e7) {
    if (exp >= 0) {
      size_t ip = size_t(exp) + 1;
      if (digits.size() <= ip) {
        out += digits;
        out.append(ip - digits.size(), '0');
        out += ".0";
      } else {
        out += digits.substr(0, ip);
        out += '.';
        out += digits.substr(ip);
      }
    } else {
      out += "0.";
      out.append(size_t(-exp - 1), '0');
      out += digits;
    }
    return;
  }
  out += digits[0];
  out += '.';
  out += digits.size() > 1 ? digits.substr(1) : "0";
  out += 'E';
  out += std::to_string(exp);
}

void print_double(std::string& out, double d) {
  if (std::isnan(d)) out += "##NaN";
  else if (std::isinf(d)) out += d > 0 ? "##Inf" : "##-Inf";
  else double_to_string(out, d);
}

// ---------------------------------------------------------------- class names

const char* class_name(Value v) {
  if (v.is_fixnum()) return "java.lang.Long";
  if (!v.is_ref()) {
    if (v.is_nil()) return nullptr;
    if (v.is_bool()) return "java.lang.Boolean";
    if (v.is_char()) return "java.lang.Character";
    return "java.lang.Object";  // markers
  }
  switch (type_of_obj(v)) {
    case Type::kLong: return "java.lang.Long";
    case Type::kDouble: return "java.lang.Double";
    case Type::kBigInt: return is_biginteger(v) ? "java.math.BigInteger" : "clojure.lang.BigInt";
    case Type::kRatio: return "clojure.lang.Ratio";
    case Type::kBigDecimal: return "java.math.BigDecimal";
    case Type::kString: return "java.lang.String";
    case Type::kSymbol: return "clojure.lang.Symbol";
    case Type::kKeyword: return "clojure.lang.Keyword";
    case Type::kArray: return "[Ljava.lang.Object;";
    case Type::kBytes: return "[B";
    case Type::kJavaArray: return jarray_class_name(v);
    case Type::kEmptyList: return "clojure.lang.PersistentList$EmptyList";
    case Type::kList: return "clojure.lang.PersistentList";
    case Type::kCons: return "clojure.lang.Cons";
    case Type::kChunkedCons: return "clojure.lang.ChunkedCons";
    case Type::kChunk: return "clojure.lang.ArrayChunk";
    case Type::kLazySeq: return "clojure.lang.LazySeq";
    case Type::kVector: return vector_of_kind(v) ? "clojure.core.Vec" : "clojure.lang.PersistentVector";
    case Type::kMapEntry: return "clojure.lang.MapEntry";
    case Type::kArrayMap: return "clojure.lang.PersistentArrayMap";
    case Type::kHashMap: return "clojure.lang.PersistentHashMap";
    case Type::kHashSet: return "clojure.lang.PersistentHashSet";
    case Type::kVectorSeq: return "clojure.lang.PersistentVector$ChunkedSeq";
    case Type::kArraySeq: return "clojure.lang.ArraySeq";
    case Type::kStringSeq: return "clojure.lang.StringSeq";
    case Type::kRange: return slot(v, 1).is_nil() ? "clojure.lang.Iterate" : "clojure.lang.LongRange";
    case Type::kClosure:  // defmulti's closures carry {:clojure.core/multi state} (stdlib/core_ns.clj)
      return is_map(meta(v)) && map_get(meta(v), keyword("clojure.core", "multi"), kNil).truthy()
                 ? "clojure.lang.MultiFn"
                 : "clojure.lang.AFunction";
    case Type::kNative: return "clojure.lang.AFunction";
    case Type::kVar: return "clojure.lang.Var";
    case Type::kNamespace: return "clojure.lang.Namespace";
    case Type::kAtom: return "clojure.lang.Atom";
    case Type::kNodeLocal: return stream_class_name(v);
    case Type::kRef: return "clojure.lang.Ref";
    case Type::kTransient: {
      Value c = slot(v, 0);
      return is(c, Type::kVector)     ? "clojure.lang.PersistentVector$TransientVector"
             : is(c, Type::kHashSet)  ? "clojure.lang.PersistentHashSet$TransientHashSet"
             : is(c, Type::kArrayMap) ? "clojure.lang.PersistentArrayMap$TransientArrayMap"
                                      : "clojure.lang.PersistentHashMap$TransientHashMap";
    }
    case Type::kInst: return "java.util.Date";
    case Type::kUuid: return "java.util.UUID";
    case Type::kVolatile: return "clojure.lang.Volatile";
    case Type::kDelay: return "clojure.lang.Delay";
    case Type::kPromise: return "clojure.core$promise$reify__8591";  // JVM 1.11.1's name
    case Type::kFuture: return "clojure.core$future_call$reify__8544";  // JVM 1.11.1's name
    case Type::kAgent: return "clojure.lang.Agent";
    case Type::kDeftype: return intern_name(symbol_str(slot(v, 0)));
    case Type::kClass: return "java.lang.Class";
    case Type::kThrowable: {
      Value c = slot(v, 0);
      return is(c, Type::kString) ? intern_name(std::string(string_view(c))) : "java.lang.Throwable";
    }
    case Type::kRegex: return "java.util.regex.Pattern";
    case Type::kHamtBitmap: return "clojure.lang.PersistentHashMap$BitmapIndexedNode";
    case Type::kHamtArray: return "clojure.lang.PersistentHashMap$ArrayNode";
    case Type::kHamtCollision: return "clojure.lang.PersistentHashMap$HashCollisionNode";
    case Type::kTreeMap: return "clojure.lang.PersistentTreeMap";
    case Type::kTreeSet: return "clojure.lang.PersistentTreeSet";
    case Type::kTreeSeq:  // a sorted set's seq is the key seq over its map's seq
      return (slot(v, 1).fixnum_value() & 2) ? "clojure.lang.APersistentMap$KeySeq"
                                              : "clojure.lang.PersistentTreeMap$Seq";
    case Type::kTreeNode:
      return slot(v, 4).fixnum_value() ? "clojure.lang.PersistentTreeMap$RedVal" : "clojure.lang.PersistentTreeMap$BlackVal";
    default: return "java.lang.Object";
  }
}

// ---------------------------------------------------------------- printing

void print_value(std::string& out, Value v, bool readably) {
  if (t_hook.in) return print_inner(out, v, readably);
  HookScope scope;
  print_inner(out, v, readably);
}

void print_leaf(std::string& out, Value v, bool readably) { print_inner(out, v, readably, false); }

void print_default(std::string& out, Value v, bool readably, bool dup) {
  std::optional<PrintSettings> settings;
  if (!t_hook.in) settings.emplace(&readably);
  PrintHook keep = t_hook;
  if (dup && !t_hook.dup) {
    t_hook.dup = true;
    t_limits.meta = true;
  }
  try {
    print_inner(out, v, readably, false);
  } catch (...) {
    t_hook = keep;
    throw;
  }
  t_hook = keep;
}

namespace {

void print_inner(std::string& out, Value v, bool readably, bool hook) {
  check_stack();
  if (hook && (t_hook.method || t_hook.dup_method) && print_by_method(out, v, readably)) return;
  if (v.is_fixnum()) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v.fixnum_value());
    out.append(buf, r.ptr);
    return;
  }
  if (!v.is_ref()) {
    if (v.is_nil()) out += "nil";
    else if (v == kTrue) out += "true";
    else if (v == kFalse) out += "false";
    else if (v.is_char()) print_char(out, v.char_value(), readably);
    else out += "#<marker>";
    return;
  }
  if (t_limits.meta && readably && (is_coll(v) || is(v, Type::kSymbol))) {
    Value m = user_meta(v);
    if (is_map(m) && map_count(m) > 0) {
      out += '^';
      Value tag = map_get(m, keyword("tag"), kNil);
      PrintLimits keep = t_limits;
      t_limits.meta = false;
      print_inner(out, map_count(m) == 1 && !tag.is_nil() ? tag : m, readably);
      t_limits = keep;
      out += ' ';
    }
  }
  switch (type_of_obj(v)) {
    case Type::kLong: out += std::to_string(long_value(v)); return;
    case Type::kDouble: print_double(out, double_value(v)); return;
    case Type::kBigInt: case Type::kRatio: case Type::kBigDecimal: tower_print(out, v, true); return;  // print too: 1N
    case Type::kString: print_string(out, string_view(v), readably); return;
    case Type::kSymbol: out += symbol_str(v); return;
    case Type::kClass:  // its name; #=java.lang.Long for print-dup, as the JVM's
      if (t_hook.dup) out += "#=";
      out += class_value_name(v);
      return;
    case Type::kKeyword:
      out += ':';
      out += symbol_str(keyword_sym(v));
      return;
    case Type::kEmptyList: out += "()"; return;
    case Type::kList: case Type::kCons: case Type::kLazySeq: case Type::kVectorSeq:
    case Type::kArraySeq: case Type::kStringSeq: case Type::kRange: case Type::kTreeSeq:
    case Type::kChunkedCons:
      print_seq(out, v, readably, "(", ")");
      return;
    case Type::kVector: {
      Level lv(out);
      if (lv.over) return;
      out += '[';
      for (int64_t i = 0, n = vector_count(v); i < n; ++i) {
        if (i) out += ' ';
        if (past_length(out, i)) break;
        print_inner(out, vector_nth(v, i), readably);
      }
      out += ']';
      return;
    }
    case Type::kMapEntry: {
      Level lv(out);
      if (lv.over) return;
      out += '[';
      print_inner(out, slot(v, 0), readably);
      out += ' ';
      print_inner(out, slot(v, 1), readably);
      out += ']';
      return;
    }
    case Type::kArrayMap: case Type::kHashMap: case Type::kTreeMap: {
      Level lv(out);
      if (lv.over) return;
      // A record (stdlib/core_proto.clj: a map whose metadata names its type)
      // prints as #ns.Name{...} and never lifts its keys' namespace.
      Value rtype = record_type(v);
      if (!rtype.is_nil()) {
        // tagged-literal and reader-conditional (stdlib/core_read.clj) print as read
        std::string_view rt = string_view(symbol_name(rtype));
        if (rt == "clojure.lang.TaggedLiteral" || rt == "clojure.lang.ReaderConditional") {
          bool tagged = rt == "clojure.lang.TaggedLiteral";
          out += tagged ? "#" : map_get(v, keyword("splicing?"), kNil).truthy() ? "#?@" : "#?";
          if (tagged) {
            print_inner(out, map_get(v, keyword("tag"), kNil), readably);
            out += ' ';
          }
          print_inner(out, map_get(v, keyword("form"), kNil), readably);
          return;
        }
        out += '#';
        out += symbol_str(rtype);
        if (t_hook.dup) {  // print-dup of a record: #ns.Name[field, ...]
          out += '[';
          int64_t i = 0;
          map_for_each(v, [&](Value, Value x) {
            if (i++) out += ", ";
            print_inner(out, x, readably);
          });
          out += ']';
          return;
        }
      } else if (t_hook.dup) {  // print-dup of a map: #=(clojure.lang.PersistentArrayMap/create {...})
        out += "#=(";
        out += class_name(v);
        out += "/create ";
      }
      // As clojure.main prints (*print-namespace-maps*): keys that all share one
      // namespace are lifted into a #:ns prefix.
      std::string_view lifted;
      bool lift = t_limits.ns_maps && map_count(v) > 0 && rtype.is_nil() && !t_hook.dup;
      map_for_each(v, [&](Value k, Value) {
        Value sym = is(k, Type::kKeyword) ? keyword_sym(k) : k;
        if (!lift || !is(sym, Type::kSymbol) || symbol_ns(sym).is_nil()) {
          lift = false;
          return;
        }
        std::string_view ns = string_view(symbol_ns(sym));
        if (lifted.empty()) lifted = ns;
        else if (ns != lifted) lift = false;
      });
      if (lift) {
        out += "#:";
        out += lifted;
      }
      out += '{';
      int64_t i = 0;
      bool stopped = false;
      map_for_each(v, [&](Value k, Value x) {
        if (stopped) return;
        if (i) out += ", ";
        if ((stopped = past_length(out, i++))) return;
        if (lift) {
          Value sym = is(k, Type::kKeyword) ? keyword_sym(k) : k;
          if (is(k, Type::kKeyword)) out += ':';
          out += string_view(symbol_name(sym));
        } else {
          print_inner(out, k, readably);
        }
        out += ' ';
        print_inner(out, x, readably);
      });
      out += '}';
      if (t_hook.dup && rtype.is_nil()) out += ')';
      return;
    }
    case Type::kHashSet: case Type::kTreeSet: {
      Level lv(out);
      if (lv.over) return;
      out += "#{";
      int64_t i = 0;
      bool stopped = false;
      set_for_each(v, [&](Value k) {
        if (stopped) return;
        if (i) out += ' ';
        if ((stopped = past_length(out, i++))) return;
        print_inner(out, k, readably);
      });
      out += '}';
      return;
    }
    case Type::kVar: {
      if (slot(v, 1).is_nil()) {  // with-local-vars
        out += "#<Var: --unnamed-->";
        return;
      }
      out += "#'";
      Value ns = slot(v, 0);
      if (is(ns, Type::kNamespace) && is(slot(ns, 0), Type::kSymbol)) {
        out += symbol_str(slot(ns, 0));
        out += '/';
      }
      Value sym = slot(v, 1);
      if (is(sym, Type::kSymbol)) out += string_view(symbol_name(sym));
      return;
    }
    case Type::kInst:
      print_inst(out, v);
      return;
    case Type::kUuid:
      if (readably) out += "#uuid \"";
      out += string_view(slot(v, 0));
      if (readably) out += '"';
      return;
    case Type::kAtom: case Type::kRef: case Type::kVolatile:
      print_ref_cell(out, v, "ready", slot(v, 0), readably);
      return;
    case Type::kDelay: {
      bool failed = !slot(v, 2).is_nil(), pending = !slot(v, 0).is_nil();
      print_ref_cell(out, v, failed ? "failed" : pending ? "pending" : "ready",
                     failed ? slot(v, 2) : pending ? kNil : slot(v, 1), readably);
      return;
    }
    case Type::kPromise: {
      bool done = slot(v, 1).truthy();
      print_ref_cell(out, v, done ? "ready" : "pending", done ? slot(v, 0) : kNil, readably);
      return;
    }
    case Type::kFuture: {  // core_print's deref-as-map: a failed deref is :failed with the exception
      int64_t st = slot(v, kFutState).fixnum_value();
      bool failed = st == kFutFailed || st == kFutCancelled;
      print_ref_cell(out, v, failed ? "failed" : st == kFutDone ? "ready" : "pending",
                     failed ? slot(v, kFutError) : st == kFutDone ? slot(v, kFutValue) : kNil, readably);
      return;
    }
    case Type::kAgent:
      print_ref_cell(out, v, slot(v, kAgentError).is_nil() ? "ready" : "failed", slot(v, kAgentState), readably);
      return;
    case Type::kThrowable: print_throwable(out, v, readably); return;
    case Type::kRegex: print_regex(out, string_view(slot(v, 0))); return;
    default: print_object(out, v, readably); return;
  }
}

}  // namespace

namespace {
struct SavedPrint {
  PrintLimits limits;
  PrintHook hook;
};
}  // namespace

PrintSettings::PrintSettings(bool* readably) : saved_(new SavedPrint{t_limits, t_hook}) {
  t_hook = current_hook();
  auto get = [](const char* name) { return var_value(core_var(name)); };
  Value len = get("*print-length*"), lvl = get("*print-level*");
  t_limits = PrintLimits{};
  t_limits.length = is_long(len) ? std::max<int64_t>(0, long_value(len)) : -1;
  t_limits.level = is_long(lvl) ? std::max<int64_t>(0, long_value(lvl)) : -1;
  t_limits.meta = get("*print-meta*").truthy() || t_hook.dup;
  t_limits.ns_maps = get("*print-namespace-maps*").truthy();
  if (readably && !get("*print-readably*").truthy()) *readably = false;
}

PrintSettings::~PrintSettings() {
  auto* saved = static_cast<SavedPrint*>(saved_);
  t_limits = saved->limits;
  t_hook = saved->hook;
  delete saved;
}

std::string pr_str(Value v) {
  std::string s;
  print_value(s, v, true);
  return s;
}

std::string print_str(Value v) {
  std::string s;
  print_value(s, v, false);
  return s;
}

}  // namespace folio
