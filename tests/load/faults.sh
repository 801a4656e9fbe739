#!/bin/bash
# make faults: the store under the faults a real host has, each on a fresh instance:
#  1. CGI programs killed with SIGKILL in the middle of saves under load: every
#     acknowledged save is there afterwards, the store opens and mdb_stat reads it whole;
#  2. Apache restarted (hard) twice during load: likewise;
#  3. the store's map full: a 1 MiB map grows as surveys are made, nothing refused;
#  4. the disk full (a 1 MiB file size limit on Apache and its programs): a clear Norwegian page
#     (507), nothing half-written, what was stored still there, and saves work again once
#     there is room;
#  5. two windows saving the same survey: the second is refused (409), its answers kept
#     on the page, the first's save intact.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/assert.sh
. tests/lib/instance.sh

WORK=$(mktemp -d /tmp/brukerplan-faults.XXXXXX)
trap 'instance_stop; rm -rf "$WORK"' EXIT
CLIENTS=${CLIENTS:-12} DURATION=${DURATION:-30}
echo "# faults (build ${BUILD:-build})"

store_dir() {
	local d
	d=$(sed -n 's/^store *= *//p' "$BP_CONF")
	case $d in /*) echo "$d" ;; *) echo "$(dirname "$BP_CONF")/$d" ;; esac
}
store_whole() {		# the store opens and every page of every database reads
	mdb_stat -a "$(store_dir)" > "$WORK/mdb_stat" 2>&1 &&
	    "$BP_BPADM" -c "$BP_CONF" stat > "$WORK/stat" 2>&1 ||
	    { cat "$WORK/mdb_stat" "$WORK/stat" >&2; return 1; }
}
no_crash() {
	! grep -Eq 'Segmentation|AddressSanitizer|runtime error' "$BP_LOGS/error.log" &&
	    [ -z "$(ls -A "$BP_SAN_LOGS")" ] || { cat "$BP_SAN_LOGS"/* >&2 2>/dev/null; return 1; }
}

# == 1. SIGKILL of CGI programs during saves ==================================================
instance_start || { echo "could not start Apache" >&2; exit 1; }
load_accounts "$CLIENTS" "$WORK/accounts" || exit 1
python3 tests/load/client.py "$BP_URL" "$WORK/accounts" "$DURATION" --allow-errors \
    > "$WORK/kill.out" 2>&1 &
LOAD=$!
KILLS=0
sleep 8			# the clients log in first
while kill -0 "$LOAD" 2>/dev/null; do
	# only this instance's programs: the form's saves, and the list's
	for pid in $(pgrep -f "^$BP_SITE/public_html/cgi-bin/(skjema|kartlegging)\$"); do
		kill -9 "$pid" 2>/dev/null && KILLS=$((KILLS + 1))
	done
	sleep 0.$((RANDOM % 5 + 1))
done
wait "$LOAD"
status=$?
cat "$WORK/kill.out"
echo "     $KILLS programs killed"
check "kill: CGI programs were killed mid-request (at least 20)" bash -c "[ $KILLS -ge 20 ]"
check "kill: every acknowledged save is there" is "$status" 0
check "kill: saves went on between the kills" bash -c "grep -q 'status=.*303:' '$WORK/kill.out'"
check "kill: the store opens and reads whole" store_whole
check "kill: no crash besides the kills" no_crash

# == 2. Apache restarted during load ===========================================================
python3 tests/load/client.py "$BP_URL" "$WORK/accounts" "$DURATION" --allow-errors \
    > "$WORK/restart.out" 2>&1 &
LOAD=$!
sleep $((DURATION / 3 + 8))
/usr/sbin/apache2 -f "$BP_DIR/httpd.conf" -k restart
sleep $((DURATION / 3))
/usr/sbin/apache2 -f "$BP_DIR/httpd.conf" -k restart
wait "$LOAD"
status=$?
cat "$WORK/restart.out"
check "restart: every acknowledged save is there" is "$status" 0
check "restart: Apache serves after the restarts" bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$BP_URL/cgi-bin/login') = 200 ]"
check "restart: the store opens and reads whole" store_whole
instance_stop

# == 3. the map full: it grows =================================================================
INSTANCE_MAP_MB=1 instance_start || { echo "could not start Apache" >&2; exit 1; }
load_accounts 1 "$WORK/one" || exit 1
J=$BP_DIR/k1.jar		# logged in by load_accounts
before=$(stat -c %s "$(store_dir)/data.mdb")
made=0 refused=0
for d in $(seq 1 28); do
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		fnr=$(fnr_any "$(printf '%02d%s' "$d" "$m")85" 200)
		csrf=$(curl -s -b "$J" "$BP_URL/cgi-bin/menu" | csrf_of_page)
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$J" -c "$J" \
		    -d "csrf=$csrf&handling=ny&fnr=$fnr" "$BP_URL/cgi-bin/kartlegging")
		[ "$code" = 303 ] && made=$((made + 1)) || refused=$((refused + 1))
	done
done
after=$(stat -c %s "$(store_dir)/data.mdb")
echo "     $made surveys made, the store file $before -> $after bytes (map 1 MiB at start)"
check "map: every survey was made" bash -c "[ $made = 336 ] && [ $refused = 0 ]"
check "map: the store outgrew its first map" bash -c "[ $after -gt 1048576 ]"
check "map: the map was grown (error log)" grep -q 'map full at .* growing to' "$BP_LOGS/error.log"
check "map: the store opens and reads whole" store_whole
check "map: no crash" no_crash
instance_stop

# == 4. the disk full ==========================================================================
INSTANCE_FSIZE=1024 instance_start || { echo "could not start Apache" >&2; exit 1; }
load_accounts 1 "$WORK/one" || exit 1
J=$BP_DIR/k1.jar		# logged in by load_accounts
made=0 full=0 other=0 codes=
for d in $(seq 1 28); do
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		[ $full -gt 0 ] && break 2
		fnr=$(fnr_any "$(printf '%02d%s' "$d" "$m")85" 200)
		csrf=$(curl -s -b "$J" "$BP_URL/cgi-bin/menu" | csrf_of_page)
		code=$(curl -s -o "$WORK/full.html" -w '%{http_code}' -b "$J" -c "$J" \
		    -d "csrf=$csrf&handling=ny&fnr=$fnr" "$BP_URL/cgi-bin/kartlegging")
		case $code in
		303) made=$((made + 1)) ;;
		507) full=1 ;;
		*) other=$((other + 1)) codes="$codes $code" && cp "$WORK/full.html" "$WORK/other.html" ;;
		esac
	done
done
echo "     $made surveys made before the disk was full${codes:+; other answers:$codes}"
[ -n "$codes" ] && sed -n 's/.*<h1[^>]*>\([^<]*\).*/     that page: \1/p' "$WORK/other.html"
check "disk: a full disk is a clear page (507)" bash -c "[ $full = 1 ] && grep -q 'Lagringsplassen er full' '$WORK/full.html' && grep -q 'ble ikke lagret' '$WORK/full.html'"
check "disk: nothing else went wrong on the way" is "$other" 0
count=$(curl -s -b "$J" "$BP_URL/cgi-bin/menu" | grep -o 'Kartlegging</strong> – [0-9]*' | grep -o '[0-9]*$')
check "disk: what was stored is there (and the 3 made before), nothing of the refused one" is "$count" "$((made + 3))"
check "disk: the store opens and reads whole" store_whole
check "disk: no crash (the programs were not killed by the limit)" no_crash
# room again: Apache without the limit (the store is the same)
/usr/sbin/apache2 -f "$BP_DIR/httpd.conf" -k stop; sleep 1
/usr/sbin/apache2 -f "$BP_DIR/httpd.conf" -k start; sleep 1
csrf=$(curl -s -b "$J" "$BP_URL/cgi-bin/menu" | csrf_of_page)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$J" -c "$J" \
    -d "csrf=$csrf&handling=ny&fnr=$fnr" "$BP_URL/cgi-bin/kartlegging")
check "disk: with room again the refused survey is made" is "$code" 303

# == 5. two windows, one survey ================================================================
ID=$(curl -s -b "$J" "$BP_URL/cgi-bin/kartlegging" | grep -o 'skjema?id=[0-9a-f]\{32\}' | head -1 | cut -d= -f2)
page=$(curl -s -b "$J" "$BP_URL/cgi-bin/skjema?id=$ID&fane=bruker")
V=$(printf '%s' "$page" | grep -o 'name="versjon" value="[0-9]*"' | grep -o '[0-9]*')
csrf=$(printf '%s' "$page" | csrf_of_page)
A=$(curl -s -o /dev/null -w '%{http_code}' -b "$J" -d "csrf=$csrf&id=$ID&versjon=$V&fane=bruker&kategori=rus&handling=lagre" "$BP_URL/cgi-bin/skjema")
check "two windows: the first save" is "$A" 303
B=$(curl -s -o "$WORK/second.html" -w '%{http_code}' -b "$J" -d "csrf=$csrf&id=$ID&versjon=$V&fane=bruker&kategori=psyk&handling=lagre" "$BP_URL/cgi-bin/skjema")
check "two windows: the second, from the same version, is refused (409)" is "$B" 409
check "two windows: it says why, and keeps the second's answer on the page" bash -c "grep -q 'Noen har lagret denne kartleggingen' '$WORK/second.html' && grep -q 'name=\"kategori\" value=\"psyk\" id=\"[^\"]*\" checked' '$WORK/second.html'"
check "two windows: the first's answer is stored" bash -c "curl -s -b '$J' '$BP_URL/cgi-bin/skjema?id=$ID&fane=bruker' | grep -q 'name=\"kategori\" value=\"rus\" id=\"[^\"]*\" checked'"
check "two windows: the store reads whole" store_whole
done_checks
