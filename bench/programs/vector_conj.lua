-- vector_conj: append 1e6 integers to a table used as an array.
-- NOTE: Lua tables are mutable, so this is a reference point, not like-for-like
-- with a persistent (path-copying) vector.
local v, n = {}, 0
local i = 0
while i < 1000000 do
  n = n + 1
  v[n] = i
  i = i + 1
end
print(#v)
