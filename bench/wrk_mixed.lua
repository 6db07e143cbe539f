-- SPDX-License-Identifier: MIT
-- wrk script for the soak: nine distance requests (as wrk_distance.lua) to one
-- registration (as wrk_register.lua). Environment: TOKENS, HOMES, KEY (the case
-- system's), REGISTRAR_KEY, RATE, CONNECTIONS, SCHOOLS.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local homes = {}
for line in io.lines(os.getenv("HOMES")) do homes[#homes + 1] = line end
local key = os.getenv("KEY")
local registrar_key = os.getenv("REGISTRAR_KEY")
local rate = tonumber(os.getenv("RATE") or "0")
local connections = tonumber(os.getenv("CONNECTIONS") or "1")
local schools = tonumber(os.getenv("SCHOOLS") or "40")
local grades = {"F", "2", "4", "6", "8", "gy2"}
local counter = 0

function setup(thread)
  thread:set("offset", math.random(1, #tokens))
end

function request()
  counter = counter + 1
  if counter % 10 == 0 then
    local lon, lat = homes[(offset + counter) % #homes + 1]:match("(%S+) (%S+)")
    return wrk.format("POST", "/v1/tokens",
                      {["Authorization"] = "Bearer " .. registrar_key, ["Content-Type"] = "application/json"},
                      '{"lon":' .. lon .. ',"lat":' .. lat .. '}')
  end
  local path = "/v1/tokens/" .. tokens[(offset + counter) % #tokens + 1] .. "/distance?school=S" ..
               ((counter % schools) + 1) .. "&grade=" .. grades[(counter % #grades) + 1]
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. key})
end

function delay()
  if rate > 0 then return 1000 * connections / rate end -- see wrk_distance.lua
  return 0
end
