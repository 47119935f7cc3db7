#include "replication/frame.h"

#include <capnp/any.h>
#include <capnp/schema.h>
#include <kj/exception.h>
#include <kj/io.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <unordered_map>

namespace folio::replication {
namespace {

uint32_t read_u32(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }
void put_u32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = uint8_t(v >> (8 * i));
}

// The segment table must describe exactly the payload: count within the
// limit, every size within the payload, sizes adding up to what follows.
void check_segment_table(const kj::Array<capnp::word>& words, const FrameLimits& limits) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(words.begin());
  uint64_t total_words = words.size();
  if (total_words < 1) throw FrameError("frame: empty message");
  uint64_t count = uint64_t(read_u32(bytes)) + 1;
  if (count > limits.max_segments) throw FrameError("frame: too many segments (" + std::to_string(count) + ")");
  uint64_t table_words = (4 + 4 * count + 7) / 8;
  if (table_words > total_words) throw FrameError("frame: segment table longer than the frame");
  uint64_t sum = 0;
  for (uint64_t i = 0; i < count; ++i) {
    sum += read_u32(bytes + 4 + 4 * i);
    if (sum > total_words) throw FrameError("frame: segments larger than the frame");
  }
  if (table_words + sum != total_words) throw FrameError("frame: segment sizes do not add up to the frame");
}

// Traversal limits in words, from the payload's size, never from what a sender
// claims. The check reads the message once: a well-formed one costs at most
// its size, so twice that plus slack refuses amplification (pointers that
// share their targets, long lists of empty structs). Whoever holds the frame
// then has four times the check's budget: at least four full reads.
uint64_t check_budget(uint64_t words) { return words * 2 + 64; }

capnp::ReaderOptions reader_options(const FrameLimits& limits, uint64_t traversal_words) {
  capnp::ReaderOptions o;
  o.traversalLimitInWords = traversal_words;
  o.nestingLimit = int(limits.nesting);
  return o;
}

// Reads every pointer the schema declares, as a reader of the frame would: a
// bad pointer, a pointer of the wrong kind (a list where a struct is
// declared, a bit list where a struct list is, a list of numbers whose
// elements are narrower than declared), Data that is no byte list or a Text
// without its NUL fails here. (MessageReader's totalSize() follows
// pointers without the schema, so it finds only the first kind.) The schema
// is walked once, into a plan per struct type; checking a frame then costs a
// few reads per pointer, not a reflection call per field.
struct StructPlan;
struct PointerPlan {
  enum Kind : uint8_t { kStruct, kStructList, kData, kText, kNumberList } kind;
  uint32_t index;            // in the struct's pointer section
  const StructPlan* target;  // kStruct, kStructList
  void (*read_numbers)(capnp::AnyPointer::Reader) = nullptr;  // kNumberList: reads it as declared
};

template <typename T>
void read_numbers(capnp::AnyPointer::Reader p) {
  p.getAs<capnp::List<T>>();
}
struct StructPlan {
  std::vector<PointerPlan> always;  // outside the union
  bool has_union = false;
  uint32_t discriminant_byte = 0;   // in the data section
  std::vector<std::pair<uint16_t, std::vector<PointerPlan>>> members;  // discriminant -> its pointers
};

class Planner {
 public:
  const StructPlan* plan(capnp::StructSchema schema) {
    auto& slot = plans_[schema.getProto().getId()];
    if (slot) return slot.get();
    slot = std::make_unique<StructPlan>();
    StructPlan* p = slot.get();  // recursive types find it under construction
    auto proto = schema.getProto().getStruct();
    p->has_union = proto.getDiscriminantCount() > 0;
    p->discriminant_byte = proto.getDiscriminantOffset() * 2;
    for (auto field : schema.getFields()) {
      auto fp = field.getProto();
      if (!fp.isSlot()) throw FrameError("frame: the schema has a group the check cannot read");
      std::optional<PointerPlan> pointer = pointer_plan(field);
      uint16_t d = fp.getDiscriminantValue();
      if (d == capnp::schema::Field::NO_DISCRIMINANT) {
        if (pointer) p->always.push_back(*pointer);
        continue;
      }
      auto it = std::find_if(p->members.begin(), p->members.end(), [&](auto& m) { return m.first == d; });
      if (it == p->members.end()) it = p->members.insert(p->members.end(), {d, {}});
      if (pointer) it->second.push_back(*pointer);
    }
    return p;
  }

