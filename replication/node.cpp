#include "replication/node.h"

#include <atomic>
#include <cstring>
#include <stdexcept>

namespace folio::replication {

namespace {
constexpr uint64_t kHeapCapacity = uint64_t(16) << 30;

wire::Frame::Reader expect(ReceivedFrame& f, wire::Frame::Which which, const char* what) {
  auto fr = f.frame();
  if (fr.which() == wire::Frame::GOODBYE)
    throw std::runtime_error(std::string("the server refused: ") + fr.getGoodbye().cStr());
  if (fr.which() != which) throw std::runtime_error(std::string("the server sent something else than ") + what);
  return fr;
}
}  // namespace

NodeLink::NodeLink(const std::string& host, uint16_t port, const std::string& key, const PeerIdentity& me)
    : conn_(host, port, std::chrono::milliseconds(30000)) {
  auto challenge = conn_.receive();
  auto ch = expect(*challenge, wire::Frame::CHALLENGE, "a challenge").getChallenge();
  Nonce nonce{};
  if (ch.getNonce().size() != nonce.size()) throw std::runtime_error("the server sent a bad challenge");
  std::memcpy(nonce.data(), ch.getNonce().begin(), nonce.size());
  capnp::MallocMessageBuilder hello;
  build_hello(hello, me, 0, 0, 0, key, nonce);
  conn_.send(hello);
  auto welcome_frame = conn_.receive();
  auto w = expect(*welcome_frame, wire::Frame::WELCOME, "a welcome").getWelcome();
  node_ = w.getNode();
  incarnation_ = w.getIncarnation();
  uint64_t grant_first = w.getGrantFirstPage(), grant_count = w.getGrantPageCount();
  // The snapshot: every page in use, at its place in the range.
  auto store = heap::anonymous_store(kHeapCapacity, true);
  char* base = store->base();
  uint64_t cap_pages = kHeapCapacity / heap::kPageSize;
  for (;;) {
    auto f = conn_.receive();
    auto fr = f->frame();
    if (fr.which() == wire::Frame::SNAPSHOT_DONE) {
      applied_ = fr.getSnapshotDone();
      break;
    }
    auto page = expect(*f, wire::Frame::SNAPSHOT_PAGE, "a snapshot page").getSnapshotPage();
    if (page.getIndex() >= cap_pages || page.getData().size() != heap::kPageSize)
      throw std::runtime_error("the server sent a bad snapshot page");
    std::memcpy(base + page.getIndex() * heap::kPageSize, page.getData().begin(), heap::kPageSize);
  }
  heap_ = std::make_unique<heap::Heap>(std::move(store), node_);
  heap::Heap* h = heap_.get();
  heap_ptr_ = h;
  heap_->make_replica(grant_first, grant_count,
                      [this, h](uint64_t off, folio::Value e, folio::Value d) { return commit(*h, off, e, d); });
  heap_->commit_batch_fn = [this, h](const std::vector<uint64_t>& o, const std::vector<folio::Value>& e,
                                     const std::vector<folio::Value>& d) { return commit_all(*h, o, e, d); };
}

bool NodeLink::commit(heap::Heap& h, uint64_t offset, folio::Value expected, folio::Value desired) {
  return commit_all(h, {offset}, {expected}, {desired});
}

// One commit: the objects published since the last one, then the cell words,
// all or nothing.
bool NodeLink::commit_all(heap::Heap& h, const std::vector<uint64_t>& offsets,
                          const std::vector<folio::Value>& expected, const std::vector<folio::Value>& desired) {
  capnp::MallocMessageBuilder m;
  auto f = m.initRoot<wire::Frame>();
  f.initSender().setNode(node_);
  f.getSender().setIncarnation(incarnation_);
  auto c = f.initCommit();
  auto id = c.initId();
  id.setNode(node_);
  id.setIncarnation(incarnation_);
  id.setSequence(++sequence_);
  c.setReadPosition(applied_);  // what it had applied: the server shows it as the node's progress
  std::vector<uint64_t> objects = h.take_unshipped();
  auto pages = c.initPages(unsigned(objects.size()));
  for (unsigned i = 0; i < objects.size(); ++i) {
    const heap::Obj* o = reinterpret_cast<const heap::Obj*>(h.base() + objects[i]);
    pages[i].setIndex(objects[i]);  // in a commit: the object's byte offset
    pages[i].setData(kj::arrayPtr(reinterpret_cast<const kj::byte*>(o), (uint64_t(o->h.nwords) + 1) * 8));
    const heap::PageEntry& e = h.page(objects[i] >> heap::kPageBits);
    pages[i].setEntry(kj::arrayPtr(reinterpret_cast<const kj::byte*>(&e), sizeof e));
  }
  auto u = c.initUpdates(unsigned(offsets.size()));
  for (unsigned i = 0; i < offsets.size(); ++i) {
    u[i].setOffset(offsets[i]);
    u[i].setExpected(expected[i].w);
    u[i].setDesired(desired[i].w);
  }
  conn_.send(m);
  for (;;) {
    auto reply = conn_.receive();
    auto r = reply->frame();
    if (r.which() == wire::Frame::ACCEPT) {
      applied_ = r.getAccept().getLogPosition();
      return true;
    }
    // The entries that beat this commit arrived before the refusal (one
    // connection, log order): applied, they leave the cell at its current
    // value, so a compare-and-set retried now works on fresh data.
    if (r.which() == wire::Frame::REJECT) {
      h.unship(objects);
      return false;
    }
    if (r.which() == wire::Frame::ENTRY) {
      apply_entry(h, r.getEntry());
      continue;
    }
    if (r.which() == wire::Frame::GOODBYE)
      throw std::runtime_error(std::string("the server closed the link: ") + r.getGoodbye().cStr());
    // Anything else (heartbeats, later entries) is not for this commit.
  }
}

// Another node's commit: its new objects (in its own pages, never touched
// here) and its cell words.
void NodeLink::apply_entry(heap::Heap& h, wire::Entry::Reader e) {
  uint64_t cap = h.header().capacity_pages * heap::kPageSize;
  for (auto obj : e.getPages()) {  // never into this node's own pages
    if (h.in_grant(obj.getIndex() >> heap::kPageBits)) throw std::runtime_error("the server sent a bad entry");
    h.place_object(obj.getIndex(), obj.getData().begin(), obj.getData().size(), obj.getEntry().begin(),
                   obj.getEntry().size());
  }
  if (h.on_objects_arrived) {  // before the updates make any of them reachable
    std::vector<uint64_t> arrived;
    for (auto obj : e.getPages()) arrived.push_back(obj.getIndex());
    h.on_objects_arrived(arrived);
  }
  for (auto u : e.getUpdates()) {
    uint64_t at = u.getOffset(), word = u.getDesired();
    if (at % 8 || at + 8 > cap) throw std::runtime_error("the server sent a bad entry");
    std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(h.base() + at)).store(word, std::memory_order_release);
  }
  applied_ = e.getLogPosition();
}

void NodeLink::poll() {
  while (auto f = conn_.poll()) {
    auto fr = f->frame();
    if (fr.which() == wire::Frame::ENTRY) apply_entry(*heap_ptr_, fr.getEntry());
    else if (fr.which() == wire::Frame::GOODBYE)
      throw std::runtime_error(std::string("the server closed the link: ") + fr.getGoodbye().cStr());
  }
}

}  // namespace folio::replication
