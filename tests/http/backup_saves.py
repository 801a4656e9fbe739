#!/usr/bin/env python3
"""backup_saves.py: saves acknowledged while a backup is taken, and looked for afterwards.

    backup_saves.py save URL ACCOUNTS OUT READY STOP
        the kartleggere of ACCOUNTS (tests/load/client.py's format) log in and save their
        surveys («Lagre» on the bruker tab, as client.py does) over and over; after the
        first round READY is made; when STOP appears they end. OUT gets one line per
        acknowledged save, "ack <ns since the epoch> <survey id> <version> <kategori>",
        and each client's session cookie, "cookie <n> <bp_sid>", and surveys, "survey <n> <id>".
    backup_saves.py check URL OUT BEGAN_NS
        with those sessions, against the site at URL (a restored copy): every survey whose
        save was acknowledged before BEGAN_NS is there at that version or a later one (the
        same kategori when the same version); prints the counts, exits 1 on any missing.
"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "load"))
from client import Client, Stats, prepared  # noqa: E402


class Saver(Client):
    def __init__(self, *a):
        super().__init__(*a)
        self.acks = []

    def save(self, sid, i):
        before = self.surveys[sid]["acked"]
        super().save(sid, i)
        after = self.surveys[sid]["acked"]
        if after is not None and after != before:
            self.acks.append((time.time_ns(), sid, after[0], after[1]))


def save(url, accounts, out, ready, stop):
    stats = Stats()
    clients = prepared(Saver, url, accounts, stats)
    started = threading.Barrier(len(clients) + 1)

    def loop(c):
        ids = sorted(c.surveys)
        i = 0
        for sid in ids:
            c.save(sid, i)
        started.wait()
        while not os.path.exists(stop):
            i += 1
            c.save(ids[i % len(ids)], i)

    threads = [threading.Thread(target=loop, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    started.wait()
    open(ready, "w").close()
    for t in threads:
        t.join()
    with open(out, "w", encoding="utf-8") as f:
        for c in clients:
            f.write("cookie %d %s\n" % (c.n, c.cookies.get("bp_sid", "")))
            for sid in sorted(c.surveys):
                f.write("survey %d %s\n" % (c.n, sid))
            for t, sid, v, kat in c.acks:
                f.write("ack %d %s %d %s\n" % (t, sid, v, kat))
    for e in stats.errors[:10]:
        print("backup_saves: error: " + e, file=sys.stderr)
    for n in stats.notes:
        print("backup_saves: " + n, file=sys.stderr)
    return 0 if not stats.notes else 1


def check(url, out, began):
    cookies, owner, acks = {}, {}, {}
    for line in open(out, encoding="utf-8"):
        w = line.split()
        if w[0] == "cookie":
            cookies[int(w[1])] = w[2]
        elif w[0] == "survey":
            owner[w[2]] = int(w[1])
        elif w[0] == "ack" and int(w[1]) < began:
            t, sid, v, kat = int(w[1]), w[2], int(w[3]), w[4]
            if sid not in acks or acks[sid][0] < v:
                acks[sid] = (v, kat)
    stats = Stats()
    readers = {}
    lost = []
    for sid, (v, kat) in sorted(acks.items()):
        n = owner[sid]
        if n not in readers:
            readers[n] = Client(url, "", "", "A" * 16, 0, stats, n)
            readers[n].cookies["bp_sid"] = cookies[n]
        got_v, got_kat, _ = readers[n].form(sid)
        if got_v is None or got_v < v or (got_v == v and got_kat != kat):
            lost.append("%s: restored v%s %s, acknowledged before the backup v%d %s"
                        % (sid[:8], got_v, got_kat, v, kat))
    print("backup_saves: %d surveys saved before the backup began, %d missing in the restored site"
          % (len(acks), len(lost)))
    for line in lost:
        print("backup_saves: LOST " + line, file=sys.stderr)
    return 1 if lost or not acks else 0


def main():
    if len(sys.argv) == 7 and sys.argv[1] == "save":
        sys.exit(save(*sys.argv[2:]))
    if len(sys.argv) == 5 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3], int(sys.argv[4])))
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
