#!/bin/bash
# Backup, restore, verify, the store's format version, deploying over a site (issue 19).
#
#   1. `bpadm backup` while kartleggere save (tests/load/client.py's saves): restored into a
#      fresh site served by its own Apache, every save acknowledged before the backup began
#      is there (read back through the form, so it decrypts); the backup's files are 0600;
#      a non-empty directory is refused.
#   2. restore refuses, writing nothing: no secrets, the wrong secrets, a changed copy, a
#      store in use; it restores into a store as `bpadm init` left it.
#   3. verify: exit 0 with the counts; a corrupted survey record gives exit 1 naming its
#      kind and key hash, and nothing of the person.
#   4. the format version: a store without it and without the indexes added since (made
#      from a real store by mdb_dump/mdb_load, no binary fixture) opens and is upgraded; a
#      store of a newer format is refused, by bpadm and by a CGI program, naming both.
#   5. deploying again over a site keeps its store, secrets and configuration.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/assert.sh
. tests/lib/instance.sh

WORK=$(mktemp -d /tmp/brukerplan-backup.XXXXXX)
chmod 755 "$WORK"
B_PID=
stop_b() {
	[ -f "$WORK/run-b/httpd.pid" ] && /usr/sbin/apache2 -f "$WORK/run-b/httpd.conf" -k stop 2>/dev/null
	sleep 0.3
}
trap 'stop_b; instance_stop; rm -rf "$WORK"' EXIT
BUILD_ABS=$(cd "${BUILD:-build}" && pwd)
USER_WWW=$(tools/site/httpd.sh user)
CLIENTS=${BACKUP_CLIENTS:-4}

instance_start || { echo "could not start Apache" >&2; exit 1; }
echo "# backup, restore, verify on $BP_URL (build ${BUILD:-build})"
load_accounts "$CLIENTS" "$WORK/accounts" || exit 1
# more surveys beside theirs, so that the copy takes long enough for saves to land in it
SURVEYS=${BACKUP_SURVEYS:-5000}
"$BP_BPADM" -c "$BP_CONF" demo --kommuner 3 --surveys "$SURVEYS" > /dev/null || exit 1
TOTAL=$((CLIENTS * 3 + SURVEYS))

# a site of its own, deployed but not initialised: SITE_DIR NAME
new_site() {
	tools/site/deploy.sh "$BUILD_ABS" "$WORK/$1" "http://127.0.0.1:1" test 2>/dev/null || return 1
	echo "$WORK/$1/brukerplan.conf"
}
BPADM=$BUILD_ABS/tools/bpadm
bpadm() { "$BPADM" "$@"; }
has() { [[ "$1" == *"$2"* ]] || { echo "     lacks '$2': $1" >&2; return 1; }; }
# run CMD...: its exit status into RC, its standard error and out together into OUT
run() { OUT=$("$@" 2>&1); RC=$?; }
# mdb_load without its notes on header lines of other Berkeley DB tools (db_pagesize)
load() { mdb_load -f "$1" "$2" 2> >(grep -v 'unrecognized keyword' >&2); }
keyhash() { python3 -c 'import hashlib,sys; print(hashlib.sha256(bytes.fromhex(sys.argv[1])).hexdigest()[:16])' "$1"; }

# == 1. a backup while saves go on =========================================================
python3 tests/http/backup_saves.py save "$BP_URL" "$WORK/accounts" "$WORK/acks" "$WORK/ready" \
    "$WORK/stop" 2> "$WORK/saves.err" &
SAVER=$!
for _ in $(seq 600); do [ -f "$WORK/ready" ] && break; kill -0 $SAVER 2>/dev/null || break; sleep 0.2; done
check "the kartleggere are saving" test -f "$WORK/ready"
sleep 1
BEGAN=$(date +%s%N)
bpadm -c "$BP_CONF" backup "$WORK/bk" > "$WORK/backup.out" 2> "$WORK/backup.err"
check "backup during saves: exit 0" is "$?" 0
ENDED=$(date +%s%N)
sleep 1
touch "$WORK/stop"
wait $SAVER
check "the saver ended well" is "$?" 0
echo "     backup: $(head -1 "$WORK/backup.out") in $(( (ENDED - BEGAN) / 1000000 )) ms"
before=$(awk -v t="$BEGAN" '$1 == "ack" && $2 < t' "$WORK/acks" | wc -l)
during=$(awk -v a="$BEGAN" -v b="$ENDED" '$1 == "ack" && $2 >= a && $2 <= b' "$WORK/acks" | wc -l)
after=$(awk -v t="$ENDED" '$1 == "ack" && $2 > t' "$WORK/acks" | wc -l)
echo "     saves acknowledged: $before before the backup began, $during while it ran, $after after"
check "saves acknowledged before the backup, while it ran (not blocked by it) and after" \
    bash -c "[ $before -gt 0 ] && [ $during -gt 0 ] && [ $after -gt 0 ]"
