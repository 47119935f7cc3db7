// fn.h - fns as heap data: Proto (one arity), FnDef (all arities), Closure.
//
// A Proto holds everything needed to run one arity: its bytecode (Bytes of
// 32-bit instructions), constants, register count, a line per instruction, and
// names for stack traces. A FnDef groups the arities of one `fn*` form; a
// Closure pairs a FnDef with the values it captured. None of them holds an
// address, so a fn defined in one process is callable in any process mapping
// the heap.
#pragma once
#include "vm/object.h"
#include "vm/opcodes.h"

namespace folio {

enum ProtoSlot : uint32_t { kProtoCode, kProtoConsts, kProtoInfo, kProtoLines, kProtoName, kProtoFile, kProtoSlots };
enum FnDefSlot : uint32_t { kFnName, kFnNCaptured, kFnVariadic, kFnFixed0 };
enum ClosureSlot : uint32_t { kClosureDef, kClosureMeta, kClosureCaptured0 };

inline ProtoInfo proto_info(Value p) { return ProtoInfo::decode(slot(p, kProtoInfo).fixnum_value()); }
inline const Instr* proto_code(Value p) {
  return reinterpret_cast<const Instr*>(bytes_data(slot(p, kProtoCode)));
}
inline uint32_t proto_ninstr(Value p) { return uint32_t(bytes_size(slot(p, kProtoCode)) / 4); }
inline int proto_line(Value p, uint32_t pc) {
  Value lines = slot(p, kProtoLines);
  if (lines.is_nil() || (pc + 1) * 4 > bytes_size(lines)) return 0;
  return reinterpret_cast<const int32_t*>(bytes_data(lines))[pc];
}
// A new Proto: its code, a line per instruction, its constants.
inline Value make_proto(const Instr* code, size_t n, const int32_t* lines, const Value* consts, size_t nconsts,
                        ProtoInfo info, std::string_view name, std::string_view file) {
  Value c = make_bytes(code, n * sizeof(Instr));
  Value l = make_bytes(lines, n * sizeof(int32_t));
  Value k = make_array(uint32_t(nconsts));
  for (size_t i = 0; i < nconsts; ++i) init_slot(k, uint32_t(i), consts[i]);
  Value p = alloc_slots(Type::kProto, kProtoSlots);
  init_slot(p, kProtoCode, c);
  init_slot(p, kProtoConsts, k);
  init_slot(p, kProtoInfo, Value::fixnum(info.encode()));
  init_slot(p, kProtoLines, l);
  init_slot(p, kProtoName, make_string(name));
  init_slot(p, kProtoFile, make_string(file));
  return p;
}
inline uint32_t fndef_nfixed(Value d) { return nslots(d) - kFnFixed0; }
inline Value closure_def(Value c) { return slot(c, kClosureDef); }
inline Value closure_captured(Value c, uint32_t i) { return slot(c, kClosureCaptured0 + i); }

// Var layout and flags.
enum VarSlot : uint32_t { kVarNs, kVarSym, kVarRoot, kVarMeta, kVarFlags };
enum VarFlags : int64_t { kVarDynamic = 1, kVarMacro = 2, kVarPrivate = 4, kVarNodeLocal = 8 };
inline int64_t var_flags(Value v) { return slot(v, kVarFlags).fixnum_value(); }

enum NsSlot : uint32_t { kNsName, kNsMappings, kNsAliases, kNsMeta };

}  // namespace folio
