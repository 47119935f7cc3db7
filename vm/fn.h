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
inline uint32_t fndef_nfixed(Value d) { return nslots(d) - kFnFixed0; }
inline Value closure_def(Value c) { return slot(c, kClosureDef); }
inline Value closure_captured(Value c, uint32_t i) { return slot(c, kClosureCaptured0 + i); }

// Var layout and flags.
enum VarSlot : uint32_t { kVarNs, kVarSym, kVarRoot, kVarMeta, kVarFlags };
enum VarFlags : int64_t { kVarDynamic = 1, kVarMacro = 2, kVarPrivate = 4, kVarNodeLocal = 8 };
inline int64_t var_flags(Value v) { return slot(v, kVarFlags).fixnum_value(); }

enum NsSlot : uint32_t { kNsName, kNsMappings, kNsAliases, kNsMeta };

}  // namespace folio
