#include "replication/node.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "replication/cell_update.h"

namespace folio::replication {

namespace {
constexpr uint64_t kHeapCapacity = uint64_t(16) << 30;
using Clock = std::chrono::steady_clock;

// The server said goodbye where a handshake or catch-up should go on.
struct Refused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

wire::Frame::Reader expect(ReceivedFrame& f, wire::Frame::Which which, const char* what) {
  auto fr = f.frame();
  if (fr.which() == wire::Frame::GOODBYE) throw Refused(std::string("the server refused: ") + fr.getGoodbye().cStr());
  if (fr.which() != which) throw std::runtime_error(std::string("the server sent something else than ") + what);
  return fr;
}

// A heap that must not run (a snapshot merged only in part, or one whose
// fns fail verification): cells may point at what never arrived.
[[noreturn]] void heap_unusable(const std::string& why) {
  std::fprintf(stderr, "folio: %s; this node's heap cannot be used, so it stops\n", why.c_str());
  std::fflush(nullptr);
  std::_Exit(1);
}
}  // namespace

NodeLink::NodeLink(const std::string& host, uint16_t port, const std::string& key, const PeerIdentity& me,
                   NodeOptions options)
    : host_(host), key_(key), port_(port), me_(me), options_(options) {
  conn_ = std::make_unique<Connection>(host_, port_, std::chrono::milliseconds(30000));
  LastCommit unused;
  handshake(false, &unused);
  // The snapshot: every page in use, at its place in the range.
  auto store = heap::anonymous_store(kHeapCapacity, true);
  char* base = store->base();
  // The snapshot's pages are dense: huge pages make touching them ~500x fewer faults.
  madvise(base, kHeapCapacity, MADV_HUGEPAGE);
  uint64_t top = 0;
  applied_ = receive_snapshot([&](uint64_t index, const void* data) {
    std::memcpy(base + index * heap::kPageSize, data, heap::kPageSize);
    top = std::max(top, index + 1);
  });
  uint64_t end = (top * heap::kPageSize + (uint64_t(2) << 20) - 1) & ~((uint64_t(2) << 20) - 1);
  madvise(base + end, kHeapCapacity - end, MADV_NOHUGEPAGE);  // later pages come one by one
  last_heard_ = last_told_ = Clock::now();
  heap_ = std::make_unique<heap::Heap>(std::move(store), node_);
  heap::Heap* h = heap_.get();
  heap_ptr_ = h;
  heap_->make_replica(grant_first_, grant_count_,
                      [this, h](uint64_t off, folio::Value e, folio::Value d) { return commit(*h, off, e, d); });
  heap_->commit_add_fn = [this, h](uint64_t off, folio::Value delta) { return commit_add(*h, off, delta); };
  heap_->more_pages = [this](uint64_t pages) { return request_grant(pages); };
  heap_->commit_batch_fn = [this, h](const std::vector<uint64_t>& o, const std::vector<folio::Value>& e,
                                     const std::vector<folio::Value>& d) { return commit_all(*h, o, e, d); };
}

// Challenge, hello, welcome. A returning node says who it was and what it
// applied; a new one gets an id, an incarnation and a grant. True when a
// full snapshot follows: always for a new node, for a returning one when the
// log no longer reaches back to it (*last: the highest of its commits the
// server applied, and what its adds made).
bool NodeLink::handshake(bool returning, LastCommit* last) {
  auto challenge = conn_->receive();
  auto ch = expect(*challenge, wire::Frame::CHALLENGE, "a challenge").getChallenge();
  Nonce nonce{};
  if (ch.getNonce().size() != nonce.size()) throw std::runtime_error("the server sent a bad challenge");
  std::memcpy(nonce.data(), ch.getNonce().begin(), nonce.size());
  FrameBuilder hello;
  build_hello(hello, me_, returning ? node_ : 0, returning ? incarnation_ : 0, returning ? applied_ : 0, key_, nonce);
  conn_->send(hello);
  auto welcome_frame = conn_->receive();
  auto w = expect(*welcome_frame, wire::Frame::WELCOME, "a welcome").getWelcome();
  if (returning) {
    if (w.getNode() != node_ || w.getIncarnation() != incarnation_)
      throw std::runtime_error("the server did not take this node back");
    last->sequence = w.getLastSequence();
    for (uint64_t word : w.getLastResults()) last->results.push_back(word);
    return w.getFullSnapshot();
  }
  node_ = w.getNode();
  incarnation_ = w.getIncarnation();
  grant_first_ = w.getGrantFirstPage();
  grant_count_ = w.getGrantPageCount();
  return true;
}

void NodeLink::stamp(capnp::MessageBuilder& m) {
  auto s = m.getRoot<wire::Frame>().initSender();
  s.setNode(node_);
  s.setIncarnation(incarnation_);
}

// Whatever ends the attempts while a snapshot is merged only in part ends
// the process: going back into the VM would let it read that heap.
bool NodeLink::reconnect(const std::string& why, uint64_t pending) {
  try {
    return reconnect_until_back(why, pending);
  } catch (const Refused& e) {
    refused(e.what());
  } catch (const std::exception& e) {
    if (!half_merged_) throw;
    heap_unusable(std::string("the server's snapshot is only partly merged (") + e.what() + ")");
  } catch (...) {
    if (!half_merged_) throw;
    heap_unusable("the server's snapshot is only partly merged");
  }
}

void NodeLink::refused(const std::string& why) {
  if (options_.before_exit) options_.before_exit();
  std::fprintf(stderr, "folio: %s; this node stops\n", why.c_str());
  std::fflush(nullptr);
  std::_Exit(1);
}

bool NodeLink::reconnect_until_back(const std::string& why, uint64_t pending) {
  std::fprintf(stderr, "folio: lost the heap server at %s:%u (%s); reconnecting\n", host_.c_str(), unsigned(port_),
               why.c_str());
  auto start = Clock::now();
  auto delay = std::chrono::milliseconds(50);
  for (;;) {
    held_.clear();  // they come again: the catch-up starts at applied_
    try {
      conn_ = std::make_unique<Connection>(host_, port_, std::chrono::milliseconds(5000));
      LastCommit last;
      if (handshake(true, &last)) return resnapshot(pending, last);
      // Only a full snapshot again can finish one merged in part (applied_
      // has not moved, so the server sends one): anything else is no fit.
      if (half_merged_) throw std::runtime_error("the server sent a catch-up to finish a snapshot");
      bool found = false;
      uint64_t entries = 0;
      for (;;) {
        auto f = conn_->receive();
        auto fr = f->frame();
        if (fr.which() == wire::Frame::SNAPSHOT_DONE) break;
        if (fr.which() == wire::Frame::GOODBYE) throw Refused(std::string("the server refused: ") + fr.getGoodbye().cStr());
        if (fr.which() != wire::Frame::ENTRY) continue;
        ++entries;
        auto id = fr.getEntry().getId();
        if (found) {
          held_.push_back(std::move(f));
        } else if (pending && id.getNode() == node_ && id.getIncarnation() == incarnation_ && id.getSequence() == pending) {
          // Its own commit was applied before the link dropped: that is its
          // accept. Later entries wait until the caller has stored the value.
          found = true;
          applied_ = fr.getEntry().getLogPosition();
        } else {
          apply_entry(*heap_ptr_, fr.getEntry());
        }
      }
      last_heard_ = last_told_ = Clock::now();
      std::fprintf(stderr, "folio: reconnected to %s:%u as node %u; caught up %llu entries from the log (position %llu)\n",
                   host_.c_str(), unsigned(port_), unsigned(node_), (unsigned long long)entries,
                   (unsigned long long)(applied_));
      return found;
    } catch (const ConnectionError& e) {
      if (Clock::now() - start > options_.reconnect_for)
        throw std::runtime_error("lost the heap server at " + host_ + ":" + std::to_string(port_) + " (" +
                                 e.what() + ")");
      std::this_thread::sleep_for(delay);
      delay = std::min(delay * 2, std::chrono::milliseconds(1000));
    }
  }
}

// Snapshot pages until snapshotDone, whose log position it returns: each
// page, checked to be a whole page inside the range, goes to `page`.
uint64_t NodeLink::receive_snapshot(const std::function<void(uint64_t index, const void* data)>& page) {
  for (;;) {
    auto f = conn_->receive();
    auto fr = f->frame();
    if (fr.which() == wire::Frame::SNAPSHOT_DONE) return fr.getSnapshotDone();
    auto p = expect(*f, wire::Frame::SNAPSHOT_PAGE, "a snapshot page").getSnapshotPage();
    if (p.getIndex() >= kHeapCapacity / heap::kPageSize || p.getData().size() != heap::kPageSize)
      throw std::runtime_error("the server sent a bad snapshot page");
    page(p.getIndex(), p.getData().begin());
  }
}

// The whole heap again, merged into the live one page by page as it arrives
// (the VM is stopped: this runs where entries are applied). A connection
// lost half-way leaves a partly merged heap that nothing reads: the next
// attempt is a full snapshot again (applied_ has not moved), and if none
// comes the process ends (reconnect). The in-flight commit was applied iff
// the server's last sequence for this life reaches it: then its effect, and
// whatever followed it, is already here, and an add returns the word the
// server says it made.
bool NodeLink::resnapshot(uint64_t pending, const LastCommit& last) {
  heap::Heap& h = *heap_ptr_;
  uint64_t pages = 0, from = applied_;
  half_merged_ = true;  // until the last page and the check of the fns
  applied_ = receive_snapshot([&](uint64_t index, const void* data) {
    h.install_snapshot_page(index, data);
    ++pages;
  });
  if (h.on_objects_arrived) {
    try {
      h.on_objects_arrived(h.foreign_objects());
    } catch (const std::exception& e) {
      heap_unusable(std::string("the server's snapshot is unusable: ") + e.what());  // reachable already
    }
  }
  half_merged_ = false;
  last_heard_ = last_told_ = Clock::now();
  bool applied = pending && last.sequence >= pending;
  // One commit in flight at a time: the applied one is the server's last.
  if (applied)
    h.note_commit_in_heap(last.results.size() == 1 ? std::optional(folio::Value::raw(last.results[0])) : std::nullopt);
  std::fprintf(stderr,
               "folio: reconnected to %s:%u as node %u with a full snapshot (%llu pages): the log no longer "
               "reached back to position %llu (now at position %llu)%s\n",
               host_.c_str(), unsigned(port_), unsigned(node_), (unsigned long long)pages, (unsigned long long)from,
               (unsigned long long)applied_,
               !pending ? "" : applied ? "; its commit in flight was applied" : "; its commit in flight goes again");
  return applied;
}

// A request and its answer, from anywhere in the VM (an allocation, a
// native): entries that arrive meanwhile are held, not applied, until the
// next safepoint or commit. Asked again after a reconnection.
std::unique_ptr<ReceivedFrame> NodeLink::ask(capnp::MessageBuilder& request, wire::Frame::Which answer) {
  stamp(request);
  for (;;) {
    try {
      conn_->send(request);
      for (;;) {
        auto f = conn_->receive();
        last_heard_ = Clock::now();
        auto fr = f->frame();
        if (fr.which() == answer) return f;
        if (fr.which() == wire::Frame::ENTRY) held_.push_back(std::move(f));
        else if (fr.which() == wire::Frame::GOODBYE)
          throw std::runtime_error(std::string("the server closed the link: ") + fr.getGoodbye().cStr());
      }
    } catch (const ConnectionError& e) {
      reconnect(e.what(), 0);
    }
  }
}

std::pair<uint64_t, uint64_t> NodeLink::request_grant(uint64_t pages) {
  FrameBuilder m;
  m.initRoot<wire::Frame>().setGrantRequest(pages);
  auto f = ask(m, wire::Frame::GRANT);
  auto g = f->frame().getGrant();
  if (g.getPageCount() == 0) throw std::runtime_error("the cluster's heap is full");
  return {g.getFirstPage(), g.getPageCount()};
}

std::vector<uint16_t> NodeLink::connected_nodes() {
  FrameBuilder m;
  m.initRoot<wire::Frame>().setStatusRequest();
  auto f = ask(m, wire::Frame::STATUS);
  std::vector<uint16_t> ids;
  for (auto n : f->frame().getStatus().getNodes())
    if (n.getConnected()) ids.push_back(n.getNode());
  return ids;
}

std::unique_ptr<ReceivedFrame> NodeLink::next_frame(bool wait, bool answer) {
  if (!held_.empty()) {
    auto f = std::move(held_.front());
    held_.pop_front();
    return f;
  }
  auto f = wait ? conn_->receive(answer) : conn_->poll();
  if (f) last_heard_ = Clock::now();
  return f;
}

bool NodeLink::commit(heap::Heap& h, uint64_t offset, folio::Value expected, folio::Value desired) {
  return commit_all(h, {offset}, {expected}, {desired});
}

bool NodeLink::commit_add(heap::Heap& h, uint64_t offset, folio::Value delta) {
  return commit_all(h, {offset}, {folio::Value::fixnum(0)}, {delta}, wire::CellOp::ADD_FIXNUM);
}

// One commit: the objects published since the last one, then the cell words,
// all or nothing.
bool NodeLink::commit_all(heap::Heap& h, const std::vector<uint64_t>& offsets,
                          const std::vector<folio::Value>& expected, const std::vector<folio::Value>& desired,
                          wire::CellOp op) {
  // Entries that have already arrived may doom this commit: applied first,
  // a precondition they break is refused here, without a round trip (under
  // contention, most refusals are). An add has no precondition to doom.
  if (op == wire::CellOp::COMPARE_AND_SET) {
    try {
      apply_arrived();
    } catch (const ConnectionError&) {
      // The commit's own send finds out and reconnects.
    }
  }
  for (size_t i = 0; i < offsets.size() && op == wire::CellOp::COMPARE_AND_SET; ++i)
    if (std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(h.base() + offsets[i])).load(std::memory_order_acquire) !=
        expected[i].w)
      return false;
  FrameBuilder m;
  auto f = m.initRoot<wire::Frame>();
  stamp(m);
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
    u[i].setOp(op);
  }
  bool sent = false;
  for (;;) {
    try {
      if (!sent) conn_->send(m);
      sent = true;
      auto reply = next_frame(true, true);
      auto r = reply->frame();
      if (r.which() == wire::Frame::ACCEPT) {
        applied_ = r.getAccept().getLogPosition();
        answered_ = true;
        return true;
      }
      // The entries that beat this commit arrived before the refusal (one
      // connection, log order): applied, they leave the cell at its current
      // value, so a compare-and-set retried now works on fresh data.
      if (r.which() == wire::Frame::REJECT) {
        h.unship(objects);
        answered_ = true;
        return false;
      }
      if (r.which() == wire::Frame::ENTRY) apply_entry(h, r.getEntry());
      else if (r.which() == wire::Frame::GOODBYE)
        throw std::runtime_error(std::string("the server closed the link: ") + r.getGoodbye().cStr());
      // Anything else (heartbeats) is not for this commit.
    } catch (const ConnectionError& e) {
      // Applied before the link dropped, or sent again: never twice (the
      // server refuses a sequence it has already applied).
      if (reconnect(e.what(), sequence_)) return true;
      sent = false;
    }
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
    uint64_t at = u.getOffset();
    if (at % 8 || at + 8 > cap) throw std::runtime_error("the server sent a bad entry");
    std::atomic_ref<uint64_t> cell(*reinterpret_cast<uint64_t*>(h.base() + at));
    // The server checked a compare-and-set: its word is stored as it is. An
    // add applies here to the word as the log left it, as on the server.
    std::optional<uint64_t> word;
    try {
      word = u.getOp() == wire::CellOp::COMPARE_AND_SET ? u.getDesired() : updated_word(cell.load(std::memory_order_relaxed), u);
    } catch (const std::invalid_argument&) {
    }
    if (!word) throw std::runtime_error("the server sent a bad entry");
    cell.store(*word, std::memory_order_release);
  }
  applied_ = e.getLogPosition();
}

