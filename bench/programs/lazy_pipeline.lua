-- lazy_pipeline: pull-based iterator closures standing in for lazy seqs:
-- range -> map inc -> filter even -> reduce + over 3e6 elements.
local function range(n)
  local i = -1
  return function()
    i = i + 1
    if i < n then return i end
  end
end

local function map(f, it)
  return function()
    local x = it()
    if x ~= nil then return f(x) end
  end
end

local function filter(p, it)
  return function()
    while true do
      local x = it()
      if x == nil then return nil end
      if p(x) then return x end
    end
  end
end

local function reduce(f, init, it)
  local acc = init
  for x in it do acc = f(acc, x) end
  return acc
end

local function inc(x) return x + 1 end
local function is_even(x) return x % 2 == 0 end
local function add(a, b) return a + b end

print(reduce(add, 0, filter(is_even, map(inc, range(3000000)))))
