;; core_misc.clj - clojure.core: carrying dynamic bindings into fns called later
;; (bound-fn), and taps. Folio runs one thread per process, so taps run at tap>
;; time rather than on a tap thread as on the JVM.

(defn bound-fn*
  "A fn that calls f with the dynamic bindings in effect now."
  [f]
  (let [bindings (get-thread-bindings)]
    (fn [& args]
      (apply with-bindings* bindings f args))))

(defmacro bound-fn
  "Like fn, but the fn runs with the dynamic bindings in effect where it was made."
  [& fntail]
  `(bound-fn* (fn ~@fntail)))

(def ^:private tapset (atom #{}))

(defn add-tap
  "Adds f, a fn of one argument, to the taps that tap> calls."
  [f]
  (swap! tapset conj f)
  nil)

(defn remove-tap
  "Removes f from the taps."
  [f]
  (swap! tapset disj f)
  nil)

(defn tap>
  "Calls every tap with x (a tap that throws is ignored); returns true."
  [x]
  (doseq [f @tapset]
    (try (f x) (catch Throwable _ nil)))
  true)
