;; Files as scripts use them: clojure.java.io reader/writer, with-open (closing
;; in reverse order, also on a throw), line-seq, .write/.newLine/.flush/.close/
;; .readLine, :append, print to a writer, delete-file, and the errors for
;; missing files.
(require '[clojure.java.io :as io] '[clojure.edn :as edn])

(def path "/tmp/folio_212_files_with_open.txt")
(def path2 "/tmp/folio_212_files_with_open_2.txt")

(defn show [f]
  (try (prn (f)) (catch Exception e (prn [(class e) (ex-message e)]))))

(with-open [w (io/writer path)]
  (.write w "first line")
  (.newLine w)
  (.write w (int \x))
  (.write w "\nthird line\n"))
(prn (slurp path))
(with-open [r (io/reader path)]
  (prn (doall (line-seq r))))
(with-open [r (io/reader path)]
  (prn (.readLine r) (.readLine r) (.readLine r) (.readLine r)))

(with-open [w (io/writer path :append true)]
  (binding [*out* w]
    (println "printed" 1 2 3)
    (prn {:a [1 2]})))
(prn (slurp path))

(spit path2 "{:k 1} (a b) 42\n")
(prn (edn/read-string (slurp path2)))

(def w (io/writer path2))
(.write w "buffered")
(prn (slurp path2))
(.flush w)
(prn (slurp path2))
(.close w)
(.close w)
(show #(.write w "after close"))

(def events (atom []))
(show #(with-open [a (io/writer path) b (io/writer path2)]
         (swap! events conj :body)
         (throw (ex-info "inside" {}))))
(prn @events)
(prn (with-open [] 1 2 3))
(show #(io/writer 42))

(show #(io/reader "/tmp/folio_212_no_such_dir/file.txt"))
(show #(io/writer "/tmp/folio_212_no_such_dir/file.txt"))
(show #(slurp "/tmp/folio_212_no_such_file.txt"))
(show #(io/reader 42))
(prn (io/delete-file path) (io/delete-file path2) (io/delete-file path true))
(show #(io/delete-file path))
