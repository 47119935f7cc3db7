(ns conformance.core-more-test
  "clojure.core: transducer helpers, dynamic bindings, namespaces and loading, reading,
  files, struct maps, unchecked ops, printing vars and reader vars."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.string :as str]))

(deftest transducer-helpers-test
  (are [x y] (= y x)
    (into [] cat [[1 2] [3]]) [1 2 3]
    (sequence cat [[1] [] [2]]) [1 2]
    (transduce (map inc) (completing conj! persistent!) (transient []) [1 2]) [2 3]
    ((completing +) 5) 5
    (unreduced (reduced 1)) 1
    (unreduced 1) 1
    (reduced? (ensure-reduced 1)) true
    @(ensure-reduced (reduced 2)) 2
    (transduce (halt-when #(> % 2)) conj [] [1 2 3 4]) 3
    (into [] (halt-when #(> % 10)) [1 2]) [1 2]
    (transduce (halt-when even? (fn [acc x] [:halted acc x])) conj [] [1 3 4 5]) [:halted [1 3] 4]
    (vec (iteration (fn [k] (when (< k 3) {:v k :next (inc k)})) :initk 0 :vf :v :kf :next)) [0 1 2]
    (vec (iteration (constantly nil))) []
    (let [a (atom [])] [(run! #(swap! a conj %) [1 2]) @a]) [nil [1 2]]
    (fnext [1 2 3]) 2
    (nfirst [[1 2] 3]) [2]
    (nnext [1 2 3]) [3]
    (nnext [1]) nil
    (replicate 2 :x) [:x :x]))

(def ^:dynamic *v* :root)

(deftest dynamic-binding-test
  (let [f (binding [*v* :bound] (bound-fn [] *v*))
        g (binding [*v* :bound] (bound-fn* (fn [x] [x *v*])))]
    (is (= :bound (f)))
    (is (= [1 :bound] (g 1)))
    (is (= :root *v*)))
  (is (= :b (binding [*v* :b] (get (get-thread-bindings) #'*v*))))
  (is (= :p (do (push-thread-bindings {#'*v* :p})
                (try *v* (finally (pop-thread-bindings))))))
  (is (= :root *v*))
  (is (= :w (with-bindings* {#'*v* :w} (fn [] *v*))))
  (is (= :r (with-redefs-fn {#'*v* :r} (fn [] *v*))))
  (is (= :root *v*)))

(defmacro twice [x] `(do ~x ~x))
(declare declared-later)
(definline inl [x] `(+ ~x 1))
(defn uses-declared [] (declared-later))
(def ^{:test (fn [] :ran)} with-test-fn 1)
(defn declared-later [] :later)

(deftest definition-forms-test
  (is (= 2 (let [a (atom 0)] (twice (swap! a inc)) @a)))
  (is (:macro (meta #'twice)))
  (is (= :later (uses-declared)))
  (is (= 3 (inl 2)))
  (is (= 3 (apply inl [2])))
  (is (= '(clojure.core/+ y 1) ((:inline (meta #'inl)) 'y)))
  (is (= 'clojure.core/unquote (first '~x)))
  (is (= 'clojure.core/unquote-splicing (first '~@x)))
  (is (= '(1 2 3) (let [xs [2 3]] `(1 ~@xs))))
  (is (= :no-test (test #'uses-declared)))
  (is (= :ok (test #'with-test-fn))))

(deftest namespaces-test
  (let [n (the-ns 'conformance.core-more-test)]
    (is (= 'clojure.string (ns-name ('str (ns-aliases n)))))
    (is (= #'clojure.test/is ('is (ns-refers n))))
    (is (= #'clojure.core/map ('map (ns-map n))))
    (is (= #'conformance.core-more-test/twice ('twice (ns-map n))))
    (is (map? (ns-imports n)))
    (is (contains? (loaded-libs) 'clojure.string))
    (create-ns 'conformance.scratch)
    (binding [*ns* (the-ns 'conformance.scratch)]
      (alias 'cs 'clojure.string)
      (refer 'clojure.set :only '[union])
      (is (= #{1 2} (eval '(union #{1} #{2}))))
      (is (= "A" (eval '(cs/upper-case "a"))))
      (ns-unalias *ns* 'cs)
      (is (nil? ('cs (ns-aliases *ns*)))))
    (remove-ns 'conformance.scratch))
  (is (= #'clojure.string/join (requiring-resolve 'clojure.string/join)))
  (is (nil? (require 'clojure.set)))
  (is (nil? (use '[clojure.walk :only [walk]])))
  (is (= "a_b_QMARK_" (str (munge "a-b?"))))
  (is (= 'a_b (munge 'a-b)))
  (is (= "conformance.core-more-test" (str (binding [*ns* (the-ns 'conformance.core-more-test)] (in-ns 'conformance.core-more-test) *ns*)))))

(def tmp-file (str "/tmp/folio-conformance-" (rand-int 1000000) ".txt"))

(deftest io-test
  (spit tmp-file "line 1\nline 2\n")
  (spit tmp-file "(+ 20 22)\n" :append true)
  (is (= "line 1\nline 2\n(+ 20 22)\n" (slurp tmp-file)))
  (is (= ["line 1" "line 2" "(+ 20 22)"]
         (with-open [r (clojure.java.io/reader tmp-file)] (doall (line-seq r)))))
  (spit tmp-file "(def from-file 41)\n(inc from-file)\n")
  (is (= 42 (binding [*ns* (the-ns 'conformance.core-more-test)] (load-file tmp-file))))
  (is (= 42 (binding [*ns* (the-ns 'conformance.core-more-test)]
              (with-open [r (clojure.java.io/reader tmp-file)] (load-reader r)))))
  (clojure.java.io/delete-file tmp-file)
  (is (= "x\ny" (with-in-str "x\ny" (str (read-line) "\n" (read-line)))))
  (is (nil? (with-in-str "" (read-line))))
  (is (= [1 '(+ 1 2)] (with-in-str "1 (+ 1 2)" [(read) (read)])))
  (is (= :eof (with-in-str "" (read *in* false :eof))))
  (is (= ['(a b) "(a b)"] (with-in-str "(a b) c" (read+string))))
  (is (= "" (with-out-str (flush))))
  (is (= 42 (io! 42)))
  (is (thrown? IllegalStateException (dosync (io! 1))))
  (is (thrown-with-msg? IllegalStateException #"^I/O in transaction$" (dosync (io! 1))))
  (is (thrown-with-msg? IllegalStateException #"^no io$" (dosync (io! "no io" 1))))
  (is (re-find #"^\"Elapsed time: [0-9.E-]+ msecs\"\n$" (with-out-str (time 1)))))

(deftest printing-vars-test
  (are [x y] (= y x)
    (binding [*print-readably* false] (pr-str "a" \b)) "a b"
    (binding [*print-meta* true] (pr-str (with-meta [1] {:m 1}))) "^{:m 1} [1]"
    (binding [*print-namespace-maps* false] (pr-str {:a/b 1})) "{:a/b 1}"
    (binding [*print-namespace-maps* true] (pr-str {:a/b 1 :a/c 2})) "#:a{:b 1, :c 2}"
    *flush-on-newline* true
    *assert* true
    (:major *clojure-version*) 1
    (:minor *clojure-version*) 11
    (subs (clojure-version) 0 4) "1.11")
  (is (= 3 (count (filter bound? [#'*1 #'*2 #'*3]))))
  (is (bound? #'*e))
  (is (some? *err*))
  (is (some? *in*))
  (is (string? *file*))
  (is (nil? *math-context*))
  (is (some? (with-precision 16 *math-context*)))
  (is (false? *unchecked-math*)))

(deftest reader-vars-test
  (is (= [:tagged 1] (binding [*data-readers* {'my/t (fn [x] [:tagged x])}] (read-string "#my/t 1"))))
  (is (= ['x/y 2] (binding [*default-data-reader-fn* (fn [t v] [t v])] (read-string "#x/y 2"))))
  (is (contains? default-data-readers 'inst))
  (is (contains? default-data-readers 'uuid))
  (is (thrown? RuntimeException (binding [*read-eval* false] (read-string "#=(+ 1 2)"))))
  (is (nil? *reader-resolver*))
  (is (nil? *suppress-read*))
  (is (= '(1 2) (read-string {:read-cond :allow} "#?(:clj (1 2) :default (1 2))")))
  (is (reader-conditional? (read-string {:read-cond :preserve} "#?(:clj 1)")))
  (is (= '(:clj 1) (:form (read-string {:read-cond :preserve} "#?(:clj 1)"))))
  (is (= (reader-conditional '(:clj 1) false) (read-string {:read-cond :preserve} "#?(:clj 1)")))
  (is (tagged-literal? (tagged-literal 'x 1)))
  (is (= 'x (:tag (tagged-literal 'x 1))))
  (is (= 1 (:form (tagged-literal 'x 1))))
  (is (= "#x 1" (pr-str (tagged-literal 'x 1))))
  (is (= :kw (find-keyword "kw")))
  (is (nil? (find-keyword "conformance-never-a-keyword")))
  (is (= "#?@(:clj [1 2])" (pr-str (read-string {:read-cond :preserve} "#?@(:clj [1 2])"))))
  (is (:splicing? (read-string {:read-cond :preserve} "#?@(:clj [1 2])")))
  (is (= "#foo/bar [1]" (pr-str (binding [*default-data-reader-fn* tagged-literal] (read-string "#foo/bar [1]")))))
  (is (= 1604483916000 (inst-ms #inst "2020-11-04T09:58:36.000-00:00"))))

(defstruct point :x :y)

(deftest struct-test
  (are [x y] (= y x)
    (struct point 1 2) {:x 1 :y 2}
    (struct point 1) {:x 1 :y nil}
    (struct-map point :y 2) {:x nil :y 2}
    (struct-map point :x 1 :z 3) {:x 1 :y nil :z 3}
    ((accessor point :x) (struct point 5 6)) 5
    (struct (create-struct :a) 1) {:a 1}))

(deftest unchecked-test
  (are [x y] (= y x)
    (unchecked-inc Long/MAX_VALUE) Long/MIN_VALUE
    (unchecked-dec Long/MIN_VALUE) Long/MAX_VALUE
    (unchecked-negate Long/MIN_VALUE) Long/MIN_VALUE
    (unchecked-multiply Long/MAX_VALUE 2) -2
    (unchecked-subtract Long/MIN_VALUE 1) Long/MAX_VALUE
    (unchecked-inc-int Integer/MAX_VALUE) Integer/MIN_VALUE
    (unchecked-dec-int Integer/MIN_VALUE) Integer/MAX_VALUE
    (unchecked-subtract-int 0 1) -1
    (unchecked-double 1) 1.0
    (unchecked-float 1) 1.0
    (unchecked-inc 1) 2))

(deftest refs-history-test
  (let [r (ref 1)]
    (is (= 0 (ref-history-count r)))
    (is (= 0 (ref-min-history r)))
    (is (= 10 (ref-max-history r)))
    (is (= 0 (ref-min-history (ref 1 :min-history 0))))))

(deftest matcher-test
  (let [m (re-matcher #"(\d)(\w)" "1a 2b")]
    (is (= ["1a" "1" "a"] (re-find m)))
    (is (= ["1a" "1" "a"] (re-groups m)))
    (is (= ["2b" "2" "b"] (re-find m)))
    (is (nil? (re-find m)))
    (is (nil? (re-find m)) "a matcher that found nothing finds nothing again")
    (is (thrown? IllegalStateException (re-groups m))))
  (let [m (re-matcher #"\d+" "12 345")]
    (is (= "12" (re-find m)))
    (is (= "12" (re-groups m)) "no groups: the whole match")
    (is (= "345" (re-find m))))
  (let [m (re-matcher #"a*" "baa")]
    (is (= ["" "aa" "" nil] [(re-find m) (re-find m) (re-find m) (re-find m)]) "empty matches move on"))
  (is (= ["b" nil "b"] (re-find (re-matcher #"(a)|(b)" "b"))))
  (let [m (re-matcher #"é+" "aéé béb")]
    (is (= ["éé" "é" nil] [(re-find m) (re-find m) (re-find m)])))
  (is (nil? (re-find (re-matcher #"x" "abc"))))
  (is (= ["to" "be" "or"]
         (loop [m (re-matcher #"\w+" "to be or") acc []]
           (if-let [w (re-find m)] (recur m (conj acc w)) acc))))
  (is (thrown-with-msg? IllegalStateException #"No match found" (re-groups (re-matcher #"a" "a"))))
  (is (= "java.util.regex.Matcher[pattern=a+ region=0,3 lastmatch=]" (str (re-matcher #"a+" "xaa"))))
  (is (= "java.util.regex.Matcher[pattern=a+ region=0,3 lastmatch=aa]"
         (str (doto (re-matcher #"a+" "xaa") re-find)))))

(deftest seq-to-map-test
  (is (= {:a 1} (seq-to-map-for-destructuring '(:a 1))))
  (is (= {:a 1} (seq-to-map-for-destructuring '({:a 1}))))
  (is (= {:a 1 :b 2} (seq-to-map-for-destructuring '(:a 1 {:b 2})))))
