-- wrk script of bench/run.py: applicants log in again and again, as a browser does.
--
-- Each wrk thread drives one connection (run wrk with as many threads as connections):
-- it opens /pemohon/login/ without cookies, reads the CSRF cookie, the form's CSRF token,
-- the captcha token and the question from the answer, computes the answer, and posts
-- the login form with a NIK of its own and the demo password. A 302 to "/" is a login;
-- anything else is a refusal. Every login comes from a new X-Forwarded-For address, as
-- the Python client does (the per-address limits are not what is measured).
--
--   wrk -t8 -c8 -d10s -s bench/login.lua http://127.0.0.1:8000 -- NIKS_FILE PASSWORD
--
-- NIKS_FILE holds one NIK per line. done() prints "SINTREN-LOGIN <logins> <refused>
-- <forms> <unreadable forms>" and the POST latencies are not measured here (wrk's
-- latency mixes both requests): the Python client of bench/run.py reports those.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end

local niks = {}
local password = ""
local step = "form"
local sent = 0
local cookie, csrf, token, answer, nik
logins, refused, forms, unreadable = 0, 0, 0, 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      table.insert(niks, line)
    end
  end
  password = args[2]
end

local function address()
  local n = number * 100000 + sent
  return string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
end

local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local operations = {
  dikali = function(a, b) return a * b end,
  ditambah = function(a, b) return a + b end,
  dikurangi = function(a, b) return a - b end,
}

function request()
  if step == "form" then
    return wrk.format("GET", "/pemohon/login/", { ["X-Forwarded-For"] = address() }, nil)
  end
  local body = "csrfmiddlewaretoken=" .. encode(csrf)
    .. "&nik=" .. nik
    .. "&password=" .. encode(password)
    .. "&captcha_token=" .. encode(token)
    .. "&captcha=" .. answer
  return wrk.format("POST", "/pemohon/login/", {
    ["Cookie"] = "csrftoken=" .. cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = address(),
  }, body)
end

function response(status, headers, body)
  if step == "form" then
    forms = forms + 1
    cookie = (headers["Set-Cookie"] or ""):match("csrftoken=([^;]+)")
    csrf = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
    token = body:match('name="captcha_token" value="([^"]+)"')
    local a, operation, b = body:match("Berapa (%d+) (%a+) (%d+)%?")
    if status ~= 200 or not (cookie and csrf and token and a and operations[operation]) then
      unreadable = unreadable + 1
      return
    end
    answer = tostring(operations[operation](tonumber(a), tonumber(b)))
    nik = niks[((number - 1) * 7919 + sent) % #niks + 1]
    step = "post"
  else
    if status == 302 and headers["Location"] == "/" then
      logins = logins + 1
    else
      refused = refused + 1
    end
    sent = sent + 1
    step = "form"
  end
end

function done(summary, latency, requests)
  local totals = { 0, 0, 0, 0 }
  for _, thread in ipairs(threads) do
    totals[1] = totals[1] + thread:get("logins")
    totals[2] = totals[2] + thread:get("refused")
    totals[3] = totals[3] + thread:get("forms")
    totals[4] = totals[4] + thread:get("unreadable")
  end
  io.write(string.format("SINTREN-LOGIN %d %d %d %d\n", totals[1], totals[2], totals[3], totals[4]))
end
