#!/usr/bin/env python3
"""rss.py: the peak memory of a CGI program (or a tool) serving one request, as make
bench reports it.

    rss.py [--heap] MAXRSS USER CONFIG PROGRAM METHOD QUERY COOKIE [BODY]

Runs PROGRAM as Apache runs a CGI program (as USER, with the CGI variables the programs
read, BRUKERPLAN_CONFIG=CONFIG, BODY on standard input) and prints "KIB STATUS": the
program's peak resident set in KiB (ru_maxrss, through MAXRSS: tests/bench/maxrss.c)
and the Status: of its answer
(200 when it sends none). With METHOD "-" it runs PROGRAM with QUERY as its arguments
(a tool, such as bp-transfer) and STATUS is its exit code.

The resident set counts the store's pages the program read through LMDB's map: they are
the kernel's page cache, shared by every process, and a program that reads many records
(a report, a CSV) is resident in them. With --heap it runs once more under valgrind's
massif and adds a third figure, the peak of its own heap in KiB.
"""
import os
import subprocess
import sys
import tempfile


def heap_peak(path):
    """the largest mem_heap_B + mem_heap_extra_B of a massif output file, in KiB"""
    peak, cur = 0, 0
    with open(path) as f:
        for line in f:
            k, _, v = line.strip().partition("=")
            if k == "mem_heap_B":
                cur = int(v)
            elif k == "mem_heap_extra_B":
                peak = max(peak, cur + int(v))
    return peak // 1024


def measured(err):
    """maxrss's "maxrss: KIB STATUS", the last line of standard error"""
    for line in reversed(err.decode(errors="replace").splitlines()):
        if line.startswith("maxrss: "):
            kib, status = line.split()[1:3]
            return int(kib), int(status)
    raise SystemExit("rss.py: no maxrss line from " + err.decode(errors="replace")[-200:])


def main():
    args = sys.argv[1:]
    heap = bool(args) and args[0] == "--heap"
    if heap:
        args = args[1:]
    if len(args) not in (7, 8):
        sys.stderr.write(__doc__)
        return 2
    maxrss, user, config, prog, method, query, cookie = args[:7]
    body = args[7].encode() if len(args) == 8 else b""
    env = {"PATH": "/usr/bin:/bin", "BRUKERPLAN_CONFIG": config}
    kw = {}
    if os.getuid() == 0:
        kw["user"] = user
    if method == "-":
        r = subprocess.run([maxrss, prog, "-c", config] + query.split(), env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
        rss, status = measured(r.stderr)
    else:
        env.update({"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": method,
                    "QUERY_STRING": query, "HTTP_COOKIE": cookie,
                    "REMOTE_ADDR": "127.0.0.1", "SERVER_NAME": "127.0.0.1",
                    "SERVER_PROTOCOL": "HTTP/1.1", "SCRIPT_NAME": "/cgi-bin/" +
                    os.path.basename(prog)})
        if body:
            env["CONTENT_LENGTH"] = str(len(body))
            env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        r = subprocess.run([maxrss, prog], input=body, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, **kw)
        rss, _ = measured(r.stderr)
        status = 200
        head = r.stdout.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
        for line in head.split(b"\n"):
            if line.lower().startswith(b"status:"):
                status = int(line.split()[1])
    if not heap or method == "-":
        print(rss, status)
        return 0
    out = tempfile.NamedTemporaryFile(prefix="massif.", delete=False)
    out.close()
    os.chmod(out.name, 0o666)
    subprocess.run(["valgrind", "--tool=massif", "--massif-out-file=" + out.name, prog],
                   input=body, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, **kw)
    kib = heap_peak(out.name)
    os.unlink(out.name)
    print(rss, status, kib)
    return 0


if __name__ == "__main__":
    sys.exit(main())
