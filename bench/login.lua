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
local niks = {}
local password = ""

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      table.insert(niks, line)
    end
  end
  password = args[2]
end

form_page.client({
  path = "/pemohon/login/",
  label = "SINTREN-LOGIN",
  address = function()
    return form_page.address(number * 100000 + sent)
  end,
  fields = function()
    return { nik = niks[((number - 1) * 7919 + sent) % #niks + 1], password = password }
  end,
  succeeded = function(status, headers)
    return status == 302 and headers["Location"] == "/"
  end,
})
