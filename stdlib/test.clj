;; test.clj - clojure.test, following Clojure 1.11's behaviour and output:
;; `is` reports :pass/:fail/:error events through do-report to the `report`
;; multimethod (dynamic, dispatching on :type), counters live in a ref bound
;; per namespace run, and the summary text is the JVM's. Where the JVM reads a
;; StackTraceElement, Folio reads the "ns/fn (file:line)" frames the VM records
;; (folio-stack-trace); the file is printed without its directory, as the JVM's
;; source-file attribute is.
(ns clojure.test
  (:require [clojure.template :as temp]
            [clojure.stacktrace :as stack]
            [clojure.string :as str]))

;; ---------------------------------------------------------------- settings and state

(def ^:dynamic *load-tests*
  "When false, deftest, set-test and with-test define no tests."
  true)

(def ^:dynamic *stack-trace-depth*
  "How many stack frames an :error report prints (nil: all)."
  nil)

(def ^:dynamic *report-counters* nil)

(def ^:dynamic *initial-report-counters* {:test 0, :pass 0, :fail 0, :error 0})

(def ^:dynamic *testing-vars* (list))

(def ^:dynamic *testing-contexts* (list))

(def ^:dynamic *test-out* *out*)

(defmacro with-test-out
  "Runs body with *out* bound to *test-out*."
  [& body]
  `(binding [*out* *test-out*] ~@body))

;; ---------------------------------------------------------------- reporting helpers

(defn- parse-frame
  "{:file :line} of one recorded frame (folio-frame)."
  [frame]
  (merge {:file nil :line nil} (select-keys (folio-frame frame) [:file :line])))

(defn- test-frame?
  [frame]
  (str/starts-with? frame "clojure.test/"))

(defn file-position
  "Deprecated: [file line] of the nth frame up the stack."
  [n]
  (let [{:keys [file line]} (parse-frame (nth (folio-stack-trace) n nil))]
    [file line]))

(defn testing-vars-str
  "The names of the vars under test, outermost first, then (file:line) of m."
  [m]
  (let [{:keys [file line]} m]
    (str (reverse (map #(:name (meta %)) *testing-vars*))
         " (" file ":" line ")")))

(defn testing-contexts-str
  "The strings of the enclosing `testing` forms, outermost first."
  []
  (apply str (interpose " " (reverse *testing-contexts*))))

(defn inc-report-counter
  "Adds one to counter `name` of *report-counters*, when bound."
  [name]
  (when *report-counters*
    (dosync (commute *report-counters* update-in [name] (fnil inc 0)))))

;; ---------------------------------------------------------------- report

(defmulti ^:dynamic report
  "Reports one test event (a map with :type). Rebind it, or add methods, to
  change how results are reported."
  :type)

(defn do-report
  "Adds :file and :line to a :fail (the calling test code) or :error (where the
  exception was thrown) event, then calls report."
  [m]
  (report
   (case (:type m)
     :fail (merge (parse-frame (first (remove test-frame? (folio-stack-trace)))) m)
     :error (merge (parse-frame (first (folio-stack-trace (:actual m)))) m)
     m)))

(defmethod report :default [m]
  (with-test-out (prn m)))

(defmethod report :pass [m]
  (with-test-out (inc-report-counter :pass)))

(defn- print-context-and-message [m]
  (when (seq *testing-contexts*) (println (testing-contexts-str)))
  (when-let [message (:message m)] (println message))
  (println "expected:" (pr-str (:expected m))))

(defmethod report :fail [m]
  (with-test-out
    (inc-report-counter :fail)
    (println "\nFAIL in" (testing-vars-str m))
    (print-context-and-message m)
    (println "  actual:" (pr-str (:actual m)))))

(defmethod report :error [m]
  (with-test-out
    (inc-report-counter :error)
    (println "\nERROR in" (testing-vars-str m))
    (print-context-and-message m)
    (print "  actual: ")
    (let [actual (:actual m)]
      (if (instance? Throwable actual)
        (stack/print-cause-trace actual *stack-trace-depth*)
        (prn actual)))))

(defmethod report :summary [m]
  (with-test-out
    (println "\nRan" (:test m) "tests containing"
             (+ (:pass m) (:fail m) (:error m)) "assertions.")
    (println (:fail m) "failures," (:error m) "errors.")))

(defmethod report :begin-test-ns [m]
  (with-test-out
    (println "\nTesting" (ns-name (:ns m)))))

(defmethod report :end-test-ns [m])
(defmethod report :begin-test-var [m])
(defmethod report :end-test-var [m])

;; ---------------------------------------------------------------- assertions

(defn get-possibly-unbound-var
  "The value of var v, or nil when it is unbound."
  [v]
  (when (bound? v) (var-get v)))

(defn function?
  "True for a fn, or a symbol naming a var whose value is a fn (not a macro)."
  [x]
  (if (symbol? x)
    (when-let [v (resolve x)]
      (when-let [value (and (var? v) (get-possibly-unbound-var v))]
        (and (fn? value) (not (:macro (meta v))))))
    (fn? x)))

(defn assert-predicate
  "Code asserting (pred args...): on failure :actual is (not (pred values...))."
  [msg form]
  (let [args (rest form)
        pred (first form)]
    `(let [values# (list ~@args)
           result# (apply ~pred values#)]
       (if result#
         (do-report {:type :pass, :message ~msg,
                     :expected '~form, :actual (cons ~pred values#)})
         (do-report {:type :fail, :message ~msg,
                     :expected '~form, :actual (list '~'not (cons '~pred values#))}))
       result#)))

(defn assert-any
  "Code asserting that form is truthy."
  [msg form]
  `(let [value# ~form]
     (if value#
       (do-report {:type :pass, :message ~msg, :expected '~form, :actual value#})
       (do-report {:type :fail, :message ~msg, :expected '~form, :actual value#}))
     value#))

(defmulti assert-expr
  "The code `is` expands to for a form, chosen by the form's first symbol."
  (fn [msg form]
    (cond
      (nil? form) :always-fail
      (seq? form) (first form)
      :else :default)))

(defmethod assert-expr :always-fail [msg form]
  `(do-report {:type :fail, :message ~msg}))

(defmethod assert-expr :default [msg form]
  (if (and (sequential? form) (function? (first form)))
    (assert-predicate msg form)
    (assert-any msg form)))

(defmethod assert-expr 'instance? [msg form]
  `(let [klass# ~(nth form 1)
         object# ~(nth form 2)]
     (let [result# (instance? klass# object#)]
       (if result#
         (do-report {:type :pass, :message ~msg, :expected '~form, :actual (class object#)})
         (do-report {:type :fail, :message ~msg, :expected '~form, :actual (class object#)}))
       result#)))

(defmethod assert-expr 'thrown? [msg form]
  (let [klass (second form)
        body (nthnext form 2)]
    `(try ~@body
          (do-report {:type :fail, :message ~msg, :expected '~form, :actual nil})
          (catch ~klass e#
            (do-report {:type :pass, :message ~msg, :expected '~form, :actual e#})
            e#))))

(defmethod assert-expr 'thrown-with-msg? [msg form]
  (let [klass (nth form 1)
        re (nth form 2)
        body (nthnext form 3)]
    `(try ~@body
          (do-report {:type :fail, :message ~msg, :expected '~form, :actual nil})
          (catch ~klass e#
            (if (re-find ~re (ex-message e#))
              (do-report {:type :pass, :message ~msg, :expected '~form, :actual e#})
              (do-report {:type :fail, :message ~msg, :expected '~form, :actual e#}))
            e#))))

(defmacro try-expr
  "Asserts form, reporting an exception it throws as an :error."
  [msg form]
  `(try ~(assert-expr msg form)
        (catch Throwable t#
          (do-report {:type :error, :message ~msg, :expected '~form, :actual t#}))))

(defmacro is
  "Asserts form (optionally with a message) and returns its value. Special
  forms: (is (thrown? Class body...)), (is (thrown-with-msg? Class re body...))."
  ([form] `(is ~form nil))
  ([form msg] `(try-expr ~msg ~form)))

(defmacro are
  "(are [x y] (= x y) 1 1, 2 2) asserts the expression once per group of values."
  [argv expr & args]
  (if (or (and (empty? argv) (empty? args))
          (and (pos? (count argv))
               (pos? (count args))
               (zero? (mod (count args) (count argv)))))
    `(temp/do-template ~argv (is ~expr) ~@args)
    (throw (IllegalArgumentException. "The number of args doesn't match are's argv."))))

(defmacro testing
  "Runs body with string added to the context printed by failure reports."
  [string & body]
  `(binding [*testing-contexts* (conj *testing-contexts* ~string)]
     ~@body))

;; ---------------------------------------------------------------- defining tests

(defmacro with-test
  "Evaluates definition (a def or defn) and attaches body to its var as its test."
  [definition & body]
  (when *load-tests*
    `(doto ~definition (alter-meta! assoc :test (fn [] ~@body)))))

(defmacro deftest
  "Defines a test named name: a fn of no arguments that runs body as a test."
  [name & body]
  (when *load-tests*
    `(def ~(vary-meta name assoc :test `(fn [] ~@body))
       (fn [] (test-var (var ~name))))))

(defmacro deftest-
  "Like deftest, but the var is private."
  [name & body]
  (when *load-tests*
    `(def ~(vary-meta name assoc :test `(fn [] ~@body) :private true)
       (fn [] (test-var (var ~name))))))

(defmacro set-test
  "Attaches body to an existing var as its test."
  [name & body]
  (when *load-tests*
    `(alter-meta! (var ~name) assoc :test (fn [] ~@body))))

;; ---------------------------------------------------------------- fixtures

(defmulti use-fixtures
  "(use-fixtures :each f...) wraps every test of the current namespace in the
  fixtures; (use-fixtures :once f...) wraps the whole run of the namespace."
  (fn [fixture-type & args] fixture-type))

(defmethod use-fixtures :each [fixture-type & args]
  (alter-meta! *ns* assoc ::each-fixtures args))

(defmethod use-fixtures :once [fixture-type & args]
  (alter-meta! *ns* assoc ::once-fixtures args))

(defn- default-fixture [f] (f))

(defn compose-fixtures
  "One fixture running f1 around f2."
  [f1 f2]
  (fn [g] (f1 (fn [] (f2 g)))))

(defn join-fixtures
  "One fixture running the fixtures in order, each around the next."
  [fixtures]
  (reduce compose-fixtures default-fixture fixtures))

;; ---------------------------------------------------------------- running tests

(defn test-var
  "Runs the test of var v (its :test metadata), reporting an exception thrown
  outside any assertion as an :error."
  [v]
  (when-let [t (:test (meta v))]
    (binding [*testing-vars* (conj *testing-vars* v)]
      (do-report {:type :begin-test-var, :var v})
      (inc-report-counter :test)
      (try (t)
           (catch Throwable e
             (do-report {:type :error, :message "Uncaught exception, not in assertion."
                         :expected nil, :actual e})))
      (do-report {:type :end-test-var, :var v}))))

(defn test-vars
  "Runs the tests of vars, grouped by namespace, inside that namespace's fixtures."
  [vars]
  (doseq [[ns vars] (group-by (comp :ns meta) vars)
          :when ns]
    (let [once-fixture-fn (join-fixtures (::once-fixtures (meta ns)))
          each-fixture-fn (join-fixtures (::each-fixtures (meta ns)))]
      (once-fixture-fn
       (fn []
         (doseq [v vars]
           (when (:test (meta v))
             (each-fixture-fn (fn [] (test-var v))))))))))

(defn test-all-vars
  "Runs the tests of every var interned in ns."
  [ns]
  (test-vars (vals (ns-interns ns))))

(defn test-ns
  "Runs the tests of namespace ns (its test-ns-hook fn if it has one) and
  returns the counters {:test :pass :fail :error}."
  [ns]
  (binding [*report-counters* (ref *initial-report-counters*)]
    (let [ns-obj (the-ns ns)]
      (do-report {:type :begin-test-ns, :ns ns-obj})
      (if-let [v (find-var (symbol (str (ns-name ns-obj)) "test-ns-hook"))]
        ((var-get v))
        (test-all-vars ns-obj))
      (do-report {:type :end-test-ns, :ns ns-obj}))
    @*report-counters*))

(defn run-tests
  "Runs the tests of the namespaces (default: the current one), prints a
  summary and returns it as a map with :type :summary."
  ([] (run-tests *ns*))
  ([& namespaces]
   (let [summary (assoc (apply merge-with + (map test-ns namespaces)) :type :summary)]
     (do-report summary)
     summary)))

(defn run-all-tests
  "Runs the tests of every namespace, or of those whose name matches re."
  ([] (apply run-tests (all-ns)))
  ([re] (apply run-tests (filter #(re-matches re (name (ns-name %))) (all-ns)))))

(defn successful?
  "True when a summary counts no failures and no errors."
  [summary]
  (and (zero? (:fail summary 0))
       (zero? (:error summary 0))))

(defn run-test-var
  "Runs the test of one var with fixtures and prints a summary, which it returns."
  [v]
  (binding [*report-counters* (ref *initial-report-counters*)]
    (let [ns-obj (-> v meta :ns)
          summary (do
                    (do-report {:type :begin-test-ns :ns ns-obj})
                    (test-vars [v])
                    (do-report {:type :end-test-ns :ns ns-obj})
                    (assoc @*report-counters* :type :summary))]
      (do-report summary)
      summary)))

(defmacro run-test
  "Runs the test named by test-symbol, as run-test-var."
  [test-symbol]
  (let [test-var (resolve test-symbol)]
    (cond
      (nil? test-var)
      (binding [*out* *err*]
        (println "Unable to resolve" test-symbol "to a test function."))

      (not (-> test-var meta :test))
      (binding [*out* *err*]
        (println test-symbol "is not a test"))

      :else
      `(run-test-var ~test-var))))
