#include "replication/server.h"
#include "replication/server_session.h"
#include "replication/cell_update.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <optional>
#include <sstream>

namespace folio::replication {

using namespace server_detail;

HeapServer::HeapServer(asio::io_context& io, ServerConfig config)
    : io_(io), config_(std::move(config)), acceptor_(io), ticker_(io), gather_timer_(io), hold_timer_(io) {
  if (config_.data_dir.empty()) throw std::runtime_error("folio serve needs --data DIR");
  {
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(config_.host, ec);
    if (!ec && !addr.is_loopback() && config_.key.empty())
      throw std::runtime_error("refusing to listen on " + config_.host + " without --key-file (only loopback may go without a key)");
  }
  if (mkdir(config_.data_dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw std::runtime_error("cannot create " + config_.data_dir + ": " + strerror(errno));
  std::string lock = config_.data_dir + "/lock";
  dir_lock_fd_ = open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (dir_lock_fd_ < 0) throw std::runtime_error("cannot open " + lock + ": " + strerror(errno));
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  if (fcntl(dir_lock_fd_, F_OFD_SETLK, &fl) != 0)
    throw std::runtime_error("another folio serve is using " + config_.data_dir);
  load_nodes();
  // The last checkpoint, then the log's entries after it, rebuild the heap
  // and each node's last commit.
  checkpoint_position_ = checkpoint_before_ = restore_checkpoint();
  log_ = std::make_unique<CommitLog>(config_.data_dir + "/log", [&](ReceivedFrame& f, uint64_t position) {
    if (f.frame().which() != wire::Frame::COMMIT) throw FrameError("not a commit");
    if (position <= checkpoint_position_) return;
    auto c = f.frame().getCommit();
    uint64_t x, y;
    std::vector<uint64_t> added;
    if (config_.heap) apply_commit(c.getId().getNode(), c, false, &x, &y, &added);
    NodeRecord& r = nodes_[c.getId().getNode()];
    if (c.getId().getIncarnation() == r.incarnation) {
      r.last_sequence = c.getId().getSequence();
      r.last_results = std::move(added);
    }
    r.last_position = position;
  }, config_.sync == SyncMode::kInterval ? CommitLog::Writes::kMapped : CommitLog::Writes::kWritten);
  if (log_->base() > checkpoint_position_)
    throw std::runtime_error(config_.data_dir + "/log starts after position " + std::to_string(log_->base()) +
                             " but the checkpoint holds only up to " + std::to_string(checkpoint_position_) +
                             ": entries are missing");
  if (log_->size() < checkpoint_position_)
    throw std::runtime_error(config_.data_dir + "/log ends before the checkpoint's position " +
                             std::to_string(checkpoint_position_));
  released_ = log_->size();
  if (config_.heap) {  // grants start past the image, on a 64-page boundary
    next_grant_ = std::max(next_grant_, (config_.heap->header().immortal_pages + 63) / 64 * 64);
    rebuild_free_ranges();  // the heap is whole now: the rule needs its page table
  }
  boost::system::error_code ec;
  tcp::endpoint ep(asio::ip::make_address(config_.host, ec), config_.port);
  if (ec) throw std::runtime_error("bad listen address " + config_.host + ": " + ec.message());
  acceptor_.open(ep.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(ep, ec);
  if (ec) throw std::runtime_error("cannot listen on " + config_.host + ":" + std::to_string(config_.port) + ": " + ec.message());
  acceptor_.listen();
  port_ = acceptor_.local_endpoint().port();
  accept();
  tick();
}

HeapServer::~HeapServer() {
  if (checkpoint_child_ > 0) {  // unfinished: the next life writes its own
    kill(checkpoint_child_, SIGKILL);
    waitpid(checkpoint_child_, nullptr, 0);
    unlink((config_.data_dir + "/checkpoint.tmp").c_str());
  }
  try {
    if (log_) log_->sync();
  } catch (...) {
  }
  if (dir_lock_fd_ >= 0) close(dir_lock_fd_);
}

void HeapServer::on_commit(const std::shared_ptr<Session>& s, ReceivedFrame& frame) {
  ++commits_seen_;
  auto c = frame.frame().getCommit();
  auto id = c.getId();
  if (id.getNode() != s->node || id.getIncarnation() != s->incarnation)
    throw FrameError("a commit with another node's id");
  NodeRecord& rec = nodes_[s->node];
  if (id.getSequence() <= rec.last_sequence)
    throw FrameError("commit " + std::to_string(id.getSequence()) + " was already applied (the last was " +
                     std::to_string(rec.last_sequence) + ")");
  rec.applied = c.getReadPosition();
  uint64_t failed = 0, current = 0;
  FrameBuilder m;
  auto out = m.initRoot<wire::Frame>();
  Pending p;
  p.author = s;
  std::vector<uint64_t> added;
  if (apply_commit(s->node, c, true, &failed, &current, &added)) {
    log_->append(frame.bytes());  // in the page cache now; synced, per the mode, by the flush, before any reply
    p.position = log_->size();
    rec.last_sequence = id.getSequence();
    rec.last_position = p.position;
    rec.last_results = std::move(added);
    auto a = out.initAccept();
    a.setId(id);
    a.setLogPosition(p.position);
    if (connected_.size() > 1) p.entry = encode_entry(p.position, c);  // someone else will want it
  } else {
    auto r = out.initReject();
    r.setId(id);
    r.setFailed(c.getUpdates()[0]);
    r.getFailed().setOffset(failed);
    r.setCurrent(current);
  }
  p.reply = encode_frame(m);
  queue(std::move(p));
}

// Replies wait for the flush that follows the frames that arrived together:
// a refusal too, so that the entries that beat it reach the node first.
// The flush runs after the handlers of the connections that are ready now:
// their commits share one log write (and sync) and each member's frames go
// out in one write.
//
// With --fsync always each round costs a sync (~0.1-5 ms), so it is worth
// waiting a moment for the commits that are about to come: the members that
// committed in the last round got their answers together and, in a commit
// loop, send their next commit within tens of microseconds. The round waits
// for as many authors as the last one had, or kGatherWait at most; a lone
// committer (or one after a quiet spell) never waits.
void HeapServer::queue(Pending p) {
  pending_.push_back(std::move(p));
  if (flush_posted_) return;
  if (config_.sync == SyncMode::kEveryCommit) {
    std::vector<const Session*> authors;
    for (const Pending& q : pending_)
      if (std::find(authors.begin(), authors.end(), q.author.get()) == authors.end()) authors.push_back(q.author.get());
    if (authors.size() < last_round_authors_) {
      if (!gather_armed_) {
        gather_armed_ = true;
        gather_timer_.expires_after(kGatherWait);
        gather_timer_.async_wait([this](const boost::system::error_code& ec) {
          if (ec) return;  // cancelled: a flush was posted meanwhile
          gather_armed_ = false;
          if (!flush_posted_) post_flush();
        });
      }
      return;
    }
  }
  post_flush();
}

void HeapServer::post_flush() {
  if (gather_armed_) {
    gather_armed_ = false;
    gather_timer_.cancel();
  }
  flush_posted_ = true;
  asio::post(io_, [this] { flush(); });
}

void HeapServer::flush() {
  flush_posted_ = false;
  if (pending_.empty()) return;
  if (config_.sync == SyncMode::kEveryCommit) log_->sync();
  else log_->write_out();
  std::vector<Pending> now = std::move(pending_);
  pending_.clear();
  std::vector<std::shared_ptr<Session>> authors;
  for (Pending& p : now) {
    if (p.position) {
      released_ = p.position;
      if (!p.entry.empty()) {
        for (Session* s : members_)
          if (s != p.author.get()) s->queue_bytes(p.entry);
        for (Session* s : snapshotting_) s->entries_after_snapshot.push_back(p.entry);
      }
    }
    p.author->queue_bytes(std::move(p.reply));  // after the entries queued before it
    if (std::find(authors.begin(), authors.end(), p.author) == authors.end()) authors.push_back(p.author);
  }
  // The other nodes first: a commit is visible elsewhere before its author
  // hears back and runs on. A member in a commit loop (answered within
  // kHoldEntries) or whose commit waits unread in its socket is about to be
  // answered: its entries wait and go with the answer, one write and one
  // wake-up instead of one more for each round it was not in (its read
  // handler sends them if what it sent was no commit, and hold_timer_ after
  // kHoldEntries at the latest). A member that commits only once it has
  // seen another's commit (a ping-pong through cells) would wait for the
  // timer each time. But a node applies entries only when it commits or
  // waits (polls at a safepoint: a sleep, a blocking deref), and one that
  // waits right after an answer says so with a heartbeat, which ends the
  // holding for it until its next commit (server_session.cpp, read).
  auto round_time = std::chrono::steady_clock::now();
  for (Session* s : members_) {
    if (s->out.empty() || s->held_back || std::any_of(authors.begin(), authors.end(), [&](auto& a) { return a.get() == s; }))
      continue;
    if (round_time - s->answered < kHoldEntries || s->peer_has_sent()) {
      s->held_back = true;
      s->held_since = round_time;
      if (!hold_armed_) arm_hold_timer(round_time + kHoldEntries);
    } else {
      s->write_now();
    }
  }
  for (auto& a : authors) {
    a->answered = round_time;
    a->write_now();
  }
  last_round_authors_ = authors.size();
}

void HeapServer::arm_hold_timer(std::chrono::steady_clock::time_point when) {
  hold_armed_ = true;
  hold_timer_.expires_at(when);
  hold_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) release_held();
  });
}

// Only the holds that have lasted kHoldEntries end; the timer then waits
// for the oldest of the others.
void HeapServer::release_held() {
  hold_armed_ = false;
  auto now = std::chrono::steady_clock::now();
  std::optional<std::chrono::steady_clock::time_point> next;
  for (Session* s : members_) {
    if (!s->held_back) continue;
    if (now - s->held_since >= kHoldEntries) {
      s->start_write();
    } else if (!next || s->held_since + kHoldEntries < *next) {
      next = s->held_since + kHoldEntries;
    }
  }
  if (next) arm_hold_timer(*next);
}

// Waking a sleeping server costs the sender a wake-up (on a virtual machine
// an IPI) and the server its CPU's exit from halt, tens of microseconds
// together; polling costs a core that would idle. Between polls the server
// yields, so where processes outnumber cores the nodes run meanwhile.
void HeapServer::run() {
  auto worked = std::chrono::steady_clock::now();
  while (!io_.stopped()) {
    if (io_.poll() > 0) {
      worked = std::chrono::steady_clock::now();
    } else if (std::chrono::steady_clock::now() - worked < kPollAfterWork) {
      sched_yield();
    } else {
      io_.run_one();
      worked = std::chrono::steady_clock::now();
    }
  }
}

void HeapServer::tick() {
  if (config_.sync == SyncMode::kInterval) log_->sync();
  if (checkpoint_child_ > 0) {
    int status = 0;
    if (waitpid(checkpoint_child_, &status, WNOHANG) == checkpoint_child_)
      finish_checkpoint(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  } else if (config_.heap && config_.log_limit && log_->bytes_after(checkpoint_position_) > config_.log_limit) {
    start_checkpoint();
  }
  retire_absent();
  if (!members_.empty()) {
    FrameBuilder m;
    auto hb = m.initRoot<wire::Frame>().initHeartbeat();
    hb.setLogPosition(released_);
    hb.setTimeMs(now_ms());
    std::vector<uint8_t> bytes = encode_frame(m);  // built once, sent to all
    for (Session* s : members_) s->send_bytes(bytes);
  }
  ticker_.expires_after(std::chrono::seconds(1));
  ticker_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) tick();
  });
}

