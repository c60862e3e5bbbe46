-- One page for wrk, described by environment variables set by benchmarks/bench.py:
--   BENCH_METHOD (GET/POST), BENCH_COOKIE, BENCH_ETAG (sent as If-None-Match),
--   BENCH_CSRF (X-CSRFToken for POST), BENCH_BODY (form body; COUNTER is replaced by a
--   number unique to each request, so that every autosave changes the text, and OPID by a
--   uuid unique to each request: the op id that makes a resent save apply once).
local method = os.getenv("BENCH_METHOD") or "GET"
local cookie = os.getenv("BENCH_COOKIE") or ""
local etag = os.getenv("BENCH_ETAG") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local body = os.getenv("BENCH_BODY") or ""
local next_id = 0
local counter = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
end

request = function()
  local headers = {}
  if cookie ~= "" then headers["Cookie"] = cookie end
  if etag ~= "" then headers["If-None-Match"] = etag end
  if method == "POST" then
    counter = counter + 1
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["X-CSRFToken"] = csrf
    headers["HX-Request"] = "true"
    local text = string.gsub(body, "COUNTER", tostring(thread_id) .. "x" .. tostring(counter))
    local op = string.format("00000000-0000-4000-8%03d-%012d", thread_id % 1000, counter)
    text = string.gsub(text, "OPID", op)
    return wrk.format("POST", nil, headers, text)
  end
  return wrk.format(method, nil, headers)
end
