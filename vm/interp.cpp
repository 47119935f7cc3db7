// interp.cpp - the bytecode interpreter loop, calls, returns and handlers.
#include <sys/mman.h>

#include <algorithm>
#include <cstring>

#include "vm/collections.h"
#include "vm/deftype.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/promise.h"
#include "vm/threads.h"
#include "vm/transient.h"
#include "vm/vm.h"

namespace folio {
namespace {

constexpr uint32_t kStackSlots = uint32_t(1) << 22;  // 32 MiB of address space, touched as used
constexpr uint32_t kMaxDepth = 100000;

thread_local VM* t_vm = nullptr;

}  // namespace

VM::VM() {
  void* p = mmap(nullptr, size_t(kStackSlots) * sizeof(Value), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  stack_ = static_cast<Value*>(p);
  stack_cap_ = kStackSlots;
  frames_.reserve(1024);
  if (!t_vm) {
    t_vm = this;
    set_stack_limit_here();
    gil_acquire();
    register_vm(this);
  }
}

VM::~VM() {
  munmap(stack_, size_t(stack_cap_) * sizeof(Value));
  if (t_vm == this) {
    unregister_vm(this);
    t_vm = nullptr;
    gil_release();
  }
}

VM& VM::current() { return *t_vm; }

void VM::mark_roots(heap::Heap::Marker& m) {
  uint32_t top = std::max(frames_.empty() ? 0 : frames_.back().top, native_top_);
  for (uint32_t i = 0; i < top; ++i) m.mark(stack_[i]);
  for (const Frame& f : frames_) {
    m.mark(f.closure);
    m.mark(f.proto);
  }
  for (Value v : bindings_) m.mark(v);
  for (Value* r : roots) m.mark(*r);
  for (Value v : held_sends) m.mark(v);
}

// Every thread's roots are marked (mark_thread_roots), so a collection waits
// until no thread is parked inside a gc-unsafe native.
void VM::maybe_collect() {
  ++safepoint_polls;
  if (g_heap->take_interrupt()) gil_yield();
  if (nogc == 0 && g_heap->collect_due() && all_threads_gc_safe()) g_heap->collect();
}

void VM::reset_after_error() {
  native_top_ = 0;
  frames_.clear();
  handlers_.clear();
  bindings_.clear();
  binding_frames_.clear();
  roots.clear();
  held_sends.clear();
  conveyed_end_ = 0;
  nogc = 0;
}

// ---------------------------------------------------------------- bindings

void VM::push_bindings(Value map) {
  binding_frames_.push_back(bindings_.size());
  for (Value s = seq(map); !s.is_nil(); s = next(s)) {
    Value e = first(s);
    Value var = nth(e, 0), val = nth(e, 1);
    if (!is(var, Type::kVar) || !(var_flags(var) & kVarDynamic))
      throw_error("java.lang.IllegalStateException",
                  "Can't dynamically bind non-dynamic var: " + pr_str(var).substr(2));
    bindings_.push_back(var);
    bindings_.push_back(val);
  }
}

void VM::pop_bindings() {
  if (binding_frames_.empty())
    throw_error("java.lang.IllegalStateException", "Pop without matching push");
  bindings_.resize(binding_frames_.back());
  binding_frames_.pop_back();
  conveyed_end_ = std::min(conveyed_end_, bindings_.size());
}

Value VM::thread_bindings() const {
  Value m = empty_map();
  for (size_t i = 0; i + 1 < bindings_.size(); i += 2)
    if (is(bindings_[i], Type::kVar)) m = map_assoc(m, bindings_[i], bindings_[i + 1]);
  return m;
}

bool VM::find_binding(Value var, Value** where) {
  for (size_t i = bindings_.size(); i >= 2; i -= 2) {
    if (bindings_[i - 2] == var) {
      *where = &bindings_[i - 1];
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------- calls

std::string fn_display_name(Value f) {
  if (is(f, Type::kClosure)) {
    Value name = slot(closure_def(f), kFnName);
    if (is(name, Type::kString)) return std::string(string_view(name));
    return "fn";
  }
  if (is(f, Type::kNative)) {
    const NativeDef& d = native_def(f);
    return std::string(d.ns) + "/" + d.name;
  }
  const char* cn = class_name(f);
  return cn ? cn : "nil";
}

void throw_arity(Value f, uint32_t nargs) {
  throw_error("clojure.lang.ArityException",
              "Wrong number of args (" + std::to_string(nargs) + ") passed to: " + fn_display_name(f));
}

void VM::push_frame(Value closure, Value proto, uint32_t base, uint32_t nargs, bool entry,
                    bool rest_given) {
  ProtoInfo info = proto_info(proto);
  if (info.variadic && !rest_given) {
    // Arguments past the fixed ones become the rest seq (nil when there are none).
    Value rest = kNil;
    if (nargs > info.nparams) rest = list_from(&stack_[base + info.nparams], nargs - info.nparams);
    stack_[base + info.nparams] = rest;
    nargs = info.nparams + 1;
  }
  uint32_t top = base + info.nregs;
  if (top + 512 >= stack_cap_ || frames_.size() >= kMaxDepth)
    throw_error("java.lang.StackOverflowError", "");
  for (uint32_t i = base + nargs; i < top; ++i) stack_[i] = kNil;
  Value code = slot(proto, kProtoCode);
  frames_.push_back(Frame{closure, proto, reinterpret_cast<const Instr*>(bytes_data(code)),
                          array_data(slot(proto, kProtoConsts)), 0, base, top, entry});
}

// Picks the arity of closure `c` for `nargs` arguments.
static Value select_arity(Value c, uint32_t nargs) {
  Value def = closure_def(c);
  uint32_t nfixed = fndef_nfixed(def);
  for (uint32_t i = 0; i < nfixed; ++i) {
    Value p = slot(def, kFnFixed0 + i);
    if (proto_info(p).nparams == nargs) return p;
  }
  Value v = slot(def, kFnVariadic);
  if (!v.is_nil() && nargs >= proto_info(v).nparams) return v;
  throw_arity(c, nargs);
}

bool VM::invoke(uint32_t fslot, uint32_t nargs, bool entry) {
  Value f = stack_[fslot];
  if (is(f, Type::kClosure)) {
    push_frame(f, select_arity(f, nargs), fslot + 1, nargs, entry);
    return true;
  }
  stack_[fslot] = apply_non_closure(f, &stack_[fslot + 1], nargs);
  return false;
}

Value apply_non_closure(Value f, Value* args, uint32_t nargs) {
  if (is(f, Type::kNative)) {
    const NativeDef& d = native_def(f);
    if (int(nargs) < d.min_args || (d.max_args >= 0 && int(nargs) > d.max_args)) throw_arity(f, nargs);
    if (d.gc_safe) return d.fn(args, nargs);
    VM& vm = VM::current();
    ++vm.nogc;
    struct Restore {
      VM& vm;
      ~Restore() { --vm.nogc; }
    } restore{vm};
    return d.fn(args, nargs);
  }
  if (f.is_ref()) {
    switch (type_of_obj(f)) {
      case Type::kKeyword:
      case Type::kSymbol:
        if (nargs == 1) return get(args[0], f, kNil);
        if (nargs == 2) return get(args[0], f, args[1]);
        throw_arity(f, nargs);
      case Type::kArrayMap:
      case Type::kHashMap:
      case Type::kTreeMap:
        if (nargs == 1) return map_get(f, args[0], kNil);
        if (nargs == 2) return map_get(f, args[0], args[1]);
        throw_arity(f, nargs);
      case Type::kHashSet:
      case Type::kTreeSet:
        if (nargs == 1) return set_get(f, args[0], kNil);
        throw_arity(f, nargs);
      case Type::kVector:
        if (nargs == 1) {
          if (!is_long(args[0])) throw_error("java.lang.IllegalArgumentException", "Key must be integer");
          return vector_nth(f, long_value(args[0]));
        }
        throw_arity(f, nargs);
      case Type::kPromise:  // (p v) delivers, as clojure.core/promise's reify does
        if (nargs == 1) return promise_deliver(f, args[0]) ? f : kNil;
        throw_arity(f, nargs);
      case Type::kTransient: {  // a transient vector, map or set is a fn like its contents
        Value inner = transient_view(f);
        return apply_non_closure(inner, args, nargs);
      }
      case Type::kDeftype: {  // one implementing IFn's invoke
        Value r;
        if (deftype_invoke(f, args, nargs, &r)) return r;
        break;
      }
      case Type::kVar: {
        Value* bound;
        Value target = (var_flags(f) & kVarDynamic) && VM::current().find_binding(f, &bound)
                           ? *bound
                           : var_root(f);
        if (target == kUnbound)
          throw_error("java.lang.IllegalStateException",
                      "Attempting to call unbound fn: " + pr_str(f));
        return call_fn(target, args, nargs);
      }
      default:
        break;
    }
  }
  const char* cn = class_name(f);
  if (!cn) throw_error("java.lang.NullPointerException", "Cannot invoke nil as a fn");
  throw_error("java.lang.ClassCastException",
              std::string("class ") + cn + " cannot be cast to class clojure.lang.IFn");
}

Value VM::call(Value f, const Value* args, uint32_t nargs) {
  check_stack();  // natives calling Clojure calling natives...: each nests a C++ run
  uint32_t fslot = std::max(frames_.empty() ? 0 : frames_.back().top, native_top_);
  if (fslot + nargs + 2 >= stack_cap_) throw_error("java.lang.StackOverflowError", "");
  stack_[fslot] = f;
  if (nargs) std::memmove(&stack_[fslot + 1], args, nargs * sizeof(Value));
  struct Reserve {
    uint32_t& top;
    uint32_t saved;
    ~Reserve() { top = saved; }
  } reserve{native_top_, native_top_};
  native_top_ = fslot + nargs + 1;
  if (!invoke(fslot, nargs, true)) return stack_[fslot];
  native_top_ = reserve.saved;  // the new frame now covers the arguments
  return run_loop();
}

Value VM::call_with_rest(Value f, const Value* fixed, uint32_t n, Value rest) {
  Value proto = slot(closure_def(f), kFnVariadic);
  if (proto.is_nil() || proto_info(proto).nparams != n) throw_arity(f, n + 1);
  uint32_t fslot = std::max(frames_.empty() ? 0 : frames_.back().top, native_top_);
  if (fslot + n + 3 >= stack_cap_) throw_error("java.lang.StackOverflowError", "");
  stack_[fslot] = f;
  for (uint32_t i = 0; i < n; ++i) stack_[fslot + 1 + i] = fixed[i];
  stack_[fslot + 1 + n] = rest;
  push_frame(f, proto, fslot + 1, n + 1, true, true);
  return run_loop();
}

Value call_fn(Value f, const Value* args, uint32_t nargs) { return VM::current().call(f, args, nargs); }

// ---------------------------------------------------------------- handlers

// Unwinds to the innermost handler pushed at or above frame `floor`.
bool VM::handle(Value exc, size_t floor) {
  while (!handlers_.empty()) {
    Handler h = handlers_.back();
    if (h.frame < floor) return false;
    handlers_.pop_back();
    frames_.resize(h.frame + 1);
    frames_.back().pc = h.pc;
    stack_[h.reg] = exc;
    return true;
  }
  return false;
}

Value VM::raw_trace() const {
  Value a = make_array(uint32_t(frames_.size() * 2));
  uint32_t j = 0;
  for (size_t i = frames_.size(); i-- > 0;) {
    const Frame& f = frames_[i];
    init_slot(a, j++, f.proto);
    init_slot(a, j++, Value::fixnum(proto_line(f.proto, f.pc ? f.pc - 1 : 0)));
  }
  return a;
}

// ---------------------------------------------------------------- the loop

Value VM::run_loop() {
  size_t floor = frames_.size() - 1;  // this run's entry frame
  const int nogc_at_entry = nogc;
  for (;;) {
    try {
      Frame* fr = &frames_.back();
      Value* R = stack_ + fr->base;
      const Instr* code = fr->code;
      const Value* K = fr->k;
      const Instr* ip = code + fr->pc;  // a pointer: one register, no index arithmetic
#define RELOAD()              \
  fr = &frames_.back();       \
  R = stack_ + fr->base;      \
  code = fr->code;            \
  K = fr->k;                  \
  ip = code + fr->pc
#define SAVE() fr->pc = uint32_t(ip - code)
      // Threaded dispatch: each handler jumps straight to the next one.
      static const void* const kLabels[OP_COUNT + 1] = {
#define X(name, fmt) &&L_OP_##name,
          FOLIO_OPCODES(X)
#undef X
          &&L_BAD};
#define NEXT()                                                    \
  do {                                                            \
    i = *ip++;                                                    \
    goto* kLabels[op_of(i) < OP_COUNT ? op_of(i) : int(OP_COUNT)]; \
  } while (0)
      Instr i;
      NEXT();
      {
          L_OP_MOVE: R[arg_a(i)] = R[arg_b(i)]; NEXT();
          L_OP_LOADK: R[arg_a(i)] = K[arg_bx(i)]; NEXT();
          L_OP_LOADI: R[arg_a(i)] = Value::fixnum(arg_sbx(i)); NEXT();
          L_OP_LOADNIL: R[arg_a(i)] = kNil; NEXT();
          L_OP_LOADBOOL: R[arg_a(i)] = Value::boolean(arg_b(i) != 0); NEXT();
          L_OP_GETUPVAL: R[arg_a(i)] = closure_captured(fr->closure, arg_b(i)); NEXT();
          L_OP_SELF: R[arg_a(i)] = fr->closure; NEXT();
          L_OP_GETVAR: {
            Value var = K[arg_bx(i)];
            Value v = slot(var, kVarRoot);
            if (int64_t fl = var_flags(var); fl & (kVarDynamic | kVarNodeLocal)) {
              Value* b;
              v = (fl & kVarDynamic) && find_binding(var, &b) ? *b : var_root(var);
            }
            if (v == kUnbound) {
              SAVE();
              throw_error("java.lang.IllegalStateException", "Var " + pr_str(var).substr(2) + " is unbound.");
            }
            R[arg_a(i)] = v;
            NEXT();
          }
          L_OP_DEF: {
            Value var = K[arg_bx(i)];
            var_set_root(var, R[arg_a(i)]);
            R[arg_a(i)] = var;
            NEXT();
          }
          L_OP_SETMETA: set_slot(K[arg_bx(i)], kVarMeta, R[arg_a(i)]); NEXT();
          L_OP_CLOSURE: {
            Value def = K[arg_bx(i)];
            uint32_t n = uint32_t(slot(def, kFnNCaptured).fixnum_value());
            SAVE();
            Value c = alloc_slots(Type::kClosure, kClosureCaptured0 + n);
            init_slot(c, kClosureDef, def);
            for (uint32_t j = 0; j < n; ++j) {
              Instr cap = *ip++;
              unsigned kind = arg_a(cap);
              init_slot(c, kClosureCaptured0 + j,
                        kind == 0   ? R[arg_b(cap)]
                        : kind == 1 ? closure_captured(fr->closure, arg_b(cap))
                                    : fr->closure);
            }
            R[arg_a(i)] = c;
            NEXT();
          }
          L_OP_CAPTURE: NEXT();  // consumed by CLOSURE
          L_OP_SETCAP: {
            // The verifier cannot know what R[A] holds: bytecode from another
            // node must not reach past a closure's captures into anything else.
            Value c = R[arg_a(i)];
            if (!is(c, Type::kClosure) || kClosureCaptured0 + arg_b(i) >= nslots(c)) {
              SAVE();
              throw_error("java.lang.IllegalStateException", "bad bytecode: SETCAP on something that is not a closure's capture");
            }
            set_slot(c, kClosureCaptured0 + arg_b(i), R[arg_c(i)]);
            NEXT();
          }
          L_OP_CALL: {
            uint32_t fslot = fr->base + arg_a(i);
            uint32_t nargs = arg_b(i);
            Value f = stack_[fslot];
            SAVE();
            if (f.is_ref()) {
              Obj* fo = obj(f);
              if (fo->h.type == uint8_t(Type::kNative)) {
                // Natives are called here directly; on a throw, the catch below
                // restores nogc to its value at entry of this run.
                const NativeDef& d = g_native_table[size_t(fo->slots()[0].fixnum_value())];
                if (int(nargs) < d.min_args || (d.max_args >= 0 && int(nargs) > d.max_args)) throw_arity(f, nargs);
                if (!d.gc_safe) ++nogc;
                Value r = d.fn(&stack_[fslot + 1], nargs);
                if (!d.gc_safe) --nogc;
                stack_[fslot] = r;
                NEXT();
              }
              if (fo->h.type == uint8_t(Type::kClosure)) {
                Value def = fo->slots()[kClosureDef];
                Value p0 = slot(def, kFnFixed0 < nslots(def) ? kFnFixed0 : kFnVariadic);
                Value p = !p0.is_nil() && proto_info(p0).nparams == nargs && !proto_info(p0).variadic
                              ? p0
                              : select_arity(f, nargs);
                push_frame(f, p, fslot + 1, nargs, false);
                if (g_heap->gc_wanted()) maybe_collect();
                RELOAD();
                NEXT();
              }
            }
            if (invoke(fslot, nargs, false)) {
              if (g_heap->gc_wanted()) maybe_collect();
              RELOAD();
            }
            NEXT();
          }
          L_OP_TAILCALL: {
            uint32_t a = arg_a(i), n = arg_b(i);
            Value f = R[a];
            if (is(f, Type::kClosure) && !fr->entry) {
              // Reuse this frame: move fn and args down to where our fn sat.
              uint32_t fslot = fr->base - 1;
              std::memmove(&stack_[fslot], &R[a], (n + 1) * sizeof(Value));
              frames_.pop_back();
              push_frame(f, select_arity(f, n), fslot + 1, n, false);
              if (g_heap->gc_wanted()) maybe_collect();
              RELOAD();
              NEXT();
            }
            SAVE();
            uint32_t fslot = fr->base + a;
            if (invoke(fslot, n, false)) {
              RELOAD();
              NEXT();
            }
            R[a] = stack_[fslot];
          }
          L_OP_RETURN: {
            Value result = R[arg_a(i)];
            bool entry = fr->entry;
            uint32_t fslot = fr->base - 1;
            while (!handlers_.empty() && handlers_.back().frame >= frames_.size() - 1) handlers_.pop_back();
            frames_.pop_back();
            stack_[fslot] = result;
            if (entry) return result;
            RELOAD();
            NEXT();
          }
          L_OP_JMP: {
            int off = arg_sbx(i);
            ip += off;
            if (off < 0 && g_heap->gc_wanted()) {
              SAVE();
              maybe_collect();
            }
            NEXT();
          }
          L_OP_JMPF: if (!R[arg_a(i)].truthy()) ip += arg_sbx(i); NEXT();
          L_OP_JMPT: if (R[arg_a(i)].truthy()) ip += arg_sbx(i); NEXT();
          L_OP_ADD: {
            Value b = R[arg_b(i)], c = R[arg_c(i)];
            int64_t r;
            if (b.is_fixnum() && c.is_fixnum() && !__builtin_add_overflow(int64_t(b.w), int64_t(c.w), &r)) {
              R[arg_a(i)] = Value::raw(uint64_t(r));
            } else {
              SAVE();
              R[arg_a(i)] = num_add(b, c);
            }
            NEXT();
          }
          L_OP_SUB: {
            Value b = R[arg_b(i)], c = R[arg_c(i)];
            int64_t r;
            if (b.is_fixnum() && c.is_fixnum() && !__builtin_sub_overflow(int64_t(b.w), int64_t(c.w), &r)) {
              R[arg_a(i)] = Value::raw(uint64_t(r));
            } else {
              SAVE();
              R[arg_a(i)] = num_sub(b, c);
            }
            NEXT();
          }
          L_OP_MUL: SAVE(); R[arg_a(i)] = num_mul(R[arg_b(i)], R[arg_c(i)]); NEXT();
#define COMPARE(OPNAME, CMP, SLOW)                                                      \
  L_##OPNAME: {                                                                         \
    Value b = R[arg_b(i)], c = R[arg_c(i)];                                             \
    if (b.is_fixnum() && c.is_fixnum()) {                                               \
      R[arg_a(i)] = Value::boolean(int64_t(b.w) CMP int64_t(c.w));                      \
    } else {                                                                            \
      SAVE();                                                                           \
      R[arg_a(i)] = Value::boolean(SLOW);                                               \
    }                                                                                   \
    NEXT();                                                                              \
  }
          COMPARE(OP_LT, <, num_lt(b, c))
          COMPARE(OP_LE, <=, num_le(b, c))
          COMPARE(OP_GT, >, num_lt(c, b))
          COMPARE(OP_GE, >=, num_le(c, b))
          COMPARE(OP_NUMEQ, ==, num_eq(b, c))
#undef COMPARE
          L_OP_EQUIV: {
            Value b = R[arg_b(i)], c = R[arg_c(i)];
            if (b == c && !is_double(b)) {  // ##NaN is not = to itself
              R[arg_a(i)] = kTrue;
            } else if (!b.is_ref() && !c.is_ref()) {
              R[arg_a(i)] = kFalse;
            } else {
              SAVE();
              R[arg_a(i)] = Value::boolean(equiv(b, c));
              fr = &frames_.back();  // a deftype's equals ran Clojure: frames_ may have moved
            }
            NEXT();
          }
// Compare and skip the following JMP when true; the second operand is a
// register (IFxx) or a constant (IFxxK).
#define IFCOMPARE(OPNAME, CMP, SLOW, SECOND)                                            \
  L_##OPNAME: {                                                                         \
    Value b = R[arg_a(i)], c = SECOND[arg_b(i)];                                        \
    bool yes;                                                                           \
    if (b.is_fixnum() && c.is_fixnum()) {                                               \
      yes = int64_t(b.w) CMP int64_t(c.w);                                              \
    } else {                                                                            \
      SAVE();                                                                           \
      yes = SLOW;                                                                       \
    }                                                                                   \
    if (yes) ++ip;                                                                      \
    NEXT();                                                                             \
  }
          IFCOMPARE(OP_IFLT, <, num_lt(b, c), R)
          IFCOMPARE(OP_IFLE, <=, num_le(b, c), R)
          IFCOMPARE(OP_IFGT, >, num_lt(c, b), R)
          IFCOMPARE(OP_IFGE, >=, num_le(c, b), R)
          IFCOMPARE(OP_IFNUMEQ, ==, num_eq(b, c), R)
          IFCOMPARE(OP_IFLTK, <, num_lt(b, c), K)
          IFCOMPARE(OP_IFLEK, <=, num_le(b, c), K)
          IFCOMPARE(OP_IFGTK, >, num_lt(c, b), K)
          IFCOMPARE(OP_IFGEK, >=, num_le(c, b), K)
          IFCOMPARE(OP_IFNUMEQK, ==, num_eq(b, c), K)
#undef IFCOMPARE
          L_OP_IFEQUIV: {
            Value b = R[arg_a(i)], c = R[arg_b(i)];
            bool yes;
            if (b == c && !is_double(b)) {
              yes = true;
            } else if (!b.is_ref() && !c.is_ref()) {
              yes = false;
            } else {
              SAVE();
              yes = equiv(b, c);
              fr = &frames_.back();  // as in OP_EQUIV
            }
            if (yes) ++ip;
            NEXT();
          }
          L_OP_IDENTICAL: R[arg_a(i)] = Value::boolean(R[arg_b(i)] == R[arg_c(i)]); NEXT();
          L_OP_INC: {
            Value b = R[arg_b(i)];
            if (b.is_fixnum() && b.fixnum_value() < Value::kFixMax) {
              R[arg_a(i)] = Value::raw(b.w + 8);
            } else {
              SAVE();
              R[arg_a(i)] = num_inc(b);
            }
            NEXT();
          }
          L_OP_DEC: {
            Value b = R[arg_b(i)];
            if (b.is_fixnum() && b.fixnum_value() > Value::kFixMin) {
              R[arg_a(i)] = Value::raw(b.w - 8);
            } else {
              SAVE();
              R[arg_a(i)] = num_dec(b);
            }
            NEXT();
          }
          L_OP_NOT: R[arg_a(i)] = Value::boolean(!R[arg_b(i)].truthy()); NEXT();
          L_OP_THROW: {
            SAVE();
            Value e = R[arg_a(i)];
            if (!is_throwable(e))
              throw_error("java.lang.ClassCastException",
                          std::string("class ") + (class_name(e) ? class_name(e) : "nil") +
                              " cannot be cast to class java.lang.Throwable");
            throw Thrown{e};
          }
          L_OP_TRY:
            handlers_.push_back(Handler{uint32_t(frames_.size() - 1), uint32_t(ip - code + arg_sbx(i)),
                                        fr->base + arg_a(i)});
            NEXT();
          L_OP_ENDTRY: handlers_.pop_back(); NEXT();
          L_OP_ISA: {
            Value e = R[arg_a(i) + 1];
            std::string_view want = string_view(K[arg_bx(i)]);
            bool ok = false;
            if (is_throwable(e)) {
              extern bool class_isa(std::string_view cls, std::string_view ancestor);
              ok = class_isa(throwable_class(e), want);
            }
            R[arg_a(i)] = Value::boolean(ok);
            NEXT();
          }
          L_OP_CASE: {
            SAVE();
            Value off = map_get(K[arg_bx(i)], R[arg_a(i)], kNotFound);
            fr = &frames_.back();  // a deftype's hashCode or equals may have run Clojure
            if (off == kNotFound) NEXT();  // falls to the JMP to the default
            ip += int32_t(off.fixnum_value());
            NEXT();
          }
      L_BAD:
        SAVE();
        throw_error("java.lang.IllegalStateException", "bad opcode");
      }
#undef NEXT
#undef RELOAD
#undef SAVE
    } catch (Thrown& t) {
      nogc = nogc_at_entry;  // natives called directly above did not get to restore it
      extern void record_trace(Value exc, const VM& vm);
      record_trace(t.exc, *this);
      if (!handle(t.exc, floor)) {
        // Not handled in this run: drop its frames and pass the throw on.
        while (!handlers_.empty() && handlers_.back().frame >= floor) handlers_.pop_back();
        frames_.resize(floor);
        throw;
      }
    }
  }
}

}  // namespace folio
