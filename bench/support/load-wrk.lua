-- wrk's script for load.ts: sends the prepared requests in one turn over all connections.
-- Its arguments: a file of raw HTTP requests, each ended by "\0" and cut by "\1" where a fresh
-- id goes (load.ts wrote it), the run's id prefix and the digits of an id's count (all ids one
-- length, so the Content-Length load.ts counted holds).
-- Prints one JSON line with the counts and latencies (µs) when the run is done.

local requests = {}
local prefix = ""
local idFormat = ""
local turn = 0

function init(args)
  local file = assert(io.open(args[1], "rb"))
  local data = file:read("*a")
  file:close()
  prefix = args[2]
  idFormat = "%s%0" .. args[3] .. "d"
  local from = 1
  while from <= #data do
    local to = string.find(data, "\0", from, true)
    local parts = {}
    local at = from
    while true do
      local cut = string.find(data, "\1", at, true)
      if not cut or cut > to then break end
      parts[#parts + 1] = string.sub(data, at, cut - 1)
      at = cut + 1
    end
    parts[#parts + 1] = string.sub(data, at, to - 1)
    requests[#requests + 1] = parts
    from = to + 1
  end
end

function request()
  local parts = requests[turn % #requests + 1]
  turn = turn + 1
  if #parts == 1 then return parts[1] end
  return table.concat(parts, string.format(idFormat, prefix, turn))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration":%d,"p50":%d,"p99":%d,"max":%d,"non2xx":%d,"errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
