#include "replication/handshake.h"

#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "replication/sha256.h"

namespace folio::replication {

Nonce random_nonce() {
  std::random_device rd;
  Nonce n;
  for (auto& b : n) b = uint8_t(rd());
  return n;
}

void build_challenge(capnp::MessageBuilder& m, const Nonce& nonce) {
  auto f = m.initRoot<wire::Frame>();
  f.initChallenge().setNonce(kj::arrayPtr(nonce.data(), nonce.size()));
}

void build_hello(capnp::MessageBuilder& m, const PeerIdentity& me, uint16_t node, uint32_t incarnation,
                 uint64_t last_applied, std::string_view key, const Nonce& nonce) {
  auto f = m.initRoot<wire::Frame>();
  f.initSender().setNode(node);
  f.getSender().setIncarnation(incarnation);
  auto h = f.initHello();
  h.setProtocolVersion(wire::PROTOCOL_VERSION);
  h.setHeapFormat(me.heap_format);
  h.setImageId(me.image_id);
  h.initSender().setNode(node);
  h.getSender().setIncarnation(incarnation);
  h.setLastApplied(last_applied);
  if (!key.empty()) {
    Digest proof = hmac_sha256(key, std::string_view(reinterpret_cast<const char*>(nonce.data()), nonce.size()));
    h.setAuthProof(kj::arrayPtr(proof.data(), proof.size()));
  }
}

void build_goodbye(capnp::MessageBuilder& m, std::string_view reason) {
  auto f = m.initRoot<wire::Frame>();
  f.setGoodbye(std::string(reason));
}

std::string check_hello(wire::Hello::Reader hello, const PeerIdentity& mine, std::string_view key,
                        const Nonce& nonce) {
  if (hello.getProtocolVersion() != wire::PROTOCOL_VERSION)
    return "protocol version " + std::to_string(hello.getProtocolVersion()) + " is not " +
           std::to_string(wire::PROTOCOL_VERSION);
  if (hello.getHeapFormat() != mine.heap_format) return "heap format differs (another version of folio)";
  if (hello.getImageId() != mine.image_id) return "built-in image differs (another build of folio)";
  if (!key.empty()) {
    auto proof = hello.getAuthProof();
    Digest want = hmac_sha256(key, std::string_view(reinterpret_cast<const char*>(nonce.data()), nonce.size()));
    Digest got{};
    if (proof.size() != got.size()) return "authentication failed";
    std::memcpy(got.data(), proof.begin(), got.size());
    if (!digests_equal(got, want)) return "authentication failed";
  }
  return "";
}

std::string read_key_file(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot read key file " + path + ": " + strerror(errno));
  if (st.st_mode & 077)
    throw std::runtime_error("key file " + path + " is readable by others; chmod 600 it");
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string key = ss.str();
  while (!key.empty() && isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
  if (key.empty()) throw std::runtime_error("key file " + path + " is empty");
  return key;
}

}  // namespace folio::replication
