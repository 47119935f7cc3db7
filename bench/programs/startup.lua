-- startup: process start + runtime init + print one line + exit.
print("hello")
