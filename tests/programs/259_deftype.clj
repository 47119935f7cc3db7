;; deftype instances are objects of their own, not maps: fields, mutable
;; fields set! in methods, identity = and hash unless Object's equals and
;; hashCode are implemented, JVM-style printing, protocols and interfaces.
(require 'clojure.string)
(defprotocol Stack (push-item [s x]) (pop-item [s]) (size [s]))

(deftype ArrayStack [^:unsynchronized-mutable items ^:volatile-mutable pushes name]
  Stack
  (push-item [this x] (set! items (conj items x)) (set! pushes (inc pushes)) this)
  (pop-item [_] (let [top (peek items)] (set! items (pop items)) top))
  (size [_] (count items))
  clojure.lang.IDeref
  (deref [_] {:items items :pushes pushes :name name})
  Object
  (toString [_] (str "<" name " " (count items) ">")))

(def s (ArrayStack. [] 0 "s1"))
(push-item (push-item (push-item s 1) 2) 3)
(println "size" (size s) "popped" (pop-item s) "then" @s)
(println "str" (str s) "name" (.-name s) (.name s))
(println "private field:" (try (.-items s) (catch IllegalArgumentException e (.getMessage e))))

;; a closure in a method reads the mutable field when it runs
(deftype Gauge [^:unsynchronized-mutable level]
  clojure.lang.IFn
  (invoke [_ delta] (let [before level] (set! level (+ level delta)) [before level]))
  (invoke [_] (let [read (fn [] level)] (read))))
(def g (->Gauge 10))
(println (g 5) (g -2) (g) (mapv g [1 1]))

;; not a map, a collection or a record
(deftype Point [x y])
(def p (->Point 1 2))
(println "map?" (map? p) "coll?" (coll? p) "record?" (record? p) "seqable?" (seqable? p))
(println ":x" (:x p) "get" (get p :x :missing) "meta" (meta p))
(println "seq:" (try (seq p) (catch IllegalArgumentException e (.getMessage e))))
(println "with-meta:" (try (with-meta p {:a 1}) :ok (catch ClassCastException e :class-cast)))
(println "= same" (= p p) "= other" (= p (->Point 1 2)) "set" (count (set [p (->Point 1 2) p])))
(println "type" (type p) "class" (class p) "instance?" (instance? Point p) (= Point (type p)))
(println "str shape" (boolean (re-matches #"user\.Point@[0-9a-f]+" (str p))))
(println "pr shape" (boolean (re-matches #"#object\[user\.Point 0x[0-9a-f]+ \"user\.Point@[0-9a-f]+\"\]" (pr-str p))))
(println "in a vector" (boolean (re-matches #"\[#object\[user\.Point .*\] 1\]" (pr-str [p 1]))))

;; Object's equals and hashCode make it a value
(deftype Money [amount currency]
  Object
  (equals [_ o] (and (instance? Money o) (= amount (.-amount o)) (= currency (.-currency o))))
  (hashCode [_] (+ (* 31 (hash amount)) (hash currency)))
  (toString [_] (str amount " " (name currency))))
(def m5 (Money. 5 :eur))
(println (= m5 (Money. 5 :eur)) (= m5 (Money. 5 :usd)) (= (hash m5) (hash (Money. 5 :eur))))
(println (count (set [m5 (Money. 5 :eur) (Money. 7 :eur)])) (get {(Money. 5 :eur) :cash} m5)
         (frequencies (map str [m5 (Money. 5 :eur)])))
(defn no-hash [s] (clojure.string/replace s #"0x[0-9a-f]+" "0x?"))
(println (str m5) (no-hash (pr-str [m5])) (case m5 5 :five :not-a-number))
(println (no-hash (pr-str m5 (list m5))) (no-hash (with-out-str (print m5))))

;; protocols: inline, extend-type, extend-protocol, satisfies?
(defprotocol Shape (area [sh]))
(deftype Square [side] Shape (area [_] (* side side)))
(deftype Circle [r])
(extend-type Circle Shape (area [c] (* 3 (.-r c) (.-r c))))
(defprotocol Describe (describe [x]))
(extend-protocol Describe
  Square (describe [sq] (str "square of " (.-side sq)))
  Object (describe [_] "something"))
(println (map area [(Square. 2) (Circle. 1)]) (describe (Square. 3)) (describe (Circle. 1)))
(println (satisfies? Shape (Circle. 1)) (satisfies? Shape p) (extends? Shape Square))
(println "no impl:" (try (area p) (catch IllegalArgumentException e :no-impl)))

;; ILookup
(deftype Config [m]
  clojure.lang.ILookup
  (valAt [_ k] (get m k))
  (valAt [_ k nf] (get m k nf)))
(def c (Config. {:port 80}))
(println (:port c) (:host c) (:host c "localhost") (get c :port))

;; a parameter of the same name hides the field
(deftype Shadow [x] Describe (describe [_] (let [f (fn [x] (* 2 x))] (f x))))
(println (describe (Shadow. 21)))

;; records are still maps
(defrecord R [a b])
(println (->R 1 2) (map? (->R 1 2)) (= (->R 1 2) (->R 1 2)) (:a (->R 1 2)) (.-b (->R 1 2)))

;; recur in an inline method goes back to its head without `this`
(defprotocol Countdown (down [c n]))
(deftype Rocket [label] Countdown (down [_ n] (if (pos? n) (recur (dec n)) (str label " launched"))))
(println (down (Rocket. "r1") 100000) (down (reify Countdown (down [_ n] (if (pos? n) (recur (dec n)) :reified))) 3))

;; class names and constructors
(println (instance? user.Point p) (.-y (new Point 3 4)) (.-x (user.Point. 5 6)) (ifn? g) (ifn? p)
         (instance? clojure.lang.IDeref s) (instance? clojure.lang.IType p))

;; reify makes objects too
(def r (reify Shape (area [_] 99) Object (toString [_] "a reify")))
(println (area r) (str r) (map? r) (= r (reify)) (= r r) (meta (with-meta r {:k 1})) (area (with-meta r {:k 1})))

;; a map has no fields
(println (try (.-a {:a 1}) (catch IllegalArgumentException e (.getMessage e)))
         (try (.size {:a 1}) (catch Exception e :no-size-shim)))
