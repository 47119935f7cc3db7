// record.cpp - what the VM knows of records. stdlib/core_proto.clj emulates a
// record as an array map whose metadata holds {:type ns.Name,
// :clojure.core/record true, :clojure.core/record-fields #{:field ...}}; here
// are the few places where a record must not act as a plain map: its type for
// = and hash and str (vm/equality.cpp, vm/core_natives.cpp), record?, meta
// that shows only what the user put there, with-meta that keeps it a record,
// and dissoc of one of its fields, which leaves a plain map (as defrecord's
// without does).
#include "vm/collections.h"

namespace folio {
namespace {

Value record_key() { return keyword("clojure.core", "record"); }
Value fields_key() { return keyword("clojure.core", "record-fields"); }

bool marks_record(Value m) { return is_map(m) && map_get(m, record_key(), kNil).truthy(); }

}  // namespace

Value record_type(Value x) {
  if (!is_map(x)) return kNil;
  Value m = meta(x);
  if (!marks_record(m)) return kNil;
  Value t = map_get(m, keyword("type"), kNil);
  return is(t, Type::kSymbol) ? t : kNil;
}

Value record_meta_for(Value x, Value m) {
  if (marks_record(m) || record_type(x).is_nil()) return m;
  Value old = meta(x);
  Value out = m.is_nil() ? empty_map() : m;
  for (Value k : {keyword("type"), record_key(), fields_key()}) {
    Value v = map_get(old, k, kNotFound);
    if (v != kNotFound) out = assoc(out, k, v);
  }
  return out;
}

Value user_meta(Value x) {
  if (record_type(x).is_nil()) return meta(x);
  Value m = meta(x);
  for (Value key : {keyword("type"), record_key(), fields_key()}) m = dissoc(m, key);
  return map_count(m) == 0 ? kNil : m;
}

Value record_dissoc(Value rec, Value result, Value k) {
  if (result == rec || record_type(rec).is_nil()) return result;
  Value fields = map_get(meta(rec), fields_key(), kNil);
  if (!is_set(fields) || !set_contains(fields, k)) return result;
  return with_meta(result, user_meta(rec), false);
}

}  // namespace folio
