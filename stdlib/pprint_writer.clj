;; pprint_writer.clj - clojure.pprint, part 1: the pretty writer, Waters' XP
;; algorithm as Clojure 1.11 runs it (so line breaks fall in the same places).
;; Text goes straight out while no newline is pending ("writing" mode); after a
;; conditional newline, tokens are buffered ("buffering" mode) until the buffer
;; no longer fits before the right margin, then the first pending newline is
;; decided: a :linear newline breaks when its block already broke or its
;; section (up to the next newline of an enclosing block) does not fit; a
;; :fill one when its subsection (up to the block's next newline) does not
;; fit; a :miser one as :linear, but only in a block starting past
;; margin - miser width.
;; Trailing whitespace is held back and dropped before a line break. Positions
;; count buffered text, so a section's length is end - start.
(ns clojure.pprint
  (:require [clojure.string]))

(defn- make-block [parent prefix per-line-prefix suffix]
  {:parent parent :prefix prefix :plp per-line-prefix :suffix suffix
   :start-col (volatile! 0) :indent (volatile! 0)
   :done-nl (volatile! false) :intra-nl (volatile! false)})

(defn- ancestor? [parent child]
  (loop [b (:parent child)]
    (cond (nil? b) false
          (identical? b parent) true
          :else (recur (:parent b)))))

(defn- new-writer
  "The state of a pretty writer printing to writer base, breaking lines before
  max-col; blocks starting past max-col - miser use miser newlines."
  [base max-col miser]
  (volatile! {:base base :col 0 :max max-col :miser miser :mode :writing :buffer [] :pos 0 :tws nil
              :block (make-block nil nil nil nil)}))

(defn- getf [w k] (get @w k))
(defn- setf [w k v] (vswap! w assoc k v))

(defn- base-write
  "Writes s to the underlying *out*, keeping track of the column."
  [w ^String s]
  (when (pos? (count s))
    (binding [*out* (getf w :base)] (print s))
    (let [i (clojure.string/last-index-of s "\n")]
      (setf w :col (if i (- (count s) i 1) (+ (getf w :col) (count s)))))))

(defn- write-tws [w]
  (when-let [ws (getf w :tws)]
    (base-write w ws)
    (setf w :tws nil)))

(defn- buffer-length [tokens]
  (if (seq tokens) (- (:end (peek (vec tokens))) (:start (first tokens))) 0))

(defn- tokens-fit? [w tokens]
  (let [max-col (getf w :max)]
    (or (nil? max-col)
        (< (+ (getf w :col) (buffer-length tokens)) max-col))))

(defn- emit-nl [w tok]
  (base-write w "\n")
  (setf w :tws nil)
  (let [lb (:block tok)
        plp (:plp lb)]
    (when plp (base-write w plp))
    (base-write w (apply str (repeat (- @(:indent lb) (count plp)) \space)))
    (vreset! (:intra-nl lb) false)
    (vreset! (:done-nl lb) true)
    (loop [b (:parent lb)]
      (when b
        (vreset! (:done-nl b) true)
        (vreset! (:intra-nl b) true)
        (recur (:parent b))))))

(defn- write-token [w tok]
  (case (:t tok)
    :start (let [lb (:block tok)]
             (when-let [p (:prefix lb)] (base-write w p))
             (vreset! (:start-col lb) (getf w :col))
             (vreset! (:indent lb) (getf w :col)))
    :end (when-let [s (:suffix (:block tok))] (base-write w s))
    :blob (base-write w (:data tok))
    :indent (let [lb (:block tok)]
              (vreset! (:indent lb) (+ (:offset tok) (if (= :block (:relative-to tok))
                                                        @(:start-col lb)
                                                        (getf w :col)))))
    :nl (do (if (or (= :mandatory (:type tok))
                    (and (not= :fill (:type tok)) @(:done-nl (:block tok))))
              (emit-nl w tok)
              (write-tws w))
            (setf w :tws nil))))

(defn- write-tokens [w tokens force-tws]
  (doseq [tok tokens]
    (when-not (= :nl (:t tok)) (write-tws w))
    (write-token w tok)
    (setf w :tws (:tws tok)))
  (when force-tws (write-tws w)))

(defn- linear-nl? [w lb section]
  (or @(:done-nl lb) (not (tokens-fit? w section))))

(defn- miser-nl? [w lb section]
  (let [miser (getf w :miser) max-col (getf w :max)]
    (and miser max-col
         (>= @(:start-col lb) (- max-col miser))
         (linear-nl? w lb section))))

(defn- sub-section
  "The tokens after newline (first tokens) up to the next newline of its block
  or an enclosing one."
  [tokens]
  (let [lb (:block (first tokens))]
    (seq (take-while #(not (and (= :nl (:t %))
                                (or (identical? (:block %) lb) (ancestor? (:block %) lb))))
                     (next tokens)))))

(defn- emit-nl? [w tok section tokens]
  (let [lb (:block tok)]
    (case (:type tok)
      :mandatory true
      :linear (linear-nl? w lb section)
      :miser (miser-nl? w lb section)
      :fill (or @(:intra-nl lb)
                (not (tokens-fit? w (sub-section tokens)))
                (miser-nl? w lb section)))))

