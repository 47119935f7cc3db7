;; clojure.test extension points: assert-expr methods, rebinding report,
;; custom event types, *test-out*, test-ns-hook, several namespaces, run-all-tests
;; with a pattern, test-var/test-vars, compose-fixtures, *load-tests*.
(ns folio.test-extend.a
  (:require [clojure.test :as t :refer [deftest is testing]]))

(defmethod t/assert-expr 'roughly= [msg form]
  (let [[_ a b] form]
    `(let [a# ~a b# ~b]
       (if (< (Math/abs (- a# b#)) 0.01)
         (t/do-report {:type :pass :message ~msg :expected '~form :actual a#})
         (t/do-report {:type :fail :message ~msg :expected '~form :actual (list '~'not-roughly a# b#)})))))

(deftest custom-assertion
  (is (roughly= 1.0 1.001))
  (is (roughly= 1.0 1.5) "too far"))

(deftest custom-event
  (t/do-report {:type :my-event :value 42})
  (t/inc-report-counter :pass))

(ns folio.test-extend.b
  (:require [clojure.test :refer :all]))

(def calls (atom []))
(deftest first-test (swap! calls conj :first) (is true))
(deftest second-test (swap! calls conj :second) (is (= 2 2)))
(defn test-ns-hook []
  (second-test)
  (first-test))

(ns folio.test-extend.c
  (:require [clojure.test :refer :all]))

(binding [*load-tests* false]
  (eval '(deftest not-defined (is false))))
(prn (resolve 'not-defined))

(deftest c-test (is (= [1] (list 1))))

(ns user
  (:require [clojure.test :as t]))

(println "== two namespaces")
(prn (t/run-tests 'folio.test-extend.a 'folio.test-extend.b))
(prn @folio.test-extend.b/calls)

(println "== run-all-tests with a pattern")
(prn (t/run-all-tests #"folio\.test-extend\.[bc]"))

(println "== report rebound")
(def events (atom []))
(binding [t/report (fn [m] (swap! events conj (dissoc m :actual :file :line)))]
  (t/run-tests 'folio.test-extend.c))
(doseq [e @events] (prn (update e :ns #(some-> % ns-name))))

(println "== output captured through *test-out*")
(let [s (with-out-str (binding [t/*test-out* *out*] (t/run-tests 'folio.test-extend.c)))]
  (prn s))

(println "== test-var and test-vars outside run-tests")
(t/test-var #'folio.test-extend.c/c-test)
(t/test-vars [#'folio.test-extend.b/first-test #'folio.test-extend.c/c-test])
(prn @folio.test-extend.b/calls)

(println "== fixtures composed")
(def order (atom []))
(defn fx [k] (fn [f] (swap! order conj [k :in]) (f) (swap! order conj [k :out])))
((t/compose-fixtures (fx 1) (fx 2)) #(swap! order conj :body))
((t/join-fixtures [(fx :a) (fx :b) (fx :c)]) #(swap! order conj :body2))
((t/join-fixtures []) #(swap! order conj :body3))
(prn @order)
(prn (t/function? 'map) (t/function? 'when) (t/function? 'no-such-thing) (t/function? inc))
