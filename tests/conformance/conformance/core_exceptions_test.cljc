(ns conformance.core-exceptions-test
  "clojure.core exceptions: ex-info ex-data ex-message ex-cause, try/catch/finally, throw."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest ex-info-test
  (let [e (ex-info "msg" {:a 1})
        c (ex-info "outer" {:b 2} e)]
    (are [x y] (= y x)
      (ex-message e) "msg"
      (ex-data e) {:a 1}
      (ex-cause e) nil
      (ex-cause c) e
      (ex-data c) {:b 2}
      (.getMessage e) "msg"
      (.getCause c) e
      (ex-message (Exception. "plain")) "plain"
      (ex-data (Exception. "plain")) nil
      (ex-message nil) nil
      (ex-data nil) nil
      (ex-message 1) nil
      (ex-data {:a 1}) nil
      (ex-data (ex-info "m" {})) {}
      (ex-message (ex-info nil {})) nil
      (ex-message (ex-cause (RuntimeException. "a" (Exception. "b")))) "b")
    (is (instance? clojure.lang.ExceptionInfo e))
    (is (instance? RuntimeException e))
    (is (instance? Exception e))
    (is (instance? Throwable e))
    (is (thrown? IllegalArgumentException (ex-info "m" nil)))
    (is (thrown? ClassCastException (ex-info "m" 1)))))

(deftest try-catch-test
  (are [x y] (= y x)
    (try 1) 1
    (try 1 (catch Exception _ 2)) 1
    (try (throw (Exception. "x")) (catch Exception e (ex-message e))) "x"
    (try (/ 1 0) (catch ArithmeticException e (ex-message e))) "Divide by zero"
    (try (throw (ex-info "i" {:k 1})) (catch clojure.lang.ExceptionInfo e (:k (ex-data e)))) 1
    (try (throw (IllegalStateException. "s")) (catch IllegalArgumentException _ :arg) (catch RuntimeException _ :rt)) :rt
    (try (throw (ex-info "i" {})) (catch Throwable _ :t)) :t
    (try (nth [] 1) (catch IndexOutOfBoundsException _ :ioob)) :ioob
    (try (throw (Error. "e")) (catch Exception _ :ex) (catch Error _ :err)) :err
    (try (assert false) (catch AssertionError _ :ae)) :ae
    (try ((identity nil)) (catch NullPointerException _ :npe)) :npe
    (try (throw (ex-info "a" {})) (catch Exception e (class e))) clojure.lang.ExceptionInfo
    (class (Exception. "a")) java.lang.Exception
    (try (try (throw (Exception. "in")) (finally 1)) (catch Exception e (ex-message e))) "in"
    (try (try (throw (Exception. "a")) (catch Exception _ (throw (Exception. "b")))) (catch Exception e (ex-message e))) "b")
  (testing "finally runs and does not change the value"
    (let [log (atom [])]
      (is (= 1 (try 1 (finally (swap! log conj :f)))))
      (is (= :c (try (throw (Exception.)) (catch Exception _ :c) (finally (swap! log conj :g)))))
      (is (thrown? Exception (try (throw (Exception.)) (finally (swap! log conj :h)))))
      (is (= [:f :g :h] @log))))
  (testing "nesting and rethrow"
    (is (= [:inner :outer]
           (let [log (atom [])]
             (try
               (try (throw (ex-info "x" {}))
                    (catch Exception e (swap! log conj :inner) (throw e)))
               (catch Exception _ (swap! log conj :outer)))
             @log))))
  (is (thrown? ClassCastException (throw 1)))
  (is (thrown-with-msg? Exception #"^boom$" (throw (Exception. "boom")))))

(deftest messages-test
  (are [x y] (= y x)
    (try (/ 1 0) (catch Exception e (.getMessage e))) "Divide by zero"
    (try (throw (ex-info "hi" {})) (catch Exception e (.getMessage e))) "hi"
    (try (Long/parseLong "x") (catch NumberFormatException e (.getMessage e))) "For input string: \"x\""
    (try (inc nil) (catch NullPointerException _ :npe)) :npe
    (try (+ 1 "a") (catch ClassCastException _ :cce)) :cce
    (try (nth '(1) 3) (catch IndexOutOfBoundsException _ :ioob)) :ioob
    (try ("s" 1) (catch ClassCastException _ :cce)) :cce
    (try (throw (Throwable. "t")) (catch Throwable e (ex-message e))) "t"
    (ex-message (ex-info "a" {})) "a")
  (let [m (Throwable->map (ex-info "top" {:k 1} (Exception. "root")))]
    (is (= "root" (:cause m)))
    (is (nil? (:data m)) ":data is the root cause's")
    (is (= {:k 1} (:data (first (:via m)))))
    (is (= '[clojure.lang.ExceptionInfo java.lang.Exception] (map :type (:via m))))
    (is (= ["top" "root"] (map :message (:via m))))))
