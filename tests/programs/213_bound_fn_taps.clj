;; get-thread-bindings, bound-fn and bound-fn* (bindings carried into fns and
;; lazy seqs realized after the binding ends), and taps (add-tap, tap>, remove-tap).
(def ^:dynamic *x* 1)
(def ^:dynamic *y* :root)

(prn (get (get-thread-bindings) #'*x* :not-bound))
(binding [*x* 4 *y* :b]
  (prn (get (get-thread-bindings) #'*x*) (get (get-thread-bindings) #'*y*))
  (binding [*x* 5]
    (prn (get (get-thread-bindings) #'*x*))))

(def f (binding [*x* 2] (bound-fn [] *x*)))
(def g (binding [*x* 3 *y* :g] (bound-fn* (fn [a & more] [*x* *y* a more]))))
(def h (binding [*x* 9] (fn [] *x*)))
(prn (f) (g 1) (g 1 2 3) (h))
(binding [*x* 100] (prn (f) (h)))
(def lazy-plain (binding [*x* 7] (map (fn [_] *x*) [1 2])))
(def lazy-bound (binding [*x* 7] (map (bound-fn [_] *x*) [1 2])))
(prn lazy-plain lazy-bound)
(prn (binding [*x* 8] (with-bindings (get-thread-bindings) *x*)))

(def seen (atom []))
(defn tap-a [x] (swap! seen conj [:a x]))
(defn tap-b [x] (throw (ex-info "tap failed" {})))
(add-tap tap-a)
(add-tap tap-b)
(prn (tap> 1))
(Thread/sleep 200)
(remove-tap tap-a)
(prn (tap> 2))
(Thread/sleep 200)
(prn @seen)
(remove-tap tap-b)
(prn (add-tap tap-a) (remove-tap tap-a) (remove-tap tap-a))
