;; test_junit.clj - clojure.test.junit: clojure.test results as JUnit XML, for
;; CI tools: (with-junit-output (run-tests ...)). Same elements, attributes,
;; indentation and escaping as Clojure 1.11's. One difference: the "at:" line
;; of a failure names the assertion's file:line (the JVM's names a frame of its
;; own dispatch code, MultiFn.java:229).
(ns clojure.test.junit
  (:require [clojure.stacktrace :as stack]
            [clojure.test :as t]))

(def ^:private xml-escapes
  {\' "&apos;" \< "&lt;" \> "&gt;" \" "&quot;" \& "&amp;"})

(defn- escape-xml [text]
  (apply str (map #(xml-escapes % %) text)))

(def ^:dynamic *var-context* nil)
(def ^:dynamic *depth* nil)

(defn indent
  "Prints the indentation of the current depth (4 spaces a level)."
  []
  (print (apply str (repeat (* *depth* 4) \space))))

(defn start-element
  "Prints <tag attr=\"...\"> (indented and on its own line when pretty) and goes a level deeper."
  [tag pretty & [attrs]]
  (when pretty (indent))
  (print (str "<" tag))
  (doseq [[k v] attrs]
    (print (str " " (name k) "=\"" (escape-xml v) "\"")))
  (print ">")
  (when pretty (println))
  (set! *depth* (inc *depth*)))

(defn element-content
  "Prints content, escaped."
  [content]
  (print (escape-xml content)))

(defn finish-element
  "Goes a level up and prints </tag>."
  [tag pretty]
  (set! *depth* (dec *depth*))
  (when pretty (indent))
  (print (str "</" tag ">"))
  (when pretty (println)))

(defn test-name
  "The names of vars, outermost first, joined with dots."
  [vars]
  (apply str (interpose "." (reverse (map #(:name (meta %)) vars)))))

(defn package-class
  "[package class] of a dotted name: a.b.c -> [\"a.b\" \"c\"], c -> [nil \"c\"]."
  [name]
  (if-let [i (clojure.string/last-index-of name ".")]
    [(subs name 0 i) (subs name (inc i))]
    [nil name]))

(defn start-case [name classname]
  (start-element 'testcase true {:name name :classname classname}))

(defn finish-case []
  (finish-element 'testcase true))

(defn suite-attrs [package classname]
  (cond-> {:name classname} package (assoc :package package)))

(defn start-suite [name]
  (let [[package classname] (package-class name)]
    (start-element 'testsuite true (suite-attrs package classname))))

(defn finish-suite []
  (finish-element 'testsuite true))

(defn message-el
  "A <failure> or <error> element: message, expected, actual and where."
  [tag message expected-str actual-str & [file line]]
  (indent)
  (start-element tag false (if message {:message message} {}))
  (element-content
   (let [detail (str "expected: " expected-str "\n"
                     "  actual: " actual-str "\n"
                     "      at: " file ":" line)]
     (if message (str message "\n" detail) detail)))
  (finish-element tag false)
  (println))

(defn failure-el [message expected actual & [file line]]
  (message-el 'failure message (pr-str expected) (pr-str actual) file line))

(defn error-el [message expected actual & [file line]]
  (message-el 'error message (pr-str expected)
              (if (instance? Throwable actual)
                (with-out-str (stack/print-cause-trace actual t/*stack-trace-depth*))
                (prn actual))
              file line))

(defmulti ^:dynamic junit-report
  "The clojure.test report that with-junit-output installs."
  :type)

(defmethod junit-report :begin-test-ns [m]
  (t/with-test-out
    (start-suite (name (ns-name (:ns m))))))

(defmethod junit-report :end-test-ns [_]
  (t/with-test-out
    (finish-suite)))

(defmethod junit-report :begin-test-var [m]
  (t/with-test-out
    (let [v (:var m)]
      (binding [*var-context* (conj *var-context* v)]
        (start-case (test-name *var-context*) (name (ns-name (:ns (meta v)))))))))

(defmethod junit-report :end-test-var [_]
  (t/with-test-out
    (finish-case)))

(defmethod junit-report :pass [_]
  (t/with-test-out
    (t/inc-report-counter :pass)))

(defmethod junit-report :fail [m]
  (t/with-test-out
    (t/inc-report-counter :fail)
    (failure-el (:message m) (:expected m) (:actual m) (:file m) (:line m))))

(defmethod junit-report :error [m]
  (t/with-test-out
    (t/inc-report-counter :error)
    (error-el (:message m) (:expected m) (:actual m) (:file m) (:line m))))

(defmethod junit-report :default [_])

(defmacro with-junit-output
  "Runs body (calls of run-tests) with clojure.test reporting as JUnit XML."
  [& body]
  `(binding [t/report junit-report
             *var-context* (list)
             *depth* 1]
     (t/with-test-out
       (println "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
       (println "<testsuites>"))
     (let [result# (do ~@body)]
       (t/with-test-out (println "</testsuites>"))
       result#)))
