// core_natives.cpp - the registration order of clojure.core's natives, the
// helpers the core_natives_*.cpp files share, and the natives that fit no
// theme: errors (ex-info ...), apply, type/class and the System-ish ones.
//
// GC safety (vm/runtime.h): a native registered gc_safe = false runs with the
// collector held off, so it may keep Values in C++ locals while Clojure code
// runs. gc_safe = true is used only where no unrooted Value is live across a
// call into Clojure code: natives that never call Clojure code, the plain
// seq functions (seq first next rest cons), and a few natives that may run a
// lot of Clojure code and are written to be safe (apply, deref/force, eval,
// load-*), so that the collector can run inside them.
#include "vm/core_natives.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "vm/classes.h"
#include "vm/cluster.h"
#include "vm/collections.h"
#include "vm/deftype.h"
#include "vm/murmur3.h"
#include "vm/namespace.h"
#include "vm/numtower.h"
#include "vm/native.h"
#include "vm/runtime.h"
#include "vm/vm.h"
#include "vm/threads.h"

extern char** environ;

namespace folio {

void register_core_natives() {
  static bool done = false;  // once per process: ids are positions
  if (done) return;
  done = true;
  natives::register_seq_natives();
  natives::register_pred_natives();
  natives::register_num_natives();
  natives::register_tower_natives();
  natives::register_unchecked_natives();
  natives::register_str_natives();
  natives::register_regex_natives();
  natives::register_io_natives();
  natives::register_file_natives();
  natives::register_cell_natives();
  natives::register_promise_natives();  // after the cells: it wraps their deref
  natives::register_var_natives();
  natives::register_misc_natives();
  natives::register_sorted_natives();
  natives::register_read_natives();
  natives::register_deftype_natives();
  natives::register_chunk_natives();
  natives::register_array_natives();  // vm/core_natives_array.cpp
}

namespace natives {

// ---------------------------------------------------------------- errors

void throw_npe(std::string_view msg) {
  throw Thrown{make_throwable("java.lang.NullPointerException", msg.empty() ? kNil : make_string(msg),
                              kNil, kNil)};
}

void throw_cast(Value v, const char* to) {
  const char* from = class_name(v);
  if (!from) throw_npe();
  throw_error("java.lang.ClassCastException", class_cast_message(from, to));
}

void throw_arg(std::string msg) { throw_error("java.lang.IllegalArgumentException", std::move(msg)); }

// ---------------------------------------------------------------- UTF-8


std::u32string utf8_to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = uint8_t(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + size_t(n) > s.size()) n = 1;
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (uint8_t(s[i + size_t(k)]) & 0x3F);
    out += char32_t(cp);
    i += size_t(n);
  }
  return out;
}

std::string u32_to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) append_utf8(out, uint32_t(c));
  return out;
}

// ---------------------------------------------------------------- toString

namespace {

int32_t symbol_java_hash(Value sym) {
  Value ns = symbol_ns(sym);
  return murmur3::hash_combine(java_string_hash(string_view(symbol_name(sym))),
                               ns.is_nil() ? 0 : java_string_hash(string_view(ns)));
}

// "clojure.lang.Atom@1f" from the printer's "#object[clojure.lang.Atom 0x1f ...]".
std::string object_to_string(Value v) {
  std::string p = pr_str(v);
  if (p.rfind("#object[", 0) == 0) {
    size_t sp = p.find(' ', 8);
    size_t hx = p.find("0x", sp);
    if (sp != std::string::npos && hx != std::string::npos) {
      size_t end = p.find_first_of(" ]", hx);
      return p.substr(8, sp - 8) + "@" + p.substr(hx + 2, end - hx - 2);
    }
  }
  return p;
}

}  // namespace

