-- map_assoc: insert 1e6 distinct integer keys into a table, counting new keys
-- (Lua's # does not count hash-part entries). Mutable: a reference point only.
local m, count = {}, 0
local i = 0
while i < 1000000 do
  if m[i] == nil then count = count + 1 end
  m[i] = i
  i = i + 1
end
print(count)