// A snapshot in progress shows the heap as it was when it began: a page it
// has yet to send is copied before a commit first writes it.
void HeapServer::preserve(uint64_t offset, uint64_t n) {
  heap::Heap& h = *config_.heap;
  for (uint64_t p = offset >> heap::kPageBits; p <= (offset + n - 1) >> heap::kPageBits; ++p)
    for (Session* s : snapshotting_) {
      auto unsent = std::lower_bound(s->snapshot_pages.begin() + std::ptrdiff_t(s->snapshot_next), s->snapshot_pages.end(), p);
      if (unsent == s->snapshot_pages.end() || *unsent != p || s->preserved.count(p)) continue;
      const auto* bytes = reinterpret_cast<const uint8_t*>(h.base() + p * heap::kPageSize);
      s->preserved.emplace(p, std::vector<uint8_t>(bytes, bytes + heap::kPageSize));
    }
}

// Pages retired nodes gave back go first (the lowest range that holds
// `need` pages, up to `want` of it), then fresh ones; a range smaller than
// the doubling size will do when it holds what was asked for.
std::pair<uint64_t, uint64_t> HeapServer::grant(uint16_t node, uint64_t pages) {
  NodeRecord& r = nodes_[node];
  uint64_t want = std::max({pages, kFirstGrantPages, std::min(r.last_grant * 2, kMaxGrantPages)});
  uint64_t need = std::max(pages, kMinGrantPages);
  auto [first, count] = free_.take(need, want);
  if (!count) {
    uint64_t left = grant_limit() > next_grant_ ? grant_limit() - next_grant_ : 0;
    count = left >= want ? want : left >= need ? left : 0;
    if (!count) return {0, 0};
    first = next_grant_;
    next_grant_ += count;
  }
  r.grants.push_back({first, first + count});
  r.last_grant = count;
  save_nodes();  // recorded before it is handed out: a restarted server never frees it
  return {first, count};
}

