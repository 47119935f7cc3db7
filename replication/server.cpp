#include "replication/server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>

namespace folio::replication {

namespace asio = boost::asio;
using asio::ip::tcp;

// One connection: handshake first, then requests. Frames it sends wait in a
// queue so that at most one write is in flight.
struct HeapServer::Session : std::enable_shared_from_this<Session> {
  HeapServer& server;
  tcp::socket socket;
  FrameDecoder decoder;
  Nonce nonce = random_nonce();
  bool welcomed = false;
  uint16_t node = 0;
  std::array<uint8_t, 65536> buf;
  std::deque<std::vector<uint8_t>> out;
  ReceivedFrame* frame_now = nullptr;  // the frame handle() is looking at

  Session(HeapServer& s, tcp::socket sock) : server(s), socket(std::move(sock)) {}

  void start() {
    capnp::MallocMessageBuilder m;
    build_challenge(m, nonce);
    send(m);
    read();
  }

  void send(capnp::MessageBuilder& m) {
    out.push_back(encode_frame(m));
    if (out.size() == 1) write_next();
  }

  void write_next() {
    auto self = shared_from_this();
    asio::async_write(socket, asio::buffer(out.front()), [self](const boost::system::error_code& ec, size_t) {
      if (ec) return self->close();
      self->out.pop_front();
      if (!self->out.empty()) self->write_next();
    });
  }

  void goodbye(const std::string& reason) {
    boost::system::error_code ignored;
    auto peer = socket.remote_endpoint(ignored);
    std::fprintf(stderr, "folio serve: closing %s:%u: %s\n", peer.address().to_string().c_str(),
                 unsigned(peer.port()), reason.c_str());
    capnp::MallocMessageBuilder m;
    build_goodbye(m, reason);
    out.push_back(encode_frame(m));
    auto self = shared_from_this();
    // Close once everything queued (the goodbye last) is written.
    asio::async_write(socket, asio::buffer(out.back()), [self](const boost::system::error_code&, size_t) { self->close(); });
  }

  void close() {
    server.members_.erase(this);
    if (welcomed && node != kObserverNode) server.connected_.erase(node);
    welcomed = false;
    boost::system::error_code ignored;
    socket.close(ignored);
  }

  void read() {
    auto self = shared_from_this();
    socket.async_read_some(asio::buffer(buf), [self](const boost::system::error_code& ec, size_t n) {
      if (ec) return self->close();
      self->decoder.feed(self->buf.data(), n);
      try {
        while (auto f = self->decoder.next()) {
          self->frame_now = f.get();
          if (!self->handle(f->frame())) return;
        }
      } catch (const std::exception& e) {  // a bad frame, or a bad value inside a good one
        return self->goodbye(e.what());
      }
      self->read();
    });
  }

  // Every page in use, then the log position the snapshot reflects.
  void send_snapshot() {
    heap::Heap& h = *server.config_.heap;
    for (uint64_t p : h.pages_in_use()) {
      capnp::MallocMessageBuilder m;
      auto page = m.initRoot<wire::Frame>().initSnapshotPage();
      page.setIndex(p);
      page.setData(kj::arrayPtr(reinterpret_cast<const kj::byte*>(h.base() + p * heap::kPageSize), heap::kPageSize));
      send(m);
    }
    capnp::MallocMessageBuilder done;
    done.initRoot<wire::Frame>().setSnapshotDone(server.log_position_);
    send(done);
  }

