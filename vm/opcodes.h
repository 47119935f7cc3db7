// opcodes.h - the Folio instruction set, in one place.
//
// A register machine in the style of Lua 5.4: each fn arity (a Proto) has up to
// 256 registers; parameters arrive in R[0..n-1]. Instructions are 32 bits:
//
//   iABC   op:8 | A:8 | B:8 | C:8
//   iABx   op:8 | A:8 | Bx:16          (unsigned)
//   iAsBx  op:8 | A:8 | sBx:16         (signed jump offset, relative to the next pc)
//
// K[i] is constant i of the proto (its consts Array); U[i] is captured value i
// of the running closure. Jumps are relative to the instruction after the jump.
// Bytecode that did not come from this build's compiler is checked by
// verify.cpp before it runs (register, constant, capture and jump bounds).
#pragma once
#include <cstdint>

namespace folio {

#define FOLIO_OPCODES(X)                                                          \
  X(MOVE, ABC)      /* R[A] = R[B]                                             */ \
  X(LOADK, ABx)     /* R[A] = K[Bx]                                            */ \
  X(LOADI, AsBx)    /* R[A] = sBx (a small long)                               */ \
  X(LOADNIL, ABC)   /* R[A] = nil                                              */ \
  X(LOADBOOL, ABC)  /* R[A] = B != 0                                           */ \
  X(GETUPVAL, ABC)  /* R[A] = U[B]                                             */ \
  X(SELF, ABC)      /* R[A] = the running closure (named fn's own name)        */ \
  X(GETVAR, ABx)    /* R[A] = value of Var K[Bx] (thread binding, else root)   */ \
  X(DEF, ABx)       /* root of Var K[Bx] = R[A]; R[A] = the Var                */ \
  X(SETMETA, ABx)   /* meta of Var K[Bx] = R[A]                                */ \
  X(CLOSURE, ABx)   /* R[A] = closure of FnDef K[Bx]; captures follow as       */ \
                    /*   CAPTURE words, one per captured value                 */ \
  X(CAPTURE, ABC)   /* pseudo-op: capture A=0 R[B], A=1 U[B], A=2 own closure */ \
  X(SETCAP, ABC)    /* U-slot B of closure R[A] = R[C]   (letfn cycles)        */ \
  X(CALL, ABC)      /* R[A] = R[A](R[A+1] .. R[A+B])                           */ \
  X(TAILCALL, ABC)  /* return R[A](R[A+1] .. R[A+B]) reusing this frame        */ \
  X(RETURN, ABC)    /* return R[A]                                             */ \
  X(JMP, AsBx)      /* pc += sBx                                               */ \
  X(JMPF, AsBx)     /* if R[A] is nil or false: pc += sBx                      */ \
  X(JMPT, AsBx)     /* if R[A] is neither: pc += sBx                           */ \
  X(ADD, ABC)       /* R[A] = R[B] + R[C]  (clojure.core/+ inlined)            */ \
  X(SUB, ABC)       /* R[A] = R[B] - R[C]                                      */ \
  X(MUL, ABC)       /* R[A] = R[B] * R[C]                                      */ \
  X(LT, ABC)        /* R[A] = R[B] <  R[C]                                     */ \
  X(LE, ABC)        /* R[A] = R[B] <= R[C]                                     */ \
  X(GT, ABC)        /* R[A] = R[B] >  R[C]                                     */ \
  X(GE, ABC)        /* R[A] = R[B] >= R[C]                                     */ \
  X(NUMEQ, ABC)     /* R[A] = R[B] == R[C]                                     */ \
  X(EQUIV, ABC)     /* R[A] = (= R[B] R[C])                                    */ \
  X(IDENTICAL, ABC) /* R[A] = (identical? R[B] R[C])                           */ \
  X(INC, ABC)       /* R[A] = R[B] + 1                                         */ \
  X(DEC, ABC)       /* R[A] = R[B] - 1                                         */ \
  X(NOT, ABC)       /* R[A] = (not R[B])                                       */ \
  X(IFLT, ABC)      /* if R[A] <  R[B]: skip the next instruction (a JMP)      */ \
  X(IFLE, ABC)      /* if R[A] <= R[B]: skip the next instruction              */ \
  X(IFGT, ABC)      /* if R[A] >  R[B]: skip the next instruction              */ \
  X(IFGE, ABC)      /* if R[A] >= R[B]: skip the next instruction              */ \
  X(IFNUMEQ, ABC)   /* if R[A] == R[B]: skip the next instruction              */ \
  X(IFEQUIV, ABC)   /* if (= R[A] R[B]): skip the next instruction             */ \
  X(IFLTK, ABC)     /* if R[A] <  K[B]: skip the next instruction (a JMP)      */ \
  X(IFLEK, ABC)     /* if R[A] <= K[B]: skip the next instruction              */ \
  X(IFGTK, ABC)     /* if R[A] >  K[B]: skip the next instruction              */ \
  X(IFGEK, ABC)     /* if R[A] >= K[B]: skip the next instruction              */ \
  X(IFNUMEQK, ABC)  /* if R[A] == K[B]: skip the next instruction              */ \
  X(THROW, ABC)     /* throw R[A]                                              */ \
  X(TRY, AsBx)      /* push handler: on a throw, R[A] = exception, pc += sBx   */ \
  X(ENDTRY, ABC)    /* pop the innermost handler                               */ \
  X(ISA, ABx)       /* R[A] = (instance? class-name K[Bx] R[A+1])              */ \
  X(CASE, ABx)      /* pc += K[Bx][R[A]] (a map of constant -> offset), or the */ \
                    /*   offset in the JMP that follows when absent            */

enum Op : uint8_t {
#define X(name, fmt) OP_##name,
  FOLIO_OPCODES(X)
#undef X
      OP_COUNT
};

enum class OpFormat { ABC, ABx, AsBx };

extern const char* const kOpNames[OP_COUNT];
extern const OpFormat kOpFormats[OP_COUNT];

using Instr = uint32_t;

constexpr Instr make_abc(Op op, unsigned a, unsigned b, unsigned c) {
  return Instr(op) | (a << 8) | (b << 16) | (c << 24);
}
constexpr Instr make_abx(Op op, unsigned a, unsigned bx) { return Instr(op) | (a << 8) | (bx << 16); }
constexpr Instr make_asbx(Op op, unsigned a, int sbx) {
  return Instr(op) | (a << 8) | (uint32_t(uint16_t(int16_t(sbx))) << 16);
}
constexpr Op op_of(Instr i) { return Op(i & 0xff); }
constexpr unsigned arg_a(Instr i) { return (i >> 8) & 0xff; }
constexpr unsigned arg_b(Instr i) { return (i >> 16) & 0xff; }
constexpr unsigned arg_c(Instr i) { return i >> 24; }
constexpr unsigned arg_bx(Instr i) { return i >> 16; }
constexpr int arg_sbx(Instr i) { return int16_t(uint16_t(i >> 16)); }

// Proto info word (a fixnum in the Proto's info slot).
struct ProtoInfo {
  unsigned nparams;  // fixed parameters
  bool variadic;     // one more register gets the rest seq
  unsigned nregs;    // registers the frame needs
  static ProtoInfo decode(int64_t w) {
    return {unsigned(w & 0xff), bool((w >> 8) & 1), unsigned((w >> 16) & 0x1ff)};
  }
  int64_t encode() const { return int64_t(nparams) | (int64_t(variadic) << 8) | (int64_t(nregs) << 16); }
};

}  // namespace folio
