-- loop_sum: summing 0..5e7-1. A while loop mirrors loop/recur exactly
-- (compare, two adds, jump) instead of Lua's specialised numeric `for`.
local i, acc = 0, 0
while i < 50000000 do
  acc = acc + i
  i = i + 1
end
print(acc)
