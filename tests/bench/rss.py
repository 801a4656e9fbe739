#!/usr/bin/env python3
"""rss.py: the peak resident set of a CGI program (or a tool) serving one request, as
make bench reports it.

    rss.py USER CONFIG PROGRAM METHOD QUERY COOKIE [BODY]

Runs PROGRAM as Apache runs a CGI program (as USER, with the CGI variables the programs
read, BRUKERPLAN_CONFIG=CONFIG, BODY on standard input) and prints "KIB STATUS": the
child's peak resident set in KiB (getrusage's ru_maxrss) and the Status: of its answer
(200 when it sends none). With METHOD "-" it runs PROGRAM with QUERY as its only argument
(a tool, such as bp-transfer) and STATUS is its exit code.
"""
import os
import resource
import subprocess
import sys


def main():
    if len(sys.argv) not in (7, 8):
        sys.stderr.write(__doc__)
        return 2
    user, config, prog, method, query, cookie = sys.argv[1:7]
    body = sys.argv[7].encode() if len(sys.argv) == 8 else b""
    env = {"PATH": "/usr/bin:/bin", "BRUKERPLAN_CONFIG": config}
    kw = {}
    if os.getuid() == 0:
        kw["user"] = user
    if method == "-":
        r = subprocess.run([prog, "-c", config] + query.split(), env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
        status = r.returncode
    else:
        env.update({"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": method,
                    "QUERY_STRING": query, "HTTP_COOKIE": cookie,
                    "REMOTE_ADDR": "127.0.0.1", "SERVER_NAME": "127.0.0.1",
                    "SERVER_PROTOCOL": "HTTP/1.1", "SCRIPT_NAME": "/cgi-bin/" +
                    os.path.basename(prog)})
        if body:
            env["CONTENT_LENGTH"] = str(len(body))
            env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        r = subprocess.run([prog], input=body, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, **kw)
        status = 200
        head = r.stdout.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
        for line in head.split(b"\n"):
            if line.lower().startswith(b"status:"):
                status = int(line.split()[1])
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, status)
    return 0


if __name__ == "__main__":
    sys.exit(main())
