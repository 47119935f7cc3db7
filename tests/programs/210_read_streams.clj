;; clojure.core/read, read+string and with-in-str: one form at a time from *in*
;; (here a string), mixed with read-line; eof handling; opts :eof, :read-cond
;; and :features; edn/read on the same stream. (Stdin is empty here.)
(require '[clojure.edn :as edn])

(defn show [f]
  (try (prn (f)) (catch Exception e (prn [(class e) (ex-message e)]))))

(show #(read))
(prn (read *in* false :eof))
(prn (read {:eof :none} *in*))
(with-in-str "(a b) [1 2] ::k #_x :last"
  (prn (read))
  (prn (read))
  (prn (read))
  (prn (read))
  (prn (read *in* false :end))
  (show #(read)))
(with-in-str "{:a 1} rest\nline2"
  (prn (read+string))
  (prn (read-line))
  (prn (read-line))
  (prn (read-line)))
(with-in-str "  ; comment\n  (+ 1\n 2)  tail"
  (prn (read+string))
  (prn (read+string *in* false :eof))
  (prn (read+string *in* false :eof)))
(with-in-str "#?(:folio-x 1 :default 2) #?(:cljs 3 :default 4)"
  (prn (read {:read-cond :allow} *in*))
  (prn (read {:read-cond :allow :features #{:cljs}} *in*))
  (prn (read {:read-cond :allow :eof :e} *in*)))
(with-in-str "x" (prn (read {:eof :done} *in*)) (prn (read {:eof :done} *in*)))
(show #(with-in-str "" (read {:eof :eofthrow} *in*)))
(with-in-str "{:k #inst \"2001-02-03T04:05:06.000-00:00\"} (not edn) 3"
  (prn (edn/read *in*))
  (prn (read))
  (prn (edn/read *in*))
  (show #(edn/read *in*)))
(show #(with-in-str "#foo 1" (edn/read *in*)))
(show #(with-in-str "(1 2]" (read)))
(show #(read 42))
(prn (with-in-str "abc\ndef" [(read-line) (read-line) (read-line)]))
(prn (with-in-str "a b c" (doall (take-while some? (repeatedly #(read *in* false nil))))))
