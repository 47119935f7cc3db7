// verify.cpp - checks bytecode that did not come from this process's compiler.
//
// A fn arriving from another process or node is heap data like any other, so
// before it runs, every instruction is checked against its proto: registers
// below the register count, constants and captures in range and of the kind
// the opcode expects, jumps landing on instructions, no fall-through off the
// end. The interpreter then needs no checks of its own on its hot path.
#include "vm/verify.h"

#include <string>
#include <vector>

#include "vm/collections.h"
#include "vm/fn.h"

namespace folio {
namespace {

struct Checker {
  std::string error;
  int depth = 0;

  bool fail(Value proto, uint32_t pc, const std::string& what) {
    Value name = slot(proto, kProtoName);
    error = (is(name, Type::kString) ? std::string(string_view(name)) : std::string("fn")) + " at " +
            std::to_string(pc) + ": " + what;
    return false;
  }

  bool fndef(Value def) {
    if (!is(def, Type::kFnDef) || nslots(def) < kFnFixed0) return (error = "not a FnDef"), false;
    if (++depth > 200) return (error = "fns nested too deeply"), false;
    Value ncap = slot(def, kFnNCaptured);
    if (!ncap.is_fixnum() || ncap.fixnum_value() < 0 || ncap.fixnum_value() > 65535)
      return (error = "bad capture count"), false;
    uint32_t ncaptured = uint32_t(ncap.fixnum_value());
    Value v = slot(def, kFnVariadic);
    if (!v.is_nil() && !proto(v, ncaptured)) return false;
    for (uint32_t i = 0; i < fndef_nfixed(def); ++i)
      if (!proto(slot(def, kFnFixed0 + i), ncaptured)) return false;
    --depth;
    return true;
  }

  bool proto(Value p, uint32_t ncaptured) {
    if (!is(p, Type::kProto) || nslots(p) < kProtoSlots) return (error = "not a Proto"), false;
    if (!is(slot(p, kProtoCode), Type::kBytes) || !is(slot(p, kProtoConsts), Type::kArray) ||
        !slot(p, kProtoInfo).is_fixnum())
      return (error = "malformed Proto"), false;
    ProtoInfo info = proto_info(p);
    uint32_t nregs = info.nregs;
    if (nregs > 256 || info.nparams + (info.variadic ? 1 : 0) > nregs) return fail(p, 0, "bad register count");
    uint64_t nbytes = bytes_size(slot(p, kProtoCode));
    if (nbytes % 4 || nbytes == 0) return fail(p, 0, "code size is not whole instructions");
    uint32_t n = uint32_t(nbytes / 4);
    const Instr* code = proto_code(p);
    Value consts = slot(p, kProtoConsts);
    uint32_t nk = nslots(consts);
    auto reg = [&](unsigned r) { return r < nregs; };
    auto jump_ok = [&](uint32_t pc, int off) {
      int64_t t = int64_t(pc) + 1 + off;
      return t >= 0 && t < int64_t(n);
    };
    for (uint32_t pc = 0; pc < n; ++pc) {
      Instr i = code[pc];
      Op op = op_of(i);
      unsigned a = arg_a(i), b = arg_b(i), c = arg_c(i), bx = arg_bx(i);
      if (op >= OP_COUNT) return fail(p, pc, "unknown opcode");
      switch (op) {
        case OP_MOVE: case OP_NOT: case OP_INC: case OP_DEC:
          if (!reg(a) || !reg(b)) return fail(p, pc, "register out of range");
          break;
        case OP_ADD: case OP_SUB: case OP_MUL: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        case OP_NUMEQ: case OP_EQUIV: case OP_IDENTICAL:
          if (!reg(a) || !reg(b) || !reg(c)) return fail(p, pc, "register out of range");
          break;
        case OP_IFLT: case OP_IFLE: case OP_IFGT: case OP_IFGE: case OP_IFNUMEQ: case OP_IFEQUIV:
          if (!reg(a) || !reg(b)) return fail(p, pc, "register out of range");
          if (pc + 1 >= n || op_of(code[pc + 1]) != OP_JMP) return fail(p, pc, "compare without its jump");
          if (pc + 2 >= n) return fail(p, pc, "compare skips past the end");  // skipping the JMP lands at n
          break;
        case OP_IFLTK: case OP_IFLEK: case OP_IFGTK: case OP_IFGEK: case OP_IFNUMEQK:
          if (!reg(a) || b >= nk) return fail(p, pc, "operand out of range");
          if (pc + 1 >= n || op_of(code[pc + 1]) != OP_JMP) return fail(p, pc, "compare without its jump");
          if (pc + 2 >= n) return fail(p, pc, "compare skips past the end");  // skipping the JMP lands at n
          break;
        case OP_LOADK:
          if (!reg(a) || bx >= nk) return fail(p, pc, "constant out of range");
          break;
        case OP_LOADI: case OP_LOADNIL: case OP_LOADBOOL: case OP_SELF: case OP_THROW: case OP_RETURN:
          if (!reg(a)) return fail(p, pc, "register out of range");
          break;
        case OP_GETUPVAL:
          if (!reg(a) || b >= ncaptured) return fail(p, pc, "capture out of range");
          break;
        case OP_GETVAR: case OP_DEF: case OP_SETMETA:
          if (!reg(a) || bx >= nk || !is(slot(consts, bx), Type::kVar)) return fail(p, pc, "expected a Var constant");
          break;
        case OP_CLOSURE: {
          if (!reg(a) || bx >= nk) return fail(p, pc, "constant out of range");
          Value def = slot(consts, bx);
          if (!fndef(def)) return false;
          uint32_t caps = uint32_t(slot(def, kFnNCaptured).fixnum_value());
          if (pc + caps >= n) return fail(p, pc, "captures run past the end");
          for (uint32_t k = 1; k <= caps; ++k) {
            Instr cap = code[pc + k];
            unsigned kind = arg_a(cap), idx = arg_b(cap);
            if (op_of(cap) != OP_CAPTURE || kind > 2 || (kind == 0 && !reg(idx)) ||
                (kind == 1 && idx >= ncaptured))
              return fail(p, pc + k, "bad capture");
          }
          pc += caps;
          break;
        }
        case OP_CAPTURE: return fail(p, pc, "capture outside a closure");
        case OP_SETCAP:
          if (!reg(a) || !reg(c)) return fail(p, pc, "register out of range");
          break;
        case OP_CALL: case OP_TAILCALL:
          if (a + b >= nregs) return fail(p, pc, "call arguments out of range");
          break;
        case OP_JMP:
          if (!jump_ok(pc, arg_sbx(i))) return fail(p, pc, "jump out of range");
          break;
        case OP_JMPF: case OP_JMPT: case OP_TRY:
          if (!reg(a) || !jump_ok(pc, arg_sbx(i))) return fail(p, pc, "jump out of range");
          break;
        case OP_ENDTRY: break;
        case OP_ISA:
          if (a + 1 >= nregs || bx >= nk || !is(slot(consts, bx), Type::kString))
            return fail(p, pc, "bad class test");
          break;
        case OP_CASE: {
          if (!reg(a) || bx >= nk || !is_map(slot(consts, bx))) return fail(p, pc, "bad case table");
          for (Value s = seq(slot(consts, bx)); !s.is_nil(); s = next(s)) {
            Value off = nth(first(s), 1);
            if (!off.is_fixnum() || !jump_ok(pc, int(off.fixnum_value())))
              return fail(p, pc, "case jump out of range");
          }
          if (pc + 1 >= n || op_of(code[pc + 1]) != OP_JMP) return fail(p, pc, "case without default jump");
          break;
        }
        default: return fail(p, pc, "unknown opcode");
      }
    }
    Op last = op_of(code[n - 1]);
    if (last != OP_RETURN && last != OP_JMP && last != OP_THROW) return fail(p, n - 1, "code falls off the end");
    return handlers(p, code, n);
  }

