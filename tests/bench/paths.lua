-- paths.lua: GET each path of a file in turn (make bench's innsyn PDF, which writes a line
-- to its survey's endringslogg at every download: spread over many surveys, no one log
-- grows long as no real one would).
--
--   wrk ... -s tests/bench/paths.lua URL -- PATHFILE
--
-- PATHFILE has one path (with its query) per line.

local paths = {}
local turn = 0

function init(args)
   for line in io.lines(args[1]) do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
end

function request()
   turn = turn % #paths + 1
   return wrk.format("GET", paths[turn])
end