check "the backup: data.mdb, secrets, manifest, each 0600" \
    is "$(cd "$WORK/bk" && stat -c '%n %a' * | tr '\n' ' ')" "data.mdb 600 manifest 600 secrets 600 "
check "the directory itself 0700" is "$(stat -c %a "$WORK/bk")" 700
check "the manifest: version, time, format, checksum, secrets check, a count per kind" bash -c "
	grep -q '^brukerplan-backup 1\$' '$WORK/bk/manifest' &&
	grep -Eq '^time 20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\$' '$WORK/bk/manifest' &&
	grep -q '^format 1\$' '$WORK/bk/manifest' &&
	grep -q \"^data.mdb \$(stat -c %s '$WORK/bk/data.mdb') \$(sha256sum '$WORK/bk/data.mdb' | cut -d' ' -f1)\\\$\" '$WORK/bk/manifest' &&
	grep -Eq '^secrets-check [0-9a-f]{64}\$' '$WORK/bk/manifest' &&
	grep -q '^count surveys $TOTAL\$' '$WORK/bk/manifest' &&
	[ \$(grep -c '^count ' '$WORK/bk/manifest') -eq \$('$BPADM' -c '$BP_CONF' stat | grep -vc '^map_size\\|^used') ]"
check "the secrets beside the copy are the site's" cmp -s "$WORK/bk/secrets" "$BP_SITE/secrets"
mkdir "$WORK/full" && touch "$WORK/full/x"
run bpadm -c "$BP_CONF" backup "$WORK/full"
check "a non-empty directory is refused: exit 1" is "$RC" 1
check "... saying why, leaving it as it was" bash -c "[[ \"\$1\" == *'ikke tom'* ]] && [ \$(ls '$WORK/full') = x ]" _ "$OUT"
bpadm -c "$BP_CONF" verify > "$WORK/verify.out"
check "verify of the live site: exit 0" is "$?" 0
check "verify counts every survey" grep -qx "surveys $TOTAL" "$WORK/verify.out"
bpadm -c "$BP_CONF" verify "$WORK/bk" > /dev/null
check "verify of the backup: exit 0" is "$?" 0

# == 2. restore: refusals first, each writing nothing ========================================
mkdir -m 700 "$WORK/apart"
mv "$WORK/bk/secrets" "$WORK/apart/secrets"	# kept apart from the copy, as the README says
CONF_B=$(new_site b) || exit 1
run bpadm -c "$CONF_B" restore "$WORK/bk"
check "restore without any secrets: exit 1" is "$RC" 1
check "... saying so" has "$OUT" "ingen hemmelighetsfil"
CONF_W=$(new_site wrong) && bpadm -c "$CONF_W" init > /dev/null || exit 1
cp -p "$WORK/wrong/secrets" "$WORK/b/secrets"
run bpadm -c "$CONF_B" restore "$WORK/bk"
echo "     $OUT"
check "restore with the wrong secrets: exit 1" is "$RC" 1
check "... a clear refusal" has "$OUT" "hører ikke til denne sikkerhetskopien"
check "... and nothing written" bash -c "[ ! -e '$WORK/b/store' ] && cmp -s '$WORK/b/secrets' '$WORK/wrong/secrets'"
cp -p "$WORK/apart/secrets" "$WORK/b/secrets"
cp -a "$WORK/bk" "$WORK/bk-changed"
printf 'x' | dd of="$WORK/bk-changed/data.mdb" bs=1 seek=5000 conv=notrunc 2>/dev/null
run bpadm -c "$CONF_B" restore "$WORK/bk-changed"
check "restore of a changed copy: exit 1" is "$RC" 1
check "... the checksum named, nothing written" bash -c "[[ \"\$1\" == *sjekksummen* ]] && [ ! -e '$WORK/b/store' ]" _ "$OUT"
bpadm -c "$CONF_B" restore "$WORK/bk" > "$WORK/restore.out" 2>&1
check "restore into a fresh site: exit 0" is "$?" 0
check "restore reports the surveys" grep -q "$TOTAL kartlegginger" "$WORK/restore.out"
check "the restored store is 0600" is "$(stat -c %a "$WORK/b/store/data.mdb")" 600
run bpadm -c "$CONF_B" restore "$WORK/bk"
check "restore into a store in use: exit 1" is "$RC" 1
check "... saying so" has "$OUT" "i bruk"
# a site as `bpadm init` left it takes a restore (the backup's secrets beside the copy)
CONF_I=$(new_site init) && bpadm -c "$CONF_I" init > /dev/null && rm "$WORK/init/secrets" || exit 1
cp -p "$WORK/apart/secrets" "$WORK/bk/secrets"
bpadm -c "$CONF_I" restore "$WORK/bk" > /dev/null 2>&1
check "restore into an initialised, unused store: exit 0" is "$?" 0
check "... with the backup's secrets put in place, 0600" \
    bash -c "cmp -s '$WORK/init/secrets' '$WORK/apart/secrets' && [ \$(stat -c %a '$WORK/init/secrets') = 600 ]"

