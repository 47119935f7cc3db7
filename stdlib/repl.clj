;; repl.clj - clojure.repl: doc, find-doc, dir, apropos, source, pst and their
;; helpers, with Clojure 1.11's output formats. The REPL refers doc, find-doc,
;; dir, apropos, source and pst into user, as clojure.main's REPL does.
;; source reads the var's :file (the path it was loaded from).
(ns clojure.repl
  (:require [clojure.stacktrace :as stack]
            [clojure.string :as str]))

(def ^:private special-doc-map
  '{. {:url "java_interop#dot" :forms [(.instanceMember instance args*) (.instanceMember Classname args*)
                                        (Classname/staticMethod args*) Classname/staticField]
       :doc "The instance member form works for both fields and methods.\n  They all expand into calls to the dot operator at macroexpansion time."}
    def {:forms [(def symbol doc-string? init?)]
         :doc "Creates and interns a global var with the name\n  of symbol in the current namespace (*ns*) or locates such a var if\n  it already exists.  If init is supplied, it is evaluated, and the\n  root binding of the var is set to the resulting value.  If init is\n  not supplied, the root binding of the var is unaffected."}
    do {:forms [(do exprs*)]
        :doc "Evaluates the expressions in order and returns the value of\n  the last. If no expressions are supplied, returns nil."}
    if {:forms [(if test then else?)]
        :doc "Evaluates test. If not the singular values nil or false,\n  evaluates and yields then, otherwise, evaluates and yields else. If\n  else is not supplied it defaults to nil."}
    monitor-enter {:forms [(monitor-enter x)]
                   :doc "Synchronization primitive that should be avoided\n  in user code. Use the 'locking' macro."}
    monitor-exit {:forms [(monitor-exit x)]
                  :doc "Synchronization primitive that should be avoided\n  in user code. Use the 'locking' macro."}
    new {:forms [(Classname. args*) (new Classname args*)]
         :url "java_interop#new"
         :doc "The args, if any, are evaluated from left to right, and\n  passed to the constructor of the class named by Classname. The\n  constructed object is returned."}
    quote {:forms [(quote form)]
           :doc "Yields the unevaluated form."}
    recur {:forms [(recur exprs*)]
           :doc "Evaluates the exprs in order, then, in parallel, rebinds\n  the bindings of the recursion point to the values of the exprs.\n  Execution then jumps back to the recursion point, a loop or fn method."}
    set! {:forms[(set! var-symbol expr)
                 (set! (. instance-expr instanceFieldName-symbol) expr)
                 (set! (. Classname-symbol staticFieldName-symbol) expr)]
          :url "vars#set"
          :doc "Used to set thread-local-bound vars, Java object instance
fields, and Java class static fields."}
    throw {:forms [(throw expr)]
           :doc "The expr is evaluated and thrown, therefore it should\n  yield an instance of some derivee of Throwable."}
    try {:forms [(try expr* catch-clause* finally-clause?)]
         :doc "catch-clause => (catch classname name expr*)\n  finally-clause => (finally expr*)\n\n  Catches and handles Java exceptions."}
    var {:forms [(var symbol)]
         :doc "The symbol must resolve to a var, and the Var object\nitself (not its value) is returned. The reader macro #'x expands to (var x)."}})

(defn- special-doc [name-symbol]
  (assoc (or (special-doc-map name-symbol) (meta (resolve name-symbol)))
         :name name-symbol
         :special-form true))

(defn- namespace-doc [nspace]
  (assoc (meta nspace) :name (ns-name nspace)))

(defn- print-doc [{n :ns nm :name :keys [forms arglists special-form doc url macro] :as m}]
  (println "-------------------------")
  (println (str (when n (str (ns-name n) "/")) nm))
  (when forms
    (doseq [f forms]
      (print "  ")
      (prn f)))
  (when arglists
    (prn arglists))
  (cond
    special-form
    (do (println "Special Form")
        (println " " doc)
        (if (contains? m :url)
          (when url (println (str "\n  Please see http://clojure.org/" url)))
          (println (str "\n  Please see http://clojure.org/special_forms#" nm))))
    macro (println "Macro"))
  (when (and doc (not special-form))
    (println " " doc)))

