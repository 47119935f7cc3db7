(ns conformance.core-refs-test
  "clojure.core reference types: atoms, refs, vars, volatiles; watches and validators."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest atom-test
  (let [a (atom 0)]
    (are [x y] (= y x)
      (swap! a inc) 1
      (swap! a + 1 2 3) 7
      (reset! a 10) 10
      @a 10
      (deref a) 10
      (swap-vals! a inc) [10 11]
      (reset-vals! a 0) [11 0]
      (compare-and-set! a 0 5) true
      (compare-and-set! a 0 6) false
      @a 5))
  (let [a (atom [] :meta {:m 1})]
    (is (= {:m 1} (meta a))))
  (testing "validators"
    (let [a (atom 1 :validator pos?)]
      (is (thrown-with-msg? IllegalStateException #"Invalid reference state" (reset! a -1)))
      (is (= 1 @a))
      (is (= pos? (get-validator a)))
      (set-validator! a nil)
      (is (= -1 (reset! a -1))))
    (is (thrown? IllegalStateException (atom -1 :validator pos?))))
  (testing "watches"
    (let [a (atom 0)
          log (atom [])]
      (is (identical? a (add-watch a :w (fn [k r o n] (swap! log conj [k (identical? r a) o n])))))
      (swap! a inc)
      (reset! a 5)
      (remove-watch a :w)
      (swap! a inc)
      (is (= [[:w true 0 1] [:w true 1 5]] @log))))
  (is (= 3 @(doto (atom 1) (swap! + 2)))))

(deftest volatile-test
  (let [v (volatile! 1)]
    (is (= 2 (vswap! v inc)))
    (is (= 5 (vreset! v 5)))
    (is (= 5 @v))
    (is (volatile? v))
    (is (not (volatile? (atom 1))))))

(deftest ref-test
  (let [r (ref 1)
        s (ref [])]
    (is (= 2 (dosync (alter r inc))))
    (is (= 10 (dosync (ref-set r 10))))
    (is (= [1] (dosync (commute s conj 1))))
    (is (= 11 (dosync (alter r inc) (ensure r))))
    (is (= [11 [1]] (dosync [@r @s])))
    (is (thrown? IllegalStateException (alter r inc)))
    (is (thrown? IllegalStateException (ref-set r 1)))
    (is (= 5 (sync nil (ref-set r 5))))
    (let [v (ref 1 :validator pos?)]
      (is (thrown? IllegalStateException (dosync (ref-set v 0))))
      (is (= 1 @v)))
    (testing "a throw inside dosync rolls back"
      (try (dosync (ref-set r 100) (throw (ex-info "x" {}))) (catch Exception _))
      (is (= 5 @r)))
    (testing "watches on refs"
      (let [log (atom [])]
        (add-watch r :k (fn [_ _ o n] (swap! log conj [o n])))
        (dosync (alter r * 2))
        (is (= [[5 10]] @log))))))

(def ^:dynamic *d* 1)
(def plain 1)
(defn read-d [] *d*)

(deftest var-test
  (are [x y] (= y x)
    *d* 1
    (binding [*d* 2] *d*) 2
    (binding [*d* 2] (read-d)) 2
    (binding [*d* 2] (binding [*d* 3] (read-d))) 3
    (read-d) 1
    (with-redefs [plain 5] plain) 5
    plain 1
    (with-redefs [read-d (constantly :redef)] (read-d)) :redef
    (var-get #'plain) 1
    @#'plain 1
    (#'read-d) 1
    (with-bindings {#'*d* 9} (read-d)) 9
    (with-local-vars [x 1] (var-set x 2) (var-get x)) 2
    (binding [*d* 1] (set! *d* 7) *d*) 7
    (bound? #'*d*) true
    (thread-bound? #'*d*) false
    (binding [*d* 2] (thread-bound? #'*d*)) true
    (var? #'plain) true
    (var? plain) false
    (:name (meta #'plain)) 'plain)
  (is (thrown? IllegalStateException (set! *d* 2)))
  (is (= 'plain (:name (meta (ns-resolve 'conformance.core-refs-test 'plain)))))
  (is (= #'plain (ns-resolve 'conformance.core-refs-test 'plain)))
  (is (nil? (ns-resolve 'conformance.core-refs-test 'no-such-var-here)))
  (is (= #'clojure.core/inc (resolve 'inc)))
  (is (= #'plain (find-var 'conformance.core-refs-test/plain)))
  (is (nil? (find-var 'conformance.core-refs-test/nope))))

(def counter 0)

(deftest alter-var-root-test
  (is (= 1 (alter-var-root #'counter inc)))
  (is (= 11 (alter-var-root #'counter + 10)))
  (is (= 11 counter))
  (let [v (intern 'conformance.core-refs-test 'interned-here 42)]
    (is (= 42 @v))
    (is (= 'interned-here (:name (meta v))))
    (is (= 'conformance.core-refs-test (ns-name (:ns (meta v))))))
  (is (not (bound? (intern 'conformance.core-refs-test 'unbound-here))))
  (defonce once 1)
  (defonce once 2)
  (is (= 1 once))
  (is (= "Unbound: #'conformance.core-refs-test/unbound-here"
         (try (str @(ns-resolve 'conformance.core-refs-test 'unbound-here)) (catch Exception e (ex-message e))
              (finally nil)))))
