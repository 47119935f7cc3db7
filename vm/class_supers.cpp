// class_supers.cpp - which class is assignable to which, for isa? and
// multimethods dispatching on classes ((defmethod f Number ...) matches a Long).
// Classes are values of their own (vm/classes.cpp); this table gives, for each
// class Folio names, its superclasses and interfaces among the classes Folio
// names, as JVM Clojure 1.11's (supers C) lists them (java.lang.Object, a
// super of every class and interface, is left out). Exceptions come from the
// runtime's own hierarchy (class_isa).
#include <string_view>

#include "vm/compiler.h"
#include "vm/interop.h"

namespace folio {
namespace {

struct Supers {
  const char* name;
  const char* supers;  // space-separated
};

const Supers kSupers[] = {
    {"java.lang.String",
     "java.lang.CharSequence java.lang.Comparable"},
    {"java.lang.Long",
     "java.lang.Comparable java.lang.Number"},
    {"java.lang.Integer",
     "java.lang.Comparable java.lang.Number"},
    {"java.lang.Double",
     "java.lang.Comparable java.lang.Number"},
    {"java.lang.Float",
     "java.lang.Comparable java.lang.Number"},
    {"java.lang.Short",
     "java.lang.Comparable java.lang.Number"},
    {"java.lang.Byte",
     "java.lang.Comparable java.lang.Number"},
    {"java.lang.Boolean",
     "java.lang.Comparable"},
    {"java.lang.Character",
     "java.lang.Comparable"},
    {"java.lang.Number",
     ""},
    {"java.lang.Comparable",
     ""},
    {"java.lang.CharSequence",
     ""},
    {"java.lang.Iterable",
     ""},
    {"java.lang.Math",
     ""},
    {"java.lang.System",
     ""},
    {"java.lang.Thread",
     ""},
    {"java.lang.Class",
     ""},
    {"java.lang.StringBuilder",
     "java.lang.CharSequence java.lang.Comparable"},
    {"clojure.lang.Symbol",
     "clojure.lang.AFn clojure.lang.IFn clojure.lang.IMeta clojure.lang.IObj clojure.lang.Named java.lang.Comparable"},
    {"clojure.lang.Keyword",
     "clojure.lang.IFn clojure.lang.Named java.lang.Comparable"},
    {"clojure.lang.PersistentList",
     "clojure.lang.Counted clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.IPersistentList clojure.lang.ISeq clojure.lang.Seqable clojure.lang.Sequential java.lang.Iterable java.util.Collection java.util.List"},
    {"clojure.lang.PersistentList$EmptyList",
     "clojure.lang.Counted clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.IPersistentList clojure.lang.ISeq clojure.lang.Seqable clojure.lang.Sequential java.lang.Iterable java.util.Collection java.util.List"},
    {"clojure.lang.Cons",
     "clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.ISeq clojure.lang.Seqable clojure.lang.Sequential java.lang.Iterable java.util.Collection java.util.List"},
    {"clojure.lang.LazySeq",
     "clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPending clojure.lang.IPersistentCollection clojure.lang.ISeq clojure.lang.Seqable clojure.lang.Sequential java.lang.Iterable java.util.Collection java.util.List"},
    {"clojure.lang.PersistentVector",
     "clojure.lang.AFn clojure.lang.APersistentVector clojure.lang.Associative clojure.lang.Counted clojure.lang.IFn clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.IPersistentVector clojure.lang.Reversible clojure.lang.Seqable clojure.lang.Sequential java.lang.Comparable java.lang.Iterable java.util.Collection java.util.List java.util.RandomAccess"},
    {"clojure.lang.MapEntry",
     "clojure.lang.AFn clojure.lang.APersistentVector clojure.lang.Associative clojure.lang.Counted clojure.lang.IFn clojure.lang.IPersistentCollection clojure.lang.IPersistentVector clojure.lang.Reversible clojure.lang.Seqable clojure.lang.Sequential java.lang.Comparable java.lang.Iterable java.util.Collection java.util.List java.util.RandomAccess"},
    {"clojure.lang.PersistentArrayMap",
     "clojure.lang.AFn clojure.lang.APersistentMap clojure.lang.Associative clojure.lang.Counted clojure.lang.IFn clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.IPersistentMap clojure.lang.Seqable java.lang.Iterable java.util.Map"},
    {"clojure.lang.PersistentHashMap",
     "clojure.lang.AFn clojure.lang.APersistentMap clojure.lang.Associative clojure.lang.Counted clojure.lang.IFn clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.IPersistentMap clojure.lang.Seqable java.lang.Iterable java.util.Map"},
    {"clojure.lang.PersistentHashSet",
     "clojure.lang.AFn clojure.lang.Counted clojure.lang.IFn clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.IPersistentSet clojure.lang.Seqable java.lang.Iterable java.util.Collection java.util.Set"},
    {"clojure.lang.LongRange",
     "clojure.lang.Counted clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.ISeq clojure.lang.Seqable clojure.lang.Sequential java.lang.Iterable java.util.Collection java.util.List"},
    {"clojure.lang.PersistentTreeMap",
     "clojure.lang.AFn clojure.lang.APersistentMap clojure.lang.Associative clojure.lang.Counted clojure.lang.IFn clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.IPersistentMap clojure.lang.Reversible clojure.lang.Seqable clojure.lang.Sorted java.lang.Iterable java.util.Map"},
    {"clojure.lang.PersistentTreeSet",
     "clojure.lang.AFn clojure.lang.Counted clojure.lang.IFn clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.IPersistentSet clojure.lang.Reversible clojure.lang.Seqable clojure.lang.Sorted java.lang.Iterable java.util.Collection java.util.Set"},
    {"clojure.lang.Var",
     "clojure.lang.IDeref clojure.lang.IFn clojure.lang.IMeta"},
    {"clojure.lang.Namespace",
     "clojure.lang.IMeta"},
    {"clojure.lang.Atom",
     "clojure.lang.IAtom clojure.lang.IDeref clojure.lang.IMeta"},
    {"clojure.lang.Ref",
     "clojure.lang.IDeref clojure.lang.IFn clojure.lang.IMeta java.lang.Comparable"},
    {"clojure.lang.Volatile",
     "clojure.lang.IDeref"},
    {"clojure.lang.Delay",
     "clojure.lang.IDeref clojure.lang.IPending"},
    {"java.util.regex.Pattern",
     ""},
    {"clojure.lang.BigInt",
     "java.lang.Number"},
    {"java.math.BigInteger",
     "java.lang.Comparable java.lang.Number"},
    {"clojure.lang.Ratio",
     "java.lang.Comparable java.lang.Number"},
    {"java.math.BigDecimal",
     "java.lang.Comparable java.lang.Number"},
    {"clojure.lang.Fn",
     ""},
    {"clojure.lang.AFunction",
     "clojure.lang.AFn clojure.lang.Fn clojure.lang.IFn clojure.lang.IMeta clojure.lang.IObj"},
    {"clojure.lang.AFn",
     "clojure.lang.IFn"},
    {"clojure.lang.IFn",
     ""},
    {"clojure.lang.ISeq",
     "clojure.lang.IPersistentCollection clojure.lang.Seqable"},
    {"clojure.lang.Seqable",
     ""},
    {"clojure.lang.Sequential",
     ""},
    {"clojure.lang.IPersistentCollection",
     "clojure.lang.Seqable"},
    {"java.util.Collection",
     "java.lang.Iterable"},
    {"clojure.lang.Counted",
     ""},
    {"clojure.lang.IPersistentMap",
     "clojure.lang.Associative clojure.lang.Counted clojure.lang.IPersistentCollection clojure.lang.Seqable java.lang.Iterable"},
    {"clojure.lang.APersistentMap",
     "clojure.lang.AFn clojure.lang.Associative clojure.lang.Counted clojure.lang.IFn clojure.lang.IPersistentCollection clojure.lang.IPersistentMap clojure.lang.Seqable java.lang.Iterable java.util.Map"},
    {"clojure.lang.Associative",
     "clojure.lang.IPersistentCollection clojure.lang.Seqable"},
    {"java.util.Map",
     ""},
    {"clojure.lang.IPersistentVector",
     "clojure.lang.Associative clojure.lang.Counted clojure.lang.IPersistentCollection clojure.lang.Reversible clojure.lang.Seqable clojure.lang.Sequential"},
    {"clojure.lang.APersistentVector",
     "clojure.lang.AFn clojure.lang.Associative clojure.lang.Counted clojure.lang.IFn clojure.lang.IPersistentCollection clojure.lang.IPersistentVector clojure.lang.Reversible clojure.lang.Seqable clojure.lang.Sequential java.lang.Comparable java.lang.Iterable java.util.Collection java.util.List java.util.RandomAccess"},
    {"java.util.List",
     "java.lang.Iterable java.util.Collection"},
    {"java.util.RandomAccess",
     ""},
    {"clojure.lang.IPersistentSet",
     "clojure.lang.Counted clojure.lang.IPersistentCollection clojure.lang.Seqable"},
    {"java.util.Set",
     "java.lang.Iterable java.util.Collection"},
    {"clojure.lang.IPersistentList",
     "clojure.lang.IPersistentCollection clojure.lang.Seqable clojure.lang.Sequential"},
    {"clojure.lang.Named",
     ""},
    {"clojure.lang.IDeref",
     ""},
    {"clojure.lang.IAtom",
     ""},
    {"clojure.lang.IPending",
     ""},
    {"clojure.lang.IBlockingDeref",
     ""},
    {"clojure.lang.IObj",
     "clojure.lang.IMeta"},
    {"clojure.lang.IMeta",
     ""},
    {"clojure.lang.Sorted",
     ""},
    {"clojure.lang.IRecord",
     ""},
    {"clojure.lang.MultiFn",
     "clojure.lang.AFn clojure.lang.IFn"},
    {"clojure.lang.Reversible",
     ""},
    {"java.util.SortedMap",
     "java.util.Map"},
    {"java.util.SortedSet",
     "java.lang.Iterable java.util.Collection java.util.Set"},
    {"clojure.lang.ChunkedCons",
     "clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.ISeq clojure.lang.Seqable clojure.lang.Sequential java.lang.Iterable java.util.Collection java.util.List"},
    {"clojure.lang.ArrayChunk",
     "clojure.lang.Counted"},
    {"clojure.lang.PersistentVector$ChunkedSeq",
     "clojure.lang.Counted clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.ISeq clojure.lang.Seqable clojure.lang.Sequential java.lang.Iterable java.util.Collection java.util.List"},
    {"clojure.lang.ArraySeq",
     "clojure.lang.Counted clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.ISeq clojure.lang.Seqable clojure.lang.Sequential java.lang.Iterable java.util.Collection java.util.List"},
    {"clojure.lang.StringSeq",
     "clojure.lang.Counted clojure.lang.IMeta clojure.lang.IObj clojure.lang.IPersistentCollection clojure.lang.ISeq clojure.lang.Seqable clojure.lang.Sequential java.lang.Iterable java.util.Collection java.util.List"},
    {"java.util.Date",
     "java.lang.Comparable"},
    {"java.util.UUID",
     "java.lang.Comparable"},
};

}  // namespace

bool known_class(std::string_view c) {
  for (const Supers& s : kSupers)
    if (c == s.name) return true;
  return false;
}

bool class_assignable(std::string_view child, std::string_view parent) {
  if (child == parent) return true;
  if (class_isa(child, "java.lang.Throwable")) return parent == "java.lang.Object" || class_isa(child, parent);
  if (parent == "java.lang.Object") return known_class(child) || child == "java.lang.Object";
  for (const Supers& s : kSupers) {
    if (child != s.name) continue;
    std::string_view rest = s.supers;
    while (!rest.empty()) {
      size_t sp = rest.find(' ');
      if (rest.substr(0, sp) == parent) return true;
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    }
    return false;
  }
  return false;
}

}  // namespace folio
