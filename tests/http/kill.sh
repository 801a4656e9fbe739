#!/bin/bash
# The cron tool killed: bp-transfer is killed with SIGKILL at random moments 20 times while
# it transfers several kommuner after 31 December, then run to the end. Afterwards every
# error-free survey is in the registry exactly once (the CSV rows equal the dry run's
# count, each pseudonym once), no survey, page id or endringslogg line of the year is
# left, the store checks clean with mdb_stat, and a further run has nothing to do.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

PW="et langt passord for testene"
BP_TRANSFER=${BUILD:-build}/tools/bp-transfer
KOMMUNER=(1103 1106 1111 1112 1114 1119 1120 1121 1122 1124 1127 1130)
SURVEYS=${KILL_SURVEYS:-200}
KILLS=20

suite_start "bp-transfer killed $KILLS times"
"$BP_BPADM" -c "$BP_CONF" clock --set '2026-06-01 10:00' >/dev/null
instance_account "Kai KORFOR" kai@korfor.no "$PW" "$WORK/kf" >/dev/null || { echo "setup: korfor" >&2; exit 1; }
for k in "${KOMMUNER[@]}"; do
	instance_kartlegger "Kartlegger $k" "k$k@kommune.no" "$PW" "$WORK/k$k" "$k" "Instans $k" \
	    >/dev/null || { echo "setup: kartlegger $k" >&2; exit 1; }
	"$BP_BPADM" -c "$BP_CONF" demo --owner "k$k@kommune.no" --surveys "$SURVEYS" >/dev/null ||
	    { echo "setup: demo $k" >&2; exit 1; }
done
STORE_DIR=$(sed -n 's/^store *= *//p' "$BP_CONF")
case $STORE_DIR in /*) ;; *) STORE_DIR=$(dirname "$BP_CONF")/$STORE_DIR ;; esac

# what a run would do, kommune by kommune
declare -A WANT
while read -r k y _ _ n _; do WANT[$k]=$n; done < <("$BP_TRANSFER" -c "$BP_CONF" --dry-run --date 2027-01-01)
check "the dry run names every kommune" is "${#WANT[@]}" "${#KOMMUNER[@]}"
start=$(date +%s%N)
cp -a "$STORE_DIR" "$WORK/timing-store"
sed "s#^store *=.*#store = $WORK/timing-store#; s#^secrets *= *\([^/].*\)#secrets = $(dirname "$BP_CONF")/\1#" \
    "$BP_CONF" > "$WORK/timing.conf"
"$BP_TRANSFER" -c "$WORK/timing.conf" --date 2027-01-01 >/dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "     a whole run (on a copy): about $full_ms ms"

# kill at random moments early in a run, until KILLS kills have landed in a live run (at
# most 3 x KILLS tries). A kill at t lets about t / (full / kommuner) kommuner finish, so
# the moments are drawn from the first twentieth of a run: the kills together finish about
# half the kommuner, and the last run has the rest to do.
span=$(( full_ms / 20 + 2 ))
killed_mid=0 tries=0
while [ $killed_mid -lt "$KILLS" ] && [ $tries -lt $((3 * KILLS)) ]; do
	tries=$((tries + 1))
	"$BP_TRANSFER" -c "$BP_CONF" --date 2027-01-01 >> "$WORK/out" 2>> "$WORK/err" &
	pid=$!
	sleep "0.$(printf %03d $(( RANDOM % span )))"
	if kill -9 "$pid" 2>/dev/null; then killed_mid=$((killed_mid + 1)); fi
	wait "$pid" 2>/dev/null
done
echo "     $killed_mid of $tries runs were killed before they ended; $(grep -c overført "$WORK/out") kommuner were done by then"
check "$KILLS kills landed in live runs" bash -c "[ $killed_mid -ge $KILLS ]"
"$BP_TRANSFER" -c "$BP_CONF" --date 2027-01-01 >> "$WORK/out" 2>> "$WORK/err"
check "the last run ends well" is "$?" 0
check "no run failed other than by the kill" bash -c "! grep -q 'feil:' '$WORK/out'"
out=$("$BP_TRANSFER" -c "$BP_CONF" --date 2027-01-01)
check "then nothing is left to do" is "$out" ""

for k in "${KOMMUNER[@]}"; do
	curl -s -b "$WORK/kf" "$BP_URL/cgi-bin/overforte?aar=2026&kommune=$k" > "$WORK/$k.csv"
	check "$k: every error-free survey in the registry exactly once (${WANT[$k]:-?})" python3 - "$WORK/$k.csv" "${WANT[$k]:-x}" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))[1:]
assert str(len(rows)) == sys.argv[2], (len(rows), sys.argv[2])
assert len({r[0] for r in rows}) == len(rows), 'a pseudonym twice'
PY
done
"$BP_BPADM" -c "$BP_CONF" stat > "$WORK/stat"
check "no survey, index entry, page id or log line is left" bash -c "grep -Eq '^ *surveys *0\$' '$WORK/stat' && grep -Eq '^ *owners *0\$' '$WORK/stat' && grep -Eq '^ *surveyids *0\$' '$WORK/stat' && grep -Eq '^ *surveylog *0\$' '$WORK/stat' || { cat '$WORK/stat' >&2; false; }"
check "mdb_stat reads every database" bash -c "mdb_stat -a '$STORE_DIR' >/dev/null"
done_checks
