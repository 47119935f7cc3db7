;; core_conc.clj - clojure.core: the Clojure side of futures and agents (the
;; natives are in vm/threads.cpp): future, pmap, pcalls, pvalues, and the
;; deprecated agent-error API.

(defmacro future
  "Runs body on another thread; returns a future, whose deref waits for the
  body's value (and caches it). The dynamic bindings in effect are conveyed."
  [& body]
  `(future-call (fn [] ~@body)))

(defn pmap
  "Like map, except f is applied in parallel (on futures). Semi-lazy: it stays
  ahead of consumption by about the number of processors."
  ([f coll]
   (let [n (+ 2 (folio-available-processors))
         rets (map #(future (f %)) coll)
         step (fn step [[x & xs :as vs] fs]
                (lazy-seq
                 (if-let [s (seq fs)]
                   (cons (deref x) (step xs (rest s)))
                   (map deref vs))))]
     (step rets (drop n rets))))
  ([f coll & colls]
   (let [step (fn step [cs]
                (lazy-seq
                 (let [ss (map seq cs)]
                   (when (every? identity ss)
                     (cons (map first ss) (step (map rest ss)))))))]
     (pmap #(apply f %) (step (cons coll colls))))))

(defn pcalls
  "Calls the no-arg fns in parallel; a lazy seq of their values."
  [& fns]
  (pmap #(%) fns))

(defmacro pvalues
  "Evaluates the expressions in parallel; a lazy seq of their values."
  [& exprs]
  `(pcalls ~@(map #(list `fn [] %) exprs)))

(defn await1
  "Waits for the actions sent so far to agent a to finish; returns a."
  [a]
  (await a)
  a)

(defn agent-errors
  "Deprecated: a seq of the agent's error, or nil."
  [a]
  (when-let [e (agent-error a)]
    (list e)))

(defn clear-agent-errors
  "Deprecated: restarts the agent with its current state."
  [a]
  (restart-agent a (deref a)))
