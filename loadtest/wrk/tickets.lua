-- One single-ticket JSON body per POST /tickets, each with an id of its own and no category,
-- so that intake triages every ticket as it does for mail. The token comes from $TOKEN.
local counter = 0
local token = os.getenv("TOKEN") or ""
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("prefix", string.format("w%d-%d-", threads, os.time()))
end

local subjects = { "Where is my order?", "Refund please", "Wrong size delivered", "Change my address" }
local bodies = {
  "Hi, I ordered a necklace last week and it still has not arrived. Can you tell me where it is? Thanks",
  "I returned the ring two weeks ago and I am still waiting for my refund. Please help.",
  "The jacket I received is a size too small. How do I exchange it for a larger one?",
  "I moved last week. Can you change the delivery address on my open order to my new flat?",
}

function request()
  counter = counter + 1
  local n = counter % #bodies + 1
  local body = string.format(
    '{"id":"%s%d","brand":"pandorana","received_at":"2026-11-27T15:00:00Z","subject":"%s","body":"%s"}',
    prefix, counter, subjects[n], bodies[n])
  return wrk.format("POST", "/tickets", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end
