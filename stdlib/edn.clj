;; edn.clj - clojure.edn: reading edn data (no code: no quote, syntax-quote,
;; #(), #', regexes or read-eval). The reader is the C++ one in edn mode
;; (folio-edn-read); #inst and #uuid are built in, other tags need :readers
;; or :default.
(ns clojure.edn
  (:refer-clojure :exclude [read read-string]))

(defn read
  "Reads the next edn object from stream (default *in*). opts: :eof, the value
  returned at end of input (without it, end of input is an error); :readers, a
  map of tag symbol -> fn of the tagged value; :default, a fn of tag and value
  for tags without a reader."
  ([] (read *in*))
  ([stream] (read {} stream))
  ([opts stream] (folio-edn-read opts stream)))

(defn read-string
  "Reads one edn object from string s (nil reads as nil). opts as for read;
  with no opts, end of input gives nil."
  ([s] (read-string {:eof nil} s))
  ([opts s] (when s (folio-edn-read opts s true))))
