// Unit tests for replication/server.h: the handshake admits nodes, gives each
// life a new incarnation that survives a restart, and refuses bad peers.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "replication/connection.h"
#include "replication/server.h"

using namespace folio::replication;
namespace wire = folio::wire;

namespace {

const PeerIdentity kMe{2, 0x1234};

// A server on a free port, run by a thread of its own, for one test.
struct RunningServer {
  folio::heap::Heap heap{folio::heap::anonymous_store(uint64_t(1) << 30)};
  boost::asio::io_context io;
  std::unique_ptr<HeapServer> server;
  std::thread thread;
  explicit RunningServer(const std::string& dir, std::string key = "") {
    ServerConfig c;
    c.port = 0;
    c.data_dir = dir;
    c.key = std::move(key);
    c.identity = kMe;
    c.heap = &heap;
    server = std::make_unique<HeapServer>(io, c);
    thread = std::thread([this] {
      auto guard = boost::asio::make_work_guard(io);
      io.run();
    });
  }
  ~RunningServer() {
    io.stop();
    thread.join();
  }
};

// Connects and says hello as `node`; returns the server's answer.
std::unique_ptr<ReceivedFrame> hello(uint16_t port, uint16_t node, const PeerIdentity& who = kMe,
                                     const std::string& key = "", std::unique_ptr<Connection>* keep = nullptr,
                                     uint32_t incarnation = 0, uint64_t last_applied = 0) {
  auto c = std::make_unique<Connection>("127.0.0.1", port, std::chrono::milliseconds(5000));
  auto challenge = c->receive();
  REQUIRE(challenge->frame().which() == wire::Frame::CHALLENGE);
  Nonce nonce{};
  auto n = challenge->frame().getChallenge().getNonce();
  REQUIRE(n.size() == nonce.size());
  std::copy(n.begin(), n.end(), nonce.begin());
  capnp::MallocMessageBuilder m;
  build_hello(m, who, node, incarnation, last_applied, key, nonce);
  c->send(m);
  auto reply = c->receive();
  if (keep) *keep = std::move(c);
  return reply;
}

uint64_t heap_pages_of(RunningServer& s) { return s.heap.header().used_pages; }

// A fresh directory for one test, removed when the test ends, failed or not.
struct TempDir {
  std::string path;
  explicit TempDir(const char* what)
      : path((std::filesystem::temp_directory_path() /
              (std::string("folio-server-test-") + what + "-" + std::to_string(getpid()))).string()) {
    std::filesystem::remove_all(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  operator const std::string&() const { return path; }
};

}  // namespace

TEST_CASE("server: new nodes get ids, returning nodes a new incarnation, kept across a restart") {
  TempDir dir("admit");
  {
    RunningServer s(dir);
    auto w1 = hello(s.server->port(), 0);
    REQUIRE(w1->frame().which() == wire::Frame::WELCOME);
    CHECK(w1->frame().getWelcome().getNode() == 1);
    CHECK(w1->frame().getWelcome().getIncarnation() == 1);
    CHECK(w1->frame().getWelcome().getFullSnapshot());
    CHECK(w1->frame().getWelcome().getGrantPageCount() > 0);
    auto w2 = hello(s.server->port(), 0);
    CHECK(w2->frame().getWelcome().getNode() == 2);
    auto again = hello(s.server->port(), 1);
    CHECK(again->frame().getWelcome().getNode() == 1);
    CHECK(again->frame().getWelcome().getIncarnation() == 2);
  }
  {
    RunningServer s(dir);  // restarted on the same directory
    auto back = hello(s.server->port(), 1);
    REQUIRE(back->frame().which() == wire::Frame::WELCOME);
    CHECK(back->frame().getWelcome().getIncarnation() == 3);
    auto unknown = hello(s.server->port(), 7);
    REQUIRE(unknown->frame().which() == wire::Frame::GOODBYE);
    CHECK(std::string(unknown->frame().getGoodbye().cStr()) == "unknown node 7");
  }
}

TEST_CASE("server: a node cannot be connected twice, and status reports who is") {
  TempDir dir("twice");
  RunningServer s(dir);
  std::unique_ptr<Connection> first;
  auto w = hello(s.server->port(), 0, kMe, "", &first);
  REQUIRE(w->frame().which() == wire::Frame::WELCOME);
  auto dup = hello(s.server->port(), 1);
  REQUIRE(dup->frame().which() == wire::Frame::GOODBYE);
  CHECK(std::string(dup->frame().getGoodbye().cStr()) == "node 1 is already connected");
  capnp::MallocMessageBuilder req;
  auto f = req.initRoot<wire::Frame>();
  f.initSender().setNode(1);  // every frame of a node carries its life...
  f.getSender().setIncarnation(1);
  f.setStatusRequest();
  first->send(req);
  auto st = first->receive();
  int snapshot_frames = 0;
  while (st->frame().which() == wire::Frame::SNAPSHOT_PAGE || st->frame().which() == wire::Frame::SNAPSHOT_DONE) {
    ++snapshot_frames;  // a node's snapshot comes first
    st = first->receive();
  }
  CHECK(snapshot_frames > 1);
  REQUIRE(st->frame().which() == wire::Frame::STATUS);
  auto status = st->frame().getStatus();
  CHECK(status.getHeapPages() == heap_pages_of(s));
  REQUIRE(status.getNodes().size() == 1);
  CHECK(status.getNodes()[0].getNode() == 1);
  CHECK(status.getNodes()[0].getConnected());
  first.reset();
}

// Reads frames until one of `which` (a node's snapshot and heartbeats come first).
std::unique_ptr<ReceivedFrame> receive_until(Connection& c, wire::Frame::Which which) {
  for (;;) {
    auto f = c.receive();
    if (f->frame().which() == which || f->frame().which() == wire::Frame::GOODBYE) return f;
  }
}

// Sends one frame stamped with `node`'s life `incarnation`; `fill` sets its member.
template <class Fill>
void send_as(Connection& c, uint16_t node, uint32_t incarnation, Fill fill) {
  capnp::MallocMessageBuilder m;
  auto f = m.initRoot<wire::Frame>();
  f.initSender().setNode(node);
  f.getSender().setIncarnation(incarnation);
  fill(f);
  c.send(m);
}

TEST_CASE("server: zombies are fenced off, and a returning node replaces its old connection") {
  TempDir dir("fence");
  RunningServer s(dir);
  std::unique_ptr<Connection> first;
  REQUIRE(hello(s.server->port(), 0, kMe, "", &first)->frame().which() == wire::Frame::WELCOME);
  REQUIRE(receive_until(*first, wire::Frame::SNAPSHOT_DONE)->frame().which() == wire::Frame::SNAPSHOT_DONE);
  SUBCASE("a frame that claims another life closes the connection, with the reason") {
    send_as(*first, 1, 7, [](wire::Frame::Builder f) { f.setStatusRequest(); });
    auto bye = receive_until(*first, wire::Frame::STATUS);
    REQUIRE(bye->frame().which() == wire::Frame::GOODBYE);
    CHECK(std::string(bye->frame().getGoodbye().cStr()) ==
          "a frame from node 1 incarnation 7 on the connection of node 1 incarnation 1");
  }
  SUBCASE("frames out of order after the handshake: a second hello, a server's frame") {
    for (int which = 0; which < 2; ++which) {
      std::unique_ptr<Connection> c;
      REQUIRE(hello(s.server->port(), 0, kMe, "", &c)->frame().which() == wire::Frame::WELCOME);
      REQUIRE(receive_until(*c, wire::Frame::SNAPSHOT_DONE)->frame().which() == wire::Frame::SNAPSHOT_DONE);
      capnp::MallocMessageBuilder m;
      auto f = m.initRoot<wire::Frame>();
      f.initSender().setNode(uint16_t(2 + which));
      f.getSender().setIncarnation(1);
      if (which == 0) f.initHello().setProtocolVersion(1);
      else f.initAccept().setLogPosition(5);
      c->send(m);
      auto bye = receive_until(*c, wire::Frame::STATUS);
      REQUIRE(bye->frame().which() == wire::Frame::GOODBYE);
      CHECK(std::string(bye->frame().getGoodbye().cStr()).rfind("a frame the server does not take from a node", 0) == 0);
    }
  }
  SUBCASE("an older incarnation is a zombie") {
    auto z = hello(s.server->port(), 1, kMe, "", nullptr, 0xFFFF);
    REQUIRE(z->frame().which() == wire::Frame::GOODBYE);
    CHECK(std::string(z->frame().getGoodbye().cStr()) == "node 1 incarnation 65535 was superseded by incarnation 1");
  }
  SUBCASE("the same life coming back catches up from its position and takes over") {
    std::unique_ptr<Connection> again;
    auto w = hello(s.server->port(), 1, kMe, "", &again, 1, 0);
    REQUIRE(w->frame().which() == wire::Frame::WELCOME);
    CHECK_FALSE(w->frame().getWelcome().getFullSnapshot());
    auto done = again->receive();  // an empty log: nothing to catch up
    REQUIRE(done->frame().which() == wire::Frame::SNAPSHOT_DONE);
    CHECK(done->frame().getSnapshotDone() == 0);
    CHECK_THROWS_AS(receive_until(*first, wire::Frame::STATUS), ConnectionError);  // the old one is closed
  }
  SUBCASE("a node ahead of the log means the server lost commits") {
    auto w = hello(s.server->port(), 1, kMe, "", nullptr, 1, 5);
    REQUIRE(w->frame().which() == wire::Frame::GOODBYE);
    CHECK(std::string(w->frame().getGoodbye().cStr()) ==
          "node 1 has applied position 5, beyond the log's end 0 (this server lost commits)");
  }
  first.reset();
}

TEST_CASE("server: another build, another heap format or a wrong key is refused with the reason") {
  TempDir dir("refuse");
  RunningServer s(dir, "secret");
  auto ok = hello(s.server->port(), 0, kMe, "secret");
  CHECK(ok->frame().which() == wire::Frame::WELCOME);
  auto reason = [&](const PeerIdentity& who, const std::string& key) {
    auto r = hello(s.server->port(), 0, who, key);
    return r->frame().which() == wire::Frame::GOODBYE ? std::string(r->frame().getGoodbye().cStr()) : "welcome";
  };
  CHECK(reason(kMe, "guess") == "authentication failed");
  CHECK(reason(kMe, "") == "authentication failed");
  CHECK(reason(PeerIdentity{2, 0x9999}, "secret") == "built-in image differs (another build of folio)");
  CHECK(reason(PeerIdentity{3, 0x1234}, "secret") == "heap format differs (another version of folio)");
}

namespace {

struct Update {
  uint64_t offset, expected, desired;
  wire::CellOp op = wire::CellOp::COMPARE_AND_SET;
};

// Sends one commit of `updates` from node `node` (incarnation 1) and returns
// the server's answer to it (accept, reject or goodbye).
std::unique_ptr<ReceivedFrame> commit(Connection& c, uint16_t node, uint64_t sequence, std::vector<Update> updates) {
  capnp::MallocMessageBuilder m;
  auto f = m.initRoot<wire::Frame>();
  f.initSender().setNode(node);
  f.getSender().setIncarnation(1);
  auto cm = f.initCommit();
  cm.initId().setNode(node);
  cm.getId().setIncarnation(1);
  cm.getId().setSequence(sequence);
  auto us = cm.initUpdates(unsigned(updates.size()));
  for (unsigned i = 0; i < updates.size(); ++i) {
    us[i].setOffset(updates[i].offset);
    us[i].setExpected(updates[i].expected);
    us[i].setDesired(updates[i].desired);
    us[i].setOp(updates[i].op);
  }
  c.send(m);
  for (;;) {
    auto r = c.receive();
    auto w = r->frame().which();
    if (w == wire::Frame::ACCEPT || w == wire::Frame::REJECT || w == wire::Frame::GOODBYE) return r;
  }
}

uint64_t fix(int64_t i) { return folio::Value::fixnum(i).w; }

}  // namespace

TEST_CASE("server: an add to a fixnum cell applies in log order, is refused on a non-fixnum or overflow, and replays") {
  TempDir dir("add");
  const auto add = wire::CellOp::ADD_FIXNUM;
  uint64_t cell = 0, other = 0;
  {
    RunningServer s(dir);
    std::unique_ptr<Connection> a, b;
    auto w = hello(s.server->port(), 0, kMe, "", &a);
    REQUIRE(w->frame().which() == wire::Frame::WELCOME);
    cell = w->frame().getWelcome().getGrantFirstPage() * folio::heap::kPageSize;  // a word the test owns
    other = cell + 8;
    REQUIRE(receive_until(*a, wire::Frame::SNAPSHOT_DONE)->frame().which() == wire::Frame::SNAPSHOT_DONE);
    REQUIRE(hello(s.server->port(), 0, kMe, "", &b)->frame().which() == wire::Frame::WELCOME);
    REQUIRE(receive_until(*b, wire::Frame::SNAPSHOT_DONE)->frame().which() == wire::Frame::SNAPSHOT_DONE);
    auto word = [&](uint64_t at) {
      uint64_t x;
      std::memcpy(&x, s.heap.base() + at, 8);
      return x;
    };
    // Node 1 adds 5 then -2; node 2's adds go in between: none refuses another.
    CHECK(commit(*a, 1, 1, {{cell, 0, fix(5), add}})->frame().which() == wire::Frame::ACCEPT);
    CHECK(commit(*b, 2, 1, {{cell, 0, fix(10), add}})->frame().which() == wire::Frame::ACCEPT);
    CHECK(commit(*a, 1, 2, {{cell, 0, fix(-2), add}})->frame().which() == wire::Frame::ACCEPT);
    CHECK(word(cell) == fix(13));
    // Node 2 gets node 1's entries in log order (the first came before its
    // own accept), with the add, not its result, in them.
    auto e = receive_until(*b, wire::Frame::ENTRY);
    REQUIRE(e->frame().which() == wire::Frame::ENTRY);
    CHECK(e->frame().getEntry().getLogPosition() == 3);
    CHECK(e->frame().getEntry().getUpdates()[0].getOp() == add);
    CHECK(e->frame().getEntry().getUpdates()[0].getDesired() == fix(-2));
    // A compare-and-set and an add in one commit: all or nothing.
    auto r = commit(*a, 1, 3, {{other, 0, folio::kNil.w}, {cell, 0, fix(1), add}});
    CHECK(r->frame().which() == wire::Frame::ACCEPT);
    CHECK(word(cell) == fix(14));
    r = commit(*a, 1, 4, {{cell, 0, fix(1), add}, {other, 0, fix(7)}});  // `other` holds nil now
    REQUIRE(r->frame().which() == wire::Frame::REJECT);
    CHECK(r->frame().getReject().getCurrent() == folio::kNil.w);
    CHECK(word(cell) == fix(14));  // the add did not happen either
    // An add to a word that is no fixnum is refused with the word there.
    r = commit(*a, 1, 5, {{other, 0, fix(1), add}});
    REQUIRE(r->frame().which() == wire::Frame::REJECT);
    CHECK(r->frame().getReject().getCurrent() == folio::kNil.w);
    // A sum past the fixnum range is refused (the node's inc promotes it).
    CHECK(commit(*a, 1, 6, {{other, folio::kNil.w, fix(folio::Value::kFixMax)}})->frame().which() == wire::Frame::ACCEPT);
    r = commit(*a, 1, 7, {{other, 0, fix(1), add}});
    REQUIRE(r->frame().which() == wire::Frame::REJECT);
    CHECK(r->frame().getReject().getCurrent() == fix(folio::Value::kFixMax));
    CHECK(commit(*a, 1, 8, {{other, 0, fix(-1), add}})->frame().which() == wire::Frame::ACCEPT);
    // A delta that is no fixnum is a malformed commit: the connection closes with the reason.
    r = commit(*a, 1, 9, {{cell, 0, folio::kNil.w, add}});
    REQUIRE(r->frame().which() == wire::Frame::GOODBYE);
    CHECK(std::string(r->frame().getGoodbye().cStr()) == "commit: an add of a word that is no fixnum");
    CHECK(word(cell) == fix(14));
    CHECK(word(other) == fix(folio::Value::kFixMax - 1));
  }
  // Restarted on its directory, the server replays the adds to the same words.
  RunningServer again(dir);
  uint64_t x, y;
  std::memcpy(&x, again.heap.base() + cell, 8);
  std::memcpy(&y, again.heap.base() + other, 8);
  CHECK(x == fix(14));
  CHECK(y == fix(folio::Value::kFixMax - 1));
}

// Status over a node's connection (after its snapshot): retired count and free pages.
static std::pair<uint32_t, uint64_t> retired_and_free(Connection& c, uint16_t node, uint32_t incarnation) {
  send_as(c, node, incarnation, [](wire::Frame::Builder f) { f.setStatusRequest(); });
  auto st = receive_until(c, wire::Frame::STATUS);
  REQUIRE(st->frame().which() == wire::Frame::STATUS);
  return {st->frame().getStatus().getRetiredNodes(), st->frame().getStatus().getFreePages()};
}

TEST_CASE("server: DIR/nodes of an older server reads as live nodes; retired ones are refused, their pages granted again") {
  TempDir dir("retire");
  std::filesystem::create_directories(dir.path);
  {
    std::ofstream nodes(dir.path + "/nodes");
    nodes << "1 2 64+64\n"             // written before retiring existed: live
          << "2 1 retired 128+64\n";  // its pages hold nothing: all free
  }
  RunningServer s(dir);
  auto back = hello(s.server->port(), 1, kMe, "", nullptr, 2);
  REQUIRE(back->frame().which() == wire::Frame::WELCOME);
  CHECK(back->frame().getWelcome().getIncarnation() == 2);
  for (uint32_t life : {1u, 0u}) {  // the same life back, or a new life under its id
    auto gone = hello(s.server->port(), 2, kMe, "", nullptr, life);
    REQUIRE(gone->frame().which() == wire::Frame::GOODBYE);
    CHECK(std::string(gone->frame().getGoodbye().cStr()) == "node 2 left the cluster; start it again as a new node");
  }
  std::unique_ptr<Connection> c;
  auto w = hello(s.server->port(), 0, kMe, "", &c);
  REQUIRE(w->frame().which() == wire::Frame::WELCOME);
  CHECK(w->frame().getWelcome().getNode() == 3);  // ids are never used again
  CHECK(w->frame().getWelcome().getGrantFirstPage() == 128);  // the free range, before fresh pages
  CHECK(w->frame().getWelcome().getGrantPageCount() == 64);
  REQUIRE(receive_until(*c, wire::Frame::SNAPSHOT_DONE)->frame().which() == wire::Frame::SNAPSHOT_DONE);
  CHECK(retired_and_free(*c, 3, 1) == std::pair<uint32_t, uint64_t>{1, 0});
  // It leaves: the goodbye answers, and its grant is free again.
  send_as(*c, 3, 1, [](wire::Frame::Builder f) { f.setLeaving(); });
  auto bye = receive_until(*c, wire::Frame::STATUS);
  REQUIRE(bye->frame().which() == wire::Frame::GOODBYE);
  CHECK(std::string(bye->frame().getGoodbye().cStr()) == "node 3 left the cluster");
  std::unique_ptr<Connection> d;
  REQUIRE(hello(s.server->port(), 0, kMe, "", &d)->frame().which() == wire::Frame::WELCOME);
  REQUIRE(receive_until(*d, wire::Frame::SNAPSHOT_DONE)->frame().which() == wire::Frame::SNAPSHOT_DONE);
  CHECK(retired_and_free(*d, 4, 1) == std::pair<uint32_t, uint64_t>{2, 0});  // node 4 took the range again
  std::ifstream in(dir.path + "/nodes");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "1 2 64+64\n2 1 retired 128+64\n3 1 retired 128+64\n4 1 128+64\n");
}

// A node that sends a commit and closes at once: its close may reach the
// server with the commit, read together, after which the server waits for
// the socket to be readable rather than reading again (server_session.cpp,
// read). It must still see the node go at once: its answer draws the dead
// socket's reset. Several rounds, as the two may or may not arrive together.
TEST_CASE("server: a node that closes right after sending a commit is seen to go") {
  TempDir dir("gone");
  RunningServer s(dir);
  std::unique_ptr<Connection> watcher;
  REQUIRE(hello(s.server->port(), 0, kMe, "", &watcher)->frame().which() == wire::Frame::WELCOME);
  REQUIRE(receive_until(*watcher, wire::Frame::SNAPSHOT_DONE)->frame().which() == wire::Frame::SNAPSHOT_DONE);
  auto connected = [&](uint16_t node) {
    send_as(*watcher, 1, 1, [](wire::Frame::Builder f) { f.setStatusRequest(); });
    auto st = receive_until(*watcher, wire::Frame::STATUS);
    REQUIRE(st->frame().which() == wire::Frame::STATUS);
    for (auto n : st->frame().getStatus().getNodes())
      if (n.getNode() == node) return n.getConnected();
    return false;
  };
  for (int round = 0; round < 5; ++round) {
    std::unique_ptr<Connection> c;
    auto w = hello(s.server->port(), 0, kMe, "", &c);
    REQUIRE(w->frame().which() == wire::Frame::WELCOME);
    uint16_t node = w->frame().getWelcome().getNode();
    uint64_t cell = w->frame().getWelcome().getGrantFirstPage() * folio::heap::kPageSize;
    REQUIRE(receive_until(*c, wire::Frame::SNAPSHOT_DONE)->frame().which() == wire::Frame::SNAPSHOT_DONE);
    send_as(*c, node, 1, [&](wire::Frame::Builder f) {
      auto cm = f.initCommit();
      cm.initId().setNode(node);
      cm.getId().setIncarnation(1);
      cm.getId().setSequence(1);
      auto u = cm.initUpdates(1)[0];
      u.setOffset(cell);
      u.setExpected(0);
      u.setDesired(fix(round));
    });
    c.reset();  // closed, the answer unread
    bool seen_gone = false;
    // Within 0.8 s: before the heartbeats (every second) could reveal it.
    for (int i = 0; i < 40 && !seen_gone; ++i) {
      seen_gone = !connected(node);
      if (!seen_gone) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK_MESSAGE(seen_gone, "node " << node << " still counts as connected 0.8 s after it closed");
  }
}
