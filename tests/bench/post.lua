-- post.lua: the same form POST again and again (make bench's reservasjon check).
--
--   wrk ... -s tests/bench/post.lua URL -- BODY
--
-- BODY is URL-encoded, as a browser sends the form.

function init(args)
   wrk.method = "POST"
   wrk.body = args[1]
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
