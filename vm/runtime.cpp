// runtime.cpp - exceptions and their class hierarchy, GC rooting, the native registry.
#include "vm/runtime.h"

#include <sys/resource.h>

#include <unordered_map>

#include "vm/collections.h"
#include "vm/native.h"
#include "vm/vm.h"

namespace folio {

// ---------------------------------------------------------------- exception classes
// The JVM class names users catch, mapped onto one Folio hierarchy.

namespace {
const std::unordered_map<std::string_view, std::string_view>& parents() {
  static const std::unordered_map<std::string_view, std::string_view> p = {
      {"java.lang.Exception", "java.lang.Throwable"},
      {"java.lang.Error", "java.lang.Throwable"},
      {"java.lang.RuntimeException", "java.lang.Exception"},
      {"java.io.IOException", "java.lang.Exception"},
      {"java.io.FileNotFoundException", "java.io.IOException"},
      {"java.lang.InterruptedException", "java.lang.Exception"},
      {"java.util.concurrent.ExecutionException", "java.lang.Exception"},
      {"java.util.concurrent.TimeoutException", "java.lang.Exception"},
      {"java.util.concurrent.CancellationException", "java.lang.IllegalStateException"},
      {"java.util.concurrent.RejectedExecutionException", "java.lang.RuntimeException"},
      {"java.lang.IllegalMonitorStateException", "java.lang.RuntimeException"},
      {"java.lang.ArithmeticException", "java.lang.RuntimeException"},
      {"java.lang.IllegalArgumentException", "java.lang.RuntimeException"},
      {"java.lang.NumberFormatException", "java.lang.IllegalArgumentException"},
      {"clojure.lang.ArityException", "java.lang.IllegalArgumentException"},
      {"java.util.regex.PatternSyntaxException", "java.lang.IllegalArgumentException"},
      {"java.util.IllegalFormatException", "java.lang.IllegalArgumentException"},
      {"java.util.IllegalFormatConversionException", "java.util.IllegalFormatException"},
      {"java.util.UnknownFormatConversionException", "java.util.IllegalFormatException"},
      {"java.util.MissingFormatArgumentException", "java.util.IllegalFormatException"},
      {"java.lang.IllegalStateException", "java.lang.RuntimeException"},
      {"java.lang.IndexOutOfBoundsException", "java.lang.RuntimeException"},
      {"java.lang.StringIndexOutOfBoundsException", "java.lang.IndexOutOfBoundsException"},
      {"java.lang.ArrayIndexOutOfBoundsException", "java.lang.IndexOutOfBoundsException"},
      {"java.lang.NegativeArraySizeException", "java.lang.RuntimeException"},
      {"java.lang.ArrayStoreException", "java.lang.RuntimeException"},
      {"java.lang.ClassCastException", "java.lang.RuntimeException"},
      {"java.lang.NullPointerException", "java.lang.RuntimeException"},
      {"java.lang.UnsupportedOperationException", "java.lang.RuntimeException"},
      {"clojure.lang.ExceptionInfo", "java.lang.RuntimeException"},
      {"clojure.lang.LispReader$ReaderException", "java.lang.RuntimeException"},
      {"clojure.lang.EdnReader$ReaderException", "java.lang.RuntimeException"},
      {"clojure.lang.Compiler$CompilerException", "java.lang.RuntimeException"},
      {"java.lang.StackOverflowError", "java.lang.Error"},
      {"java.lang.OutOfMemoryError", "java.lang.Error"},
      {"java.lang.AssertionError", "java.lang.Error"},
      {"java.lang.IllegalAccessError", "java.lang.Error"},
  };
  return p;
}
}  // namespace

bool class_isa(std::string_view cls, std::string_view ancestor) {
  for (;;) {
    if (cls == ancestor) return true;
    auto it = parents().find(cls);
    if (it == parents().end()) return false;
    cls = it->second;
  }
}

std::string resolve_class_name(std::string_view name) {
  if (name == "Throwable" || parents().count(name) || name == "java.lang.Throwable") {
    if (name.find('.') != std::string_view::npos) return std::string(name);
  }
  static const char* const kPrefixes[] = {"java.lang.", "java.io."};
  for (const char* pre : kPrefixes) {
    std::string full = std::string(pre) + std::string(name);
    if (full == "java.lang.Throwable" || parents().count(full)) return full;
  }
  if (parents().count(name)) return std::string(name);
  return "";
}

Value make_throwable(std::string_view cls, Value message, Value data, Value cause) {
  NoGC guard;
  Value c = make_string(cls);
  Value t = alloc_slots(Type::kThrowable, 5);
  init_slot(t, 0, c);
  init_slot(t, 1, message);
  init_slot(t, 2, data);
  init_slot(t, 3, cause);
  return t;
}

void throw_error(std::string_view cls, std::string msg) {
  throw Thrown{make_throwable(cls, make_string(msg), kNil, kNil)};
}

std::string throwable_class(Value t) { return std::string(string_view(slot(t, 0))); }

// Called as a throw reaches the interpreter (before any handler runs): keeps
// the deepest stack seen, as the JVM keeps the stack at construction, so a
// caught exception has its trace too (clojure.test reports its file:line).
// Recorded raw (VM::raw_trace), as formatting every frame at every throw would
// make throwing several times slower; trace_strings formats it when asked.
void record_trace(Value exc, const VM& vm) {
  if (!is_throwable(exc) || !slot(exc, 4).is_nil()) return;
  NoGC guard;
  set_slot(exc, 4, vm.raw_trace());
}

namespace {
// An Array of proto, line, ... (VM::raw_trace) as "name (file:line)" strings.
Value format_trace(Value raw) {
  NoGC guard;
  std::vector<Value> lines;
  uint32_t n = nslots(raw);
  for (uint32_t i = 0; i + 1 < n; i += 2) {
    Value proto = slot(raw, i), name = slot(proto, kProtoName), file = slot(proto, kProtoFile);
    lines.push_back(make_string((is(name, Type::kString) ? std::string(string_view(name)) : "fn") + " (" +
                                (is(file, Type::kString) ? std::string(string_view(file)) : "NO_SOURCE_FILE") +
                                ":" + std::to_string(slot(raw, i + 1).fixnum_value()) + ")"));
  }
  return vector_from(lines.data(), lines.size());
}
}  // namespace

Value trace_vector(const VM& vm) { return format_trace(vm.raw_trace()); }

// Not cached in exc: it may be published, hence immutable.
Value trace_strings(Value exc) {
  if (!is_throwable(exc)) return kNil;
  Value raw = slot(exc, 4);
  return is(raw, Type::kArray) ? format_trace(raw) : raw;
}

// ---------------------------------------------------------------- native stack

thread_local const char* t_stack_limit = nullptr;

void throw_stack_overflow() { throw_error("java.lang.StackOverflowError", ""); }

void set_stack_limit_here() {
  char here;
  rlimit rl{};
  size_t size = 8u << 20;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) size = size_t(rl.rlim_cur);
  if (size > (size_t(256) << 20)) size = size_t(256) << 20;
  size_t margin = 512u << 10;  // room for the frames between checks and for throwing
  t_stack_limit = size > 2 * margin ? &here - (size - margin) : &here - size / 2;
}

// ---------------------------------------------------------------- rooting

Root::Root(Value& v) { VM::current().roots.push_back(&v); }
Root::~Root() { VM::current().roots.pop_back(); }
NoGC::NoGC() { ++VM::current().nogc; }
NoGC::~NoGC() { --VM::current().nogc; }

// ---------------------------------------------------------------- natives

std::vector<NativeDef> g_native_table;

void register_natives(const NativeDef* defs, size_t n) {
  g_native_table.insert(g_native_table.end(), defs, defs + n);
}

}  // namespace folio
