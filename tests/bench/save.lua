-- save.lua: the wrk script of `make bench`'s "save": «Lagre» on a whole tab of the survey
-- form, each POST changing one answer, so that every request writes.
--
--   wrk -tT -cC ... -s tests/bench/save.lua URL/cgi-bin/skjema -- DATAFILE T
--
-- DATAFILE has one line per survey, "id version bodyA bodyB": the tab's fields as the
-- browser sends them (without versjon), with one answer changed (A) and as stored (B), so
-- sending A, B, A, ... changes that answer each time. A save must name the version it was
-- made from (skjema.c answers 409 to a stale one) and each write adds one, so the script
-- keeps every survey's version. A saved tab answers 303 to itself with melding=lagret;
-- the id in that Location tells which survey it was. Each wrk thread takes its own
-- surveys and never has two requests for one survey in flight, so the connections never
-- race each other to a 409 (wrk calls request() once more in its first thread to check it,
-- and never sends that one: its survey sits the run out). done() prints
-- "saves: N saved[, M not saved]".

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

local surveys = {}		-- this thread's: id, version, a, b, use_a, busy
local by_id = {}
local turn = 0
saved = 0			-- globals: done() reads them with thread:get
unsaved = 0

function init(args)
   local file, nthreads, n = args[1], tonumber(args[2]), 0

   for line in io.lines(file) do
      local id, v, a, b = line:match("^(%x+) (%d+) (%S+) (%S+)$")
      if id then
         n = n + 1
         if (n - 1) % nthreads == tid - 1 then
            local s = { id = id, version = tonumber(v), a = a, b = b, use_a = true }
            table.insert(surveys, s)
            by_id[id] = s
         end
      end
   end
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
   for _ = 1, #surveys do
      turn = turn % #surveys + 1
      local s = surveys[turn]
      if not s.busy then
         s.busy = true
         return wrk.format(nil, nil, nil,
            (s.use_a and s.a or s.b) .. "&versjon=" .. s.version)
      end
   end
   io.stderr:write("save.lua: more connections than surveys in a thread\n")
   os.exit(1)
end

function response(status, headers, body)
   local loc = headers["Location"] or ""
   local s = by_id[loc:match("[?&]id=(%x+)") or ""]

   if status == 303 and s and loc:find("melding=lagret", 1, true) then
      s.version = s.version + 1
      s.use_a = not s.use_a
      s.busy = false
      saved = saved + 1
      return
   end
   unsaved = unsaved + 1
   -- the tab again (409: saved by someone else; 200: a value refused): go on from the
   -- version it shows
   s = by_id[body and body:match('name="id" value="(%x+)"') or ""]
   if s then
      s.version = tonumber(body:match('name="versjon" value="(%d+)"')) or s.version
      s.busy = false
   end
end

function done(summary, latency, requests)
   local ok, bad = 0, 0

   for _, t in ipairs(threads) do
      ok = ok + (t:get("saved") or 0)
      bad = bad + (t:get("unsaved") or 0)
   end
   io.write(string.format("saves: %d saved%s\n", ok,
      bad > 0 and string.format(", %d not saved", bad) or ""))
end
