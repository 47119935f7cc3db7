// inst_uuid.h - instants (#inst) and UUIDs (#uuid).
#pragma once
#include <string>

#include "vm/object.h"

namespace folio {

void register_inst_uuid_natives();
Value make_inst(int64_t epoch_millis);
void print_inst(std::string& out, Value inst);  // #inst "1970-01-01T00:00:00.000-00:00"
int32_t inst_hash(Value inst);

}  // namespace folio
