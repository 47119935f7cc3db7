// opcodes.cpp - names and formats of the instructions (for verify, disassembly, tests).
#include "vm/opcodes.h"

namespace folio {

const char* const kOpNames[OP_COUNT] = {
#define X(name, fmt) #name,
    FOLIO_OPCODES(X)
#undef X
};

const OpFormat kOpFormats[OP_COUNT] = {
#define X(name, fmt) OpFormat::fmt,
    FOLIO_OPCODES(X)
#undef X
};

}  // namespace folio