 private:
  std::optional<PointerPlan> pointer_plan(capnp::StructSchema::Field field) {
    auto type = field.getType();
    uint32_t index = field.getProto().getSlot().getOffset();
    if (type.isStruct()) return PointerPlan{PointerPlan::kStruct, index, plan(type.asStruct())};
    if (type.isData()) return PointerPlan{PointerPlan::kData, index, nullptr};
    if (type.isText()) return PointerPlan{PointerPlan::kText, index, nullptr};
    if (type.isList()) {
      auto element = type.asList().getElementType();
      if (element.isStruct()) return PointerPlan{PointerPlan::kStructList, index, plan(element.asStruct())};
      if (auto read = numbers_reader(element)) return PointerPlan{PointerPlan::kNumberList, index, nullptr, read};
      throw FrameError("frame: the schema has a list the check cannot read");
    }
    if (type.isAnyPointer() || type.isInterface()) throw FrameError("frame: the schema has a field the check cannot read");
    return std::nullopt;  // a number, an enum, Void, Bool: in the data section, always safe to read
  }
  static void (*numbers_reader(capnp::Type element))(capnp::AnyPointer::Reader) {
    using W = capnp::schema::Type::Which;
    switch (element.which()) {
      case W::INT8: case W::UINT8: return read_numbers<uint8_t>;
      case W::INT16: case W::UINT16: case W::ENUM: return read_numbers<uint16_t>;
      case W::INT32: case W::UINT32: case W::FLOAT32: return read_numbers<uint32_t>;
      case W::INT64: case W::UINT64: case W::FLOAT64: return read_numbers<uint64_t>;
      default: return nullptr;
    }
  }
  std::unordered_map<uint64_t, std::unique_ptr<StructPlan>> plans_;
};

const StructPlan& frame_plan() {
  static Planner planner;
  static const StructPlan* plan = planner.plan(capnp::Schema::from<wire::Frame>());
  return *plan;
}

void check_struct(capnp::AnyStruct::Reader s, const StructPlan& plan);

void check_pointers(capnp::List<capnp::AnyPointer>::Reader pointers, const std::vector<PointerPlan>& plans) {
  for (const PointerPlan& p : plans) {
    if (p.index >= pointers.size()) continue;  // an older peer's smaller struct: null
    capnp::AnyPointer::Reader ptr = pointers[p.index];
    if (ptr.isNull()) continue;
    switch (p.kind) {
      case PointerPlan::kStruct:
        check_struct(ptr.getAs<capnp::AnyStruct>(), *p.target);
        break;
      case PointerPlan::kStructList: {
        auto list = ptr.getAs<capnp::AnyList>();
        // A struct list may be read from any list but a bit list (capnp's rule).
        if (list.getElementSize() == capnp::ElementSize::BIT) throw FrameError("frame: a bit list where structs belong");
        for (auto element : list.as<capnp::List<capnp::AnyStruct>>()) check_struct(element, *p.target);
        break;
      }
      case PointerPlan::kData:
        ptr.getAs<capnp::Data>();
        break;
      case PointerPlan::kText:
        ptr.getAs<capnp::Text>();
        break;
      case PointerPlan::kNumberList:
        p.read_numbers(ptr);
        break;
    }
  }
}

void check_struct(capnp::AnyStruct::Reader s, const StructPlan& plan) {
  auto pointers = s.getPointerSection();
  check_pointers(pointers, plan.always);
  if (!plan.has_union) return;
  auto data = s.getDataSection();
  uint16_t which = 0;
  if (plan.discriminant_byte + 2 <= data.size())
    which = uint16_t(data[plan.discriminant_byte] | data[plan.discriminant_byte + 1] << 8);
  for (auto& [d, pointer_plans] : plan.members)  // an unknown member (a newer peer) has nothing to read
    if (d == which) check_pointers(pointers, pointer_plans);
}

}  // namespace

