// value.h - the tagged 64-bit word every heap slot and VM register holds.
//
// The heap must trace references without knowing what they mean, so the
// tag lives in the word itself (low 3 bits):
//   ...000  fixnum: signed 61-bit integer, value << 3 (add/sub need no untag)
//   ...001  reference: heap offset | 1 (offsets are 8-aligned and never 0)
//   ...010  immediate: kind in bits 3..7, payload in bits 8..63
//           (nil, false, true, char, and VM-internal markers)
// A reference is an offset from the heap base, never an address: the same
// bytes are valid in another process mapping the heap elsewhere, or on
// another machine. Tags 011..111 are reserved (inline doubles, later).
#pragma once
#include <cstdint>
#include <cstring>

namespace folio {

struct Value {
  uint64_t w;

  static constexpr uint64_t kTagMask = 7, kFix = 0, kRef = 1, kImm = 2;
  enum ImmKind : uint64_t { kNil = 0, kFalse = 1, kTrue = 2, kChar = 3, kMarker = 4 };
  static constexpr int64_t kFixMax = (int64_t(1) << 60) - 1;
  static constexpr int64_t kFixMin = -(int64_t(1) << 60);

  constexpr bool operator==(Value o) const { return w == o.w; }
  constexpr bool operator!=(Value o) const { return w != o.w; }

  // --- constructors
  static constexpr Value raw(uint64_t w) { return Value{w}; }
  static constexpr Value imm(ImmKind k, uint64_t payload = 0) {
    return Value{(payload << 8) | (uint64_t(k) << 3) | kImm};
  }
  static constexpr Value nil() { return imm(kNil); }
  static constexpr Value boolean(bool b) { return imm(b ? kTrue : kFalse); }
  static constexpr Value character(uint32_t cp) { return imm(kChar, cp); }
  static constexpr Value marker(uint32_t id) { return imm(kMarker, id); }
  static constexpr bool fits_fixnum(int64_t i) { return i >= kFixMin && i <= kFixMax; }
  static constexpr Value fixnum(int64_t i) { return Value{uint64_t(i) << 3}; }
  static constexpr Value ref(uint64_t offset) { return Value{offset | kRef}; }

  // --- predicates and accessors
  constexpr uint64_t tag() const { return w & kTagMask; }
  constexpr bool is_fixnum() const { return tag() == kFix; }
  constexpr bool is_ref() const { return tag() == kRef; }
  constexpr bool is_imm() const { return tag() == kImm; }
  constexpr ImmKind imm_kind() const { return ImmKind((w >> 3) & 31); }
  constexpr uint64_t imm_payload() const { return w >> 8; }
  constexpr bool is_nil() const { return w == nil().w; }
  constexpr bool is_bool() const { return w == imm(kTrue).w || w == imm(kFalse).w; }
  constexpr bool is_char() const { return is_imm() && imm_kind() == kChar; }
  constexpr bool truthy() const { return w != nil().w && w != imm(kFalse).w; }
  constexpr int64_t fixnum_value() const { return int64_t(w) >> 3; }
  constexpr uint32_t char_value() const { return uint32_t(w >> 8); }
  constexpr uint64_t offset() const { return w & ~kTagMask; }
};

inline constexpr Value kNil = Value::nil();
inline constexpr Value kTrue = Value::boolean(true);
inline constexpr Value kFalse = Value::boolean(false);

}  // namespace folio
