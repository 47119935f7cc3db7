; word frequency report: clojure.string, frequencies, sort-by, format-free padding
(require '[clojure.string :as str])
(def text "It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity")
(def words (->> (str/split (str/lower-case text) #"[^a-z]+")
                (remove str/blank?)))
(println "word count:" (count words))
(println "distinct:" (count (distinct words)))
(def freq (frequencies words))
(def top (take 6 (sort-by (fn [[w n]] [(- n) w]) freq)))
(defn pad-right [s n] (apply str s (repeat (- n (count s)) " ")))
(doseq [[w n] top]
  (println (pad-right w 8) (apply str (repeat n "#")) n))
(println "longest:" (apply max-key count (distinct words)))
(println "by length:" (into (sorted-map) (group-by count (sort (distinct words)))))
(println "first letters:" (apply str (map first (take 10 words))))
(def sentence-lengths (map #(count (str/split (str/trim %) #"\s+")) (str/split text #",")))
(println "phrase word counts:" sentence-lengths)
(println "capitalized:" (str/join " " (map str/capitalize (take 4 words))))
