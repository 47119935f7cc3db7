;; uuid.clj - clojure.uuid: #uuid literals are built into the reader
;; (vm/inst_uuid.cpp); the namespace exists so that requiring it works.
(ns clojure.uuid)
