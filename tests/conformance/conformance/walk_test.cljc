(ns conformance.walk-test
  "clojure.walk: every public var; normal, nil, empty and record cases."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.walk :as w]))

(defrecord Pt [x y])

(deftest walk-test
  (are [x y] (= y x)
    (w/walk inc identity [1 2 3]) [2 3 4]
    (w/walk inc reverse [1 2 3]) [4 3 2]
    (w/walk identity count {:a 1 :b 2}) 2
    (w/walk (fn [[k v]] [k (inc v)]) identity {:a 1}) {:a 2}
    (w/walk inc identity '(1 2)) '(2 3)
    (w/walk inc identity nil) nil
    (w/walk inc identity 5) 5
    (w/walk inc identity []) []
    (w/walk inc set #{1 2}) #{2 3})
  (is (vector? (w/walk identity identity [1])))
  (is (list? (w/walk identity identity '(1))))
  (is (seq? (w/walk identity identity (map inc [1]))))
  (is (map? (w/walk identity identity {:a 1})))
  (is (= (->Pt 2 3) (w/walk (fn [[k v]] [k (inc v)]) identity (->Pt 1 2))))
  (is (instance? Pt (w/walk identity identity (->Pt 1 2)))))

(deftest prewalk-postwalk-test
  (are [x y] (= y x)
    (w/postwalk #(if (number? %) (inc %) %) [1 [2 {:a 3}]]) [2 [3 {:a 4}]]
    (w/prewalk #(if (number? %) (inc %) %) [1 [2 {:a 3}]]) [2 [3 {:a 4}]]
    (w/postwalk identity nil) nil
    (w/prewalk identity {}) {}
    (w/postwalk #(if (vector? %) (vec (reverse %)) %) [1 [2 3]]) [[3 2] 1]
    (w/prewalk #(if (= [2 3] %) [:x] %) [1 [2 3]]) [1 [:x]])
  (testing "order of visits"
    (let [seen (atom [])]
      (w/postwalk #(do (swap! seen conj %) %) [1 [2]])
      (is (= [1 2 [2] [1 [2]]] @seen)))
    (let [seen (atom [])]
      (w/prewalk #(do (swap! seen conj %) %) [1 [2]])
      (is (= [[1 [2]] 1 [2] 2] @seen))))
  (is (= (->Pt 10 20) (w/postwalk #(if (number? %) (* 10 %) %) (->Pt 1 2)))))

(deftest keys-test
  (are [x y] (= y x)
    (w/keywordize-keys {"a" 1 "b" {"c" 2}}) {:a 1 :b {:c 2}}
    (w/keywordize-keys {1 2 "x" [{"y" 3}]}) {1 2 :x [{:y 3}]}
    (w/keywordize-keys nil) nil
    (w/keywordize-keys {}) {}
    (w/stringify-keys {:a 1 :b {:c 2}}) {"a" 1 "b" {"c" 2}}
    (w/stringify-keys {:ns/a 1 'sym 2}) {"a" 1 'sym 2}
    (w/stringify-keys nil) nil))

(deftest replace-test
  (are [x y] (= y x)
    (w/prewalk-replace {:a :b} [:a {:a :a} '(:a)]) [:b {:b :b} '(:b)]
    (w/postwalk-replace {1 :one} [1 [1 2]]) [:one [:one 2]]
    (w/postwalk-replace {} [1]) [1]
    (w/prewalk-replace {[1 2] :pair} [[1 2] 3]) [:pair 3]
    (w/postwalk-replace {:a 1} nil) nil))

(deftest macroexpand-all-test
  (are [x y] (= y x)
    (w/macroexpand-all '(when a b)) '(if a (do b))
    (w/macroexpand-all '(when a (when b c))) '(if a (do (if b (do c))))
    (w/macroexpand-all '(-> x (f y) g)) '(g (f x y))
    (w/macroexpand-all '[(when a b)]) '[(if a (do b))]
    (w/macroexpand-all 5) 5
    (w/macroexpand-all nil) nil))

(deftest demo-test
  (is (= "Walked: 1\nWalked: 2\nWalked: [1 2]\n" (with-out-str (w/postwalk-demo [1 2]))))
  (is (= "Walked: [1 2]\nWalked: 1\nWalked: 2\n" (with-out-str (w/prewalk-demo [1 2]))))
  (is (= [1 2] (let [r (atom nil)] (with-out-str (reset! r (w/prewalk-demo [1 2]))) @r))))
