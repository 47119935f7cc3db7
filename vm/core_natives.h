// core_natives.h - the natives of clojure.core and clojure.string.
//
// register_core_natives() adds them to the native registry (vm/native.h) in one
// fixed order: a native's id is its position, so every process of a build (and
// every heap image it made) agrees on what an id means. Boot (vm/boot.cpp)
// creates a Var per native. The natives live in vm/core_natives*.cpp, split
// by theme; the part of this header below `namespace natives` is internal to
// those files.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vm/object.h"
#include "vm/utf8.h"

namespace folio {

void register_core_natives();  // fixed order: ids are positions in the registry
void init_io_vars();           // every start: *out* / *err* / *in* roots for this process
void flush_stdout();           // writes out what *out* buffered for stdout
const char* stream_class_name(Value handle);  // the JVM class a stream handle stands for
// Blocks until fd has input. In a shared heap it waits at a safepoint every
// 5 ms, so a process waiting for input never holds up a global collection.
// Call it only where no unrooted Value is held (natives registered gc-safe).
void wait_readable(int fd);

// Writes text to the current value of *out* (or *err*): stdout (buffered),
// stderr (unbuffered) or a string writer. For the REPL and error printing.
void write_out(std::string_view s);
void write_err(std::string_view s);

// The one place where a reference cell (atom, ref, volatile...) changes a slot:
// stores `desired` iff the slot still holds `expected` (identity). The sharing
// work turns this into a cross-process compare-and-set.
bool cell_compare_and_set(Value cell, uint32_t slot, Value expected, Value desired);

namespace natives {  // ---- internal to vm/core_natives*.cpp

// One registration function per file, called by register_core_natives in order.
void register_seq_natives();
void register_chunk_natives();  // registered last: chunk-first chunk-rest ... chunk
void register_pred_natives();
void register_num_natives();
void register_tower_natives();      // +' bigint bigdec numerator ... (vm/core_natives_tower.cpp)
void register_unchecked_natives();  // unchecked-*-int, unchecked casts, short, byte
void register_str_natives();
void register_regex_natives();
void register_io_natives();
void register_cell_natives();
// ARef.validate and notifyWatches, for every IRef (vm/threads.cpp's agents too).
void ref_validate(Value validator, Value v);
void ref_notify_watches(Value ref, Value old, Value now);
// A deftype's or reify's implementation of a JVM interface's method
// (stdlib/core_proto.clj, interface-protocols), or nil: ("java.lang.Object",
// "toString", x) is str's.
Value interface_method(const char* iface, const char* method, Value x);
void register_promise_natives();  // promise deliver, deref of a promise (vm/core_natives_promise.cpp)
void register_var_natives();
void register_misc_natives();
void register_sorted_natives();  // vm/treemap_natives.cpp
void register_read_natives();    // vm/core_natives_read.cpp
void register_file_natives();    // vm/core_natives_file.cpp
void register_deftype_natives(); // vm/deftype.cpp
void register_array_natives();   // vm/core_natives_array.cpp

// Where reading a stream takes its next form (core_natives_io.cpp): the text
// and the position in it, for stdin (its buffer, which more_stdin() extends)
// or a string reader. stream_source is false when src is neither.
struct ReadSource {
  std::string* text;
  size_t* at;
  bool is_stdin;
};
bool stream_source(Value src, ReadSource& out);
bool more_stdin();

// Stream handles (core_natives_io.cpp documents them).
enum HandleKind : int64_t {
  kStdout = 1, kStderr = 2, kStringWriter = 3, kStdin = 4, kStringReader = 5, kFileWriter = 6
};
int64_t handle_kind(Value h);  // 0 when h is not a stream
void write_to(Value w, std::string_view s);  // IOException once closed
Value core_out_var();  // clojure.core/*out*
Value new_string_writer();  // a java.io.StringWriter
std::string string_writer_text(Value w);  // what was written to it
void flush_writer(Value w);                  // a file writer's text goes to its file
Value open_text_reader(std::string text);    // a reader over text (with-in-str, io/reader)
Value open_file_writer(const std::string& path, bool append);
void close_stream(Value x);  // .close: flushes writers; readers read no more
// Files (core_natives_file.cpp): FileNotFoundException as the JVM words it.
std::string read_file(const std::string& path);
void write_file(const std::string& path, std::string_view text, bool append);
inline void append_file(const std::string& path, std::string_view text) { write_file(path, text, true); }

// A native that may run Clojure code (realizing a lazy seq while hashing,
// comparing or printing) before it is done reading its args copies them
// first: when it is called from C++ (apply, swap!, sort...) its args sit
// above the VM's top frame, where a nested call's frame lands.
// (One arg is read once, before anything runs: no copy is needed then.)
struct ArgsCopy {
  Value small[8];
  std::vector<Value> big;
  ArgsCopy(Value*& a, uint32_t n) {
    if (n < 2) return;
    if (n <= 8) {
      for (uint32_t i = 0; i < n; ++i) small[i] = a[i];
      a = small;
    } else {
      big.assign(a, a + n);
      a = big.data();
    }
  }
  ArgsCopy(const ArgsCopy&) = delete;
  ArgsCopy& operator=(const ArgsCopy&) = delete;
};

// Errors with the JVM's classes and messages.
[[noreturn]] void throw_cast(Value v, const char* to);  // ClassCastException (NPE for nil)
[[noreturn]] void throw_npe(std::string_view msg = {});  // message nil when empty
[[noreturn]] void throw_arg(std::string msg);            // IllegalArgumentException

// Java's toString, as clojure.core/str uses it (nil -> "").
void append_str(std::string& out, Value v);
std::string to_str(Value v);
// Java's hashCode for the values whose hashCode Clojure programs can observe.
int32_t java_hash(Value v);

// A String argument (ClassCastException to `to` otherwise, NPE for nil).
std::string_view str_arg(Value v, const char* to = "java.lang.String");
// RT.intCast for index arguments: int-range longs, doubles truncated, chars.
int64_t index_arg(Value v);
// A seq over xs (an ArraySeq over a fresh Array), or nil when xs is empty.
Value array_seq_of(const std::vector<Value>& xs);
// Elements of a seqable, in seq order.
void seq_items(Value coll, std::vector<Value>& out);

// clojure.core/compare (sort recognises it and compares without calling it).
Value native_compare(Value* args, uint32_t nargs);

// UTF-8 helpers: code points <-> UTF-8.
std::u32string utf8_to_u32(std::string_view s);
using ::folio::append_utf8;
std::string u32_to_utf8(std::u32string_view s);

}  // namespace natives
}  // namespace folio
