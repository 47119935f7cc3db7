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

;; ---------------------------------------------------------------- seque
;; seque's buffer: a bounded queue in an atom, {:front list :back list :n count
;; :bell promise-or-nil :out taken-item}. Offering never blocks (false when
;; full: the producer then stops and is sent again after the next take, as the
;; JVM's seque uses BlockingQueue.offer). A taker finding it empty leaves a
;; promise in :bell and waits on it; the offer that fills the queue delivers
;; it, which wakes this process's waiting threads at once.

(defn- bq-offer! [st cap x]
  (let [[old new] (swap-vals! st (fn [q]
                                   (if (< (get q :n) cap)
                                     (assoc q :back (conj (get q :back) x) :n (inc (get q :n)) :bell nil)
                                     q)))]
    (if (identical? old new)
      false
      (do (when-let [b (get old :bell)] (deliver b true))
          true))))

(defn- bq-take! [st]
  (let [[old new] (swap-vals! st (fn [q]
                                   (if (pos? (get q :n))
                                     (let [front (or (seq (get q :front)) (reverse (get q :back)))
                                           back (if (seq (get q :front)) (get q :back) ())]
                                       (assoc q :front (rest front) :back back :n (dec (get q :n)) :out (first front)))
                                     (if (get q :bell) q (assoc q :bell (promise))))))]
    (if (pos? (get old :n))
      (get new :out)
      (do (deref (get new :bell))
          (recur st)))))

(defn seque
  "A seq of the items of s, realized ahead of consumption by an agent into a
  queue of n-or-q items (100 by default), so a slow producer works while the
  consumer does. The JVM also takes a java.util.concurrent.BlockingQueue as
  n-or-q; Folio takes only the size."
  ([s] (seque 100 s))
  ([n-or-q s]
   (let [cap (int n-or-q)
         _ (when-not (pos? cap) (throw (IllegalArgumentException.)))
         st (atom {:front () :back () :n 0 :bell nil :out nil})
         end (Object.)                    ; put after the last item
         ;; The agent's state: the items still to offer (() once they are all
         ;; offered but the end mark is not), nil once the end mark is in, or
         ;; the Throwable the producer failed with while the queue was full.
         producer (agent (lazy-seq s))
         fail (fn [e] (if (bq-offer! st cap end) (throw e) e))
         fill (fn [items]
                (cond
                  (nil? items) nil
                  (instance? Throwable items) (fail items)
                  :else (try
                          (loop [xs (seq items)]
                            (if xs
                              (let [x (first xs) more (next xs)]
                                (if (bq-offer! st cap x) (recur more) xs))
                              (if (bq-offer! st cap end) nil ())))
                          (catch Throwable e (fail e)))))
         drain (fn drain []
                 (lazy-seq
                  (let [x (bq-take! st)]
                    (if (identical? x end)
                      (do (deref producer) nil)
                      (do (send-off producer fill)
                          (release-pending-sends)
                          (cons x (drain)))))))]
     (send-off producer fill)
     (drain))))