int32_t java_hash(Value v) {
  if (v.is_nil()) return 0;
  if (is_long(v)) {
    uint64_t x = uint64_t(long_value(v));
    return int32_t(uint32_t(x ^ (x >> 32)));
  }
  if (v == kTrue) return 1231;
  if (v == kFalse) return 1237;
  if (v.is_char()) return int32_t(v.char_value());
  if (!v.is_ref()) return 0;
  switch (type_of_obj(v)) {
    case Type::kDouble: {
      double d = double_value(v);
      uint64_t bits = 0x7ff8000000000000ull;
      if (d == d) std::memcpy(&bits, &d, 8);
      return int32_t(uint32_t(bits ^ (bits >> 32)));
    }
    case Type::kString: return java_string_hash(string_view(v));
    case Type::kBigInt: case Type::kRatio: case Type::kBigDecimal: return tower_java_hash(v);
    case Type::kSymbol: return symbol_java_hash(v);
    case Type::kKeyword: return int32_t(uint32_t(symbol_java_hash(keyword_sym(v))) + 0x9e3779b9u);
    case Type::kArrayMap: case Type::kHashMap: case Type::kTreeMap: {
      uint32_t h = 0;
      map_for_each(v, [&](Value k, Value x) { h += uint32_t(java_hash(k) ^ java_hash(x)); });
      return int32_t(h);
    }
    case Type::kHashSet: case Type::kTreeSet: {
      uint32_t h = 0;
      for (Value s = seq(v); !s.is_nil(); s = next(s)) h += uint32_t(java_hash(first(s)));
      return int32_t(h);
    }
    default:
      if (is_sequential(v)) {
        uint32_t h = 1;
        for (Value s = seq(v); !s.is_nil(); s = next(s)) h = 31 * h + uint32_t(java_hash(first(s)));
        return int32_t(h);
      }
      return hasheq(v);
  }
}

void append_str(std::string& out, Value v) {
  if (v.is_nil()) return;
  if (v.is_char()) return append_utf8(out, v.char_value());
  if (!v.is_ref()) return print_leaf(out, v, false);  // toString, not print-method
  switch (type_of_obj(v)) {
    case Type::kString: out += string_view(v); return;
    case Type::kKeyword: case Type::kSymbol: case Type::kLong: print_leaf(out, v, true); return;
    case Type::kDouble: double_to_string(out, double_value(v)); return;
    case Type::kBigInt: case Type::kRatio: case Type::kBigDecimal: tower_print(out, v, false); return;
    case Type::kRegex: out += string_view(slot(v, 0)); return;
    case Type::kDeftype: deftype_append_str(out, v); return;
    case Type::kUuid: out += string_view(slot(v, 0)); return;
    case Type::kNamespace: out += symbol_str(ns_name(v)); return;
    case Type::kClass: append_class_str(out, v); return;
    case Type::kLazySeq: case Type::kArrayMap: case Type::kHashMap: case Type::kTreeMap: {
      if (!is(v, Type::kLazySeq) && !meta(v).is_nil()) {  // a host object's or record's Object toString
        if (Value f = interface_method("java.lang.Object", "toString", v); !f.is_nil()) {
          Value s = call_fn(f, v);
          if (!is(s, Type::kString)) throw_cast(s, "java.lang.String");
          out += string_view(s);
          return;
        }
      }
      // LazySeq and records have no toString: Object's, Name@hashCode in hex.
      Value rtype = is(v, Type::kLazySeq) ? kNil : record_type(v);
      if (!is(v, Type::kLazySeq) && rtype.is_nil()) return print_value(out, v, true);
      char buf[16];
      std::snprintf(buf, sizeof buf, "%x", uint32_t(java_hash(v)));
      out += rtype.is_nil() ? "clojure.lang.LazySeq" : symbol_str(rtype);
      out += '@';
      out += buf;
      return;
    }
    case Type::kThrowable: {
      out += throwable_class(v);
      Value msg = slot(v, 1);
      if (throwable_class(v) == "clojure.lang.ExceptionInfo") {
        out += ": ";
        append_str(out, msg);
        out += ' ';
        print_value(out, slot(v, 2), true);
      } else if (!msg.is_nil()) {
        out += ": ";
        append_str(out, msg);
      }
      return;
    }
    case Type::kAtom: case Type::kRef: case Type::kVolatile: case Type::kDelay: case Type::kPromise:
    case Type::kFuture: case Type::kAgent: case Type::kClosure: case Type::kNative: case Type::kArray: case Type::kNodeLocal:
      out += object_to_string(v);
      return;
    case Type::kJavaArray: {  // Object.toString: [J@1b2c3d, the hash as #object prints it
      char buf[16];
      std::snprintf(buf, sizeof buf, "@%x", uint32_t(hasheq(v)));
      out += class_name(v);
      out += buf;
      return;
    }
    default: print_value(out, v, true); return;  // collections print readably (RT.printString)
  }
}

