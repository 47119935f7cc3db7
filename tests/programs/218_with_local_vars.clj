;; with-local-vars: vars in no namespace, var-get/var-set/@, nesting, a
;; recursive fn through a local var, printing, and a var used after its scope.
(prn (with-local-vars [x 1 y 2] (var-set x 10) (+ @x (var-get y))))
(prn (with-local-vars [acc []] (doseq [i (range 5)] (var-set acc (conj @acc (* i i)))) @acc))
(prn (with-local-vars [x 1] (var? x)))
(prn (with-local-vars [x 1] (str x)))
(prn (with-local-vars [x 1] (pr-str x)))
(prn (with-local-vars [] :empty))
(def leaked (with-local-vars [x 1] x))
(prn (bound? leaked) (thread-bound? leaked))
(prn (with-local-vars [x 1] (with-local-vars [x 2] @x)))
(prn (with-local-vars [f (fn [n] (if (zero? n) 1 (* n (@f (dec n)))))] (@f 5)))
