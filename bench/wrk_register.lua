-- SPDX-License-Identifier: MIT
-- wrk script for POST /v1/tokens: registers synthetic homes from HOMES ("lon lat" per
-- line). Environment: HOMES, KEY, RATE, CONNECTIONS as in wrk_distance.lua.
local homes = {}
for line in io.lines(os.getenv("HOMES")) do homes[#homes + 1] = line end
local key = os.getenv("KEY")
local rate = tonumber(os.getenv("RATE") or "0")
local connections = tonumber(os.getenv("CONNECTIONS") or "1")
local counter = 0

function setup(thread)
  thread:set("offset", math.random(1, #homes))
end

function request()
  counter = counter + 1
  local lon, lat = homes[(offset + counter) % #homes + 1]:match("(%S+) (%S+)")
  return wrk.format("POST", "/v1/tokens",
                    {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"},
                    '{"lon":' .. lon .. ',"lat":' .. lat .. '}')
end

function delay()
  if rate > 0 then return 1000 * connections / rate end -- see wrk_distance.lua
  return 0
end
