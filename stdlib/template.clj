;; template.clj - clojure.template: substituting values for symbols in a form.
;; clojure.test's `are` is built on do-template.
(ns clojure.template
  (:require [clojure.walk :as walk]))

(defn apply-template
  "Replaces the symbols of argv in expr by the matching values."
  [argv expr values]
  (assert (vector? argv))
  (assert (every? symbol? argv))
  (walk/postwalk-replace (zipmap argv values) expr))

(defmacro do-template
  "One copy of expr per group of (count argv) values, each with argv's
  symbols replaced by that group's values, all in a do."
  [argv expr & values]
  (let [n (count argv)]
    `(do ~@(map #(apply-template argv expr %) (partition n values)))))
