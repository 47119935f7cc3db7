;; pprint_code.clj - clojure.pprint, part 3: code-dispatch, Clojure 1.11's layout
;; of code: defn/fn with their arities, let-like binding vectors in pairs, if
;; and when with the test on the first line, cond/condp clauses in pairs, ns
;; with its references aligned, #() with % args, and everything else a list
;; indented one column. The JVM writes these with cl-format directives; here
;; each directive is the dispatch-API call it stands for (~w write-out, ~_ ~:_
;; ~@_ ~:@_ linear/fill/miser/mandatory newlines, ~nI indent), in the same
;; order, so spaces and breaks land where the JVM puts them.
(in-ns 'clojure.pprint)

(def ^:dynamic *print-suppress-namespaces*
  "When true, code-dispatch prints symbols without their namespace."
  nil)

(def ^:dynamic ^:private *symbol-map* {})

(defn- code-list
  "A list indented one column, its items with linear newlines between them."
  [alis]
  (pprint-logical-block :prefix "(" :suffix ")"
    (pprint-indent :block 1)
    (print-items alis " " write-out)))

(defn- separated
  "Writes the items of xs with a space and a newline of kind between them."
  [xs kind]
  (loop [xs (seq xs)]
    (when xs
      (write-out (first xs))
      (when (next xs)
        (print " ")
        (pprint-newline kind)
        (recur (next xs))))))

(defn- rest-linear [xs] (separated xs :linear))

(defn- two-then-lines
  "(op a b c...): op and a on the first line (a miser newline between them),
  then b... each after a linear newline; indent: the block's indentation."
  [alis indent]
  (pprint-logical-block :prefix "(" :suffix ")"
    (when indent (pprint-indent :block indent))
    (let [[a0 & more] alis]
      (write-out a0)
      (when more
        (print " ")
        (pprint-newline :miser)
        (write-out (first more))
        (doseq [x (next more)]
          (print " ")
          (pprint-newline :linear)
          (write-out x))))))

(defn- hold-first [alis] (two-then-lines alis nil))

(defn- head-and-name
  "Writes \"op name\" with the block indented one past its start (~w ~1I~@_~w)."
  [op nm]
  (write-out op)
  (print " ")
  (pprint-indent :block 1)
  (pprint-newline :miser)
  (write-out nm))

(defn- split-doc-attr
  "[doc attr-map rest] of the forms after a defn or ns name."
  [stuff]
  (let [[doc stuff] (if (string? (first stuff)) [(first stuff) (next stuff)] [nil stuff])
        [attr stuff] (if (map? (first stuff)) [(first stuff) (next stuff)] [nil stuff])]
    [doc attr stuff]))

(defn- def-like
  "(op name doc? attr-map? more...) as a block starting \"(op name\", the rest
  written by (f doc attr more); without a name, (fallback alis)."
  [alis fallback f]
  (if (next alis)
    (let [[op nm & stuff] alis
          [doc attr stuff] (split-doc-attr stuff)]
      (pprint-logical-block :prefix "(" :suffix ")"
        (head-and-name op nm)
        (f doc attr stuff)))
    (fallback alis)))

(defn- pprint-defn [alis]
  (def-like alis code-list
    (fn [doc attr stuff]
      (doseq [x [doc attr] :when x]
        (print " ")
        (pprint-newline :linear)
        (write-out x))
      (when (seq stuff)
        (print " ")
        (pprint-newline (if (and (vector? (first stuff)) (not (or doc attr))) :miser :linear))
        (rest-linear stuff)))))

(defn- pairs
  "Writes xs two by two, each pair a block with a miser newline inside, pairs
  separated by linear newlines."
  [xs]
  (print-length-loop [xs (seq xs)]
    (when xs
      (pprint-logical-block
        (write-out (first xs))
        (when (next xs)
          (print " ")
          (pprint-newline :miser)
          (write-out (second xs))))
      (when (next (rest xs))
        (print " ")
        (pprint-newline :linear)
        (recur (next (rest xs)))))))

(defn- pprint-let [alis]
  (let [op (first alis)]
    (pprint-logical-block :prefix "(" :suffix ")"
      (if (and (next alis) (vector? (second alis)))
        (do (write-out op)
            (print " ")
            (pprint-indent :block 1)
            (pprint-newline :miser)
            (pprint-logical-block :prefix "[" :suffix "]" (pairs (second alis)))
            (print " ")
            (pprint-newline :linear)
            (rest-linear (next (rest alis))))
        ;; (as on the JVM, a malformed let prints inside a second pair of parens)
        (code-list alis)))))

(defn- pprint-if [alis] (two-then-lines alis 1))

(defn- pprint-cond [alis]
  (pprint-logical-block :prefix "(" :suffix ")"
    (pprint-indent :block 1)
    (write-out (first alis))
    (when (next alis)
      (print " ")
      (pprint-newline :linear)
      (pairs (next alis)))))

(defn- pprint-condp [alis]
  (if (> (count alis) 3)
    (pprint-logical-block :prefix "(" :suffix ")"
      (pprint-indent :block 1)
      (let [[a b c] alis]
        (write-out a) (print " ") (pprint-newline :miser)
        (write-out b) (print " ") (pprint-newline :miser)
        (write-out c) (print " ") (pprint-newline :linear))
      (pairs (drop 3 alis)))
    (code-list alis)))

(defn- pprint-anon-fn [alis]
  (let [args (second alis)
        body (first (rest (rest alis)))]
    (if (vector? args)
      (binding [*symbol-map* (if (= 1 (count args))
                               {(first args) "%"}
                               (into {} (map #(vector %1 (str \% %2)) args (range 1 (inc (count args))))))]
        (pprint-logical-block :prefix "#(" :suffix ")" (rest-linear body)))
      (code-list alis))))

(defn- brackets [form] (if (vector? form) ["[" "]"] ["(" ")"]))

(defn- ns-libspec
  "One libspec of a reference: [lib :as x], [lib :refer [a b]], [prefix lib...]."
  [arg]
  (let [[start end] (brackets arg)]
    (pprint-logical-block :prefix start :suffix end
      (if (and (= 3 (count arg)) (keyword? (second arg)))
        (let [[lib kw x] arg]
          (write-out lib) (print " ") (write-out kw) (print " ")
          (if (sequential? x)
            (let [[s e] (brackets x)]
              (pprint-logical-block :prefix s :suffix e (separated x :fill)))
            (write-out x)))
        (do (write-out (first arg))
            (print " ")
            (pprint-indent :current 0)
            (separated (rest arg) :fill))))))

(defn- ns-reference
  "One (:require ...) / (:import ...) clause, its arguments aligned."
  [reference]
  (if (sequential? reference)
    (let [[start end] (brackets reference)
          [kw & args] reference]
      (pprint-logical-block :prefix start :suffix end
        (write-out kw)
        (pprint-indent :current 0)
        (loop [args (seq args)]
          (when args
            (print " ")
            (let [arg (first args)]
              (if (sequential? arg)
                (do (ns-libspec arg)
                    (when (next args) (pprint-newline :linear)))
                (do (write-out arg)
                    (when (next args) (pprint-newline :fill)))))
            (recur (next args))))))
    (when reference (write-out reference))))

(defn- pprint-ns [alis]
  (def-like alis write-out
    (fn [doc attr refs]
      (when (or doc attr (seq refs))
        (pprint-newline :mandatory))
      (when doc
        (print (str "\"" doc "\""))
        (when (or attr (seq refs)) (pprint-newline :mandatory)))
      (when attr
        (write-out attr)
        (when (seq refs) (pprint-newline :mandatory)))
      (loop [refs refs]
        (ns-reference (first refs))
        (when-let [refs (next refs)]
          (pprint-newline :linear)
          (recur refs))))))

(def ^:private code-table
  (let [table {'def hold-first 'defonce hold-first
               'defn pprint-defn 'defn- pprint-defn 'defmacro pprint-defn 'fn pprint-defn
               'let pprint-let 'loop pprint-let 'binding pprint-let 'with-local-vars pprint-let
               'with-open pprint-let 'when-let pprint-let 'if-let pprint-let 'doseq pprint-let
               'dotimes pprint-let 'when-first pprint-let
               'if pprint-if 'if-not pprint-if 'when pprint-if 'when-not pprint-if
               'cond pprint-cond 'condp pprint-condp 'fn* pprint-anon-fn
               '. hold-first '.. hold-first '-> hold-first 'locking hold-first
               'struct hold-first 'struct-map hold-first 'ns pprint-ns}]
    ;; macros are found under clojure.core/name too (special forms only bare)
    (into table (for [[s f] table :when (not (special-symbol? s))]
                  [(symbol "clojure.core" (name s)) f]))))

(defn- pprint-code-list [alis]
  (let [macro (reader-macros (first alis))]
    (if (and macro (= 2 (count alis)))
      (do (print macro) (write-out (second alis)))
      (if-let [f (code-table (first alis))]
        (f alis)
        (code-list alis)))))

(defn- pprint-code-symbol [sym]
  (if-let [arg (*symbol-map* sym)]
    (print arg)
    (if *print-suppress-namespaces*
      (print (name sym))
      (pr sym))))

(defmulti code-dispatch
  "The pprint dispatch for Clojure code: (with-pprint-dispatch code-dispatch (pprint form))."
  (fn [x]
    (cond (nil? x) nil
          (seq? x) clojure.lang.ISeq
          (symbol? x) clojure.lang.Symbol
          :else (dispatch-kind x))))

(defmethod code-dispatch clojure.lang.ISeq [s] (pprint-code-list s))
(defmethod code-dispatch clojure.lang.Symbol [s] (pprint-code-symbol s))
(defmethod code-dispatch :default [x] (simple-dispatch x))
