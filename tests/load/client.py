#!/usr/bin/env python3
"""client.py: many kartleggere at once against a running Brukerplan, as browsers would.

Each client is one logged-in kartlegger with its own surveys, and loops for DURATION
seconds over a mix: the menu, the list of surveys, the form, «Lagre» on the form, and a
fresh login (at most once per TOTP step: a code is accepted once). Every save names the
version it was made from; a 303 to "melding=lagret" is an acknowledged save, and the
client remembers the answer and version it acknowledged. At the end every survey is read
back: its version must be at least the last acknowledged one, and when equal, its answer
the acknowledged answer (a save whose answer never came, because its process was killed,
may have landed: then the version is higher and the answer one the client sent).

    client.py URL ACCOUNTS DURATION [--allow-errors]

ACCOUNTS has one line per client: "email<TAB>password<TAB>base32 TOTP secret<TAB>clock
offset in seconds". Prints figures, and exits 1 when a save acknowledged is missing, or
(without --allow-errors, which the fault tests use) when any request got a 5xx or failed.
"""
import base64
import hashlib
import hmac
import http.client
import re
import struct
import sys
import threading
import time
import urllib.parse

KATEGORI = ("rus", "psyk", "begge")
MIX = (("menu", 15), ("list", 20), ("form", 30), ("save", 30), ("login", 5))


def totp(secret, when):
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(when // 30)), hashlib.sha1).digest()
    off = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % 1000000)