bool HeapServer::apply_commit(uint16_t node, wire::Commit::Reader c, bool check, uint64_t* failed,
                              uint64_t* current, std::vector<uint64_t>* added) {
  heap::Heap& h = *config_.heap;
  uint64_t cap = h.header().capacity_pages * heap::kPageSize;
  const auto& ranges = nodes_[node].grants;
  // The node's new objects: only inside its own ranges (the log's were checked when they came).
  for (auto obj : c.getPages()) {
    uint64_t at = obj.getIndex(), n = obj.getData().size();
    bool inside = !check || std::any_of(ranges.begin(), ranges.end(), [&](auto r) {
      uint64_t lo = r.first * heap::kPageSize, hi = r.second * heap::kPageSize;
      return at >= lo && n <= hi - lo && at + n <= hi;
    });
    if (!inside)
      throw FrameError("commit: an object outside the node's pages (at " + std::to_string(at) + ", " +
                       std::to_string(n) + " bytes)");
    if (!snapshotting_.empty()) {
      uint64_t first = at >> heap::kPageBits, last = (at + n - 1) >> heap::kPageBits;
      preserve(at, n);
      preserve(uint64_t(reinterpret_cast<char*>(&h.page(first)) - h.base()), (last - first + 1) * sizeof(heap::PageEntry));
      preserve(0, sizeof(heap::HeapHeader));
    }
    h.place_object(at, obj.getData().begin(), n, obj.getEntry().begin(), obj.getEntry().size());
  }
  // Every update is worked out on the words as they were before the commit,
  // then all are stored: all or nothing.
  auto updates = c.getUpdates();
  std::vector<uint64_t> words(updates.size());
  for (unsigned i = 0; i < updates.size(); ++i) {
    uint64_t at = updates[i].getOffset();
    if (at % 8 || at + 8 > cap) throw FrameError("commit: a cell outside the heap");
    uint64_t word;
    std::memcpy(&word, h.base() + at, 8);
    std::optional<uint64_t> after;
    try {  // a replayed compare-and-set was checked when it came: its word is stored as it was
      after = check || updates[i].getOp() != wire::CellOp::COMPARE_AND_SET ? updated_word(word, updates[i])
                                                                          : updates[i].getDesired();
    } catch (const std::invalid_argument& e) {
      throw FrameError(std::string("commit: ") + e.what());
    }
    if (!after && !check) throw std::runtime_error("the log does not replay: a refused update at " + std::to_string(at));
    if (!after) {
      *failed = at;
      *current = word;
      return false;
    }
    words[i] = *after;
  }
  for (unsigned i = 0; i < updates.size(); ++i) {
    if (!snapshotting_.empty()) preserve(updates[i].getOffset(), 8);
    std::memcpy(h.base() + updates[i].getOffset(), &words[i], 8);
    if (updates[i].getOp() == wire::CellOp::ADD_FIXNUM) added->push_back(words[i]);
  }
  return true;
}

