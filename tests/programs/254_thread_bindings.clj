;; Dynamic bindings are conveyed into futures, agent actions and bound-fn.
(def ^:dynamic *x* :root)
(def ^:dynamic *y* 0)
(println "root" @(future *x*))
(binding [*x* :bound *y* 5]
  (println "future" @(future [*x* *y*]))
  (println "nested future" @(future @(future *x*)))
  (println "pmap" (pmap (fn [i] [i *x*]) [1 2]))
  (let [a (agent nil)]
    (send a (fn [_] *x*))
    (await a)
    (println "agent" @a)))
(println "outside" *x* @(future *x*))
;; a binding made inside the future stays there
(def f (future (binding [*x* :inside] *x*)))
(println "inside" @f *x*)
(binding [*y* 1]
  (println "own binding" @(future (binding [*y* 2] (set! *y* 3) *y*)) *y*))
;; a conveyed binding belongs to the thread that made it: set! refuses it
(binding [*y* 1]
  (println "set!" @(future (try (set! *y* 2) (catch IllegalStateException e (.getMessage e)))) *y*))
(let [a (agent nil)]
  (send a (fn [_] (try (set! *agent* nil) :set (catch IllegalStateException e (.getMessage e)))))
  (await a)
  (println "agent set!" @a))
(def g (binding [*x* :captured] (bound-fn [] *x*)))
(println "bound-fn" (g) @(future (g)))
;; *out* is conveyed: output of a future inside with-out-str is captured
(println "with-out-str" (pr-str (with-out-str @(future (print "hi")))))
(shutdown-agents)