# the restored site under its own Apache: every save acknowledged before the backup began
[ "$(id -u)" -eq 0 ] && chown -R "$USER_WWW:$USER_WWW" "$WORK/b/store" "$WORK/b/secrets"
mkdir -p "$WORK/run-b/logs"
[ "$(id -u)" -eq 0 ] && chown "$USER_WWW" "$WORK/run-b/logs"
for _ in 1 2 3 4 5; do
	PORT_B=$((20000 + RANDOM % 40000))
	tools/site/httpd.sh conf "$WORK/b" "$WORK/run-b" "$PORT_B" > "$WORK/run-b/httpd.conf"
	/usr/sbin/apache2 -f "$WORK/run-b/httpd.conf" -k start 2>/dev/null && break
done
URL_B=http://127.0.0.1:$PORT_B
for _ in $(seq 50); do curl -s -o /dev/null "$URL_B/css/bp.css" && break; sleep 0.1; done
python3 tests/http/backup_saves.py check "$URL_B" "$WORK/acks" "$BEGAN"
check "every save acknowledged before the backup began is in the restored site" is "$?" 0
stop_b

# == 3. verify names a corrupted record by kind and key hash ===============================
# a copy of the restored store with one survey record's sealed bytes changed (mdb_dump's
# text, edited, loaded by mdb_load: the store is LMDB's own work, only one byte differs)
mkdir -p "$WORK/c/store" && chmod 700 "$WORK/c/store"
sed "s#^store *=.*#store = $WORK/c/store#; s#^secrets *=.*#secrets = $WORK/b/secrets#; s#^xslt *=.*#xslt = $WORK/b/xslt#" \
    "$CONF_B" > "$WORK/c/brukerplan.conf"
echo "data = $WORK/b/data" >> "$WORK/c/brukerplan.conf"
mdb_dump -a "$WORK/b/store" > "$WORK/dump"
python3 - "$WORK/dump" "$WORK/dump-bad" "$WORK/bad-key" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
out, db, done = [], None, False
i = 0
while i < len(lines):
    l = lines[i]
    if l.startswith("database="):
        db = l[len("database="):]
    if db == "surveys" and not done and l.startswith(" ") and i + 1 < len(lines) and lines[i + 1].startswith(" "):
        key, val = l, lines[i + 1]
        mid = len(val) // 2
        val = val[:mid] + ("0" if val[mid] != "0" else "1") + val[mid + 1:]
        out += [key, val]
        open(sys.argv[3], "w").write(key.strip())
        done = True
        i += 2
        continue
    out.append(l)
    i += 1
open(sys.argv[2], "w").write("\n".join(out))
PY
load "$WORK/dump-bad" "$WORK/c/store"
OUT=$(bpadm -c "$WORK/c/brukerplan.conf" verify 2>&1 >/dev/null)
RC=$?
echo "     $OUT"
HASH=$(keyhash "$(cat "$WORK/bad-key")")
check "verify of a store with a corrupted survey: exit 1" is "$RC" 1
check "... naming its kind and key hash" has "$OUT" "surveys $HASH"
# the key hash is hex and may by chance hold 11 decimal digits in a row: take it out before
# looking for a fødselsnummer in the rest of the message
check "... and no number (no 11 digits in the message)" bash -c '! grep -Eq "[0-9]{11}" <<<"${1//$2/}"' _ "$OUT" "$HASH"

