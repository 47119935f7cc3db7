-- closures: create 1e6 closures (each capturing the loop counter) and call each once.
local function make_adder(n)
  return function(x) return x + n end
end

local i, acc = 0, 0
while i < 1000000 do
  acc = make_adder(i)(acc)
  i = i + 1
end
print(acc)
