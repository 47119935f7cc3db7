// test_command.cpp - `folio test [PATH...]`: finds the namespaces declared in
// the .clj/.cljc files under PATHs (default: test), loads them with each PATH
// as a source root, and runs clojure.test on the ones that define tests
// (folio.test-runner/run, stdlib/test_runner.clj). Exit 0 when all pass, 1 on a
// failure or error, 2 on bad usage.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.h"
#include "vm/boot.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/namespace.h"
#include "vm/reader.h"
#include "vm/runtime.h"

namespace folio {
namespace {

namespace fs = std::filesystem;

bool is_source(const fs::path& p) { return p.extension() == ".clj" || p.extension() == ".cljc"; }

// The name in the file's leading (ns name ...) form, or "" if it has none.
std::string declared_ns(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string src = ss.str();
  Reader reader(src, path, &reader_env(), fs::path(path).extension() == ".cljc");
  Value form = kNil;
  Root r(form);
  while (reader.next(form)) {
    if (!(is(form, Type::kList) && is(first(form), Type::kSymbol))) continue;
    Value head = first(form);
    if (symbol_ns(head).is_nil() && string_view(symbol_name(head)) == "ns") {
      Value name = first(next(form));
      return is(name, Type::kSymbol) ? symbol_str(name) : "";
    }
  }
  return "";
}

// The source root a file of namespace ns lives under: path minus a/b_c.clj.
std::string root_of(const fs::path& file, const std::string& ns) {
  std::string rel;
  for (char c : ns) rel += c == '.' ? '/' : c == '-' ? '_' : c;
  std::string p = file.lexically_normal().replace_extension().string();
  if (p.size() >= rel.size() && p.compare(p.size() - rel.size(), rel.size(), rel) == 0) {
    std::string root = p.substr(0, p.size() - rel.size());
    return root.empty() ? "." : root;
  }
  return file.parent_path().empty() ? "." : file.parent_path().string();
}

}  // namespace

int run_test_command(const std::vector<std::string>& args) {
  std::vector<std::string> paths = args;
  if (paths.empty()) paths.push_back("test");
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!p.empty() && p[0] == '-') {
      std::cerr << "folio test: unknown option " << p << "\nUsage: folio test [PATH...]\n";
      return 2;
    }
    if (fs::is_directory(p, ec)) {
      add_source_root(p);
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec))
        if (it->is_regular_file() && is_source(it->path())) found.push_back(it->path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec) && is_source(p)) {
      files.push_back(p);
    } else {
      std::cerr << "folio test: " << p
                << (fs::exists(p, ec) ? " is not a .clj/.cljc file or a directory" : ": no such file or directory")
                << "\nUsage: folio test [PATH...]\n";
      return 2;
    }
  }
  bool ok = false;
  int status = run_guarded([&] {
    std::vector<std::string> nss;
    for (const std::string& f : files) {
      std::string ns = declared_ns(f);
      if (ns.empty() || std::find(nss.begin(), nss.end(), ns) != nss.end()) continue;
      add_source_root(root_of(f, ns));
      if (find_ns(make_symbol("", ns)).is_nil()) load_file(f);  // unless a file loaded before required it
      nss.push_back(ns);
    }
    Value is_test_ns = var_value(resolve_var_symbol(make_symbol("folio.test-runner/test-namespace?")));
    std::vector<std::string> tested;
    for (const std::string& ns : nss) {
      Value n = find_ns(make_symbol("", ns));
      if (!n.is_nil() && call_fn(is_test_ns, n).truthy()) tested.push_back(ns);
    }
    std::vector<Value> syms;  // no Clojure code runs (so no collection) until they are in a vector
    for (const std::string& ns : tested) syms.push_back(make_symbol("", ns));
    Value summary = vector_from(syms.data(), syms.size());
    Value run = var_value(resolve_var_symbol(make_symbol("folio.test-runner/run")));
    Root r(summary);
    summary = call_fn(run, summary);
    ok = call_fn(var_value(resolve_var_symbol(make_symbol("clojure.test/successful?"))), summary).truthy();
  });
  return status ? status : ok ? 0 : 1;
}

}  // namespace folio
