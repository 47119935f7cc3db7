// cell_update.h - what one CellUpdate does to its word: the one rule the
// server (checking, and replaying its log) and every node (applying entries
// in log order) share, so that all of them reach the same word.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "heap/value.h"
#include "replication/folio.capnp.h"

namespace folio::replication {

// The word after `u`, given the word before; nullopt when it is refused
// (a compare-and-set whose precondition fails, an add to a word that is no
// fixnum or whose sum leaves the fixnum range). A commit's delta must be a
// fixnum: anything else is a malformed frame (std::invalid_argument).
inline std::optional<uint64_t> updated_word(uint64_t word, wire::CellUpdate::Reader u) {
  switch (u.getOp()) {
    case wire::CellOp::COMPARE_AND_SET:
      if (word != u.getExpected()) return std::nullopt;
      return u.getDesired();
    case wire::CellOp::ADD_FIXNUM: {
      Value before = Value::raw(word), delta = Value::raw(u.getDesired());
      if (!delta.is_fixnum()) throw std::invalid_argument("an add of a word that is no fixnum");
      if (!before.is_fixnum()) return std::nullopt;
      int64_t sum = before.fixnum_value() + delta.fixnum_value();  // both within 61 bits: no overflow
      if (!Value::fits_fixnum(sum)) return std::nullopt;
      return Value::fixnum(sum).w;
    }
  }
  throw std::invalid_argument("a cell operation this build does not know");
}

}  // namespace folio::replication
