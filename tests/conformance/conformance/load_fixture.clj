;; Loaded by conformance.core-misc-test's load-test through (load ...); it has
;; no ns form, so neither test runner loads it by itself.
(in-ns 'conformance.load-fixture)
(def loaded (clojure.core/inc 41))
