;; Classes are values of their own: what class and type return and what class
;; names evaluate to, and everything that compares or dispatches on them.

(prn (class 1) (symbol? (class 1)) (str (class 1)) (class? (class 1)) (= Long (class 1))
     (class (class 1)) (.getName (class 1)))
(prn (identical? Long (class 1)) (identical? (class "a") String) (= (hash Long) (hash (class 2))))
(prn (type Long) (class Class) (class? Long) (class? 'java.lang.Long) (symbol? Long) (= Long 'java.lang.Long))
(prn (str clojure.lang.IFn) (str java.util.Map) (str String) (str [Long String]))
(prn (pr-str Long) (print-str Long) (format "%s" Long) (with-out-str (print Long)))
(prn (.getSimpleName Long) (.getSimpleName clojure.lang.IPersistentMap) (.getName java.util.Map)
     (.getSimpleName (class '())) (.getSimpleName (class {})))
(prn (map class [1 1.0 "s" :k 's nil [] {} #{} '(1) 1N 1/2 1.5M \c true]))
(prn (class (ex-info "x" {})) (instance? Class Long) (instance? Class 'Long))

;; records and deftypes
(defrecord Point [x y])
(deftype Box [v])
(def p (->Point 1 2))
(prn Point (str Point) (class? Point) (.getName Point) (.getSimpleName Point))
(prn Box (str Box) (class? Box) (.getName Box) (.getSimpleName Box))
(prn (type p) (class p) (= Point (type p)) (identical? Point (class p)) (instance? Point p))
(prn (class (Box. 1)) (= Box (class (->Box 1))) (instance? Box (Box. 2)) (instance? Point (Box. 2)))
(prn (isa? Point Object) (isa? Long Number) (isa? Long Object) (isa? String Number))

;; :type metadata is returned as it is
(prn (type (with-meta {} {:type ::thing})) (type (with-meta [] {:type 'sym}))
     (type (with-meta [] {:type "str"})) (type (with-meta [] {:other 1})))

;; isa? and derive with classes
(derive java.lang.Long ::integral)
(prn (isa? Long ::integral) (isa? (class 5) ::integral) (isa? Double ::integral))
(def h (-> (make-hierarchy) (derive String ::text) (derive clojure.lang.Keyword ::text)))
(prn (isa? h String ::text) (isa? h (class :k) ::text) (isa? h Long ::text))

;; multimethods dispatching on class and type
(defmulti describe class)
(defmethod describe Long [x] [:long x])
(defmethod describe Number [x] [:number x])
(defmethod describe String [x] [:string x])
(defmethod describe clojure.lang.IPersistentVector [x] [:vector (count x)])
(defmethod describe Point [x] [:point (:x x)])
(defmethod describe :default [x] [:other x])
(prn (map describe [1 2.5 "s" [1 2] p :k nil]))
(prn (contains? (methods describe) Long) (= (get-method describe Long) (get-method describe (class 1))))

(defmulti kind type)
(defmethod kind ::thing [_] :thing)
(defmethod kind Point [_] :point)
(defmethod kind :default [_] :default)
(prn (kind (with-meta {} {:type ::thing})) (kind p) (kind 1))

;; protocols
(defprotocol Shape (area [s]))
(extend-protocol Shape
  Long (area [n] (* n n))
  String (area [s] (count s))
  nil (area [_] 0)
  Object (area [_] :object))
(extend-type Point Shape (area [q] (* (:x q) (:y q))))
(extend Box Shape {:area (fn [b] (.-v b))})
(prn (map area [3 "four" nil p (->Box 7) :k]))
(prn (satisfies? Shape 1) (satisfies? Shape p) (extends? Shape Long) (extends? Shape Point)
     (extends? Shape Double) (count (extenders Shape)) (every? class? (remove nil? (extenders Shape))))

;; case on classes: its constants are symbols, never classes
(prn (case (class 1) java.lang.Long :symbol Long :short :no-match)
     (case 'java.lang.Long java.lang.Long :symbol :no-match))

;; condp, cond-> and instance?
(defn classify [x]
  (condp instance? x
    String :string
    Long :long
    clojure.lang.IPersistentMap :map
    :other))
(prn (map classify ["a" 1 {} []]))
(prn (cond-> [] (instance? Number 1) (conj :number) (instance? String 1) (conj :string)))

;; classes as map keys and in collections
(def by-class (group-by class [1 "a" 2 :k "b"]))
(prn by-class (get by-class String) (get {Long :l String :s} (class 9)))
(prn (sort-by #(.getName %) [String Long Boolean]) (distinct [Long (class 1) (class 2) String]))

;; catch clauses and static calls
(prn (try (throw (IllegalArgumentException. "bad")) (catch IllegalArgumentException e (class e))))
(prn (try (Long/parseLong "x") (catch NumberFormatException e [(class e) (ex-message e)])))
(prn (Long/parseLong "42") (class (Long/parseLong "42")))
(prn (try (instance? 'java.lang.Long 1) (catch ClassCastException e :class-cast)))
(prn (get (ns-imports *ns*) 'String) (class? (get (ns-imports *ns*) 'Long)))

;; print-method keyed by classes
(defmethod print-method Point [q w] (.write w (str "<Point " (:x q) " " (:y q) ">")))
(prn p [p] (pr-str {:at p}))
(defmethod print-method Box [b w] (.write w "<Box>"))
(prn (->Box 1) (str [(->Box 2)]))
(prn (contains? (methods print-method) Point))
