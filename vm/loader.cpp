// loader.cpp - reading and evaluating source text and files; require's file search.
#include <fstream>
#include <set>
#include <sstream>

#include "vm/boot.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/interop.h"
#include "vm/namespace.h"
#include "vm/reader.h"
#include "vm/vm.h"

namespace folio {
namespace {

std::vector<std::string>& source_roots() {
  static std::vector<std::string> roots;
  return roots;
}
std::set<std::string>& loaded_libs() {
  static std::set<std::string> libs;
  return libs;
}

}  // namespace

const ReaderEnv& reader_env() {
  static ReaderEnv env = [] {
    ReaderEnv e;
    e.current_ns = [] { return std::string(string_view(symbol_name(ns_name(current_ns())))); };
    e.resolve_alias = [](std::string_view alias) -> std::string {
      Value target = ns_find_alias(current_ns(), make_symbol("", alias));
      if (target.is_nil()) target = find_ns(make_symbol("", alias));
      return target.is_nil() ? std::string() : symbol_str(ns_name(target));
    };
    e.resolve_symbol = [](Value sym) -> Value {
      Value v = resolve_var_symbol(sym);
      if (v.is_nil() && symbol_ns(sym).is_nil()) {  // a class: its full name, as the JVM reader does
        std::string cls = resolve_class_symbol(string_view(symbol_name(sym)));
        if (!cls.empty()) return make_symbol("", cls);
      }
      if (v.is_nil()) return kNil;
      return make_symbol(string_view(symbol_name(ns_name(slot(v, kVarNs)))),
                         string_view(symbol_name(slot(v, kVarSym))));
    };
    // #tag form: a fn from *data-readers*, else the built-in #inst/#uuid, else
    // *default-data-reader-fn* of tag and form (LispReader's order).
    e.read_tagged = [](Value tag, Value form) -> Value {
      static CachedCoreVar readers_var("*data-readers*"), default_var("*default-data-reader-fn*");
      auto value = [](Value var) { return var_root(var) == kUnbound ? kNil : var_value(var); };
      Value readers = value(readers_var.get());
      Value f = is_map(readers) ? map_get(readers, tag, kNil) : kNil;
      if (!f.is_nil()) return call_fn(f, form);
      if (symbol_ns(tag).is_nil() && (string_view(symbol_name(tag)) == "inst" || string_view(symbol_name(tag)) == "uuid"))
        return kNotFound;
      Value fallback = value(default_var.get());
      return fallback.is_nil() ? kNotFound : call_fn(fallback, tag, form);
    };
    return e;
  }();
  return env;
}

Value builtin_tagged(Value tag, Value form) {
  if (!symbol_ns(tag).is_nil()) return kNotFound;
  std::string_view name = string_view(symbol_name(tag));
  if (name != "inst" && name != "uuid") return kNotFound;
  return call_fn(var_value(resolve_var_symbol(make_symbol("folio.core", name))), form);
}

const ReaderEnv& data_reader_env() {
  static ReaderEnv env = [] {
    ReaderEnv e = reader_env();
    e.line_numbering = false;
    auto code_tagged = e.read_tagged;
    e.read_tagged = [code_tagged](Value tag, Value form) -> Value {
      Value v = code_tagged(tag, form);
      if (v != kNotFound) return v;
      v = builtin_tagged(tag, form);
      return v;
    };
    return e;
  }();
  return env;
}

void preserve_reader_conds(ReaderEnv& env) {
  env.preserve_cond = [](Value form, bool splicing) {
    static CachedCoreVar make{"reader-conditional"};  // stdlib/core_read.clj
    return call_fn(var_root(make.get()), form, Value::boolean(splicing));
  };
}

namespace {

bool read_whole_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

Value load_string(std::string_view src, const std::string& file, bool cljc) {
  std::string saved_file = current_file();
  set_current_file(file);
  struct Restore {
    std::string f;
    ~Restore() { set_current_file(f); }
  } restore{saved_file};
  Reader reader(src, file, &reader_env(), cljc);
  Value result = kNil, form = kNil;
  Root r1(result), r2(form);
  for (;;) {
    if (!reader.next(form)) break;
    result = eval(form);
  }
  return result;
}

Value load_file(const std::string& path) {
  std::string src;
  if (!read_whole_file(path, src))
    throw_error("java.io.FileNotFoundException", path + " (No such file or directory)");
  // Like clojure.lang.Compiler/load: *ns* is restored after the file, and
  // *file* names it meanwhile.
  Value bindings = map_assoc(empty_map(), core_var("*ns*"), current_ns());
  bindings = map_assoc(bindings, core_var("*file*"), make_string(path));
  VM& vm = VM::current();
  vm.push_bindings(bindings);
  struct Pop {
    VM& vm;
    ~Pop() { vm.pop_bindings(); }
  } pop{vm};
  bool cljc = path.size() > 5 && path.compare(path.size() - 5, 5, ".cljc") == 0;
  return load_string(src, path, cljc);
}

void add_source_root(const std::string& dir) { source_roots().push_back(dir); }

void load_resource(const std::string& rel, const std::function<void()>& before_load) {
  for (const std::string& root : source_roots()) {
    for (const char* ext : {".clj", ".cljc"}) {
      std::string path = (root.empty() ? std::string(".") : root) + "/" + rel + ext;
      std::ifstream probe(path);
      if (!probe) continue;
      if (before_load) before_load();
      load_file(path);
      return;
    }
  }
  throw_error("java.io.FileNotFoundException", "Could not locate " + rel + "__init.class, " + rel +
                                                   ".clj or " + rel + ".cljc on classpath.");
}

void load_lib(Value ns_sym) {
  std::string name = symbol_str(ns_sym);
  // Namespaces that exist already (built into the image, or loaded) load no file.
  if (loaded_libs().count(name) || !find_ns(ns_sym).is_nil()) return;
  std::string rel;
  for (char c : name) rel += c == '.' ? '/' : c == '-' ? '_' : c;
  load_resource(rel, [&] { loaded_libs().insert(name); });
}

}  // namespace folio
