// server_session.cpp - one connection's state machine (server_session.h).
#include "replication/server_session.h"

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace folio::replication {

using namespace server_detail;

void HeapServer::Session::start() {
  boost::system::error_code ignored;
  auto ep = socket.remote_endpoint(ignored);
  peer = ep.address().to_string() + ":" + std::to_string(ep.port());
  FrameBuilder m;
  build_challenge(m, nonce);
  send(m);
  read();
}

void HeapServer::Session::send_bytes(std::vector<uint8_t> bytes) {
  queue_bytes(std::move(bytes));
  start_write();
}

void HeapServer::Session::start_write() {
  held_back = false;
  if (out.empty() || writing || write_posted || closed) return;
  write_posted = true;
  asio::post(socket.get_executor(), [self = shared_from_this()] {
    self->write_posted = false;
    self->write_next();
  });
}

bool HeapServer::Session::peer_has_sent() {
  int n = 0;
  return ioctl(socket.native_handle(), FIONREAD, &n) == 0 && n > 0;
}

void HeapServer::Session::write_next() {
  if (out.empty() || writing || closed) return;
  // Up to ~1 MiB at once: a snapshot's window is refilled as each part is
  // written, so the socket never waits for the next part to be encoded.
  std::vector<asio::const_buffer> bufs;
  size_t bytes = 0;
  for (auto& b : out) {
    if (bytes >= kGatherBytes) break;
    bufs.push_back(asio::buffer(b));
    bytes += b.size();
  }
  writing = bufs.size();
  auto self = shared_from_this();
  asio::async_write(socket, bufs, [self](const boost::system::error_code& ec, size_t) {
    if (ec) return self->close();
    for (; self->writing > 0; --self->writing) {
      self->out_bytes -= self->out.front().size();
      self->out.pop_front();
    }
    if (self->closing) {
      if (self->out.empty()) self->close();
      else self->write_next();
      return;
    }
    // Keep a snapshot or catch-up flowing: refill at half the window (a
    // first frame into an empty queue starts the writing itself).
    if (self->out_bytes < kCatchUpWindow / 2) {
      if (self->snapshot_next < self->snapshot_pages.size()) self->continue_snapshot();
      else if (self->catch_up_next) self->continue_catch_up();
    }
    if (!self->held_back) self->write_next();
  });
}

void HeapServer::Session::goodbye(const std::string& reason, bool quiet) {
  if (closed || closing) return;
  if (!quiet)
    std::fprintf(stderr, "folio serve: closing %s%s: %s\n", peer.c_str(),
                 node && node != kObserverNode ? (" (node " + std::to_string(node) + ")").c_str() : "", reason.c_str());
  FrameBuilder m;
  build_goodbye(m, reason);
  catch_up_next = 0;
  send(m);
  closing = true;  // closed once everything queued, the goodbye last, is written
  server.members_.erase(this);
}

void HeapServer::Session::close() {
  if (closed) return;
  closed = true;
  server.members_.erase(this);
  server.snapshotting_.erase(this);
  auto it = server.connected_.find(node);
  if (welcomed && it != server.connected_.end() && it->second == this) {
    server.connected_.erase(it);
    server.nodes_[node].away_since = std::chrono::steady_clock::now();  // retire_after counts from here
  }
  welcomed = false;
  catch_up_next = 0;
  boost::system::error_code ignored;
  socket.close(ignored);
}

// Reads with async_read_some, which tries a recv at once (and so sees a
// close that came with the last data) — except after a read that brought a
// commit: its node waits for the answer and sends nothing meanwhile, so that
// recv would find nothing (a system call per commit wasted). Then the server
// waits for the socket to be readable first. Any new data, a close, or the
// reset a dead node's socket answers our answer with, makes it readable.
void HeapServer::Session::read() {
  auto self = shared_from_this();
  if (awaiting_answer) {
    socket.async_wait(tcp::socket::wait_read, [self](const boost::system::error_code& ec) {
      if (self->closed || self->closing) return;
      if (ec) return self->on_read(ec, 0);
      ssize_t n;
      do n = ::recv(self->socket.native_handle(), self->buf.data(), self->buf.size(), MSG_DONTWAIT);
      while (n < 0 && errno == EINTR);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {  // readable for nothing: read as usual
        self->awaiting_answer = false;
        return self->read();
      }
      if (n <= 0) return self->on_read(asio::error::eof, 0);
      self->on_read({}, size_t(n));
    });
    return;
  }
  socket.async_read_some(asio::buffer(buf), [self](const boost::system::error_code& ec, size_t n) {
    self->on_read(ec, n);
  });
}

void HeapServer::Session::on_read(const boost::system::error_code& ec, size_t n) {
  if (closed || closing) return;  // replaced by a newer connection of its node, or said goodbye
  if (ec) {
    if (decoder.buffered() > 0)  // a truncated frame: nothing of it is applied
      std::fprintf(stderr, "folio serve: %s closed the connection in the middle of a frame (%zu bytes of it)\n",
                   peer.c_str(), decoder.buffered());
    return close();
  }
  decoder.feed(buf.data(), n);  // the caller's handler holds this session alive
  bool go_on = true;
  uint64_t commits = server.commits_seen_;
  try {
    while (auto f = decoder.next())
      if (!handle(*f) || closed) {
        go_on = false;
        break;
      }
  } catch (const std::exception& e) {  // a bad frame, or a bad value inside a good one
    goodbye(e.what());
    go_on = false;
  }
  // A commit came, whole, and all that was there was read: its node waits.
  awaiting_answer = server.commits_seen_ != commits && decoder.buffered() == 0 && n < buf.size();
  // No commit came: the node is not in a commit loop (a heartbeat right
  // after an answer says it waits). Entries held for it (server.cpp,
  // flush) go now, and later ones go at once.
  if (server.commits_seen_ == commits) {
    answered = {};
    if (held_back) start_write();
  }
  if (!go_on) return;
  read();
}

void HeapServer::Session::continue_snapshot() {
  heap::Heap& h = *server.config_.heap;
  while (snapshot_next < snapshot_pages.size() && out_bytes < kCatchUpWindow) {
    uint64_t p = snapshot_pages[snapshot_next++];
    auto kept = preserved.find(p);
    const char* bytes = kept != preserved.end() ? reinterpret_cast<const char*>(kept->second.data())
                                                : h.base() + p * heap::kPageSize;
    FrameBuilder m;
    auto page = m.initRoot<wire::Frame>().initSnapshotPage();
    page.setIndex(p);
    page.setData(kj::arrayPtr(reinterpret_cast<const kj::byte*>(bytes), heap::kPageSize));
    send(m);
    if (kept != preserved.end()) preserved.erase(kept);
  }
  if (snapshot_next < snapshot_pages.size()) return;
  snapshot_pages = {};
  preserved.clear();
  server.snapshotting_.erase(this);
  FrameBuilder done;
  done.initRoot<wire::Frame>().setSnapshotDone(snapshot_position);
  send(done);
  for (auto& e : entries_after_snapshot) send_bytes(std::move(e));
  entries_after_snapshot.clear();
  server.members_.insert(this);
}

void HeapServer::Session::continue_catch_up() {
  while (catch_up_next && out_bytes < kCatchUpWindow) {
    if (catch_up_next > server.released_) {
      FrameBuilder done;
      done.initRoot<wire::Frame>().setSnapshotDone(server.released_);
      send(done);
      std::fprintf(stderr, "folio serve: node %u caught up %llu entries from the log\n", unsigned(node),
                   (unsigned long long)caught_up);
      catch_up_next = 0;
      server.members_.insert(this);
      return;
    }
    auto f = server.log_->read(catch_up_next);
    send_bytes(encode_entry(catch_up_next, f->frame().getCommit()));
    ++catch_up_next;
    ++caught_up;
  }
}

bool HeapServer::Session::handle_hello(wire::Hello::Reader hello) {
  std::string why = check_hello(hello, server.config_.identity, server.config_.key, nonce);
  if (!why.empty()) return refuse(why);
  uint16_t asked = hello.getSender().getNode();
  uint32_t life = hello.getSender().getIncarnation();
  bool returning = false, admitted = false, resnap = false;
  if (asked == kObserverNode) {
    node = kObserverNode;
  } else {
    auto known = server.nodes_.find(asked);
    if (asked != 0 && known == server.nodes_.end()) return refuse("unknown node " + std::to_string(asked));
    if (asked != 0 && known->second.retired)
      return refuse("node " + std::to_string(asked) + " left the cluster; start it again as a new node");
    if (asked != 0 && life != 0) {  // the same life, reconnecting
      if (life != known->second.incarnation)
        return refuse("node " + std::to_string(asked) + " incarnation " + std::to_string(life) +
                      " was superseded by incarnation " + std::to_string(known->second.incarnation));
      if (hello.getLastApplied() > server.log_->size())
        return refuse("node " + std::to_string(asked) + " has applied position " +
                      std::to_string(hello.getLastApplied()) + ", beyond the log's end " +
                      std::to_string(server.log_->size()) + " (this server lost commits)");
      // The log no longer reaches back to it (compacted into a checkpoint):
      // it gets the whole heap again, as the same node with the same grants.
      resnap = hello.getLastApplied() < server.log_->base();
      auto old = server.connected_.find(asked);
      if (old != server.connected_.end()) {
        std::fprintf(stderr, "folio serve: node %u reconnected; closing its old connection\n", unsigned(asked));
        old->second->close();  // a zombie connection: nothing more from it is read
      }
      node = asked;
      incarnation = life;
      returning = true;
    } else {
      if (asked != 0 && server.connected_.count(asked)) return refuse("node " + std::to_string(asked) + " is already connected");
      std::tie(node, incarnation) = server.admit(asked);
      admitted = true;
    }
    server.connected_[node] = this;
  }
  welcomed = true;
  bool snapshot = node != kObserverNode && server.config_.heap && (!returning || resnap);
  // Whatever was applied is released first: a snapshot then holds exactly
  // the released entries, and a returning node's catch-up covers its own
  // commit if that one was applied before its connection dropped.
  if (node != kObserverNode) server.flush();
  FrameBuilder m;
  auto w = m.initRoot<wire::Frame>().initWelcome();
  w.setNode(node);
  w.setIncarnation(incarnation);
  w.setLogPosition(returning && !resnap ? hello.getLastApplied() : server.released_);
  w.setFullSnapshot(snapshot);
  // At most once across a snapshot: the node's in-flight commit was applied
  // iff its sequence is at most this (kept from the log and the checkpoint).
  // Its adds' words too: a swap! returns what its own add made, not what
  // the snapshot holds after later adds.
  if (returning) {
    const auto& rec = server.nodes_[node];
    w.setLastSequence(rec.last_sequence);
    auto results = w.initLastResults(unsigned(rec.last_results.size()));
    for (unsigned i = 0; i < rec.last_results.size(); ++i) results.set(i, rec.last_results[i]);
  }
  if (resnap) {
    std::fprintf(stderr, "folio serve: node %u returns from position %llu, before the log's start %llu: full snapshot\n",
                 unsigned(node), (unsigned long long)hello.getLastApplied(), (unsigned long long)server.log_->base());
  } else if (snapshot) {
    auto [first, count] = server.grant(node, 0);  // saves the new life too
    if (!count) {  // it could never allocate: it ends now, and its id is not left waiting for --retire-after
      server.retire(node, "no pages left to grant it");
      return refuse("the cluster's heap is full");
    }
    w.setGrantFirstPage(first);
    w.setGrantPageCount(count);
  } else if (admitted) {
    server.save_nodes();
  }
  send(m);
  if (snapshot) {
    snapshot_pages = server.config_.heap->pages_in_use();
    snapshot_position = server.released_;
    snapshot_next = 0;
    server.snapshotting_.insert(this);
    continue_snapshot();
  } else if (returning) {
    catch_up_next = hello.getLastApplied() + 1;
    continue_catch_up();
  }
  return true;
}

bool HeapServer::Session::handle(ReceivedFrame& frame) {
  auto f = frame.frame();
  if (!welcomed) {
    if (f.which() != wire::Frame::HELLO) return refuse("expected hello");
    return handle_hello(f.getHello());
  }
  // Fencing: every frame of a node's connection carries that node's life.
  if (node != kObserverNode && (f.getSender().getNode() != node || f.getSender().getIncarnation() != incarnation))
    return refuse("a frame from node " + std::to_string(f.getSender().getNode()) + " incarnation " +
                  std::to_string(f.getSender().getIncarnation()) + " on the connection of node " +
                  std::to_string(node) + " incarnation " + std::to_string(incarnation));
  switch (f.which()) {
    case wire::Frame::HEARTBEAT:
      if (node != kObserverNode) server.nodes_[node].applied = f.getHeartbeat().getLogPosition();
      return true;
    case wire::Frame::STATUS_REQUEST: {
      FrameBuilder m;
      server.build_status(m);
      send(m);
      return true;
    }
    case wire::Frame::COMMIT:
      if (node == kObserverNode || !server.config_.heap) return refuse("commits need a node and a heap");
      if (catch_up_next || server.snapshotting_.count(this)) return refuse("a commit before the catch-up ended");
      server.on_commit(shared_from_this(), frame);
      return true;
    case wire::Frame::GRANT_REQUEST: {
      if (node == kObserverNode || !server.config_.heap) return refuse("grants need a node and a heap");
      auto [first, count] = server.grant(node, f.getGrantRequest());
      FrameBuilder m;
      auto g = m.initRoot<wire::Frame>().initGrant();
      g.setFirstPage(first);
      g.setPageCount(count);
      send(m);
      return true;
    }
    case wire::Frame::GOODBYE:
      close();
      return false;
    case wire::Frame::LEAVING: {
      // Its commits are all answered (a node waits for each): nothing of it
      // is in flight. Retired before the goodbye, so it can never return.
      if (node == kObserverNode) return refuse("an observer cannot leave");
      if (catch_up_next || server.snapshotting_.count(this)) return refuse("leaving before the catch-up ended");
      uint16_t gone = node;
      server.retire(gone, "it left");
      goodbye("node " + std::to_string(gone) + " left the cluster", true);
      return false;
    }
    default:
      return refuse("a frame the server does not take from a node (" + std::to_string(unsigned(f.which())) + ")");
  }
}

}  // namespace folio::replication
