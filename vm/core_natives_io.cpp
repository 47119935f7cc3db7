// core_natives_io.cpp - output, input and files.
//   clojure.core: pr prn print println newline flush pr-str prn-str print-str
//     println-str read-line folio-new-string-writer folio-writer-str
//     folio-new-string-reader (files: core_natives_file.cpp)
//
// *out*, *err* and *in* hold node-local handles (Type::kNodeLocal, flag
// heap::kNodeLocal): [kind fix, handle fix] with kind
//   1 stdout   2 stderr   3 string writer   4 stdin   5 string reader   6 file writer
// A file writer is a string writer whose text is appended to its file at each
// flush (and at close).
// A string writer's text (a string reader's text and position) lives in this
// process, in a table keyed by the handle; the heap's on_free_node_local hook
// drops the entry when the collector frees the handle. Handles carry a
// per-process salt, so a handle from another process never aliases ours.
// stdout is buffered here: flushed at a newline when stdout is a terminal, by
// (flush), before reading stdin, before writing stderr, at exit and past
// 64 KiB. *flush-on-newline* is approximated by that policy. stderr is not
// buffered.
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <typeinfo>
#include <unordered_map>

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/runtime.h"
#include "vm/threads.h"
#include "vm/vm.h"

namespace folio {
namespace natives {
namespace {


struct Io {
  std::string out_buf;
  int tty = -1;  // stdout is a terminal (-1: not asked yet)
  std::string in_buf;
  size_t in_pos = 0;
  bool in_eof = false;
  std::unordered_map<int64_t, std::string> writers;
  std::unordered_map<int64_t, std::string> file_paths;  // file writers' files
  std::unordered_map<int64_t, std::pair<std::string, size_t>> readers;
  int64_t next_handle = 0;
};

Io& io() {
  static Io s;
  return s;
}

int64_t new_handle() {
  static const int64_t salt = int64_t(std::random_device{}() & 0xFFFFF) << 32;
  return salt | ++io().next_handle;
}

Value make_handle(int64_t kind, int64_t handle) {
  Value v = g_heap->ref(g_heap->alloc(uint8_t(Type::kNodeLocal), 2, heap::kNodeLocal));
  init_slot(v, 0, Value::fixnum(kind));
  init_slot(v, 1, Value::fixnum(handle));
  return v;
}

// Releases a string writer/reader's text when the collector frees its handle.
struct FreeHook {
  std::function<void(heap::Obj*)> prev;
  void operator()(heap::Obj* o) const {
    if (o->h.type == uint8_t(Type::kNodeLocal) && o->h.nwords >= 2) {
      int64_t kind = o->slots()[0].fixnum_value(), h = o->slots()[1].fixnum_value();
      if (kind == kStringWriter || kind == kFileWriter) io().writers.erase(h);
      if (kind == kFileWriter) io().file_paths.erase(h);
      if (kind == kStringReader) io().readers.erase(h);
    }
    if (prev) prev(o);
  }
};

Value out_var() {
  static CachedCoreVar v{"*out*"};
  return v.get();
}
Value err_var() {
  static CachedCoreVar v{"*err*"};
  return v.get();
}
Value in_var() {
  static CachedCoreVar v{"*in*"};
  return v.get();
}

bool stdout_tty() {
  if (io().tty < 0) io().tty = isatty(1) ? 1 : 0;
  return io().tty == 1;
}

void write_fd(int fd, std::string_view s) {
  while (!s.empty()) {
    ssize_t n = ::write(fd, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // EPIPE and friends: the output is gone
    }
    s.remove_prefix(size_t(n));
  }
}

void stdout_write(std::string_view s) {
  std::string& b = io().out_buf;
  b += s;
  if (b.size() > (64u << 10) || (stdout_tty() && s.find('\n') != std::string_view::npos)) flush_stdout();
}

Value current_out() { return var_value(out_var()); }

// Prints xs separated by spaces into out; on a throw (a lazy seq failing while
// printed) writes what was printed before, as a JVM Writer would have.
void print_args(Value* a, uint32_t n, bool readably, const char* end) {
  ArgsCopy keep(a, n);
  PrintSettings settings(&readably);
  std::string s;
  Value w = current_out();
  try {
    for (uint32_t i = 0; i < n; ++i) {
      if (i) s += ' ';
      print_value(s, a[i], readably);
    }
  } catch (const Thrown&) {
    write_to(w, s);
    throw;
  }
  s += end;
  write_to(w, s);
}

Value n_pr(Value* a, uint32_t n) {
  print_args(a, n, true, "");
  return kNil;
}
Value n_prn(Value* a, uint32_t n) {
  print_args(a, n, true, "\n");
  return kNil;
}
Value n_print(Value* a, uint32_t n) {
  print_args(a, n, false, "");
  return kNil;
}
Value n_println(Value* a, uint32_t n) {
  print_args(a, n, false, "\n");
  return kNil;
}
Value n_newline(Value*, uint32_t) {
  write_to(current_out(), "\n");
  return kNil;
}
Value n_flush(Value*, uint32_t) {
  flush_writer(current_out());
  return kNil;
}

Value print_to_string(Value* a, uint32_t n, bool readably, const char* end) {
  ArgsCopy keep(a, n);
  PrintSettings settings(&readably);
  std::string s;
  for (uint32_t i = 0; i < n; ++i) {
    if (i) s += ' ';
    print_value(s, a[i], readably);
  }
  s += end;
  return make_string(s);
}

Value n_pr_str(Value* a, uint32_t n) { return print_to_string(a, n, true, ""); }
Value n_prn_str(Value* a, uint32_t n) { return print_to_string(a, n, true, "\n"); }
Value n_print_str(Value* a, uint32_t n) { return print_to_string(a, n, false, ""); }
Value n_println_str(Value* a, uint32_t n) { return print_to_string(a, n, false, "\n"); }

Value n_new_string_writer(Value*, uint32_t) {
  int64_t h = new_handle();
  io().writers.emplace(h, std::string());
  return make_handle(kStringWriter, h);
}

// (folio-print-default x w dup?) print-method's (print-dup's) :default method:
// writes x to w as the printer prints it (stdlib/core_io.clj).
Value n_print_default(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  static CachedCoreVar readably_var{"*print-readably*"};
  bool readably = var_value(readably_var.get()).truthy();
  std::string s;
  print_default(s, a[0], readably, n > 2 && a[2].truthy());
  write_to(a[1], s);
  return kNil;
}

// (folio-writer-str w) the text written to string writer w; (folio-writer-str
// w true) takes it, leaving w empty (how pprint collects what dispatch fns print).
Value n_writer_str(Value* a, uint32_t n) {
  if (handle_kind(a[0]) != kStringWriter) throw_cast(a[0], "java.io.StringWriter");
  auto it = io().writers.find(slot(a[0], 1).fixnum_value());
  if (it == io().writers.end()) return make_string("");
  Value text = make_string(it->second);
  if (n > 1 && a[1].truthy()) it->second.clear();
  return text;
}

Value n_new_string_reader(Value* a, uint32_t) { return open_text_reader(std::string(str_arg(a[0]))); }

// BufferedReader.readLine over text[pos..]: \n, \r and \r\n end a line.
bool take_line(std::string_view text, size_t& pos, std::string& line) {
  if (pos >= text.size()) return false;
  size_t e = text.find_first_of("\r\n", pos);
  if (e == std::string_view::npos) {
    line.assign(text.substr(pos));
    pos = text.size();
    return true;
  }
  line.assign(text.substr(pos, e - pos));
  pos = e + 1;
  if (text[e] == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
  return true;
}

// Appends what one read(2) of stdin gives to the buffer; false at end of input.
bool fill_stdin() {
  Io& s = io();
  if (s.in_eof) return false;
  char buf[65536];
  ssize_t n;
  wait_readable(0);
  do n = ::read(0, buf, sizeof buf);
  while (n < 0 && errno == EINTR);
  if (n <= 0) s.in_eof = true;
  else s.in_buf.append(buf, size_t(n));
  return n > 0;
}

bool stdin_line(std::string& line) {
  Io& s = io();
  flush_stdout();
  for (;;) {
    size_t e = s.in_buf.find_first_of("\r\n", s.in_pos);
    // A \r at the very end may be the first half of \r\n: read more first.
    bool complete = e != std::string::npos && !(s.in_buf[e] == '\r' && e + 1 == s.in_buf.size() && !s.in_eof);
    if (complete || s.in_eof) {
      bool got = take_line(s.in_buf, s.in_pos, line);
      if (s.in_pos > (1u << 16)) {
        s.in_buf.erase(0, s.in_pos);
        s.in_pos = 0;
      }
      return got;
    }
    fill_stdin();
  }
}

Value n_read_line(Value*, uint32_t) {
  Value in = var_value(in_var());
  std::string line;
  bool got;
  switch (in.is_nil() ? kStdin : handle_kind(in)) {
    case kStdin: got = stdin_line(line); break;
    case kStringReader: {
      auto it = io().readers.find(slot(in, 1).fixnum_value());
      if (it == io().readers.end()) throw_error("java.io.IOException", "Stream closed");
      got = take_line(it->second.first, it->second.second, line);
      break;
    }
    default: throw_cast(in, "java.io.BufferedReader");
  }
  return got ? make_string(line) : kNil;
}

const NativeDef kIo[] = {
    {"clojure.core", "pr", n_pr, 0, -1, false},
    {"clojure.core", "prn", n_prn, 0, -1, false},
    {"clojure.core", "print", n_print, 0, -1, false},
    {"clojure.core", "println", n_println, 0, -1, false},
    {"clojure.core", "newline", n_newline, 0, 0, true},
    {"clojure.core", "flush", n_flush, 0, 0, true},
    {"clojure.core", "pr-str", n_pr_str, 0, -1, false},
    {"clojure.core", "prn-str", n_prn_str, 0, -1, false},
    {"clojure.core", "print-str", n_print_str, 0, -1, false},
    {"clojure.core", "println-str", n_println_str, 0, -1, false},
    {"clojure.core", "read-line", n_read_line, 0, 0, true},
    {"clojure.core", "folio-new-string-writer", n_new_string_writer, 0, 0, true},
    {"clojure.core", "folio-writer-str", n_writer_str, 1, 2, true},
    {"clojure.core", "folio-print-default", n_print_default, 2, 3, false},
    {"clojure.core", "folio-new-string-reader", n_new_string_reader, 1, 1, true},
};

void flush_at_exit() { flush_stdout(); }

}  // namespace

void register_io_natives() { register_natives(kIo, sizeof kIo / sizeof kIo[0]); }

bool more_stdin() { return fill_stdin(); }

int64_t handle_kind(Value h) { return is(h, Type::kNodeLocal) ? slot(h, 0).fixnum_value() : 0; }

void write_to(Value w, std::string_view s) {
  switch (w.is_nil() ? kStdout : handle_kind(w)) {
    case kStdout: stdout_write(s); return;
    case kStderr:
      flush_stdout();
      write_fd(2, s);
      return;
    case kStringWriter:
    case kFileWriter: {
      auto it = io().writers.find(slot(w, 1).fixnum_value());
      if (it == io().writers.end()) throw_error("java.io.IOException", "Stream closed");
      it->second += s;
      return;
    }
    default: throw_cast(w, "java.io.Writer");
  }
}

void flush_writer(Value w) {
  switch (w.is_nil() ? kStdout : handle_kind(w)) {
    case kStdout: flush_stdout(); return;
    case kFileWriter: {
      int64_t h = slot(w, 1).fixnum_value();
      auto it = io().writers.find(h);
      if (it == io().writers.end()) throw_error("java.io.IOException", "Stream closed");
      append_file(io().file_paths[h], it->second);
      it->second.clear();
      return;
    }
    default: return;
  }
}

Value open_text_reader(std::string text) {
  int64_t h = new_handle();
  io().readers.emplace(h, std::make_pair(std::move(text), size_t(0)));
  return make_handle(kStringReader, h);
}

Value open_file_writer(const std::string& path, bool append) {
  write_file(path, "", append);  // creates or empties it now, as FileWriter does
  int64_t h = new_handle();
  io().writers.emplace(h, std::string());
  io().file_paths.emplace(h, path);
  return make_handle(kFileWriter, h);
}

void close_stream(Value x) {
  int64_t h = handle_kind(x) ? slot(x, 1).fixnum_value() : 0;
  switch (handle_kind(x)) {
    case kStdout: flush_stdout(); return;
    case kStringReader: io().readers.erase(h); return;
    case kFileWriter:
      if (!io().writers.count(h)) return;  // closing twice is allowed
      flush_writer(x);
      io().writers.erase(h);
      io().file_paths.erase(h);
      return;
    case kStderr: case kStdin: case kStringWriter: return;
    default: throw_arg("No matching method close found taking 0 args for class " + std::string(class_name(x)));
  }
}

bool stream_source(Value src, ReadSource& out) {
  if (src.is_nil() || handle_kind(src) == kStdin) {
    out = ReadSource{&io().in_buf, &io().in_pos, true};
    return true;
  }
  if (handle_kind(src) != kStringReader) return false;
  auto it = io().readers.find(slot(src, 1).fixnum_value());
  if (it == io().readers.end()) throw_error("java.io.IOException", "Stream closed");
  out = ReadSource{&it->second.first, &it->second.second, false};
  return true;
}

Value core_out_var() { return out_var(); }

Value new_string_writer() { return n_new_string_writer(nullptr, 0); }

std::string string_writer_text(Value w) {
  auto it = io().writers.find(slot(w, 1).fixnum_value());
  return it == io().writers.end() ? std::string() : it->second;
}

}  // namespace natives

using namespace natives;

void wait_readable(int fd) {
  // Only shared and replicated heaps, and processes with threads, have others to wait for.
  if (!g_heap->publishes() && !threads_started()) return;
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    int r;
    {
      GilRelease let_others_run;
      r = poll(&p, 1, 5);
    }
    if (r != 0) return;
    VM::current().safepoint();
  }
}

const char* stream_class_name(Value h) {
  switch (handle_kind(h)) {
    case kStdout: return "java.io.OutputStreamWriter";
    case kStderr: return "java.io.PrintWriter";
    case kStdin: return "clojure.lang.LineNumberingPushbackReader";
    case kStringWriter: return "java.io.StringWriter";
    case kStringReader: return "java.io.StringReader";
    case kFileWriter: return "java.io.BufferedWriter";
    default: return "java.lang.Object";
  }
}

void flush_stdout() {
  std::string& b = io().out_buf;
  if (b.empty()) return;
  write_fd(1, b);
  b.clear();
}

void write_out(std::string_view s) { write_to(var_value(out_var()), s); }
void write_err(std::string_view s) { write_to(var_value(err_var()), s); }

void init_io_vars() {
  static bool at_exit = false;
  if (!at_exit) {
    at_exit = true;
    std::atexit(flush_at_exit);
  }
  if (g_heap->on_free_node_local.target_type() != typeid(FreeHook))
    g_heap->on_free_node_local = FreeHook{g_heap->on_free_node_local};
  struct {
    Value var;
    int64_t kind;
  } vars[] = {{out_var(), kStdout}, {err_var(), kStderr}, {in_var(), kStdin}};
  for (auto& v : vars) {
    if (!(var_flags(v.var) & kVarDynamic)) set_slot(v.var, kVarFlags, Value::fixnum(var_flags(v.var) | kVarDynamic));
    var_set_root(v.var, make_handle(v.kind, 0));
  }
  io().tty = -1;
}

}  // namespace folio
