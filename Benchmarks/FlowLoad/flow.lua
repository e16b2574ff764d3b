-- Sandbox create+confirm flows for wrk, the cheap client of `Benchmarks/flows --client wrk`.
--
-- Run with one connection per wrk thread (`wrk -t N -c N`): a thread then
-- alternates strictly between its request and its answer, so the confirm it
-- sends next always belongs to the create it just read. Every thread takes its
-- own lines of the pairs file (`ACCOUNT NUMBER`, one flow each, written by
-- `Benchmarks/flows`), so no number is used twice; a thread that runs out stops.
--
-- Arguments after `--`: the pairs file, the API key, the code to confirm with, the
-- number of wrk threads.
-- `done` prints one JSON line: flows completed, answers by route and status,
-- and wrk's latency percentiles (create and confirm together, microseconds).

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local pairs_ = {}
local position = 0
local state = "create"
local pending_route = "create"
local account, verification
local counts = {}
flows = 0
answers = ""

function init(args)
  local id = tonumber(wrk.thread:get("id"))
  local file = assert(io.open(args[1], "r"))
  local index = 0
  for line in file:lines() do
    if index % tonumber(args[4]) == id then table.insert(pairs_, line) end
    index = index + 1
  end
  file:close()
  key = args[2]
  code = args[3]
  headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
end

function request()
  if state == "create" then
    position = position + 1
    local line = pairs_[position]
    if line == nil then
      wrk.thread:stop()
      return wrk.format("GET", "/healthz")
    end
    account, number = line:match("^(%S+)%s+(%S+)$")
    pending_route = "create"
    return wrk.format("POST", "/v1/accounts/" .. account .. "/phone_verifications", headers,
      '{"type":"sandbox","phone_number":"' .. number .. '"}')
  end
  pending_route = "confirm"
  return wrk.format("POST", "/v1/accounts/" .. account .. "/phone_verifications/" .. verification .. "/confirm",
    headers, '{"code":"' .. code .. '"}')
end

function response(status, headers_, body)
  local label = pending_route .. " " .. status
  counts[label] = (counts[label] or 0) + 1
  if pending_route == "create" then
    verification = status == 200 and body:match('"id":"([%w%-]+)"') or nil
    state = verification and "confirm" or "create"
  else
    if status == 200 then flows = flows + 1 end
    state = "create"
  end
  local parts = {}
  for name, value in pairs(counts) do table.insert(parts, string.format('"%s":%d', name, value)) end
  answers = table.concat(parts, ",")
end

function done(summary, latency, requests)
  local total = 0
  local merged = {}
  for _, thread in ipairs(threads) do
    total = total + tonumber(thread:get("flows"))
    local text = thread:get("answers") or ""
    for name, value in text:gmatch('"([^"]+)":(%d+)') do
      merged[name] = (merged[name] or 0) + tonumber(value)
    end
  end
  local parts = {}
  for name, value in pairs(merged) do table.insert(parts, string.format('"%s":%d', name, value)) end
  io.write(string.format(
    '{"flows":%d,"duration_us":%d,"requests":%d,"errors":%d,"answers":{%s},'
      .. '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    total, summary.duration, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout,
    table.concat(parts, ","), latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max))
end
