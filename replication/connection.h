// connection.h - one framed connection over TCP (Boost.Asio), used blocking
// with a deadline by clients (`folio cluster status`, later `--join`).
#pragma once
#include <utility>  // Boost 1.74 asio uses std::exchange without including it

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
  // (closed, timed out) or FrameError (a bad frame).
  std::unique_ptr<ReceivedFrame> receive();
  // A frame that has already arrived, without waiting; nullptr when none has.
  std::unique_ptr<ReceivedFrame> poll();

 private:
  bool read_ready();  // reads what has arrived; false when nothing has
  boost::asio::io_context io_;
  std::vector<uint8_t> buf_ = std::vector<uint8_t>(size_t(1) << 20);
  boost::asio::ip::tcp::socket socket_;
  std::chrono::milliseconds timeout_;
  FrameDecoder decoder_;
};

// "host:port" -> parts; throws std::invalid_argument with a message.
std::pair<std::string, uint16_t> parse_host_port(const std::string& s);

}  // namespace folio::replication
