// jarray.cpp - Java arrays in the heap: layouts (jarray.h), element access
// with the JVM's conversions and errors, class names.
#include "vm/jarray.h"

#include <cstring>
#include <mutex>
#include <set>

#include "vm/coll_internal.h"
#include "vm/interop.h"
#include "vm/numbers.h"
#include "vm/runtime.h"

namespace folio {
namespace {

int width(char kind) {
  switch (kind) {
    case 'Z': case 'B': return 1;
    case 'S': return 2;
    case 'I': case 'C': return 4;
    default: return 8;  // J F D
  }
}

bool is_prim(Value a) { return obj(a)->h.flags & heap::kRaw; }
uint64_t prim_header(Value a) { return *reinterpret_cast<const uint64_t*>(obj(a)->bytes()); }
uint8_t* prim_data(Value a) { return obj(a)->bytes() + 8; }

[[noreturn]] void out_of_bounds(int64_t i, int64_t n) {
  throw_error("java.lang.ArrayIndexOutOfBoundsException",
              "Index " + std::to_string(i) + " out of bounds for length " + std::to_string(n));
}

void check_index(Value a, int64_t i) {
  int64_t n = jarray_length(a);
  if (i < 0 || i >= n) out_of_bounds(i, n);
}

// Writes the element bits through the barrier.
void put_raw(Value a, int64_t i, char kind, int64_t l, double d) {
  int w = width(kind);
  uint8_t buf[8];
  switch (kind) {
    case 'Z': case 'B': buf[0] = uint8_t(l); break;
    case 'S': { int16_t s = int16_t(l); std::memcpy(buf, &s, 2); break; }
    case 'I': case 'C': { int32_t s = int32_t(l); std::memcpy(buf, &s, 4); break; }
    case 'J': std::memcpy(buf, &l, 8); break;
    default: std::memcpy(buf, &d, 8); break;  // F D
  }
  g_heap->write_bytes(obj(a), 8 + uint64_t(i) * uint64_t(w), buf, size_t(w));
}

[[noreturn]] void no_match(const char* op) {
  throw_error("java.lang.IllegalArgumentException", std::string("No matching method ") + op +
                                                        " found taking 3 args");
}

// The class of x for an object array's store check (nil fits anything).
bool fits_component(std::string_view array_class, Value x) {
  if (x.is_nil()) return true;
  std::string_view c = array_class.substr(1);
  if (c == "Ljava.lang.Object;") return true;
  if (c.starts_with("[")) return is_jarray(x) && std::string_view(jarray_class_name(x)) == c;
  if (c.starts_with("L") && c.ends_with(";")) return instance_of(c.substr(1, c.size() - 2), x);
  return false;
}

}  // namespace

char jarray_kind(Value a) { return is_prim(a) ? char(prim_header(a) & 0xff) : 0; }

int64_t jarray_length(Value a) { return is_prim(a) ? int64_t(prim_header(a) >> 8) : int64_t(nslots(a)) - 1; }

char primitive_kind(std::string_view t) {
  static const std::pair<const char*, char> kNames[] = {{"boolean", 'Z'}, {"byte", 'B'},  {"short", 'S'},
                                                        {"int", 'I'},     {"long", 'J'},  {"char", 'C'},
                                                        {"float", 'F'},   {"double", 'D'}};
  for (auto& [name, k] : kNames)
    if (t == name) return k;
  return 0;
}

std::string array_class_for(std::string_view component) {
  if (char k = primitive_kind(component)) return std::string("[") + k;
  if (component.starts_with("[")) return "[" + std::string(component);
  return "[L" + std::string(component) + ";";
}

Value make_prim_array(char kind, int64_t n) {
  if (n < 0) throw_error("java.lang.NegativeArraySizeException", std::to_string(n));
  uint64_t bytes = uint64_t(n) * uint64_t(width(kind));
  Obj* o = g_heap->alloc(uint8_t(Type::kJavaArray), 1 + (bytes + 7) / 8, heap::kRaw | heap::kNodeLocal);
  std::memset(o->bytes(), 0, 8 + (bytes + 7) / 8 * 8);
  *reinterpret_cast<uint64_t*>(o->bytes()) = uint64_t(uint8_t(kind)) | uint64_t(n) << 8;
  return g_heap->ref(o);
}

Value make_object_array(std::string_view class_name, int64_t n) {
  if (n < 0) throw_error("java.lang.NegativeArraySizeException", std::to_string(n));
  Value name = make_string(class_name);  // no collection runs inside natives' allocations
  Value a = g_heap->ref(g_heap->alloc(uint8_t(Type::kJavaArray), 1 + uint64_t(n), heap::kNodeLocal));
  init_slot(a, 0, name);
  return a;
}

Value jarray_at(Value a, int64_t i) {
  if (!is_prim(a)) return slot(a, uint32_t(i + 1));
  char kind = jarray_kind(a);
  const uint8_t* p = prim_data(a) + i * width(kind);
  switch (kind) {
    case 'Z': return Value::boolean(*p != 0);
    case 'B': return Value::fixnum(int8_t(*p));
    case 'S': { int16_t s; std::memcpy(&s, p, 2); return Value::fixnum(s); }
    case 'I': { int32_t s; std::memcpy(&s, p, 4); return Value::fixnum(s); }
    case 'C': { uint32_t s; std::memcpy(&s, p, 4); return Value::character(s); }
    case 'J': { int64_t s; std::memcpy(&s, p, 8); return make_long(s); }
    default: { double d; std::memcpy(&d, p, 8); return make_double(d); }
  }
}

Value jarray_get(Value a, int64_t i) {
  check_index(a, i);
  return jarray_at(a, i);
}

void jarray_set(Value a, int64_t i, Value x, const char* op) {
  char kind = jarray_kind(a);
  if (!kind) {
    check_index(a, i);
    std::string_view cls = string_view(slot(a, 0));
    if (!fits_component(cls, x)) {
      const char* c = class_name(x);
      throw_error("java.lang.ArrayStoreException", c ? c : "null");
    }
    set_slot(a, uint32_t(i + 1), x);
    return;
  }
  int64_t l = 0;
  double d = 0;
  switch (kind) {
    case 'Z': if (!x.is_bool()) no_match(op); l = x == kTrue; break;
    case 'C': if (!x.is_char()) no_match(op); l = x.char_value(); break;
    case 'F': case 'D': if (!is_double(x)) no_match(op); d = double_value(x); break;
    default: {  // B S I J: a Long, range-checked as the JVM's int/short/byte casts
      if (!is_long(x)) no_match(op);
      l = long_value(x);
      if (kind == 'I' && (l < INT32_MIN || l > INT32_MAX)) throw_error("java.lang.ArithmeticException", "integer overflow");
      int64_t lim = kind == 'S' ? 32767 : 127;
      if ((kind == 'S' || kind == 'B') && (l < -lim - 1 || l > lim))
        throw_error("java.lang.IllegalArgumentException", std::string("Value out of range for ") +
                                                              (kind == 'S' ? "short: " : "byte: ") + std::to_string(l));
    }
  }
  check_index(a, i);
  put_raw(a, i, kind, l, d);
}

void jarray_set_widening(Value a, int64_t i, Value x, char from) {
  static const char* const kWidens[] = {"BBSIJFD", "SSIJFD", "CCIJFD", "IIJFD", "JJFD", "FFD", "DD", "ZZ"};
  char kind = jarray_kind(a);
  bool ok = false;
  for (const char* w : kWidens)
    if (w[0] == from && kind && std::strchr(w + 1, kind)) ok = true;
  if (!ok) throw_error("java.lang.IllegalArgumentException", "argument type mismatch");
  check_index(a, i);
  int64_t l = x.is_char() ? int64_t(x.char_value()) : x.is_bool() ? int64_t(x == kTrue) : is_long(x) ? long_value(x) : 0;
  double d = is_double(x) ? double_value(x) : double(l);
  put_raw(a, i, kind, l, d);
}

Value jarray_clone(Value a) {
  int64_t n = jarray_length(a);
  if (!is_prim(a)) {
    Value c = make_object_array(string_view(slot(a, 0)), n);
    for (int64_t i = 0; i < n; ++i) init_slot(c, uint32_t(i + 1), slot(a, uint32_t(i + 1)));
    return c;
  }
  char kind = jarray_kind(a);
  Value c = make_prim_array(kind, n);
  std::memcpy(prim_data(c), prim_data(a), size_t(n * width(kind)));
  return c;
}

const char* jarray_class_name(Value a) {
  static std::mutex mu;
  static std::set<std::string, std::less<>> names;  // node-based: c_str() stays put
  std::string name = is_prim(a) ? std::string("[") + jarray_kind(a) : std::string(string_view(slot(a, 0)));
  std::lock_guard<std::mutex> hold(mu);
  return names.insert(std::move(name)).first->c_str();
}

}  // namespace folio