std::string to_str(Value v) {
  std::string s;
  append_str(s, v);
  return s;
}

// ---------------------------------------------------------------- arguments

std::string_view str_arg(Value v, const char* to) {
  if (!is(v, Type::kString)) throw_cast(v, to);
  return string_view(v);
}

int64_t index_arg(Value v) {
  if (is_long(v)) {
    int64_t i = long_value(v);
    if (i < INT32_MIN || i > INT32_MAX) throw_arg("Value out of range for int: " + std::to_string(i));
    return i;
  }
  if (is_double(v)) {
    double d = double_value(v);
    if (d < -2147483648.0 || d > 2147483647.0) throw_arg("Value out of range for int: " + to_str(v));
    return d != d ? 0 : int64_t(d);
  }
  if (v.is_char()) return v.char_value();
  throw_cast(v, "java.lang.Number");
}

Value array_seq_of(const std::vector<Value>& xs) {
  if (xs.empty()) return kNil;
  Value a = make_array(uint32_t(xs.size()));
  for (size_t i = 0; i < xs.size(); ++i) init_slot(a, uint32_t(i), xs[i]);
  Value s = alloc_slots(Type::kArraySeq, 3);
  init_slot(s, 0, a);
  init_slot(s, 1, Value::fixnum(0));
  return s;
}

void seq_items(Value coll, std::vector<Value>& out) {
  for (Value s = seq(coll); !s.is_nil(); s = next(s)) out.push_back(first(s));
}

// ---------------------------------------------------------------- misc natives

