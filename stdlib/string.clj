;; string.clj - the parts of clojure.string written in Clojure; the rest
;; (upper-case, split, join, replace, ...) are C++ natives in this namespace.
(ns clojure.string
  (:refer-clojure :exclude [replace reverse]))

;; Defines name unless a native of that name exists (checked at compile time).
(defmacro ^:private defn-missing [name & decl]
  (let [v (find-var (symbol "clojure.string" (clojure.core/name name)))]
    (when-not (and v (bound? v))
      (list* 'clojure.core/defn name decl))))

(defn- regex? [x] (not (or (string? x) (char? x))))

(defn- match-text [m] (if (vector? m) (nth m 0) m))

;; The replacement string with $n group references expanded (and \x escapes
;; taken literally), as java.util.regex.Matcher does.
(defn- expand-replacement [repl m]
  (let [groups (if (vector? m) m [m])
        ngroups (dec (count groups))
        n (count repl)]
    (loop [i 0 out []]
      (if (< i n)
        (let [c (nth repl i)]
          (cond
            (= c \\)
            (if (< (inc i) n)
              (recur (+ i 2) (conj out (nth repl (inc i))))
              (throw (folio-throwable "java.lang.IllegalArgumentException"
                                      "character to be escaped is missing")))

            (= c \$)
            (let [digit (fn [j] (when (< j n)
                                  (let [d (- (int (nth repl j)) 48)]
                                    (when (<= 0 d 9) d))))
                  d0 (digit (inc i))]
              (when (nil? d0)
                (throw (folio-throwable "java.lang.IllegalArgumentException"
                                        "Illegal group reference")))
              (when (> d0 ngroups)
                (throw (folio-throwable "java.lang.IndexOutOfBoundsException"
                                        (str "No group " d0))))
              ;; take more digits while the group number stays valid
              (let [[g j] (loop [g d0 j (+ i 2)]
                            (let [d (digit j)]
                              (if (and d (<= (+ (* g 10) d) ngroups))
                                (recur (+ (* g 10) d) (inc j))
                                [g j])))]
                (recur j (conj out (str (nth groups g))))))

            :else (recur (inc i) (conj out c))))
        (apply str out)))))

(defn-missing replace-first
  "s with the first match of match (a string, char or regex) replaced by
  replacement (a string or char; or, for a regex, a string with $n group
  references or a fn of the match)."
  [s match replacement]
  (let [s (str s)]
    (if (regex? match)
      (let [done (volatile! false)
            f (if (fn? replacement)
                replacement
                (let [r (str replacement)] (fn [m] (expand-replacement r m))))]
        (replace s match (fn [m]
                           (if @done
                             (match-text m)
                             (do (vreset! done true) (f m))))))
      (let [m (str match)
            i (index-of s m)]
        (if i
          (str (subs s 0 i) (str replacement) (subs s (+ i (count m))))
          s)))))

(defn-missing escape
  "s with each char c for which (cmap c) is non-nil replaced by (str (cmap c))."
  [s cmap]
  (apply str (map (fn [c] (let [r (cmap c)] (if r (str r) c))) (str s))))

(defn-missing trim-newline
  "s without its trailing newline and return characters."
  [s]
  (loop [i (count s)]
    (if (zero? i)
      ""
      (let [c (nth s (dec i))]
        (if (or (= c \newline) (= c \return))
          (recur (dec i))
          (subs s 0 i))))))

(defn-missing re-quote-replacement
  "replacement with \\ and $ escaped, for literal use in a regex replacement."
  [replacement]
  (apply str (map (fn [c] (if (or (= c \\) (= c \$)) (str \\ c) c)) (str replacement))))
