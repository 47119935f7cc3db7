// inst_uuid.cpp - #inst (java.util.Date) and #uuid (java.util.UUID) values.
// The reader turns #inst "..." and #uuid "..." into calls of folio.core/inst and
// folio.core/uuid, defined here; instants are epoch milliseconds in the heap.
#include "vm/inst_uuid.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "vm/collections.h"
#include "vm/native.h"
#include "vm/runtime.h"

namespace folio {
namespace {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {  // proleptic Gregorian, 1970-01-01 = 0
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + int64_t(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = int64_t(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}

[[noreturn]] void bad_inst(std::string_view s) {
  throw_error("java.lang.RuntimeException", "Unrecognized date/time syntax: " + std::string(s));
}

// RFC 3339 as clojure.instant reads it: yyyy[-MM[-dd[THH[:mm[:ss[.fff]]]]]][Z|(+|-)HH:mm]
int64_t parse_instant(std::string_view s) {
  size_t i = 0;
  auto num = [&](int width) {
    if (i + width > s.size()) bad_inst(s);
    int v = 0;
    for (int k = 0; k < width; ++k) {
      char c = s[i++];
      if (c < '0' || c > '9') bad_inst(s);
      v = v * 10 + (c - '0');
    }
    return v;
  };
  auto more = [&](char sep) {
    if (i < s.size() && s[i] == sep) {
      ++i;
      return true;
    }
    return false;
  };
  int64_t year = num(4);
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
  if (more('-')) {
    month = num(2);
    if (more('-')) {
      day = num(2);
      if (more('T')) {
        hour = num(2);
        if (more(':')) {
          minute = num(2);
          if (more(':')) {
            second = num(2);
            if (more('.')) {
              int digits = 0;
              while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                if (digits < 3) millis = millis * 10 + (s[i] - '0');
                ++digits, ++i;
              }
              if (!digits) bad_inst(s);
              for (; digits < 3; ++digits) millis *= 10;
            }
          }
        }
      }
    }
  }
  int offset_minutes = 0;
  if (i < s.size()) {
    if (s[i] == 'Z' || s[i] == 'z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      int sign = s[i++] == '-' ? -1 : 1;
      int oh = num(2);
      if (!more(':')) bad_inst(s);
      offset_minutes = sign * (oh * 60 + num(2));
    }
  }
  if (i != s.size() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    bad_inst(s);
  int64_t days = days_from_civil(year, unsigned(month), unsigned(day));
  return ((days * 24 + hour) * 60 + minute - offset_minutes) * 60000 + int64_t(second) * 1000 + millis;
}

bool uuid_text_ok(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < 36; ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-')) return false;
    if (!dash && !isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

Value make_uuid(std::string_view s) {
  std::string lower(s);
  for (auto& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  Value u = alloc_slots(Type::kUuid, 1);
  init_slot(u, 0, make_string(lower));
  return u;
}

Value n_inst(Value* a, uint32_t) {
  if (!is(a[0], Type::kString)) throw_error("java.lang.RuntimeException", "#inst needs a string");
  return make_inst(parse_instant(string_view(a[0])));
}

Value n_uuid(Value* a, uint32_t) {
  if (!is(a[0], Type::kString) || !uuid_text_ok(string_view(a[0])))
    throw_error("java.lang.IllegalArgumentException",
                "Invalid UUID string: " + (is(a[0], Type::kString) ? std::string(string_view(a[0])) : pr_str(a[0])));
  return make_uuid(string_view(a[0]));
}

Value n_parse_uuid(Value* a, uint32_t) {
  if (!is(a[0], Type::kString)) throw_error("java.lang.IllegalArgumentException", "Not a string: " + pr_str(a[0]));
  return uuid_text_ok(string_view(a[0])) ? make_uuid(string_view(a[0])) : kNil;
}

Value n_random_uuid(Value*, uint32_t) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  uint64_t hi = rng(), lo = rng();
  hi = (hi & ~0xF000ull) | 0x4000ull;                    // version 4
  lo = (lo & ~(0xC000ull << 48)) | (0x8000ull << 48);   // IETF variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", (unsigned long long)(hi >> 32),
                (unsigned long long)((hi >> 16) & 0xFFFF), (unsigned long long)(hi & 0xFFFF),
                (unsigned long long)(lo >> 48), (unsigned long long)(lo & 0xFFFFFFFFFFFFull));
  return make_uuid(buf);
}

Value n_inst_ms(Value* a, uint32_t) {
  if (!is(a[0], Type::kInst)) throw_error("java.lang.IllegalArgumentException", "No implementation of method: :inst-ms* of protocol: #'clojure.core/Inst found for class: " + std::string(class_name(a[0]) ? class_name(a[0]) : "nil"));
  return slot(a[0], 0);
}
Value n_inst_p(Value* a, uint32_t) { return Value::boolean(is(a[0], Type::kInst)); }
Value n_uuid_p(Value* a, uint32_t) { return Value::boolean(is(a[0], Type::kUuid)); }
Value n_now(Value*, uint32_t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch()).count();
  return make_inst(int64_t(ms));
}

const NativeDef kNatives[] = {
    {"folio.core", "inst", n_inst, 1, 1, true},
    {"folio.core", "uuid", n_uuid, 1, 1, true},
    {"folio.core", "now", n_now, 0, 0, true},
    {"clojure.core", "parse-uuid", n_parse_uuid, 1, 1, true},
    {"clojure.core", "random-uuid", n_random_uuid, 0, 0, true},
    {"clojure.core", "inst-ms", n_inst_ms, 1, 1, true},
    {"clojure.core", "inst?", n_inst_p, 1, 1, true},
    {"clojure.core", "uuid?", n_uuid_p, 1, 1, true},
};

}  // namespace

void register_inst_uuid_natives() { register_natives(kNatives, sizeof kNatives / sizeof kNatives[0]); }

Value make_inst(int64_t millis) {
  Value v = alloc_slots(Type::kInst, 1);
  init_slot(v, 0, make_long(millis));
  return v;
}

void print_inst(std::string& out, Value inst) {
  int64_t ms = long_value(slot(inst, 0));
  int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  int64_t rem = ms - days * 86400000;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[64];
  std::snprintf(buf, sizeof buf, "#inst \"%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lld-00:00\"", (long long)y, m, d,
                (long long)(rem / 3600000), (long long)(rem / 60000 % 60), (long long)(rem / 1000 % 60),
                (long long)(rem % 1000));
  out += buf;
}

int32_t inst_hash(Value inst) {  // java.util.Date.hashCode
  uint64_t ms = uint64_t(long_value(slot(inst, 0)));
  return int32_t(uint32_t(ms ^ (ms >> 32)));
}

}  // namespace folio
