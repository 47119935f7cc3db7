;; Reading forms that run past 64 KiB of a stream (numbers, symbols, strings,
;; comments, characters, #_, unterminated forms), as read takes the text in
;; windows; and many small forms read one after another.
(require '[clojure.edn :as edn])
(def pad (apply str (repeat 65530 " ")))
;; a number that straddles the 64 KiB window
(prn (with-in-str (str pad "123456789 :next") [(read) (read)]))
(prn (with-in-str (str pad "abcdefghij :next") [(read) (read)]))
(prn (with-in-str (str pad "\"" (apply str (repeat 200000 "x")) "\" 7") (let [s (read)] [(count s) (read)])))
(prn (with-in-str (str "; " (apply str (repeat 100000 "c")) "\n42") (read)))
(prn (with-in-str (str pad "   ") (read *in* false :eof)))
(prn (with-in-str (str (apply str (repeat 70000 " ")) "[1 2]") (read)))
(prn (with-in-str (str "[" (apply str (repeat 40000 "1 ")) "]") (count (read))))
(prn (with-in-str (str pad "#_ignored 5") (read)))
(prn (with-in-str (str pad "\\newline") (read)))
(prn (with-in-str (str pad "(1 2") (try (read) (catch Exception e (class e)))))
(prn (with-in-str (str pad "{:a 1} {:b 2}") [(edn/read *in*) (edn/read *in*)]))
(prn (with-in-str (str pad "{:a 1}") (read+string)))
(prn (with-in-str (apply str (repeat 20000 "{:a 1 :b [1 2 3]}\n")) (count (take-while some? (repeatedly #(read *in* false nil))))))
