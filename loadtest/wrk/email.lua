-- One plain 1 KB email per POST /inbound/email, each with a Message-ID of its own (so each
-- becomes a ticket of its own). The token comes from $TOKEN.
local counter = 0
local token = os.getenv("TOKEN") or ""
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("prefix", string.format("w%d-%d-", threads, os.time()))
end

local text = "Hello,\r\n\r\nI ordered a silver necklace from your shop on the 20th and the tracking page has not " ..
  "changed for six days. It was meant to be a birthday present, so I am getting worried. Could you please " ..
  "check with the carrier where the parcel is and let me know when it will arrive? If it is lost, I would " ..
  "like a replacement sent by express delivery, or a full refund to my card.\r\n\r\nThe order number is in " ..
  "the subject line. I have already checked with my neighbours and the building's parcel room, and nobody " ..
  "has seen it. The delivery address is correct on the confirmation email.\r\n\r\nThank you for your help,\r\n" ..
  "Ann\r\n"

function request()
  counter = counter + 1
  local message = string.format(
    "From: Ann Example <ann@example.com>\r\nTo: care@mejurn.example\r\nSubject: Order 48213 has not arrived\r\n" ..
    "Date: Fri, 27 Nov 2026 15:00:00 +0000\r\nMessage-ID: <%s%d@mail.example.com>\r\nMIME-Version: 1.0\r\n" ..
    "Content-Type: text/plain; charset=utf-8\r\n\r\n%s",
    prefix, counter, text)
  return wrk.format("POST", "/inbound/email", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "message/rfc822",
  }, message)
end