std::vector<uint8_t> encode_frame(capnp::MessageBuilder& message) {
  size_t words = capnp::computeSerializedSizeInWords(message);  // written straight into the frame
  std::vector<uint8_t> out(kFrameHeaderBytes + words * sizeof(capnp::word));
  put_u32(out.data(), kFrameMagic);
  put_u32(out.data() + 4, uint32_t(words));
  kj::ArrayOutputStream stream(kj::arrayPtr(out.data() + kFrameHeaderBytes, words * sizeof(capnp::word)));
  capnp::writeMessage(stream, message);
  return out;
}

ReceivedFrame::ReceivedFrame(kj::Array<capnp::word> words, const FrameLimits& limits) try
    : words_(std::move(words)), reader_(words_.asPtr(), reader_options(limits, check_budget(words_.size()) * 4)) {
  // The check has a reader of its own, so that its reads cost the holder nothing.
  capnp::FlatArrayMessageReader check(words_.asPtr(), reader_options(limits, check_budget(words_.size())));
  check_struct(check.getRoot<capnp::AnyStruct>(), frame_plan());
  root_ = reader_.getRoot<wire::Frame>();
} catch (const kj::Exception& e) {
  // capnp's descriptions quote the offending bytes, a NUL included.
  std::string why(e.getDescription().begin(), e.getDescription().size());
  std::replace_if(why.begin(), why.end(), [](char c) { return uint8_t(c) < 0x20; }, '?');
  throw FrameError("frame: malformed message: " + why);
}

std::vector<uint8_t> ReceivedFrame::bytes() const {
  std::vector<uint8_t> out(kFrameHeaderBytes + size_bytes());
  put_u32(out.data(), kFrameMagic);
  put_u32(out.data() + 4, uint32_t(words_.size()));
  std::memcpy(out.data() + kFrameHeaderBytes, words_.begin(), size_bytes());
  return out;
}

void FrameDecoder::feed(const void* data, size_t n) {
  if (start_ == buf_.size()) {  // all consumed: start over instead of growing
    buf_.clear();
    start_ = 0;
  } else if (start_ > (size_t(1) << 20) && start_ > buf_.size() / 2) {
    buf_.erase(buf_.begin(), buf_.begin() + std::ptrdiff_t(start_));
    start_ = 0;
  }
  const auto* p = static_cast<const uint8_t*>(data);
  buf_.insert(buf_.end(), p, p + n);
}

std::unique_ptr<ReceivedFrame> FrameDecoder::next() {
  if (failed_) throw FrameError("frame: the stream already failed");
  if (buffered() < kFrameHeaderBytes) return nullptr;
  const uint8_t* head = buf_.data() + start_;
  failed_ = true;  // until this frame is known good
  if (read_u32(head) != kFrameMagic) throw FrameError("frame: bad magic (not a Folio peer?)");
  uint64_t words = read_u32(head + 4);
  if (words == 0 || words > limits_.max_frame_words)
    throw FrameError("frame: length " + std::to_string(words) + " words is outside 1.." +
                     std::to_string(limits_.max_frame_words));
  failed_ = false;
  if (buffered() < kFrameHeaderBytes + words * sizeof(capnp::word)) return nullptr;
  auto aligned = kj::heapArray<capnp::word>(words);  // 8-byte aligned, sized only after the check
  std::memcpy(aligned.begin(), head + kFrameHeaderBytes, words * sizeof(capnp::word));
  start_ += kFrameHeaderBytes + words * sizeof(capnp::word);
  failed_ = true;
  check_segment_table(aligned, limits_);
  auto frame = std::make_unique<ReceivedFrame>(std::move(aligned), limits_);
  failed_ = false;
  return frame;
}

}  // namespace folio::replication
