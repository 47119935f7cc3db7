// disasm.cpp - (folio.core/disasm f): a fn's bytecode as text, for people
// tuning the compiler or reading what a form compiles to.
#include <cstdio>
#include <string>

#include "vm/collections.h"
#include "vm/fn.h"
#include "vm/native.h"
#include "vm/runtime.h"

namespace folio {
namespace {

void disasm_proto(std::string& out, Value p, int depth);

void disasm_def(std::string& out, Value def, int depth) {
  std::string indent(size_t(depth) * 2, ' ');
  out += indent + "fn " + (is(slot(def, kFnName), Type::kString) ? std::string(string_view(slot(def, kFnName))) : "?") +
         ", captures " + std::to_string(slot(def, kFnNCaptured).fixnum_value()) + "\n";
  for (uint32_t i = 0; i < fndef_nfixed(def); ++i) disasm_proto(out, slot(def, kFnFixed0 + i), depth + 1);
  if (!slot(def, kFnVariadic).is_nil()) disasm_proto(out, slot(def, kFnVariadic), depth + 1);
}

void disasm_proto(std::string& out, Value p, int depth) {
  std::string indent(size_t(depth) * 2, ' ');
  ProtoInfo info = proto_info(p);
  out += indent + "arity " + std::to_string(info.nparams) + (info.variadic ? "+rest" : "") + ", registers " +
         std::to_string(info.nregs) + "\n";
  const Instr* code = proto_code(p);
  Value consts = slot(p, kProtoConsts);
  std::vector<Value> nested;
  for (uint32_t pc = 0; pc < proto_ninstr(p); ++pc) {
    Instr i = code[pc];
    Op op = op_of(i);
    char buf[96];
    const char* name = op < OP_COUNT ? kOpNames[op] : "?";
    switch (op < OP_COUNT ? kOpFormats[op] : OpFormat::ABC) {
      case OpFormat::ABC: std::snprintf(buf, sizeof buf, "%4u  %-10s %3u %3u %3u", pc, name, arg_a(i), arg_b(i), arg_c(i)); break;
      case OpFormat::ABx: std::snprintf(buf, sizeof buf, "%4u  %-10s %3u %7u", pc, name, arg_a(i), arg_bx(i)); break;
      case OpFormat::AsBx:
        std::snprintf(buf, sizeof buf, "%4u  %-10s %3u %+7d", pc, name, arg_a(i), arg_sbx(i));
        break;
    }
    out += indent + buf;
    if (op < OP_COUNT && kOpFormats[op] == OpFormat::ABx && arg_bx(i) < nslots(consts)) {
      Value k = slot(consts, arg_bx(i));
      if (is(k, Type::kFnDef)) {
        nested.push_back(k);
        out += "    ; fn";
      } else {
        std::string text = pr_str(k);
        if (text.size() > 60) text = text.substr(0, 57) + "...";
        out += "    ; " + text;
      }
    } else if (op < OP_COUNT && kOpFormats[op] == OpFormat::AsBx && op != OP_LOADI) {
      out += "    ; to " + std::to_string(int(pc) + 1 + arg_sbx(i));
    }
    out += "  (line " + std::to_string(proto_line(p, pc)) + ")\n";
  }
  for (Value d : nested) disasm_def(out, d, depth + 1);
}

Value n_disasm(Value* a, uint32_t) {
  Value f = a[0];
  if (is(f, Type::kVar)) f = slot(f, kVarRoot);
  std::string out;
  if (is(f, Type::kClosure)) disasm_def(out, closure_def(f), 0);
  else if (is(f, Type::kFnDef)) disasm_def(out, f, 0);
  else throw_error("java.lang.IllegalArgumentException", "disasm needs a fn compiled to bytecode, got: " + pr_str(f));
  return make_string(out);
}

const NativeDef kNatives[] = {
    {"folio.core", "disasm", n_disasm, 1, 1, false},
};

}  // namespace

void register_disasm_natives() { register_natives(kNatives, 1); }

}  // namespace folio
