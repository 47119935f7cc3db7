// vector_of.cpp - vector-of's element types (vm/vector_of.h).
#include "vm/vector_of.h"

#include <cstring>

#include "vm/coll_internal.h"
#include "vm/collections.h"
#include "vm/namespace.h"
#include "vm/runtime.h"

namespace folio {
namespace {

struct Kind {
  char letter;
  const char* name;  // the keyword's name and the cast fn's
};
constexpr Kind kKinds[] = {{'I', "int"},  {'J', "long"},  {'F', "float"}, {'D', "double"},
                           {'B', "byte"}, {'S', "short"}, {'C', "char"},  {'Z', "boolean"}};

}  // namespace

Value vector_of_mark(Value v, char kind) {
  Value c = coll::clone_obj(v);  // never the shared empty vector itself
  obj(c)->h.flags |= uint16_t(uint8_t(kind)) << heap::kOwnerFlagShift;
  return c;
}

Value vector_of_cast(char kind, Value x) {
  static CachedCoreVar casts[] = {CachedCoreVar("int"),  CachedCoreVar("long"),  CachedCoreVar("float"),
                                  CachedCoreVar("double"), CachedCoreVar("byte"), CachedCoreVar("short"),
                                  CachedCoreVar("char"), CachedCoreVar("boolean")};
  for (size_t i = 0; i < std::size(kKinds); ++i)
    if (kKinds[i].letter == kind) return call_fn(var_root(casts[i].get()), x);
  return x;
}

char vector_of_kind_for(Value t) {
  if (is(t, Type::kKeyword) && symbol_ns(keyword_sym(t)).is_nil())
    for (const Kind& k : kKinds)
      if (string_view(symbol_name(keyword_sym(t))) == k.name) return k.letter;
  throw_error("java.lang.IllegalArgumentException", "Unrecognized type " + pr_str(t));
}

}  // namespace folio
