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

local form_page = require("wrk_form")
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end

local niks = {}
local password = ""
local sent = 0
local form, nik -- the form page read; nil while the next request is the form
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
  return form_page.address(number * 100000 + sent)
end

function request()
  if not form then
    return wrk.format("GET", "/pemohon/login/", { ["X-Forwarded-For"] = address() }, nil)
  end
  return form_page.post("/pemohon/login/", form, { nik = nik, password = password }, address())
end

function response(status, headers, body)
  if not form then
    forms = forms + 1
    form = form_page.read(status, headers, body)
    if not form then
      unreadable = unreadable + 1
      return
    end
    nik = niks[((number - 1) * 7919 + sent) % #niks + 1]
  else
    if status == 302 and headers["Location"] == "/" then
      logins = logins + 1
    else
      refused = refused + 1
    end
    sent = sent + 1
    form = nil
  end
end

function done(summary, latency, requests)
  form_page.report(threads, "SINTREN-LOGIN", { "logins", "refused", "forms", "unreadable" })
end
