;; core_protocols.clj - clojure.core.protocols, the part Folio has: Datafiable
;; and Navigable (clojure.datafy's protocols). The reduce protocols (CollReduce,
;; IKVReduce, ...) are absent: Folio's reduce is native and does not dispatch
;; through them.
(ns clojure.core.protocols)

(defprotocol Datafiable
  (datafy [o] "Data representing o (o itself by default)."))

(extend-protocol Datafiable
  nil
  (datafy [_] nil)
  java.lang.Object
  (datafy [o] o))

(defprotocol Navigable
  (nav [coll k v] "What v, found at k in coll, navigates to (v itself by default)."))

(extend-protocol Navigable
  java.lang.Object
  (nav [_ _ v] v))