namespace {

bool is_exinfo(Value t) { return is_throwable(t) && throwable_class(t) == "clojure.lang.ExceptionInfo"; }

// (ex-info msg map) (ex-info msg map cause)
Value n_ex_info(Value* a, uint32_t n) {
  Value msg = a[0], data = a[1], cause = n > 2 ? a[2] : kNil;
  if (!msg.is_nil() && !is(msg, Type::kString)) throw_cast(msg, "java.lang.String");
  if (data.is_nil()) throw_arg("Additional data must be non-nil.");
  if (!is_map(data)) throw_cast(data, "clojure.lang.IPersistentMap");
  if (!cause.is_nil() && !is_throwable(cause)) throw_cast(cause, "java.lang.Throwable");
  return make_throwable("clojure.lang.ExceptionInfo", msg, data, cause);
}

Value n_ex_data(Value* a, uint32_t) { return is_exinfo(a[0]) ? slot(a[0], 2) : kNil; }
Value n_ex_message(Value* a, uint32_t) { return is_throwable(a[0]) ? slot(a[0], 1) : kNil; }
Value n_ex_cause(Value* a, uint32_t) { return is_throwable(a[0]) ? slot(a[0], 3) : kNil; }

// (folio-throwable "java.lang.Exception" msg? cause?): (Exception. msg cause)
Value n_throwable(Value* a, uint32_t n) {
  std::string_view cls = str_arg(a[0]);
  Value msg = n > 1 ? a[1] : kNil, cause = n > 2 ? a[2] : kNil;
  if (is_throwable(msg) && n == 2) {  // (Exception. cause): message is cause.toString()
    cause = msg;
    msg = make_string(to_str(cause));
  }
  if (!msg.is_nil() && !is(msg, Type::kString)) throw_cast(msg, "java.lang.String");
  if (!cause.is_nil() && !is_throwable(cause)) throw_cast(cause, "java.lang.Throwable");
  return make_throwable(cls, msg, kNil, cause);
}

// (apply f args) (apply f x ... args). gc-safe: the spread happens with the
// collector held off; then the call owns the values (they are on the VM stack).
// The most arguments any arity of closure f takes before its rest seq, or -1
// when f has no variadic arity.
int64_t variadic_limit(Value f) {
  if (!is(f, Type::kClosure)) return -1;
  Value def = closure_def(f);
  Value v = slot(def, kFnVariadic);
  if (v.is_nil()) return -1;
  int64_t limit = proto_info(v).nparams;
  for (uint32_t i = 0; i < fndef_nfixed(def); ++i)
    limit = std::max<int64_t>(limit, proto_info(slot(def, kFnFixed0 + i)).nparams);
  return limit;
}

Value n_apply(Value* a, uint32_t n) {
  std::vector<Value> xs;
  Value f;
  Value fixed[256];
  uint32_t np = 0;
  Value rest = kUnbound;
  {
    NoGC hold;
    f = a[0];
    for (uint32_t i = 1; i + 1 < n; ++i) xs.push_back(a[i]);
    int64_t limit = variadic_limit(f);
    if (limit >= 0) {
      // As Clojure's applyTo: realize only enough to choose the arity; past
      // every fixed arity the rest of the seq goes to the fn unrealized.
      Value s = seq(a[n - 1]);
      while (!s.is_nil() && int64_t(xs.size()) <= limit) {
        xs.push_back(first(s));
        s = next(s);
      }
      if (!s.is_nil()) {
        np = proto_info(slot(closure_def(f), kFnVariadic)).nparams;
        rest = s;
        for (size_t i = xs.size(); i-- > np;) rest = make_cons(xs[i], rest);
        for (uint32_t i = 0; i < np; ++i) fixed[i] = xs[i];
      }
    } else {
      seq_items(a[n - 1], xs);
    }
  }
  // Nothing allocates between here and the call, which puts these on the VM stack.
  if (rest != kUnbound) return VM::current().call_with_rest(f, fixed, np, rest);
  if (xs.size() > 0xFFFFFFu) throw_arg("apply: too many arguments");
  return call_fn(f, xs.data(), uint32_t(xs.size()));
}

Value n_nano_time(Value*, uint32_t) {
  auto t = std::chrono::steady_clock::now().time_since_epoch();
  return make_long(std::chrono::duration_cast<std::chrono::nanoseconds>(t).count());
}

Value n_current_time_millis(Value*, uint32_t) {
  auto t = std::chrono::system_clock::now().time_since_epoch();
  return make_long(std::chrono::duration_cast<std::chrono::milliseconds>(t).count());
}

// (folio-getenv name) -> String or nil; (folio-getenv) -> map of the environment.
Value n_getenv(Value* a, uint32_t n) {
  if (n == 1) {
    const char* v = std::getenv(std::string(str_arg(a[0])).c_str());
    return v ? make_string(v) : kNil;
  }
  Value m = empty_map();
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    m = map_assoc(m, make_string(kv.substr(0, eq)), make_string(kv.substr(eq + 1)));
  }
  return m;
}

Value n_exit(Value* a, uint32_t n) {
  int code = 0;
  if (n > 0) {
    if (!is_long(a[0])) throw_cast(a[0], "java.lang.Number");
    code = int(long_value(a[0]));
  }
  flush_stdout();
  std::fflush(stdout);
  std::fflush(stderr);
  threads_exiting();
  if (g_cluster.leave) g_cluster.leave();  // other threads wait for the lock this one holds: no commit is in flight
  std::exit(code);
}

const NativeDef kMisc[] = {
    {"clojure.core", "ex-info", n_ex_info, 2, 3, true},
    {"clojure.core", "ex-data", n_ex_data, 1, 1, true},
    {"clojure.core", "ex-message", n_ex_message, 1, 1, true},
    {"clojure.core", "ex-cause", n_ex_cause, 1, 1, true},
    {"clojure.core", "folio-throwable", n_throwable, 1, 3, false},
    {"clojure.core", "apply", n_apply, 2, -1, true},
    {"clojure.core", "folio-nano-time", n_nano_time, 0, 0, true},
    {"clojure.core", "folio-current-time-millis", n_current_time_millis, 0, 0, true},
    {"clojure.core", "folio-getenv", n_getenv, 0, 1, true},
    {"clojure.core", "folio-exit", n_exit, 0, 1, true},
};

}  // namespace

void register_misc_natives() { register_natives(kMisc, sizeof kMisc / sizeof kMisc[0]); }

}  // namespace natives
}  // namespace folio