void HeapServer::accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket sock) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      sock.set_option(tcp::no_delay(true));
      std::make_shared<Session>(*this, std::move(sock))->start();
    }
    accept();
  });
}

// DIR/nodes: one line per node ever admitted: "node incarnation", the word
// "retired" once its life is over (lines written before retiring existed
// lack it), and its granted ranges as "first+count".
void HeapServer::load_nodes() {
  std::ifstream in(config_.data_dir + "/nodes");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    unsigned node;
    uint32_t inc;
    if (!(words >> node >> inc) || node == 0 || node >= kObserverNode) continue;
    NodeRecord& r = nodes_[uint16_t(node)];
    r.incarnation = inc;
    std::string word;
    while (words >> word) {
      if (word == "retired") {
        r.retired = true;
        continue;
      }
      uint64_t first = 0, count = 0;
      if (std::sscanf(word.c_str(), "%" SCNu64 "+%" SCNu64, &first, &count) != 2) break;
      r.grants.push_back({first, first + count});
      next_grant_ = std::max(next_grant_, first + count);
    }
  }
}

// Written to a temporary file, synced, then renamed over the old one: a crash
// leaves either the old list or the new one, never half of one.
void HeapServer::save_nodes() {
  std::string tmp = config_.data_dir + "/nodes.tmp", path = config_.data_dir + "/nodes";
  std::ostringstream s;
  for (auto& [n, r] : nodes_) {
    s << n << " " << r.incarnation << (r.retired ? " retired" : "");
    for (auto [first, end] : r.grants) s << " " << first << "+" << (end - first);
    s << "\n";
  }
  std::string text = s.str();
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + tmp + ": " + strerror(errno));
  bool ok = write(fd, text.data(), text.size()) == ssize_t(text.size()) && fsync(fd) == 0;
  close(fd);
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot write " + path);
}

