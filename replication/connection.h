// connection.h - one framed connection over TCP for clients (`--join`,
// `folio cluster status`): connected through Boost.Asio within a deadline,
// then used blocking through plain system calls, every wait bounded.
#pragma once
#include <utility>  // Boost 1.74 asio uses std::exchange without including it

#include <algorithm>

#include <boost/asio.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "replication/frame.h"

namespace folio::replication {

struct ConnectionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Connection {
 public:
  // Connects to host:port within `timeout`; throws ConnectionError with the reason.
  Connection(const std::string& host, uint16_t port, std::chrono::milliseconds timeout);
  void send(capnp::MessageBuilder& message);
  // The next frame, waiting at most the timeout; throws ConnectionError
  // (closed, timed out) or FrameError (a bad frame). `answer`: the frame is
  // the answer to a request just sent, which may be worth a short spin.
  std::unique_ptr<ReceivedFrame> receive(bool answer = false);
  // A frame that has already arrived, without waiting; nullptr when none has.
  std::unique_ptr<ReceivedFrame> poll();
  void set_timeout(std::chrono::milliseconds t) { timeout_ = t; }

 private:
  // Waiting for an answer by polling the socket up to 300 us before sleeping
  // spares the node a sleep and a wake-up, and the server the wake-up, which
  // on a virtual machine costs more than sending the answer (an IPI, ~5-10
  // us of the server's time, and the woken CPU's exit from halt). Between
  // polls the node yields the CPU: where processes outnumber cores (four
  // nodes and a server on two) the others run meanwhile, so the server gets
  // the CPU it needs to answer (a quarter more swap!/s with four nodes than
  // sleeping in recv, here); alone on its core the node polls on. 300 us
  // covers an answer that waits for a disk sync (--fsync always: ~120 us
  // here). When the answers keep coming later than that (a slow link) it
  // stops polling, and tries again after a while.
  struct AdaptiveSpin {
    std::chrono::microseconds budget{300};
    uint32_t misses = 0;  // spins in a row that ended in sleeping anyway
    uint32_t skip = 0;    // waits left before spinning is tried again
    bool worth_it() {
      if (skip == 0) return true;
      --skip;
      return false;
    }
    void record(bool answered) {
      if (answered) {
        misses = 0;
      } else if (++misses >= 2) {
        skip = std::min<uint32_t>(1024, 16u << std::min<uint32_t>(misses - 2, 6));
      }
    }
  } spin_;
  // One recv (MSG_DONTWAIT: without waiting) into the decoder; false when
  // nothing came (would block, or SO_RCVTIMEO passed); throws when closed.
  bool receive_some(int flags);
  boost::asio::io_context io_;
  std::vector<uint8_t> buf_ = std::vector<uint8_t>(size_t(1) << 20);
  boost::asio::ip::tcp::socket socket_;
  std::chrono::milliseconds timeout_;
  FrameDecoder decoder_;
};

// "host:port" -> parts; throws std::invalid_argument with a message.
std::pair<std::string, uint16_t> parse_host_port(const std::string& s);

}  // namespace folio::replication
