-- wrk script for `Gongshu.Bench gateway`: every request is a different pre-signed gateway call
-- (each nonce may be used once), read from the file the bench wrote. Arguments after `--`:
-- the requests file, and optionally the pause in milliseconds each connection makes between
-- its requests (to hold a rate below the maximum). Lines are: path TAB key TAB timestamp TAB nonce TAB signature.
-- The bare endpoint needs no signature: lines with only a path are sent as they are.
-- Every request is formatted once, in init, before wrk starts timing: wrk runs on the same cores
-- as the server, and formatting per request would take the server's time for the client's work.

local lines = {}
local next_line = 1
local pause = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local file = args[1]
  pause = tonumber(args[2] or "0")
  local count = tonumber(args[3] or "1")
  local i = 0
  for line in io.lines(file) do
    -- Thread n takes every count-th line, so no two threads send the same nonce.
    if (i % count) == (id - 1) then
      table.insert(lines, format(line))
    end
    i = i + 1
  end
end

function format(line)
  local path, key, ts, nonce, sig = line:match("([^\t]+)\t?([^\t]*)\t?([^\t]*)\t?([^\t]*)\t?([^\t]*)")
  if key == nil or key == "" then
    return wrk.format("GET", path)
  end
  return wrk.format("GET", path, {
    ["X-Gongshu-Key"] = key,
    ["X-Gongshu-Timestamp"] = ts,
    ["X-Gongshu-Nonce"] = nonce,
    ["X-Gongshu-Signature"] = sig,
    ["X-Gongshu-Signature-Method"] = "HMAC-SHA256",
  })
end

function request()
  local request = lines[next_line]
  next_line = next_line + 1
  if next_line > #lines then next_line = 1 end
  return request
end

function delay()
  return pause
end