(defn- split-at-nl [tokens]
  (let [pre (seq (take-while #(not= :nl (:t %)) tokens))]
    [pre (seq (drop (count pre) tokens))]))

(defn- section-of
  "The tokens after newline (first tokens) up to the next newline of an
  enclosing block, and the rest from that newline on."
  [tokens]
  (let [lb (:block (first tokens))
        section (seq (take-while #(not (and (= :nl (:t %)) (ancestor? (:block %) lb))) (next tokens)))]
    [section (seq (drop (inc (count section)) tokens))]))

(defn- write-token-string
  "Writes the buffered tokens up to the first newline and decides it; returns
  what is left to buffer."
  [w tokens]
  (let [[a b] (split-at-nl tokens)]
    (when a (write-tokens w a false))
    (when b
      (let [[section remainder] (section-of b)
            result (if (emit-nl? w (first b) section b)
                     (do (emit-nl w (first b)) (next b))
                     b)]
        (if (tokens-fit? w result)
          result
          (let [rem2 (write-token-string w section)]
            (if (= rem2 section)
              (do (write-tokens w section false) remainder)
              (vec (concat rem2 remainder)))))))))

(defn- write-line [w]
  (loop [buffer (getf w :buffer)]
    (setf w :buffer (vec buffer))
    (when-not (tokens-fit? w buffer)
      (let [nb (write-token-string w buffer)]
        (when-not (identical? buffer nb) (recur nb))))))

(defn- add-to-buffer [w tok]
  (setf w :buffer (conj (getf w :buffer) tok))
  (when-not (tokens-fit? w (getf w :buffer))
    (write-line w)))

(defn- advance
  "The [start end] positions of n more buffered characters."
  [w n]
  (let [p (getf w :pos)]
    (setf w :pos (+ p n))
    [p (+ p n)]))

(declare pw-write-line)

(defn- pw-write
  "Writes text through the pretty writer. Lines before a newline in it are
  written out at once, flushing the buffer first (as the JVM's writer does,
  which also leaves it in buffering mode)."
  [w ^String s]
  (let [lines (clojure.string/split s #"\n" -1)]
    (if (= 1 (count lines))
      (pw-write-line w s)
      (do (if (= :buffering (getf w :mode))
            (let [[p q] (advance w (count (first lines)))]
              (add-to-buffer w {:t :blob :data (first lines) :tws nil :start p :end q})
              (write-line w)
              (write-tokens w (getf w :buffer) true)
              (setf w :buffer []))
            (do (write-tws w) (base-write w (first lines))))
          (base-write w "\n")
          (doseq [l (next (butlast lines))]
            (base-write w l)
            (base-write w "\n"))
          (pw-write-line w (peek lines))))))

(defn- pw-write-line
  "Writes text without newlines through the pretty writer."
  [w ^String s0]
  (let [s (clojure.string/trimr s0)
        ws (subs s0 (count s))]
    (if (= :writing (getf w :mode))
      (do (write-tws w)
          (base-write w s)
          (setf w :tws (when (seq ws) ws)))
      (let [[p q] (advance w (count s0))]
        (add-to-buffer w {:t :blob :data s :tws (when (seq ws) ws) :start p :end q})))))

(defn- pw-start-block [w prefix per-line-prefix suffix]
  (let [lb (make-block (getf w :block) prefix per-line-prefix suffix)]
    (setf w :block lb)
    (if (= :writing (getf w :mode))
      (do (write-tws w)
          (when prefix (base-write w prefix))
          (vreset! (:start-col lb) (getf w :col))
          (vreset! (:indent lb) (getf w :col)))
      (let [[p q] (advance w (count prefix))]
        (add-to-buffer w {:t :start :block lb :start p :end q})))))

(defn- pw-end-block [w]
  (let [lb (getf w :block)
        suffix (:suffix lb)]
    (if (= :writing (getf w :mode))
      (do (write-tws w)
          (when suffix (base-write w suffix)))
      (let [[p q] (advance w (count suffix))]
        (add-to-buffer w {:t :end :block lb :start p :end q})))
    (setf w :block (:parent lb))))

(defn- pw-nl [w type]
  (setf w :mode :buffering)
  (let [p (getf w :pos)]
    (add-to-buffer w {:t :nl :type type :block (getf w :block) :start p :end p})))

(defn- pw-indent [w relative-to offset]
  (let [lb (getf w :block)]
    (if (= :writing (getf w :mode))
      (do (write-tws w)
          (vreset! (:indent lb) (+ offset (if (= :block relative-to) @(:start-col lb) (getf w :col)))))
      (let [p (getf w :pos)]
        (add-to-buffer w {:t :indent :block lb :relative-to relative-to :offset offset :start p :end p})))))

(defn- pw-flush [w]
  (if (= :buffering (getf w :mode))
    (do (write-tokens w (getf w :buffer) true)
        (setf w :buffer []))
    (write-tws w)))
