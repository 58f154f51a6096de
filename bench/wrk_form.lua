-- What a browser does with one of SINTREN's form pages, for the wrk scripts of bench/run.py
-- (bench/login.lua, bench/register.lua): read the CSRF cookie, the form's CSRF token and
-- the captcha, answer the question, and post the form back.
--
-- Loaded with require("wrk_form"): bench/run.py runs wrk with LUA_PATH="bench/?.lua;;".

local M = {}

-- application/x-www-form-urlencoded value
function M.encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

-- A client address of its own for serial n (sent as X-Forwarded-For).
function M.address(n)
  return string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
end

local operations = {
  dikali = function(a, b) return a * b end,
  ditambah = function(a, b) return a + b end,
  dikurangi = function(a, b) return a - b end,
}

-- The form page's answer, read: {cookie, csrf, token, answer}, or nil when it cannot be.
function M.read(status, headers, body)
  local cookie = (headers["Set-Cookie"] or ""):match("csrftoken=([^;]+)")
  local csrf = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
  local token = body:match('name="captcha_token" value="([^"]+)"')
  local a, operation, b = body:match("Berapa (%d+) (%a+) (%d+)%?")
  if status ~= 200 or not (cookie and csrf and token and a and operations[operation]) then
    return nil
  end
  local answer = tostring(operations[operation](tonumber(a), tonumber(b)))
  return { cookie = cookie, csrf = csrf, token = token, answer = answer }
end

-- The POST of `form` (from M.read) to `path` with `fields` ({name = value}) from `address`.
function M.post(path, form, fields, address)
  local parts = {
    "csrfmiddlewaretoken=" .. M.encode(form.csrf),
    "captcha_token=" .. M.encode(form.token),
    "captcha=" .. form.answer,
  }
  for name, value in pairs(fields) do
    table.insert(parts, name .. "=" .. M.encode(value))
  end
  return wrk.format("POST", path, {
    ["Cookie"] = "csrftoken=" .. form.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = address,
  }, table.concat(parts, "&"))
end

-- A client that GETs the form page at `path` and posts it back, again and again, each
-- wrk thread on its own connection. `spec`: path; label, printed by done() with the
-- sums over the threads of ok, refused, forms and unreadable; address() and fields(),
-- the X-Forwarded-For and the fields of the next POST; succeeded(status, headers),
-- whether the POST's answer is the outcome counted. Globals of each thread: `number`
-- (1, 2, … by setup) and `sent` (the POSTs it has made).
function M.client(spec)
  local threads, counter = {}, 0
  local form -- the form page read; nil while the next request is the form
  ok, refused, forms, unreadable, sent = 0, 0, 0, 0, 0

  function setup(thread)
    counter = counter + 1
    thread:set("number", counter)
    table.insert(threads, thread)
  end

  function request()
    if not form then
      return wrk.format("GET", spec.path, { ["X-Forwarded-For"] = spec.address() }, nil)
    end
    return M.post(spec.path, form, spec.fields(), spec.address())
  end

  function response(status, headers, body)
    if not form then
      forms = forms + 1
      form = M.read(status, headers, body)
      if not form then
        unreadable = unreadable + 1
      end
      return
    end
    if spec.succeeded(status, headers) then
      ok = ok + 1
    else
      refused = refused + 1
    end
    sent = sent + 1
    form = nil
  end

  function done(summary, latency, requests)
    local totals = {}
    for i, name in ipairs({ "ok", "refused", "forms", "unreadable" }) do
      totals[i] = 0
      for _, thread in ipairs(threads) do
        totals[i] = totals[i] + thread:get(name)
      end
    end
    io.write(spec.label .. " " .. table.concat(totals, " ") .. "\n")
  end
end

return M
