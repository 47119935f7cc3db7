;; lazy_pipeline: lazy seq chain range -> map -> filter -> reduce over 3e6 elements.
(println (->> (range 3000000) (map inc) (filter even?) (reduce +)))
