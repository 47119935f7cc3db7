;; load-reader evaluates every form of a reader; load of a missing resource is
;; a FileNotFoundException naming it (loading files is in tests/cli_test.py).
(prn (with-in-str "(def zz 5) (+ zz 1)" (load-reader *in*)))
(prn zz)
(prn (with-in-str "" (load-reader *in*)))
(prn (with-in-str "(ns other.place) (def here *ns*) (str here)" (load-reader *in*)))
(prn (str *ns*))
(prn (try (load "nope/missing") (catch Exception e [(class e) (ex-message e)])))
(prn (try (load "/abs/missing") (catch Exception e [(class e) (ex-message e)])))
