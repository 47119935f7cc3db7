# folio.capnp - the wire format between a heap server and its nodes (issue 4).
#
# Knows nothing of Clojure: it moves 64 KiB heap pages and one-word cell
# updates (compare-and-sets at heap offsets). docs/PROTOCOL.md gives the
# ordering guarantees and the failure handling; replication/frame.h frames
# these messages on a byte stream.

@0xd4b6c0a3e1f27a59;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("folio::wire");

const protocolVersion :UInt32 = 5;  # 2: CellUpdate.op; 3: Welcome.lastSequence; 4: Welcome.lastResults;
                                    # 5: leaving, Status.retiredNodes/freePages

# Who sent a frame, and which life of it: a node that restarts gets a new
# incarnation, so frames from a zombie (an older incarnation) are refused.
struct Sender {
  node @0 :UInt16;
  incarnation @1 :UInt32;
}

# A commit is applied at most once: a retry carries the same id.
struct CommitId {
  node @0 :UInt16;
  incarnation @1 :UInt32;
  sequence @2 :UInt64;
}

struct Page {
  index @0 :UInt64;      # page number in the heap range
  version @1 :UInt32;    # page-table version after this change
  data @2 :Data;         # the whole page (64 KiB)
  entry @3 :Data;        # its page-table entry (heap/heap.h PageEntry, 16 bytes)
}

# What a cell update does to its word.
enum CellOp {
  compareAndSet @0;      # store `desired` if the word is `expected`
  addFixnum @1;          # add the fixnum `desired` to a fixnum word (`expected` unused):
                         # refused if the word is no fixnum or the sum leaves the
                         # fixnum range; applied by the server and by every node in
                         # log order, so concurrent adds never refuse each other
}

# One word of a cell: var root, namespace table, atom, ref value or version.
struct CellUpdate {
  offset @0 :UInt64;     # heap offset of the word
  expected @1 :UInt64;   # tagged word the sender read (the precondition)
  desired @2 :UInt64;    # tagged word to store (addFixnum: the tagged fixnum to add)
  op @3 :CellOp;
}

struct Hello {
  protocolVersion @0 :UInt32;
  heapFormat @1 :UInt32;     # heap/heap.h kFormatVersion
  imageId @2 :UInt64;        # the built-in image the heap grew from
  sender @3 :Sender;         # node 0 when the node has none yet
  lastApplied @4 :UInt64;    # log position it has applied (0: none)
  authProof @5 :Data;        # HMAC over the server's challenge with the shared key
}

struct Challenge {
  nonce @0 :Data;            # the server sends it first; Hello answers it
}

struct Welcome {
  node @0 :UInt16;           # the node's id (assigned on first join)
  incarnation @1 :UInt32;
  logPosition @2 :UInt64;    # where the stream starts for this node
  fullSnapshot @3 :Bool;     # true: snapshot pages follow (a new node, or a returning one the
                             # log no longer covers); false: catch-up entries follow
  grantFirstPage @4 :UInt64; # pages this node may allocate in: [first, first + count)
  grantPageCount @5 :UInt64;
  lastSequence @6 :UInt64;   # a returning node: its incarnation's highest commit sequence the
                             # server has applied (its in-flight commit was applied iff >= it)
  lastResults @7 :List(UInt64);  # a returning node: the words that commit's addFixnum updates
                             # made on the server, in update order (none for compare-and-sets):
                             # what its swap! returns when a full snapshot replaces the catch-up
}

struct Commit {
  id @0 :CommitId;
  readPosition @1 :UInt64;       # log position its reads were made at
  pages @2 :List(Page);          # new and changed pages the updates need
  updates @3 :List(CellUpdate);  # all or nothing
}

struct Accept {
  id @0 :CommitId;
  logPosition @1 :UInt64;
}

struct Reject {
  id @0 :CommitId;
  failed @1 :CellUpdate;         # the first precondition that failed...
  current @2 :UInt64;            # ...and the word the server holds, so the node retries
}

# A committed entry of the log, sent to every node in log order.
struct Entry {
  logPosition @0 :UInt64;
  id @1 :CommitId;
  pages @2 :List(Page);
  updates @3 :List(CellUpdate);
}

struct CatchUp {
  fromPosition @0 :UInt64;       # entries after this one, please
}

struct Heartbeat {
  logPosition @0 :UInt64;        # server: the log's end; node: what it applied
  timeMs @1 :UInt64;
}

struct Grant {
  firstPage @0 :UInt64;
  pageCount @1 :UInt64;
}

struct Frame {
  sender @0 :Sender;
  union {
    challenge @1 :Challenge;
    hello @2 :Hello;
    welcome @3 :Welcome;
    snapshotPage @4 :Page;
    snapshotDone @5 :UInt64;     # log position the snapshot reflects
    commit @6 :Commit;
    accept @7 :Accept;
    reject @8 :Reject;
    entry @9 :Entry;
    catchUp @10 :CatchUp;
    heartbeat @11 :Heartbeat;
    goodbye @12 :Text;           # the reason a peer closes the connection
    statusRequest @13 :Void;     # `folio cluster status`, after the handshake
    status @14 :Status;
    grantRequest @15 :UInt64;    # a node's grant is used up: at least this many pages, please
    grant @16 :Grant;            # the answer: a new range (pageCount 0: the heap is full)
    leaving @17 :Void;           # a node that ends normally, all its commits answered: the server
                                 # retires it (its id is never used again) and takes back the pages
                                 # of its grants that hold no published object; goodbye answers
  }
}

struct NodeStatus {
  node @0 :UInt16;
  incarnation @1 :UInt32;
  applied @2 :UInt64;            # last log position it reported
  connected @3 :Bool;
}

struct Status {
  logPosition @0 :UInt64;
  heapPages @1 :UInt64;          # pages in use in the server's heap
  nodes @2 :List(NodeStatus);    # live nodes only
  retiredNodes @3 :UInt32;       # nodes that left or were away past --retire-after
  freePages @4 :UInt64;          # pages their grants gave back, not yet granted again
}
