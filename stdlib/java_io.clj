;; java_io.clj - clojure.java.io, the part scripts use without host objects:
;; reader and writer on file paths (or on streams, returned as they are) and
;; delete-file. A reader reads its whole file when opened; a writer writes at
;; .flush and .close (see vm/core_natives_file.cpp).
(ns clojure.java.io)

(defn- stream? [x]
  (contains? #{"java.io.OutputStreamWriter" "java.io.PrintWriter" "java.io.StringWriter"
               "java.io.BufferedWriter" "clojure.lang.LineNumberingPushbackReader"
               "java.io.StringReader"}
             (some-> (class x) .getName)))

(defn reader
  "A reader on x: a file path, or a reader (returned as it is)."
  [x & opts]
  (cond
    (string? x) (folio-file-reader x)
    (stream? x) x
    :else (throw (IllegalArgumentException. (str "Cannot open <" (pr-str x) "> as an InputStream.")))))

(defn writer
  "A writer on x: a file path (options :append true to add to the file), or a
  writer (returned as it is)."
  [x & opts]
  (cond
    (string? x) (folio-file-writer x (:append (apply hash-map opts)))
    (stream? x) x
    :else (throw (IllegalArgumentException. (str "Cannot open <" (pr-str x) "> as an OutputStream.")))))

(defn delete-file
  "Deletes the file at path f; throws unless it could, or silently is true."
  [f & [silently]]
  (or (folio-delete-file f)
      silently
      (throw (folio-throwable "java.io.IOException" (str "Couldn't delete " f)))))
