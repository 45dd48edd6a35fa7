-- wrk script for Voice: replays children's requests prepared by bench/scale.py.
--
--     wrk -t2 -c256 -d20s -s bench/voice.lua http://127.0.0.1:PORT -- requests.tsv
--
-- Each line of requests.tsv is METHOD <tab> PATH <tab> COOKIE <tab> BODY: the question pages and
-- answer posts of real journeys (each with its own journey cookie), started by scale.py and
-- walked up to "check your answers". Every request is picked at random from the file, so the mix
-- is the journeys' own mix. Requests are formatted once, in init, so the client's own cost per
-- request is a table lookup: the server keeps the CPU.

local requests = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("seed", counter)
end

function init(args)
   local path = args[1]
   local file = assert(io.open(path, "r"), "cannot open " .. tostring(path))
   for line in file:lines() do
      local method, target, cookie, body = line:match("^(%u+)\t([^\t]*)\t([^\t]*)\t(.*)$")
      if method then
         local headers = { ["Cookie"] = cookie }
         if method == "POST" then
            headers["Content-Type"] = "application/x-www-form-urlencoded"
         else
            body = nil
         end
         requests[#requests + 1] = wrk.format(method, target, headers, body)
      end
   end
   file:close()
   assert(#requests > 0, "no requests in " .. path)
   math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
   return requests[math.random(#requests)]
end
