#include "replication/connection.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <array>

namespace folio::replication {

namespace asio = boost::asio;
using asio::ip::tcp;

std::pair<std::string, uint16_t> parse_host_port(const std::string& s) {
  size_t colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == s.size())
    throw std::invalid_argument("expected HOST:PORT, got \"" + s + "\"");
  std::string port = s.substr(colon + 1);
  char* end = nullptr;
  unsigned long p = std::strtoul(port.c_str(), &end, 10);
  if (*end || p > 65535) throw std::invalid_argument("bad port in \"" + s + "\"");
  return {s.substr(0, colon), uint16_t(p)};
}

Connection::Connection(const std::string& host, uint16_t port, std::chrono::milliseconds timeout)
    : socket_(io_), timeout_(timeout) {
  boost::system::error_code ec = asio::error::would_block;
  tcp::resolver resolver(io_);
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (ec) throw ConnectionError("cannot resolve " + host + ": " + ec.message());
  ec = asio::error::would_block;
  asio::async_connect(socket_, endpoints, [&](const boost::system::error_code& e, const tcp::endpoint&) { ec = e; });
  io_.run_for(timeout_);
  if (ec == asio::error::would_block) throw ConnectionError("timed out connecting to " + host + ":" + std::to_string(port));
  if (ec) throw ConnectionError("cannot connect to " + host + ":" + std::to_string(port) + ": " + ec.message());
  socket_.set_option(tcp::no_delay(true));
}

void Connection::send(capnp::MessageBuilder& message) {
  std::vector<uint8_t> bytes = encode_frame(message);
  boost::system::error_code ec;
  asio::write(socket_, asio::buffer(bytes), ec);
  if (ec) throw ConnectionError("cannot send: " + ec.message());
}

std::unique_ptr<ReceivedFrame> Connection::receive() {
  auto deadline = std::chrono::steady_clock::now() + timeout_;
  for (;;) {
    if (auto f = decoder_.next()) return f;
    // No recv of our own first: the async read tries one before it waits.
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw ConnectionError("timed out waiting for the server");
    boost::system::error_code ec = asio::error::would_block;
    size_t n = 0;
    socket_.async_read_some(asio::buffer(buf_), [&](const boost::system::error_code& e, size_t got) {
      ec = e;
      n = got;
    });
    io_.restart();
    io_.run_for(left);
    if (ec == asio::error::would_block) {
      socket_.cancel();
      io_.restart();
      io_.run();
      throw ConnectionError("timed out waiting for the server");
    }
    if (ec == asio::error::eof) throw ConnectionError("the server closed the connection");
    if (ec) throw ConnectionError("cannot receive: " + ec.message());
    decoder_.feed(buf_.data(), n);
  }
}

bool Connection::read_ready() {
  for (;;) {  // one non-blocking recv: no FIONREAD first
    ssize_t n = ::recv(socket_.native_handle(), buf_.data(), buf_.size(), MSG_DONTWAIT);
    if (n > 0) {
      decoder_.feed(buf_.data(), size_t(n));
      return true;
    }
    if (n == 0) throw ConnectionError("the server closed the connection");
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return false;
    throw ConnectionError(std::string("cannot receive: ") + strerror(errno));
  }
}

std::unique_ptr<ReceivedFrame> Connection::poll() {
  if (auto f = decoder_.next()) return f;
  if (!read_ready()) return nullptr;
  return decoder_.next();
}

}  // namespace folio::replication
