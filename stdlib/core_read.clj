;; core_read.clj - clojure.core, reading forms from streams: read, read+string,
;; with-in-str. A stream is *in* (stdin) or the string reader with-in-str
;; binds; the reading itself is the native folio-read (vm/core_natives_read.cpp).

(defn read
  "Reads the next form from stream (default *in*). With eof-error? false, returns
  eof-value at end of input instead of throwing. (read opts stream): opts :eof
  (a value, or :eofthrow) and :read-cond (:allow or :preserve)."
  ([] (read *in*))
  ([stream] (read stream true nil))
  ([stream eof-error? eof-value] (read stream eof-error? eof-value false))
  ([stream eof-error? eof-value recursive?]
   (folio-read (if eof-error? {} {:eof eof-value}) stream))
  ([opts stream] (folio-read opts stream)))

(defn read+string
  "Like read, returning [form text], the text the form was read from, trimmed."
  ([] (read+string *in*))
  ([stream] (read+string stream true nil))
  ([stream eof-error? eof-value] (read+string stream eof-error? eof-value false))
  ([stream eof-error? eof-value recursive?]
   (folio-read (if eof-error? {} {:eof eof-value}) stream true))
  ([opts stream] (folio-read opts stream true)))

(defmacro with-in-str
  "Evaluates body with *in* reading from the string s."
  [s & body]
  `(binding [*in* (folio-new-string-reader ~s)]
     ~@body))

;; ---------------------------------------------------------------- tagged literals
;; The reader (vm/loader.cpp) reads #tag form through these.

(def ^:dynamic *data-readers*
  "Map of tag symbol -> fn of the tagged form, used by the reader for #tag
  literals (in code and read-string)."
  {})

(def ^:dynamic *default-data-reader-fn*
  "When set, a fn of tag and form for tags *data-readers* has no fn for."
  nil)

(def default-data-readers
  "The built-in tagged literals: #inst and #uuid."
  {'inst folio.core/inst 'uuid folio.core/uuid})
