;; clojure.pprint extension API: simple-dispatch methods for records,
;; pprint-logical-block with prefixes, :linear :mandatory :fill :miser newlines,
;; pprint-indent, print-length-loop, fresh-line, with-pprint-dispatch, write.
(require '[clojure.pprint :as pp])
(prn pp/*print-pretty* pp/*print-miser-width* pp/*print-right-margin*)
(defrecord Pair [a b])
(defmethod pp/simple-dispatch Pair [p]
  (pp/pprint-logical-block :prefix "#pair<" :suffix ">"
    (pp/write-out (:a p)) (print " ") (pp/pprint-newline :linear) (pp/write-out (:b p))))
(pp/pprint (->Pair 1 2))
(pp/pprint [(->Pair (vec (range 20)) (vec (range 20))) (->Pair :x :y)])
(pp/with-pprint-dispatch (fn [_] (pp/pprint-logical-block :per-line-prefix ";; " (print "a") (pp/pprint-newline :mandatory) (print "b")))
  (pp/pprint 1))
(prn (with-out-str (pp/with-pprint-dispatch (fn [_] (pp/pprint-logical-block :per-line-prefix ";; " :prefix "<" (print "a") (pp/pprint-newline :mandatory) (print "b"))) (pp/pprint 1))))
(prn (pp/write [1 2 3] :stream nil))
(prn (pp/write (vec (range 30)) :stream nil :right-margin 20))
(prn (pp/write (vec (range 30)) :stream nil :pretty false))
(pp/write {:a 1}) (println)
(pp/write (range 30) :length 4) (println)
(defn fill-dispatch [xs]
  (if-not (vector? xs) (pr xs) (pp/pprint-logical-block :prefix "[" :suffix "]"
    (loop [s (seq xs)]
      (when s
        (pp/write-out (first s))
        (when (next s) (print " ") (pp/pprint-newline :fill) (recur (next s))))))))
(pp/with-pprint-dispatch fill-dispatch (pp/pprint (vec (range 60))))
(binding [pp/*print-right-margin* 30]
  (pp/with-pprint-dispatch
    (fn [x] (if (vector? x)
              (pp/pprint-logical-block :prefix "(" :suffix ")"
                (pp/pprint-indent :block 1)
                (pp/write-out (first x)) (print " ") (pp/pprint-newline :miser)
                (doseq [y (rest x)] (pp/write-out y) (print " ") (pp/pprint-newline :linear)))
              (pr x)))
    (pp/pprint [:defn :some-function-name :with-many-args :and-more-args :and-more])))
(pp/with-pprint-dispatch (fn [_] (pp/pprint-logical-block (print "x") (pp/fresh-line) (pp/fresh-line) (print "y"))) (pp/pprint 1))
(pp/with-pprint-dispatch pp/simple-dispatch (pp/pprint {:a [1 2]}))
(binding [*print-length* 2] (pp/pprint (->Pair [1 2 3] 2)))
(prn (try (pp/pprint-tab :line 1 1) (catch Exception e [(class e) (ex-message e)])))
(pp/pprint (list 'a (->Pair 1 2)))
(pp/with-pprint-dispatch
  (fn [x] (if (vector? x)
            (pp/pprint-logical-block :prefix "<" :suffix ">"
              (pp/print-length-loop [s (seq x)]
                (when s
                  (loop [i 0] (when (< i 2) (print ".") (recur (inc i))))
                  (pp/write-out (first s))
                  (when (next s) (print " ") (pp/pprint-newline :linear) (recur (next s))))))
            (pr x)))
  (binding [*print-length* 3] (pp/pprint [1 2 3 4 5]))
  (pp/pprint [1 2 3 4 5]))
(pp/with-pprint-dispatch (fn [_] (print "a\n")) (pp/pprint 1))
(println "--")