(defmacro doc
  "Prints the documentation of a var, special form or namespace given its name."
  [name]
  (if-let [special-name ('{& fn catch try finally try} name)]
    `(#'print-doc (#'special-doc '~special-name))
    (cond
      (special-doc-map name) `(#'print-doc (#'special-doc '~name))
      (find-ns name) `(#'print-doc (#'namespace-doc (find-ns '~name)))
      (resolve name) `(#'print-doc (meta (var ~name))))))

(defn find-doc
  "Prints the documentation of every var and namespace whose doc string or
  name matches re-string-or-pattern."
  [re-string-or-pattern]
  (let [re (re-pattern re-string-or-pattern)
        ms (concat (mapcat #(sort-by :name (map meta (vals (ns-interns %)))) (all-ns))
                   (map namespace-doc (all-ns))
                   (map special-doc (keys special-doc-map)))]
    (doseq [m ms
            :when (and (:doc m)
                       (or (re-find re (:doc m))
                           (re-find re (str (:name m)))))]
      (print-doc m))))

(defn dir-fn
  "The sorted names of the public vars of namespace ns (or of the namespace ns aliases)."
  [ns]
  (sort (map first (ns-publics (the-ns (get (ns-aliases *ns*) ns ns))))))

(defmacro dir
  "Prints the sorted names of the public vars of a namespace."
  [nsname]
  `(doseq [v# (dir-fn '~nsname)]
     (println v#)))

(defn apropos
  "The qualified names of all public vars whose name contains a string or
  matches a regex, sorted."
  [str-or-pattern]
  (let [matches? (if (string? str-or-pattern)
                   #(str/includes? (str %) str-or-pattern)
                   #(re-find str-or-pattern (str %)))]
    (sort (mapcat (fn [ns]
                    (let [ns-name (str ns)]
                      (map #(symbol ns-name (str %)) (filter matches? (keys (ns-publics ns))))))
                  (all-ns)))))

(defn source-fn
  "The source text of the var named by symbol x, read from its file, or nil."
  [x]
  (when-let [v (resolve x)]
    (let [{:keys [file line]} (meta v)]
      (when (and file line)
        (when-let [text (try (slurp file) (catch Exception _ nil))]
          (let [lines (drop (dec line) (str/split-lines text))
                rest-text (str/join "\n" lines)]
            (with-in-str rest-text
              (second (read+string (if (str/ends-with? file ".cljc") {:read-cond :allow} {}) *in*)))))))))

(defmacro source
  "Prints the source of the var named by n, or \"Source not found\"."
  [n]
  `(println (or (source-fn '~n) (str "Source not found"))))

(defn demunge
  "A readable version of a munged fn class name: user$my_fn -> user/my-fn."
  [fn-name]
  (-> fn-name
      (str/replace #"\$" "/")
      (str/replace "_QMARK_" "?")
      (str/replace "_BANG_" "!")
      (str/replace "_STAR_" "*")
      (str/replace "_GT_" ">")
      (str/replace "_LT_" "<")
      (str/replace "_EQ_" "=")
      (str/replace "_PLUS_" "+")
      (str/replace "_SLASH_" "/")
      (str/replace "_" "-")))

(defn root-cause
  "The innermost cause of exception t."
  [t]
  (stack/root-cause t))

(defn stack-element-str
  "A frame of a stack trace as a string."
  [el]
  (str el))

(defn pst
  "Prints to *err* the stack trace of e (default: the root cause of *e), at
  most depth frames (default 12), then its causes."
  ([] (pst 12))
  ([depth]
   (when-let [e *e]
     (pst (root-cause e) depth)))
  ([e depth]
   (binding [*out* *err*]
     (println (str (-> e class str (str/split #"\.") last) " " (ex-message e)))
     (doseq [el (take depth (folio-stack-trace e))]
       (println (str \tab (stack-element-str el))))
     (when-let [cause (ex-cause e)]
       (println "Caused by:")
       (pst cause depth)))))