# == 4. the format version ====================================================================
# format 0: no version record, and without the indexes later releases added (they are
# rebuilt from what they index)
old_store() {	# old_store DIR SCHEMA|-: the restored store without the version record (-) or
		# with another, and without the databases added since format 0
	mkdir -p "$1/store" && chmod 700 "$1/store"
	sed "s#^store *=.*#store = $1/store#; s#^secrets *=.*#secrets = $WORK/b/secrets#; s#^xslt *=.*#xslt = $WORK/b/xslt#" \
	    "$CONF_B" > "$1/brukerplan.conf"
	echo "data = $WORK/b/data" >> "$1/brukerplan.conf"
	python3 - "$WORK/dump" "$2" > "$1/dump" <<'PY'
import sys
schema = sys.argv[2]
out, db, skip, drop = [], None, False, ("changed", "accountsessions")
lines = open(sys.argv[1]).read().split("\n")
i = 0
while i < len(lines):
    l = lines[i]
    if l.startswith("VERSION="):
        skip = False
        j = i
        while not lines[j].startswith("database="):
            j += 1
        db = lines[j][len("database="):]
        skip = db in drop
    if not skip and db == "meta" and l == " " + b"schema".hex():
        i += 2
        if schema != "-":
            out += [l, " " + schema.encode().hex()]
        continue
    if not skip:
        out.append(l)
    i += 1
print("\n".join(out).rstrip("\n"))
PY
	load "$1/dump" "$1/store"
}
old_store "$WORK/old" -
check "the old store lacks the version record and the later indexes" bash -c "
	! mdb_dump -s meta -p '$WORK/old/store' | grep -qx ' schema' &&
	! mdb_stat -a '$WORK/old/store' | grep -q 'Status of changed'"
run bpadm -c "$WORK/old/brukerplan.conf" stat
check "a program opens the older store: exit 0" is "$RC" 0
check "... and says it upgraded it" has "$OUT" "upgraded from format 0 to 1"
check "... the version recorded" bash -c "mdb_dump -s meta -p '$WORK/old/store' | grep -A1 -x ' schema' | grep -qx ' 1'"
bpadm -c "$WORK/old/brukerplan.conf" verify > "$WORK/old/verify" 2>&1
check "... every record reads, the by-change index rebuilt" \
    bash -c "grep -qx 'changed $TOTAL' '$WORK/old/verify' && grep -qx 'format 1' '$WORK/old/verify'"
old_store "$WORK/new" 2
run bpadm -c "$WORK/new/brukerplan.conf" stat
echo "     $(head -1 <<<"$OUT")"
check "a store of a newer format: bpadm refuses it (exit 1)" is "$RC" 1
check "... naming both versions, in Norwegian" has "$OUT" "har lagerformat 2, men dette programmet kjenner bare format 1 og eldre"
check "... and in English" has "$OUT" "the store has format 2, newer than this program's 1"
run bpadm -c "$WORK/new/brukerplan.conf" verify
check "... verify refuses it too (exit 1)" is "$RC" 1
check "... saying why" has "$OUT" "lagerformat 2"
check "... and nothing was added to it (no database made for this program)" \
    bash -c "! mdb_stat -a '$WORK/new/store' | grep -q 'Status of changed'"
page=$(env -i BRUKERPLAN_CONFIG="$WORK/new/brukerplan.conf" REQUEST_METHOD=GET SCRIPT_NAME=/cgi-bin/login \
    SERVER_NAME=127.0.0.1 SERVER_PORT=80 HTTP_HOST=127.0.0.1 REMOTE_ADDR=127.0.0.1 \
    HTTP_COOKIE=bp_sid=$(printf '%064d' 1) "$BUILD_ABS/cgi-bin/login" 2> "$WORK/new/cgi.err")
check "... a CGI program answers with an error page, not the store" \
    bash -c "[[ '$(head -1 <<<"$page")' =~ ^Status:\ 5[0-9][0-9] ]]"
check "... and its error log names both versions" grep -q 'lagerformat 2.*format 1 og eldre' "$WORK/new/cgi.err"

# == 5. deploying again over a site keeps its store, secrets and configuration ==============
echo "# a local note, kept" >> "$CONF_B"
sums() { sha256sum "$CONF_B" "$WORK/b/secrets" "$WORK/b/store/data.mdb"; }
before=$(sums)
tools/site/deploy.sh "$BUILD_ABS" "$WORK/b" "" "" 2>/dev/null
check "make deploy over the site: exit 0" is "$?" 0
check "... its store, secrets and configuration unchanged" is "$(sums)" "$before"
check "... and the site still reads through" bash -c "'$BPADM' -c '$CONF_B' verify >/dev/null"
check "the man pages are deployed" bash -c "[ -f '$WORK/b/man/man8/bpadm.8' ] && [ -f '$WORK/b/man/man8/bp-transfer.8' ]"

grep -E 'AddressSanitizer|runtime error' "$BP_SAN_LOGS"/* 2>/dev/null | head -5
check "no sanitizer reports from the CGI programs" bash -c "! grep -qs 'ERROR: AddressSanitizer\|runtime error' '$BP_SAN_LOGS'/*"
done_checks
