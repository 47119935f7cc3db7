// compiler.h - forms to bytecode: special forms, macroexpansion, eval and load.
#pragma once
#include <string>
#include <string_view>

#include "vm/object.h"

namespace folio {

// Compiles one top-level form into a closure of no arguments.
Value compile_toplevel(Value form);
// Expands, splits top-level `do`, compiles and runs, as Clojure's eval does.
Value eval(Value form);
Value macroexpand_1(Value form);
Value macroexpand(Value form);
// Reads and evaluates every form of `src`; returns the last value.
Value load_string(std::string_view src, const std::string& file, bool cljc = false);
Value load_file(const std::string& path);  // binds *ns* and *file* while loading

// How the runtime resolves names for the reader (current ns, aliases, syntax-quote).
const struct ReaderEnv& reader_env();
// For reading data (read-string, read): as reader_env, but like the JVM reading
// a plain PushbackReader (no positions), and #inst/#uuid give their values.
const struct ReaderEnv& data_reader_env();
// read's and read-string's :read-cond :preserve: reader conditionals read as
// clojure.core/reader-conditional objects.
void preserve_reader_conds(struct ReaderEnv& env);
// The value of #inst or #uuid form (kNotFound for other tags).
Value builtin_tagged(Value tag, Value form);

// The file being compiled (for line tables and errors).
std::string current_file();
void set_current_file(const std::string& file);

// A JVM exception class name for a symbol users write in catch (ArithmeticException,
// java.lang.Exception, clojure.lang.ExceptionInfo), or "" when unknown.
std::string resolve_class_name(std::string_view name);
bool class_isa(std::string_view cls, std::string_view ancestor);

}  // namespace folio
