-- garbage: 78,125,000 iterations, each building a fresh 16-element table of
-- integers that dies immediately (10 GB nominal payload: 78,125,000 x 16 x 8 B).
-- One element of each is folded into the result so the allocation cannot be elided.
local acc = 0
local i = 0
while i < 78125000 do
  local v = { i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7,
              i + 8, i + 9, i + 10, i + 11, i + 12, i + 13, i + 14, i + 15 }
  acc = acc + v[(i & 15) + 1]
  i = i + 1
end
print(acc)