void NodeLink::apply_arrived() {
  while (auto f = next_frame(false)) {
    auto fr = f->frame();
    if (fr.which() == wire::Frame::ENTRY) apply_entry(*heap_ptr_, fr.getEntry());
    else if (fr.which() == wire::Frame::GOODBYE)
      throw std::runtime_error(std::string("the server closed the link: ") + fr.getGoodbye().cStr());
  }
}

void NodeLink::leave() {
  try {
    FrameBuilder m;
    m.initRoot<wire::Frame>().setLeaving();
    stamp(m);
    conn_->set_timeout(std::chrono::milliseconds(5000));
    conn_->send(m);
    // Entries and heartbeats may come first; the goodbye (or the close) ends it.
    while (conn_->receive()->frame().which() != wire::Frame::GOODBYE) {
    }
  } catch (const std::exception&) {
    // The server is away: it retires this node after --retire-after.
  }
}

void NodeLink::poll() {
  try {
    apply_arrived();
    auto now = Clock::now();
    // Its progress, for status and lag, every second; and at once when it
    // waits (it polls only from a safepoint: a sleep, a blocking deref) after
    // a commit's answer: the server holds entries for a node that was just
    // answered, expecting its next commit, and a heartbeat tells it the
    // node is waiting for them instead (server.cpp, flush).
    if (answered_ || now - last_told_ > std::chrono::seconds(1)) {
      answered_ = false;
      last_told_ = now;
      FrameBuilder m;
      stamp(m);
      auto hb = m.getRoot<wire::Frame>().initHeartbeat();
      hb.setLogPosition(applied_);
      conn_->send(m);
    }
    if (now - last_heard_ > options_.silence) throw ConnectionError("no word from the server for a while");
  } catch (const ConnectionError& e) {
    reconnect(e.what(), 0);
  }
}

}  // namespace folio::replication
