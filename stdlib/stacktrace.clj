;; stacktrace.clj - clojure.stacktrace: printing exceptions and their causes.
;; Folio's trace elements are the strings "ns/fn (file:line)" the VM records when
;; an exception is thrown (folio-stack-trace), printed as they are.
(ns clojure.stacktrace)

(defn root-cause
  "The innermost cause of tr."
  [tr]
  (loop [t tr]
    (if-let [c (ex-cause t)] (recur c) t)))

(defn print-trace-element
  "Prints one stack trace element."
  [e]
  (print (str e)))

(defn print-throwable
  "Prints tr's class and message, then its ex-data if any."
  [tr]
  (print (str (.getName (class tr)) ": " (ex-message tr)))
  (when-let [info (ex-data tr)]
    (newline)
    (pr info)))

(defn print-stack-trace
  "Prints tr and its stack trace, at most n elements (all if n is nil)."
  ([tr] (print-stack-trace tr nil))
  ([tr n]
   (let [st (folio-stack-trace tr)]
     (print-throwable tr)
     (newline)
     (print " at ")
     (if-let [e (first st)]
       (print-trace-element e)
       (print "[empty stack trace]"))
     (newline)
     (doseq [e (if (nil? n) (rest st) (take (dec n) (rest st)))]
       (print "    ")
       (print-trace-element e)
       (newline)))))

(defn print-cause-trace
  "Like print-stack-trace, then the same for each cause in turn."
  ([tr] (print-cause-trace tr nil))
  ([tr n]
   (print-stack-trace tr n)
   (when-let [cause (ex-cause tr)]
     (print "Caused by: ")
     (recur cause n))))

(defn e
  "Prints the cause trace of *e, at most 8 elements."
  []
  (print-cause-trace *e 8))