  // Handlers of this frame (TRY pushes one, ENDTRY pops one) along every
  // path from pc 0: each instruction is reached with one depth, ENDTRY has a
  // handler of this frame to pop (not the caller's, not none), and TAILCALL,
  // which drops the frame but not its handlers, has none. Runs after the
  // loop above, so every target is an instruction in range.
  bool handlers(Value p, const Instr* code, uint32_t n) {
    std::vector<int> depth(n, -1);
    std::vector<uint32_t> work;
    auto reach = [&](int64_t to, int d) {
      if (depth[size_t(to)] < 0) {
        depth[size_t(to)] = d;
        work.push_back(uint32_t(to));
        return true;
      }
      return depth[size_t(to)] == d || fail(p, uint32_t(to), "reached with different try depths");
    };
    if (!reach(0, 0)) return false;
    while (!work.empty()) {
      uint32_t at = work.back();
      work.pop_back();
      Instr i = code[at];
      int d = depth[at];
      int64_t next = int64_t(at) + 1, target = next + arg_sbx(i);
      switch (op_of(i)) {
        case OP_RETURN: case OP_THROW: break;
        case OP_JMP:
          if (!reach(target, d)) return false;
          break;
        case OP_JMPF: case OP_JMPT:
          if (!reach(next, d) || !reach(target, d)) return false;
          break;
        case OP_TRY:  // the handler runs with this handler popped
          if (!reach(next, d + 1) || !reach(target, d)) return false;
          break;
        case OP_ENDTRY:
          if (d == 0) return fail(p, at, "ENDTRY without a TRY");
          if (!reach(next, d - 1)) return false;
          break;
        case OP_TAILCALL:
          if (d != 0) return fail(p, at, "tail call inside a try");
          if (!reach(next, d)) return false;
          break;
        case OP_IFLT: case OP_IFLE: case OP_IFGT: case OP_IFGE: case OP_IFNUMEQ: case OP_IFEQUIV:
        case OP_IFLTK: case OP_IFLEK: case OP_IFGTK: case OP_IFGEK: case OP_IFNUMEQK:
          if (!reach(next, d) || !reach(next + 1, d)) return false;
          break;
        case OP_CASE: {
          Value table = slot(slot(p, kProtoConsts), arg_bx(i));
          for (Value s = seq(table); !s.is_nil(); s = folio::next(s))
            if (!reach(next + int32_t(nth(first(s), 1).fixnum_value()), d)) return false;  // as the loop reads it
          if (!reach(next, d)) return false;
          break;
        }
        case OP_CLOSURE:
          if (!reach(next + slot(slot(slot(p, kProtoConsts), arg_bx(i)), kFnNCaptured).fixnum_value(), d))
            return false;
          break;
        default:
          if (!reach(next, d)) return false;
      }
    }
    return true;
  }
};

}  // namespace

bool verify_fn(Value fn_or_def, std::string* error) {
  Checker c;
  Value def = is(fn_or_def, Type::kClosure) ? closure_def(fn_or_def) : fn_or_def;
  bool ok = c.fndef(def);
  if (!ok && error) *error = c.error;
  if (ok && is(fn_or_def, Type::kClosure) &&
      nslots(fn_or_def) != kClosureCaptured0 + slot(def, kFnNCaptured).fixnum_value()) {
    if (error) *error = "closure has the wrong number of captured values";
    return false;
  }
  return ok;
}

}  // namespace folio
