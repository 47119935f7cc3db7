;; swap: 5e6 (swap! a inc) on one atom (atom CAS path + fn call).
(def a (atom 0))
(dotimes [_ 5000000]
  (swap! a inc))
(println @a)