class Client:
    def __init__(self, base, email, password, secret, offset, stats, n):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.email, self.password, self.secret, self.offset = email, password, secret, offset
        self.cookies = {}
        self.conn = None
        self.stats = stats
        self.n = n
        self.last_step = None
        self.surveys = {}       # id -> {"version": v, "acked": (version, kategori) or None,
                                #        "sent": set of kategori sent}

    # -- HTTP ------------------------------------------------------------------------------
    def request(self, kind, method, path, form=None):
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = {"Cookie": "; ".join("%s=%s" % kv for kv in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = "http://%s:%d" % (self.host, self.port)
        t0 = time.monotonic()
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (OSError, http.client.HTTPException) as e:
                # a connection Apache closed (keep-alive ended, or a restart): once more
                self.conn = None
                if attempt == 2:
                    self.stats.add(kind, "failed", time.monotonic() - t0, "%s %s: %s" % (method, path, e))
                    return None, {}, b""
        for h, v in r.getheaders():
            if h.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if value == "" or "Max-Age=0" in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        if r.getheader("Connection", "").lower() == "close":
            self.conn = None
        self.stats.add(kind, r.status, time.monotonic() - t0,
                       "%d %s %s" % (r.status, method, path) if r.status >= 500 else None)
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    @staticmethod
    def csrf(page):
        m = re.search(rb'name="csrf" value="([0-9a-f]+)"', page)
        return m.group(1).decode() if m else ""

    # -- what a kartlegger does ------------------------------------------------------------
    def login(self):
        now = time.time() + self.offset
        step = int(now // 30)
        if step == self.last_step:
            return False        # this step's code is spent: the server would refuse it
        self.cookies.pop("bp_sid", None)    # a new browser session: logged out
        status, _, page = self.request("login", "GET", "/cgi-bin/login")
        if status != 200:
            return False
        status, headers, _ = self.request("login", "POST", "/cgi-bin/login", {
            "csrf": self.csrf(page), "epost": self.email, "passord": self.password,
            "kode": totp(self.secret, now)})
        self.last_step = step
        return status == 303 and "bp_sid" in self.cookies

    def find_surveys(self):
        status, _, page = self.request("list", "GET", "/cgi-bin/kartlegging")
        for sid in re.findall(rb'skjema\?id=([0-9a-f]{32})"', page or b""):
            self.surveys.setdefault(sid.decode(), {"version": None, "value": None, "acked": None,
                                                   "sent": set()})

    def form(self, sid):
        """the bruker tab: (version, kategori ticked, page), or Nones"""
        status, _, page = self.request("form", "GET", "/cgi-bin/skjema?id=%s&fane=bruker" % sid)
        if status != 200:
            return None, None, None
        m = re.search(rb'name="versjon" value="([0-9]+)"', page)
        k = re.search(rb'name="kategori" value="([a-z]+)" id="[^"]*" checked', page)
        return (int(m.group(1)) if m else None), (k.group(1).decode() if k else None), page

    def save(self, sid, i):
        """«Lagre» with another kategori than the stored one, so that every save is a change
        and adds one to the version (a save that changes nothing writes nothing)"""
        s = self.surveys[sid]
        page = None
        if s["version"] is None:
            s["version"], s["value"], page = self.form(sid)
            if s["version"] is None:
                return
        if page is None:
            status, _, page = self.request("menu", "GET", "/cgi-bin/menu")
        kat = [k for k in KATEGORI if k != s["value"]][i % 2]
        s["sent"].add(kat)
        status, headers, _ = self.request("save", "POST", "/cgi-bin/skjema", {
            "csrf": self.csrf(page or b""), "id": sid, "versjon": s["version"],
            "fane": "bruker", "handling": "lagre", "kategori": kat})
        if status == 303 and "melding=lagret" in headers.get("location", ""):
            s["version"] += 1
            s["value"] = kat
            s["acked"] = (s["version"], kat)
        else:
            s["version"] = None     # stale or failed: read the survey again

    def prepare(self):
        """log in and find one's surveys; the registration spent this step's code, so the
        first login may wait for the next"""
        first = time.monotonic()
        while not self.login():
            if time.monotonic() - first > 65:
                self.stats.note("client %d: the first login failed" % self.n)
                return
            time.sleep(1)
        self.find_surveys()
        if not self.surveys:
            self.stats.note("client %d: no surveys" % self.n)

    def run(self, until):
        ids = sorted(self.surveys)
        if not ids:
            return
        weights = [w for _, w in MIX]
        i = self.n
        while time.monotonic() < until:
            i += 1
            pick = (i * 7919) % sum(weights)
            for kind, w in MIX:
                if pick < w:
                    break
                pick -= w
            sid = ids[i % len(ids)]
            if kind == "menu":
                self.request("menu", "GET", "/cgi-bin/menu")
            elif kind == "list":
                self.request("list", "GET", "/cgi-bin/kartlegging")
            elif kind == "form":
                self.form(sid)
            elif kind == "save":
                self.save(sid, i)
            elif not self.login():
                self.request("menu", "GET", "/cgi-bin/menu")

    def verify(self):
        lost = []
        if "bp_sid" not in self.cookies:
            self.last_step = None
            time.sleep(0)
            self.login()
        for sid, s in self.surveys.items():
            if s["acked"] is None:
                continue
            version, kat, _ = self.form(sid)
            tries = 0
            while version is None and tries < 3:
                # the session may have ended: log in again (with the next step's code)
                tries += 1
                time.sleep(31 - (time.time() + self.offset) % 30)
                self.login()
                version, kat, _ = self.form(sid)
            want_v, want_k = s["acked"]
            if version is None:
                lost.append("%s: cannot be read back" % sid[:8])
                continue
            if version < want_v or (version == want_v and kat != want_k) or \
                    (version > want_v and kat not in s["sent"]):
                lost.append("%s: stored v%s %s, acknowledged v%d %s" % (sid[:8], version, kat, want_v, want_k))
        return lost


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_kind = {}
        self.errors = []
        self.notes = []

    def add(self, kind, status, seconds, error):
        with self.lock:
            k = self.by_kind.setdefault(kind, {"n": 0, "times": [], "status": {}})
            k["n"] += 1
            k["times"].append(seconds)
            k["status"][status] = k["status"].get(status, 0) + 1
            if error:
                self.errors.append(error)

    def note(self, text):
        with self.lock:
            self.notes.append(text)


def prepared(cls, base, accounts, stats):
    """a cls (Client or a subclass) for each line of ACCOUNTS, logged in and its surveys
    found, all at once"""
    clients = []
    for n, line in enumerate(open(accounts, encoding="utf-8")):
        email, password, secret, offset = line.rstrip("\n").split("\t")
        clients.append(cls(base, email, password, secret, int(offset), stats, n))
    threads = [threading.Thread(target=c.prepare) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return clients


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    allow_errors = "--allow-errors" in sys.argv
    if len(args) != 3:
        sys.exit(__doc__)
    base, accounts, duration = args[0], args[1], float(args[2])
    stats = Stats()
    clients = prepared(Client, base, accounts, stats)
    stats.by_kind.clear()       # the figures are of the run, not of the logins before it
    start = time.monotonic()
    until = start + duration
    threads = [threading.Thread(target=c.run, args=(until,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    lost = []
    for c in clients:
        lost += c.verify()
    total = sum(k["n"] for k in stats.by_kind.values())
    fivexx = sum(n for k in stats.by_kind.values() for s, n in k["status"].items()
                 if s == "failed" or (isinstance(s, int) and s >= 500))
    acked = sum(1 for c in clients for s in c.surveys.values() if s["acked"])
    print("load: clients=%d seconds=%.0f requests=%d rps=%.1f errors=%d surveys_saved=%d lost=%d"
          % (len(clients), elapsed, total, total / elapsed, fivexx, acked, len(lost)))
    for kind, k in sorted(stats.by_kind.items()):
        t = sorted(k["times"])
        print("load: %-5s n=%d p50_ms=%.1f p99_ms=%.1f status=%s" % (
            kind, k["n"], 1000 * t[len(t) // 2], 1000 * t[min(len(t) - 1, int(len(t) * 0.99))],
            ",".join("%s:%d" % (s, n) for s, n in sorted(k["status"].items(), key=str))))
    for e in stats.errors[:10]:
        print("load: error: " + e, file=sys.stderr)
    for n in stats.notes:
        print("load: " + n, file=sys.stderr)
    for l in lost:
        print("load: LOST " + l, file=sys.stderr)
    if lost or stats.notes or (fivexx and not allow_errors):
        sys.exit(1)


if __name__ == "__main__":
    main()
