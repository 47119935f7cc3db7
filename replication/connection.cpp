#include "replication/connection.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/time.h>

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
  // From here on the socket is used blocking, by plain system calls: a
  // request and its answer then cost one send and one recv (an io_context
  // round would add an epoll_wait and a recv that finds nothing), and the
  // kernel's timeouts bound every wait.
  int fd = socket_.native_handle();
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
    throw ConnectionError(std::string("cannot set up the connection: ") + strerror(errno));
  timeval tv{};
  tv.tv_sec = timeout_.count() / 1000;
  tv.tv_usec = (timeout_.count() % 1000) * 1000;
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0 ||
      ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) < 0)
    throw ConnectionError(std::string("cannot set up the connection: ") + strerror(errno));
}

void Connection::send(capnp::MessageBuilder& message) {
  std::vector<uint8_t> bytes = encode_frame(message);
  for (size_t at = 0; at < bytes.size();) {
    ssize_t n = ::send(socket_.native_handle(), bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
    if (n > 0) {
      at += size_t(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      throw ConnectionError("timed out sending to the server");
    } else {
      throw ConnectionError(std::string("cannot send: ") + strerror(errno));
    }
  }
}

std::unique_ptr<ReceivedFrame> Connection::receive(bool answer) {
  for (;;) {
    if (auto f = decoder_.next()) return f;
    if (answer && spin_.worth_it()) {
      // An answer due within microseconds: looking for it a while costs less
      // than sleeping and being woken (a context switch each way).
      auto until = std::chrono::steady_clock::now() + spin_.budget;
      bool got = false;
      while (!(got = receive_some(MSG_DONTWAIT)) && std::chrono::steady_clock::now() < until) {
        sched_yield();
      }
      spin_.record(got);
      if (got) continue;
    }
    // Each recv waits at most the timeout (SO_RCVTIMEO): a frame arriving in
    // pieces may take one timeout per piece, never forever.
    if (!receive_some(0)) throw ConnectionError("timed out waiting for the server");
  }
}

bool Connection::receive_some(int flags) {
  for (;;) {
    ssize_t n = ::recv(socket_.native_handle(), buf_.data(), buf_.size(), flags);
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
  if (!receive_some(MSG_DONTWAIT)) return nullptr;
  return decoder_.next();
}

}  // namespace folio::replication
