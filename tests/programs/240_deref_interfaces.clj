;; deftype and reify implementing IDeref, IBlockingDeref and IPending: deref,
;; deref with a timeout and realized? reach their methods.
(deftype Box [p]
  clojure.lang.IDeref (deref [_] (deref p))
  clojure.lang.IBlockingDeref (deref [_ ms v] (deref p ms v))
  clojure.lang.IPending (isRealized [_] (realized? p)))

(let [p (promise) b (Box. p)]
  (println (deref b 10 :timed-out) (realized? b))
  (deliver p [1 2 3])
  (println @b (deref b 10 :timed-out) (realized? b)))

(def counter (reify clojure.lang.IDeref (deref [_] 42)))
(println @counter (+ 1 @counter))

(let [n (atom 0)
      lazy (reify
             clojure.lang.IDeref (deref [_] (swap! n inc))
             clojure.lang.IPending (isRealized [_] (pos? @n)))]
  (println (realized? lazy) @lazy @lazy (realized? lazy)))

(println (try (deref 5) (catch ClassCastException e :not-derefable)))
