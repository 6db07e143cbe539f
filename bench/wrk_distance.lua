-- SPDX-License-Identifier: MIT
-- wrk script for GET /v1/tokens/{token}/distance: cycles through pre-registered
-- tokens, schools and grades. Environment: TOKENS (file), KEY (API key), RATE (total
-- requests per second, 0 for as fast as possible), CONNECTIONS (wrk's -c).
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local key = os.getenv("KEY")
local rate = tonumber(os.getenv("RATE") or "0")
local connections = tonumber(os.getenv("CONNECTIONS") or "1")
local grades = {"F", "2", "4", "6", "8", "gy2"}
local schools = tonumber(os.getenv("SCHOOLS") or "40")
local counter = 0

function setup(thread)
  thread:set("offset", math.random(1, #tokens))
end

function request()
  counter = counter + 1
  local i = (offset + counter) % #tokens + 1
  local path = "/v1/tokens/" .. tokens[i] .. "/distance?school=S" .. ((counter % schools) + 1) ..
               "&grade=" .. grades[(counter % #grades) + 1]
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. key})
end

function delay()
  -- A fixed total rate: each connection waits its share between requests (wrk 4.1
  -- has no constant-rate mode; the rate it reports is the one achieved).
  if rate > 0 then return 1000 * connections / rate end
  return 0
end
