;; cluster.clj - folio.cluster: the nodes of a cluster (folio --join), and
;; closures run on another node. Only a runtime whose closures are heap data
;; can send one: the fn and its arguments travel as the objects they are.
;;
;; A request is left in `mailboxes`, a shared atom (node id -> requests,
;; oldest first). The node it is for takes its requests at its next safepoint
;; (vm/cluster.cpp: between top-level forms, while a REPL waits for input,
;; in Thread/sleep and while a deref waits), runs each and delivers the
;; outcome to the request's promise; the caller's deref waits on that promise.
(ns folio.cluster)

(def ^:private mailboxes (atom {}))

(defn node-id
  "This node's id in the cluster, or nil outside one."
  [] (-node-id))

(defn nodes
  "The ids of the nodes connected to the heap server now, in order."
  [] (-connected))

(defn- outcome [r]
  (if (contains? r :error) (throw (:error r)) (:value r)))

;; Waits in slices; a node that leaves before it answers is an error, not a
;; wait forever. The promise is read once more after the node is seen gone:
;; its answer may have been the last thing it did.
(defn- await-answer [node p timeout-ms timeout-val]
  (let [deadline (when timeout-ms (+ (System/currentTimeMillis) timeout-ms))]
    (loop []
      (let [left (when deadline (- deadline (System/currentTimeMillis)))
            r (deref p (if left (max 0 (min 200 left)) 200) ::pending)]
        (cond
          (not= r ::pending) (outcome r)
          (and left (<= left 200)) timeout-val
          (not (some #{node} (nodes)))
          (let [r (deref p 50 ::pending)]
            (if (= r ::pending)
              (throw (ex-info (str "node " node " left the cluster before it answered") {:node node}))
              (outcome r)))
          :else (recur))))))

(deftype ^:private Answer [node p]
  clojure.lang.IDeref (deref [_] (await-answer node p nil nil))
  clojure.lang.IBlockingDeref (deref [_ ms v] (await-answer node p ms v))
  clojure.lang.IPending (isRealized [_] (realized? p)))

(defn on-node
  "Runs (apply f args) on node `node` and returns a future of its result:
  deref it (with a timeout if you like) for the value, or the exception f
  threw. *out* inside f is that node's. The node runs requests at its
  safepoints (between top-level forms, while it waits)."
  [node f & args]
  (when-not (some #{node} (nodes))
    (throw (ex-info (str "node " node " is not connected (nodes: " (nodes) ")") {:node node})))
  (let [p (promise)]
    (swap! mailboxes update node (fnil conj []) {:f f :args args :result p :from (node-id)})
    (Answer. node p)))

;; Called by the VM when this node's mailbox has requests. What they print
;; shows at once, not when this node next prints something itself.
(defn -serve []
  (let [me (node-id)
        [old _] (swap-vals! mailboxes dissoc me)]
    (doseq [{:keys [f args result]} (get old me)]
      (let [r (try {:value (apply f args)} (catch Throwable e {:error e}) (finally (flush)))]
        (try
          (deliver result r)
          (catch Throwable e
            (deliver result {:error (ex-info (str "the answer could not be shared: " (ex-message e)) {})})))))))