std::pair<uint16_t, uint32_t> HeapServer::admit(uint16_t node) {
  if (node == 0) {
    node = nodes_.empty() ? 1 : uint16_t(nodes_.rbegin()->first + 1);
    if (node >= kObserverNode) throw std::runtime_error("no node ids left");
  }
  NodeRecord& r = nodes_[node];
  r.incarnation += 1;  // a new life: frames of the old one are fenced off
  r.last_sequence = 0;
  r.last_results.clear();
  r.last_grant = 0;
  return {node, r.incarnation};  // saved by the caller, with the life's first grant
}

void HeapServer::build_status(capnp::MessageBuilder& m) {
  auto st = m.initRoot<wire::Frame>().initStatus();
  st.setLogPosition(released_);
  st.setHeapPages(config_.heap ? config_.heap->header().used_pages : 0);
  unsigned live = 0;
  for (auto& [n, r] : nodes_) live += !r.retired;
  st.setRetiredNodes(uint32_t(nodes_.size() - live));
  st.setFreePages(free_.pages());
  auto list = st.initNodes(live);
  unsigned i = 0;
  for (auto& [n, r] : nodes_) {
    if (r.retired) continue;
    list[i].setNode(n);
    list[i].setIncarnation(r.incarnation);
    list[i].setApplied(r.applied);
    list[i].setConnected(connected_.count(n) > 0);
    ++i;
  }
}

}  // namespace folio::replication
