; each top-level form is compiled and run in order: output of earlier forms appears,
; then compiling a form that refers to an undefined symbol fails (exit code 1)
(println "form 1")
(def x 10)
(println "form 3" x)
(defn uses-undefined [] (+ x undefined-thing))
(println "never printed")
