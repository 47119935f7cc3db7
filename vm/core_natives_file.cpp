// core_natives_file.cpp - files and the streams scripts open on them.
//   clojure.core: slurp spit folio-file-reader folio-file-writer folio-close
//     folio-flush-writer folio-write folio-delete-file
// A file reader reads the whole file when opened and is then a string reader
// (so read-line, line-seq, read and edn/read work on it); a file writer is
// created (or emptied) when opened and gets its text at each flush and at
// close (clojure.java.io, with-open, .write/.close shims in vm/interop.cpp).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/native.h"
#include "vm/runtime.h"

namespace folio::natives {

namespace {

[[noreturn]] void file_not_found(std::string_view path, int err) {
  throw_error("java.io.FileNotFoundException", std::string(path) + " (" + std::strerror(err) + ")");
}

void write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    ssize_t n = ::write(fd, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_error("java.io.IOException", std::strerror(errno));
    }
    s.remove_prefix(size_t(n));
  }
}

// Options after the path: keyword/value pairs (:append true, :encoding ...).
bool option(Value* a, uint32_t n, uint32_t from, const char* key) {
  for (uint32_t i = from; i + 1 < n; i += 2)
    if (a[i] == keyword(key)) return a[i + 1].truthy();
  return false;
}

std::string path_arg(Value v) {
  if (!is(v, Type::kString)) throw_arg("Cannot open <" + pr_str(v) + "> as an InputStream.");
  return std::string(string_view(v));
}

Value n_slurp(Value* a, uint32_t) { return make_string(read_file(path_arg(a[0]))); }

Value n_spit(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  write_file(path_arg(a[0]), to_str(a[1]), option(a, n, 2, "append"));
  return kNil;
}

// (folio-file-reader path) (folio-file-writer path append?)
Value n_file_reader(Value* a, uint32_t) { return open_text_reader(read_file(path_arg(a[0]))); }
Value n_file_writer(Value* a, uint32_t n) { return open_file_writer(path_arg(a[0]), n > 1 && a[1].truthy()); }

Value n_close(Value* a, uint32_t) {
  close_stream(a[0]);
  return kNil;
}

// (folio-delete-file path) => true, or false if it could not be deleted.
Value n_delete_file(Value* a, uint32_t) { return Value::boolean(::remove(path_arg(a[0]).c_str()) == 0); }

Value n_flush_writer(Value* a, uint32_t) {
  flush_writer(a[0]);
  return kNil;
}

// (.write w x): a string, or an int as one char, as Writer.write does.
Value n_write(Value* a, uint32_t) {
  if (is(a[1], Type::kString)) {
    write_to(a[0], string_view(a[1]));
  } else if (a[1].is_fixnum() || a[1].is_char()) {
    std::string s;
    append_utf8(s, int32_t(a[1].is_char() ? a[1].char_value() : a[1].fixnum_value()));
    write_to(a[0], s);
  } else {
    throw_arg("No matching method write found taking 1 args for class " + std::string(class_name(a[0])));
  }
  return kNil;
}

const NativeDef kFile[] = {
    {"clojure.core", "slurp", n_slurp, 1, -1, true},
    {"clojure.core", "spit", n_spit, 2, -1, false},
    {"clojure.core", "folio-file-reader", n_file_reader, 1, 1, true},
    {"clojure.core", "folio-file-writer", n_file_writer, 1, 2, true},
    {"clojure.core", "folio-close", n_close, 1, 1, true},
    {"clojure.core", "folio-flush-writer", n_flush_writer, 1, 1, true},
    {"clojure.core", "folio-write", n_write, 2, 2, true},
    {"clojure.core", "folio-delete-file", n_delete_file, 1, 1, true},
};

}  // namespace

std::string read_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) file_not_found(path, errno);
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    file_not_found(path, EISDIR);
  }
  std::string text;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, size_t(n));
  }
  ::close(fd);
  return text;
}

void write_file(const std::string& path, std::string_view text, bool append) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
  if (fd < 0) file_not_found(path, errno);
  struct Close {
    int fd;
    ~Close() { ::close(fd); }
  } closer{fd};
  write_all(fd, text);
}

void register_file_natives() { register_natives(kFile, sizeof kFile / sizeof kFile[0]); }

}  // namespace folio::natives
