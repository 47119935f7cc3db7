-- swap: 5e6 swap(a, inc) on a one-field table standing in for an atom.
local function atom(v) return { value = v } end
local function swap(a, f)
  local nv = f(a.value)
  a.value = nv
  return nv
end
local function inc(x) return x + 1 end

local a = atom(0)
local i = 0
while i < 5000000 do
  swap(a, inc)
  i = i + 1
end
print(a.value)