  // False when the session ends.
  bool handle(wire::Frame::Reader f) {
    if (!welcomed) {
      if (f.which() != wire::Frame::HELLO) return goodbye("expected hello"), false;
      auto hello = f.getHello();
      std::string why = check_hello(hello, server.config_.identity, server.config_.key, nonce);
      if (!why.empty()) return goodbye(why), false;
      uint16_t asked = hello.getSender().getNode();
      uint32_t incarnation = 0;
      if (asked == kObserverNode) {
        node = kObserverNode;
      } else {
        if (asked != 0 && !server.nodes_.count(asked)) return goodbye("unknown node " + std::to_string(asked)), false;
        if (asked != 0 && server.connected_.count(asked)) return goodbye("node " + std::to_string(asked) + " is already connected"), false;
        std::tie(node, incarnation) = server.admit(asked);
        server.connected_.insert(node);
      }
      welcomed = true;
      capnp::MallocMessageBuilder m;
      auto w = m.initRoot<wire::Frame>().initWelcome();
      w.setNode(node);
      w.setIncarnation(incarnation);
      w.setLogPosition(server.log_position_);
      bool snapshot = node != kObserverNode && server.config_.heap;
      w.setFullSnapshot(snapshot);
      if (snapshot) {
        auto [first, count] = server.grant_for(node);
        w.setGrantFirstPage(first);
        w.setGrantPageCount(count);
      }
      send(m);
      if (snapshot) {
        send_snapshot();
        server.members_.insert(this);  // entries after the snapshot's position follow it
      }
      return true;
    }
    switch (f.which()) {
      case wire::Frame::HEARTBEAT:
        if (node != kObserverNode) server.nodes_[node].applied = f.getHeartbeat().getLogPosition();
        return true;
      case wire::Frame::STATUS_REQUEST: {
        capnp::MallocMessageBuilder m;
        server.build_status(m);
        send(m);
        return true;
      }
      case wire::Frame::COMMIT: {
        if (node == kObserverNode || !server.config_.heap) return goodbye("commits need a node and a heap"), false;
        auto c = f.getCommit();
        server.nodes_[node].applied = c.getReadPosition();
        uint64_t failed = 0, current = 0;
        capnp::MallocMessageBuilder m;
        auto out = m.initRoot<wire::Frame>();
        if (server.apply_commit(node, c, true, &failed, &current)) {
          server.append_log(frame_now->bytes());
          auto a = out.initAccept();
          a.setId(c.getId());
          a.setLogPosition(++server.log_position_);
          server.broadcast(this, server.log_position_, c);
        } else {
          auto r = out.initReject();
          r.setId(c.getId());
          r.setFailed(c.getUpdates()[0]);
          r.getFailed().setOffset(failed);
          r.setCurrent(current);
        }
        send(m);
        return true;
      }
      case wire::Frame::GOODBYE:
        close();
        return false;
      default:
        return goodbye("this server does not take that frame yet"), false;
    }
  }
};

HeapServer::HeapServer(asio::io_context& io, ServerConfig config)
    : io_(io), config_(std::move(config)), acceptor_(io) {
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
  if (config_.heap) replay_log();
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
}

HeapServer::~HeapServer() {
  if (log_fd_ >= 0) close(log_fd_);
  if (dir_lock_fd_ >= 0) close(dir_lock_fd_);
}

namespace {
constexpr uint64_t kGrantPages = 2048;  // 128 MiB of heap range per node
}

void HeapServer::broadcast(Session* author, uint64_t position, wire::Commit::Reader c) {
  if (members_.empty() || (members_.size() == 1 && members_.count(author))) return;
  capnp::MallocMessageBuilder m;
  auto e = m.initRoot<wire::Frame>().initEntry();
  e.setLogPosition(position);
  e.setId(c.getId());
  e.setPages(c.getPages());
  e.setUpdates(c.getUpdates());
  std::vector<uint8_t> bytes = encode_frame(m);  // built once, sent to all
  for (Session* s : members_) {
    if (s == author) continue;
    s->out.push_back(bytes);
    if (s->out.size() == 1) s->write_next();
  }
}

// Node n's pages: a fixed range of kGrantPages after the image, [first, end).
std::pair<uint64_t, uint64_t> HeapServer::range_of(uint16_t node) const {
  uint64_t base = (config_.heap->header().immortal_pages + 63) / 64 * 64;
  uint64_t first = base + uint64_t(node - 1) * kGrantPages;
  return {first, first + kGrantPages};
}

std::pair<uint64_t, uint64_t> HeapServer::grant_for(uint16_t node) const {
  heap::Heap& h = *config_.heap;
  auto [first, end] = range_of(node);
  if (end > h.header().capacity_pages) return {0, 0};
  uint64_t next = first;
  for (uint64_t p = first; p < end; ++p)
    if (h.page(p).kind != heap::PageKind::kUnused) next = p + 1;
  return {next, end - next};
}

bool HeapServer::apply_commit(uint16_t node, wire::Commit::Reader c, bool check, uint64_t* failed,
                              uint64_t* current) {
  heap::Heap& h = *config_.heap;
  uint64_t cap = h.header().capacity_pages * heap::kPageSize;
  auto [first, end] = range_of(node);
  uint64_t lo = first * heap::kPageSize, hi = end * heap::kPageSize;
  // The node's new objects: only inside its own range.
  for (auto obj : c.getPages()) {
    uint64_t at = obj.getIndex(), n = obj.getData().size();
    if (at < lo || n > hi - lo || at + n > hi)
      throw FrameError("commit: an object outside the node's pages (at " + std::to_string(at) + ", " +
                       std::to_string(n) + " bytes; pages " + std::to_string(first) + ".." + std::to_string(end) + ")");
    h.place_object(at, obj.getData().begin(), n, obj.getEntry().begin(), obj.getEntry().size());
  }
  for (auto u : c.getUpdates()) {
    uint64_t at = u.getOffset();
    if (at % 8 || at + 8 > cap) throw FrameError("commit: a cell outside the heap");
    uint64_t word;
    std::memcpy(&word, h.base() + at, 8);
    if (check && word != u.getExpected()) {
      *failed = at;
      *current = word;
      return false;
    }
  }
  for (auto u : c.getUpdates()) {
    uint64_t word = u.getDesired();
    std::memcpy(h.base() + u.getOffset(), &word, 8);
  }
  return true;
}

// DIR/log: every accepted commit's frame, appended and synced before the
// accept is sent, so a restarted server has every commit it acknowledged.
void HeapServer::append_log(const std::vector<uint8_t>& frame) {
  if (::write(log_fd_, frame.data(), frame.size()) != ssize_t(frame.size()) || fsync(log_fd_) != 0)
    throw std::runtime_error("cannot write the commit log: " + std::string(strerror(errno)));
}

void HeapServer::replay_log() {
  std::string path = config_.data_dir + "/log";
  log_fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + strerror(errno));
  FrameDecoder d;
  std::vector<uint8_t> buf(1 << 20);
  uint64_t good_end = 0, read_at = 0;
  ssize_t n;
  bool torn = false;
  while (!torn && (n = pread(log_fd_, buf.data(), buf.size(), off_t(read_at))) > 0) {
    read_at += uint64_t(n);
    d.feed(buf.data(), size_t(n));
    try {
      while (auto f = d.next()) {
        if (f->frame().which() != wire::Frame::COMMIT) throw FrameError("not a commit");
        uint64_t x, y;
        apply_commit(f->frame().getCommit().getId().getNode(), f->frame().getCommit(), false, &x, &y);
        good_end += f->size_bytes() + kFrameHeaderBytes;
        ++log_position_;
      }
    } catch (const FrameError&) {
      torn = true;  // a torn last frame (a crash mid-append): everything before it stands
    }
  }
  // Cut a torn tail so that new entries follow the last whole one.
  if (ftruncate(log_fd_, off_t(good_end)) != 0) throw std::runtime_error("cannot repair the commit log");
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

// DIR/nodes: one line "node incarnation" per node ever admitted.
void HeapServer::load_nodes() {
  std::ifstream in(config_.data_dir + "/nodes");
  unsigned node;
  uint32_t inc;
  while (in >> node >> inc)
    if (node > 0 && node < kObserverNode) nodes_[uint16_t(node)].incarnation = inc;
}

// Written to a temporary file, synced, then renamed over the old one: a crash
// leaves either the old list or the new one, never half of one.
void HeapServer::save_nodes() {
  std::string tmp = config_.data_dir + "/nodes.tmp", path = config_.data_dir + "/nodes";
  std::ostringstream s;
  for (auto& [n, r] : nodes_) s << n << " " << r.incarnation << "\n";
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
  save_nodes();
  return {node, r.incarnation};
}

void HeapServer::build_status(capnp::MessageBuilder& m) {
  auto st = m.initRoot<wire::Frame>().initStatus();
  st.setLogPosition(log_position_);
  st.setHeapPages(config_.heap ? config_.heap->header().used_pages : 0);
  auto list = st.initNodes(unsigned(nodes_.size()));
  unsigned i = 0;
  for (auto& [n, r] : nodes_) {
    list[i].setNode(n);
    list[i].setIncarnation(r.incarnation);
    list[i].setApplied(r.applied);
    list[i].setConnected(connected_.count(n) > 0);
    ++i;
  }
}

}  // namespace folio::replication
