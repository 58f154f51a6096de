-- wrk script of bench/run.py: new applicants register again and again, as a browser does.
--
-- Each wrk thread drives one connection (run wrk with as many threads as connections):
-- it opens /pemohon/daftar/ without cookies, reads the CSRF cookie, the form's CSRF token,
-- the captcha token and question, and posts a valid registration (a man born 17-08-1990
-- in Karangsari, the same fields as bench/run.py's registration()) with a serial of its
-- own: thread n uses FIRST + (n - 1) * STRIDE onwards, so no NIK, phone number or email
-- is sent twice while a thread registers fewer than STRIDE. A 302 to the "berhasil" page is a registration. Every registration comes
-- from a new X-Forwarded-For address (the per-address limit is not what is measured).
--
--   wrk -t8 -c8 -d60s -s bench/register.lua http://127.0.0.1:8000 -- FIRST STRIDE
--
-- wrk is stopped with SIGINT when the pages are measured; done() prints
-- "SINTREN-DAFTAR <registrations> <refused> <forms> <unreadable forms>".

local form_page = require("wrk_form")
local first = 5000
local stride = 600

function init(args)
  first = tonumber(args[1]) or first
  stride = tonumber(args[2]) or stride
end

local function serial()
  return first + (number - 1) * stride + sent
end

local function fields(n)
  local digits = string.format("%04d", n)
  local letters = digits:gsub("%d", function(d) return string.sub("ABCDEFGHIJ", d + 1, d + 1) end)
  return {
    nik = "332607170890" .. digits,
    nama_lengkap = "Warga Bench " .. letters,
    nomor_kk = "332607100120" .. digits,
    tempat_lahir = "Pekalongan",
    tanggal_lahir = "17-08-1990",
    nama_ibu = "Siti Aminah",
    provinsi = "33",
    kabupaten = "33.26",
    kecamatan = "33.26.07",
    desa = "33.26.07.2008",
    nomor_hp = string.format("08128%07d", n),
    email = "bench" .. n .. "@contoh.id",
    password1 = "Pekalongan2024",
    password2 = "Pekalongan2024",
  }
end

form_page.client({
  path = "/pemohon/daftar/",
  label = "SINTREN-DAFTAR",
  address = function()
    return form_page.address(50000 + serial())
  end,
  fields = function()
    return fields(serial())
  end,
  succeeded = function(status, headers)
    return status == 302 and (headers["Location"] or ""):find("berhasil", 1, true) ~= nil
  end,
})
