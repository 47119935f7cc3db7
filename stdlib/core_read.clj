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

;; ---------------------------------------------------------------- reader objects
;; A tagged literal and a preserved reader conditional are records of the JVM's
;; types (clojure.lang.TaggedLiteral, ReaderConditional) that print as read
;; (vm/printer.cpp). Unlike the JVM's, they are maps (map? and record? hold).

(defn- reader-object [t m]
  (with-meta m {:type t ::record true ::record-fields (set (keys m))}))

(defn tagged-literal
  "A tagged literal of tag (a symbol) and form, as the reader gives for #tag
  form when *default-data-reader-fn* is tagged-literal. (:tag x), (:form x)."
  [tag form]
  (reader-object 'clojure.lang.TaggedLiteral {:tag tag :form form}))

(defn tagged-literal? "true if x is a tagged literal." [x]
  (and (record? x) (= (folio-class 'clojure.lang.TaggedLiteral) (type x))))

(defn reader-conditional
  "A reader conditional of form (a list of feature/form pairs), spliced (#?@)
  when splicing? is true, as (read-string {:read-cond :preserve} ...) gives.
  (:form x), (:splicing? x)."
  [form splicing?]
  (reader-object 'clojure.lang.ReaderConditional {:form form :splicing? splicing?}))

(defn reader-conditional? "true if x is a reader conditional." [x]
  (and (record? x) (= (folio-class 'clojure.lang.ReaderConditional) (type x))))
