#!/bin/bash
# make bench: wrk against a hello-world C CGI and against each page, on the same Apache in
# the same run, on a store of national scale. One line per page:
#   bench: <page> rps=<n> p50_ms=<n> p99_ms=<n> ratio_to_hello=<rps_hello/rps_page>
# then the store, the transfer, the CSV and the memory of each program:
#   bench: demo surveys=<n> kommuner=<n> seconds=<s>
#   bench: store surveys=<n> bytes=<file size> mib=<n> bytes_per_survey=<n>
#   bench: transfer-100k seconds=<s> surveys=<n> rss_kib=<n>
#   bench: csv-oslo seconds=<s> rows=<n>
#   bench: rss <page> kib=<n> heap_kib=<n>   (each page's program, one request each)
#   bench: peak-rss kib=<n> page=<page> heap_kib=<n> heap_page=<page>
# kib is the peak resident set, which counts the store's pages a program read through
# LMDB's map (the page cache, shared); heap_kib the peak of its own heap (massif).
# BENCH_SECONDS (default 5) per run, BENCH_ROUNDS (default 3) runs per page, each next to a
# hello run; BENCH_CONNECTIONS (default 8); BENCH_SURVEYS (default 2000) in the list;
# BENCH_SITE_SURVEYS (default 100000) over BENCH_KOMMUNER (default 100) kommuner from
# `bpadm demo --kommuner`, a tenth of them Oslo's. BENCH_PAGES (default all) names the
# pages to run, e.g. "save list2000"; when given, the memory and year-end parts are left out.
#
# The survey pages belong to a kartlegger (KORFOR accounts do not survey) in Stavanger, one
# of the demo's kommuner, who owns BENCH_SURVEYS synthetic surveys from `bpadm demo`:
#   form      one tab of the form, skjema?id=..&fane=tjenester_2 (the heaviest tab by
#             callgrind: about 41M instructions, levekar 39M), of a survey under 25 in
#             kategori begge, which shows the most questions
#   save      «Lagre» on the whole levekår tab, each POST changing one answer (so each one
#             writes, and the version goes up by one): tests/bench/save.lua
#   list2000  the kartlegger's list (/cgi-bin/kartlegging), BENCH_SURVEYS surveys
#   reservasjon  "Sjekk reservasjon" of a number with none (POST, tests/bench/post.lua)
#   innsyn    the PDF of a survey (innsyn?fil=kartlegging), over 200 of the kartlegger's
#             surveys in turn (each download is written to the survey's endringslogg)
# After the pages the clock moves to 31 December, bp-transfer transfers every kommune,
# and KORFOR downloads Oslo's CSV.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/instance.sh
secs=${BENCH_SECONDS:-5}
conns=${BENCH_CONNECTIONS:-8}
threads=2
surveys=${BENCH_SURVEYS:-2000}
form_tab=tjenester_2
save_tab=levekar
save_toggle=bosituasjon_ivaretar	# a question every levekår tab shows: ja <-> nei

instance_start || { echo "could not start Apache" >&2; exit 1; }
trap instance_stop EXIT
# wrk makes thousands of look-ups a second from one account: the limit of 60 in 15 minutes
# would answer 429 after the first 60 (the counter is still written on each, as always)
echo "lookup_limit = 1000000" >> "$BP_CONF"
install -m 755 "${BUILD:-build}/bench/hello" "$BP_SITE/public_html/cgi-bin/hello"
JAR=$BP_DIR/jar
KSECRET=$(instance_account "Bench Bruker" bench@korfor.no "et langt benkepassord" "$JAR") ||
	{ echo "bench: could not log in" >&2; exit 1; }
SID=$(awk '$6 == "bp_sid" {print $7}' "$JAR")
LINK=$("$BP_BPADM" -c "$BP_CONF" invite --role korfor --uses 1000)

KJAR=$BP_DIR/kartlegger.jar
instance_kartlegger "Bench Kartlegger" kartlegger@bench.no "et langt kartleggerpassord" "$KJAR" \
    1103 "Benkeinstans" >/dev/null || { echo "bench: could not make the kartlegger" >&2; exit 1; }
KSID=$(awk '$6 == "bp_sid" {print $7}' "$KJAR")
site_surveys=${BENCH_SITE_SURVEYS:-100000}
kommuner=${BENCH_KOMMUNER:-100}
start=$(date +%s%N)
"$BP_BPADM" -c "$BP_CONF" demo --kommuner "$kommuner" --surveys "$site_surveys" >/dev/null 2>&1 ||
	{ echo "bench: bpadm demo --kommuner failed" >&2; exit 1; }
site_ms=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
"$BP_BPADM" -c "$BP_CONF" demo --owner kartlegger@bench.no --surveys "$surveys" >/dev/null ||
	{ echo "bench: bpadm demo failed" >&2; exit 1; }
demo_ms=$(( ($(date +%s%N) - start) / 1000000 ))

# Page ids: a search lists every match on one page (the list shows 50 a page), and each
# synthetic number has 8 or 9 in its month (month + 80), so "8" finds most of them.
csrf=$(curl -s -b "$KJAR" "$BP_URL/cgi-bin/menu" | csrf_of_page)
mapfile -t IDS < <(curl -s -b "$KJAR" -d "csrf=$csrf&handling=sok&sok=8" \
    "$BP_URL/cgi-bin/kartlegging" | grep -o 'skjema?id=[0-9a-f]*' | cut -d= -f2 | awk '!seen[$0]++')
save_n=$((4 * conns))		# twice the connections of each wrk thread
[ "${#IDS[@]}" -gt "$save_n" ] || { echo "bench: only ${#IDS[@]} surveys found" >&2; exit 1; }

# The form's survey: the first under 25 in kategori begge (its record, in the page's
# data-context, says so); else the first.
FORM_ID=${IDS[0]}
for id in "${IDS[@]:0:200}"; do
	ctx=$(curl -s -b "$KJAR" "$BP_URL/cgi-bin/skjema?id=$id&fane=levekar" | grep -o "data-context='[^']*'")
	if [[ $ctx =~ alder=\"(1[6-9]|2[0-4])\" && $ctx == *'&lt;kategori&gt;begge&lt;'* ]]; then
		FORM_ID=$id
		break
	fi
done
SAVE_IDS=()
for id in "${IDS[@]}"; do
	[ "$id" != "$FORM_ID" ] && [ "${#SAVE_IDS[@]}" -lt "$save_n" ] && SAVE_IDS+=("$id")
done

# save_data FILE: a line "id version bodyA bodyB" per save survey for save.lua, from the
# tab as it is now (each round starts where the last left off): the fields a browser sends
# on «Lagre», with save_toggle's answer changed (A) and as stored (B).
save_data() {
	local id page fields ver cur other a b
	: >"$1"
	for id in "${SAVE_IDS[@]}"; do
		page=$(curl -s -b "$KJAR" "$BP_URL/cgi-bin/skjema?id=$id&fane=$save_tab")
		fields=$(awk -f tests/bench/form.awk <<<"$page")
		ver=$(sed -n 's/^versjon=//p' <<<"$fields")
		cur=$(sed -n "s/^$save_toggle=//p" <<<"$fields")
		[ -n "$ver" ] || { echo "bench: no form for a save survey" >&2; return 1; }
		other=ja
		[ "$cur" = ja ] && other=nei
		b=$(grep -v '^versjon=' <<<"$fields" | paste -sd'&')
		if [ -n "$cur" ]; then
			a=$(sed "s/^$save_toggle=.*/$save_toggle=$other/" <<<"$fields" | grep -v '^versjon=' | paste -sd'&')
		else
			a="$b&$save_toggle=$other"
		fi
		echo "$id $ver $a&handling=lagre $b&handling=lagre" >>"$1"
	done
}

# the innsyn PDFs: 200 surveys neither the form's nor the saves'
for id in "${IDS[@]:$((save_n + 1)):200}"; do
	echo "/cgi-bin/innsyn?id=$id&fil=kartlegging"
done > "$BP_DIR/innsyn.paths"
# "Sjekk reservasjon" of a valid number (born 1 January 1990) that has none
RES_BODY="csrf=$csrf&handling=sjekk&fnr=$(fnr_any 010190)"
case $(curl -s -b "$KJAR" -d "$RES_BODY" "$BP_URL/cgi-bin/reservasjon") in
*'ikke reservert'*) ;;
*) echo "bench: the reservasjon check does not answer" >&2; exit 1 ;;
esac
total=$((site_surveys + surveys))
store_bytes=$(stat -c %s "$BP_SITE/store/data.mdb")

echo "# bench on $BP_URL: wrk -t$threads -c$conns -d${secs}s x ${BENCH_ROUNDS:-3} per page, each next to hello; $(nproc) cores; build ${BUILD:-build}"
echo "# store: $total surveys, $site_surveys of them over $kommuner kommuner (bpadm demo --kommuner, ${site_ms} ms)"
echo "# survey pages: a kartlegger with $surveys surveys from bpadm demo (${demo_ms} ms);" \
    "form = fane=$form_tab; save = the whole $save_tab tab, $save_toggle toggled, $save_n surveys," \
    "wrk -t$threads -c$conns as hello, every answer a 303 after a write"

# run_wrk URL [header] [non2xx-ok] [script args...]: prints "rps p50_ms p99_ms"
run_wrk() {
	local out url=$1
	local hdr=() script=()
	[ -n "${2:-}" ] && hdr=(-H "$2")
	[ -n "${4:-}" ] && script=(-s "$4" "$url" -- "${@:5}") url=
	out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "${hdr[@]}" ${url:+"$url"} \
	    "${script[@]}") || return 1
	if [ -z "${3:-}" ] && grep -q 'Non-2xx' <<<"$out"; then
		echo "bench: non-2xx answers from $1" >&2
		return 1
	fi
	if grep -q 'not saved' <<<"$out"; then
		echo "bench: $(grep 'not saved' <<<"$out") at $1" >&2
		return 1
	fi
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /s$/) return v * 1000
		return v
	}
	/Requests\/sec/ { rps = $2 }
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }' <<<"$out"
}

line() {
	printf 'bench: %s rps=%s p50_ms=%s p99_ms=%s ratio_to_hello=%s\n' "$1" "$2" "$3" "$4" \
	    "$(awk -v h="$hello_rps" -v r="$2" 'BEGIN { printf "%.2f", (r > 0 ? h / r : 0) }')"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Each page alternates with hello ROUNDS times and is compared with the median of its own
# neighbouring hello runs: a shared machine drifts by tens of percent within a minute.
# A page that fails (an answer other than expected) gets a "failed" line and fails the
# run, after the other pages have been measured.
rounds=${BENCH_ROUNDS:-3}
pages=(login register menu error404 form save list2000 reservasjon innsyn)
[ -n "${BENCH_PAGES:-}" ] && read -ra pages <<<"$BENCH_PAGES"
all_hello=()
lines=()
failed=0
for p in "${pages[@]}"; do
	hs=() rs=() p50s=() p99s=()
	for r in $(seq "$rounds"); do
		read -r h _ _ < <(run_wrk "$BP_URL/cgi-bin/hello") || exit 1
		case $p in
		login) res=$(run_wrk "$BP_URL/cgi-bin/login") ;;
		register) res=$(run_wrk "$LINK") ;;
		menu) res=$(run_wrk "$BP_URL/cgi-bin/menu" "Cookie: bp_sid=$SID") ;;
		error404) res=$(run_wrk "$BP_URL/cgi-bin/login/finnes-ikke" "" 404) ;;
		form) res=$(run_wrk "$BP_URL/cgi-bin/skjema?id=$FORM_ID&fane=$form_tab" "Cookie: bp_sid=$KSID") ;;
		save) res=$(save_data "$BP_DIR/save.data" && run_wrk "$BP_URL/cgi-bin/skjema" \
		    "Cookie: bp_sid=$KSID" "" tests/bench/save.lua "$BP_DIR/save.data" "$threads") ;;
		list2000) res=$(run_wrk "$BP_URL/cgi-bin/kartlegging" "Cookie: bp_sid=$KSID") ;;
		reservasjon) res=$(run_wrk "$BP_URL/cgi-bin/reservasjon" "Cookie: bp_sid=$KSID" "" \
		    tests/bench/post.lua "$RES_BODY") ;;
		innsyn) res=$(run_wrk "$BP_URL/cgi-bin/innsyn" "Cookie: bp_sid=$KSID" "" \
		    tests/bench/paths.lua "$BP_DIR/innsyn.paths") ;;
		esac
		[ -n "$res" ] || break
		read -r rps p50 p99 <<<"$res"
		hs+=("$h") rs+=("$rps") p50s+=("$p50") p99s+=("$p99")
		all_hello+=("$h")
	done
	if [ -z "$res" ]; then
		lines+=("bench: $p failed")
		failed=1
		continue
	fi
	hello_rps=$(median "${hs[@]}")
	lines+=("$(line "$p" "$(median "${rs[@]}")" "$(median "${p50s[@]}")" "$(median "${p99s[@]}")")")
done
hello_rps=$(median "${all_hello[@]}")
line hello "$hello_rps" "-" "-"
printf '%s\n' "${lines[@]}"
echo "# hello-world rps runs: ${all_hello[*]}. Targets: every page ratio <= 2.0 (issue 7;" \
    "issue 4 asked form, save, list2000 <= 2.5, issue 2 login <= 2.0)"
printf 'bench: demo surveys=%s kommuner=%s seconds=%s\n' "$site_surveys" "$kommuner" \
    "$(awk -v m="$site_ms" 'BEGIN { printf "%.1f", m / 1000 }')"
printf 'bench: store surveys=%s bytes=%s mib=%s bytes_per_survey=%s\n' "$total" "$store_bytes" \
    "$((store_bytes / 1048576))" "$((store_bytes / total))"
[ -n "${BENCH_PAGES:-}" ] && exit "$failed"

# -- memory: each page's program serving one request, as Apache runs it ----------------------
user=$(tools/site/httpd.sh user)
CGI=$BP_SITE/public_html/cgi-bin
MAXRSS=$BP_DIR/maxrss		# where the server's user may run it
install -m 755 "${BUILD:-build}/bench/maxrss" "$MAXRSS"
# rss_of NAME PROGRAM METHOD QUERY COOKIE [BODY]: one "bench: rss NAME kib=N heap_kib=N"
# line: the peak resident set (the store's pages read through the map count in it: shared
# page cache), and the peak of the program's own heap (valgrind's massif)
rss_of() {
	local name=$1 out kib status heap
	shift
	out=$(python3 tests/bench/rss.py --heap "$MAXRSS" "$user" "$BP_CONF" "$@") || return 1
	read -r kib status heap <<<"$out"
	case $status in
	200 | 303) ;;
	*) echo "bench: rss of $name answered $status" >&2; return 1 ;;
	esac
	RSS_LINES+=("bench: rss $name kib=$kib heap_kib=$heap")
	if [ "$kib" -gt "$peak_kib" ]; then peak_kib=$kib peak_page=$name; fi
	if [ "$heap" -gt "$peak_heap" ]; then peak_heap=$heap heap_page=$name; fi
}
RSS_LINES=() peak_kib=0 peak_page= peak_heap=0 heap_page=
save_data "$BP_DIR/save.data" || exit 1
read -r sid sver sa _ < "$BP_DIR/save.data"
rss_of login "$CGI/login" GET "" "" &&
rss_of menu "$CGI/menu" GET "" "bp_sid=$SID" &&
rss_of form "$CGI/skjema" GET "id=$FORM_ID&fane=$form_tab" "bp_sid=$KSID" &&
rss_of save "$CGI/skjema" POST "" "bp_sid=$KSID" "$sa&versjon=$sver" &&
rss_of list2000 "$CGI/kartlegging" GET "" "bp_sid=$KSID" &&
rss_of reservasjon "$CGI/reservasjon" POST "" "bp_sid=$KSID" "$RES_BODY" &&
rss_of innsyn "$CGI/innsyn" GET "id=${IDS[$((save_n + 1))]}&fil=kartlegging" "bp_sid=$KSID" ||
	failed=1

# -- the year's end: every kommune transferred, then Oslo's CSV ------------------------------
year=$(date -u -d "@$(( $(date +%s) + $(instance_clock) ))" +%Y)
"$BP_BPADM" -c "$BP_CONF" clock --set "$year-12-31 12:00" >/dev/null
start=$(date +%s%N)
out=$(python3 tests/bench/rss.py "$MAXRSS" "$user" "$BP_CONF" "$BP_SITE/bin/bp-transfer" - "" "")
transfer_ms=$(( ($(date +%s%N) - start) / 1000000 ))
left=$("$BP_BPADM" -c "$BP_CONF" stat | awk '$1 == "surveys" { print $2 }')
if [ "${out#* }" != 0 ] || [ "$left" != 0 ]; then
	echo "bench: bp-transfer exited ${out#* }, $left surveys left" >&2
	failed=1
fi
printf 'bench: transfer-100k seconds=%s surveys=%s rss_kib=%s\n' \
    "$(awk -v m="$transfer_ms" 'BEGIN { printf "%.1f", m / 1000 }')" "$total" "${out%% *}"

# the clock moved past the session's lifetime: KORFOR logs in again
FJAR=$BP_DIR/korfor2.jar
instance_login bench@korfor.no "et langt benkepassord" "$KSECRET" "$FJAR" ||
	{ echo "bench: KORFOR could not log in again" >&2; exit 1; }
FSID=$(awk '$6 == "bp_sid" {print $7}' "$FJAR")
csv_times=() rows=0
for r in $(seq "$rounds"); do
	t=$(curl -s -o "$BP_DIR/oslo.csv" -w '%{http_code} %{time_total}' -b "$FJAR" \
	    "$BP_URL/cgi-bin/overforte?aar=$year&kommune=0301")
	rows=$(( $(wc -l < "$BP_DIR/oslo.csv") - 1 ))
	[ "${t%% *}" = 200 ] || { echo "bench: the CSV answered ${t%% *}" >&2; failed=1; break; }
	csv_times+=("${t#* }")
done
printf 'bench: csv-oslo seconds=%s rows=%s\n' "$(median "${csv_times[@]:-0}")" "$rows"
rss_of csv-oslo "$CGI/overforte" GET "aar=$year&kommune=0301" "bp_sid=$FSID" &&
rss_of rapport-oslo "$CGI/rapport" GET "omrade=k-0301&aar=$year" "bp_sid=$FSID" &&
rss_of rapport-oslo-pdf "$CGI/rapport" GET "omrade=k-0301&aar=$year&format=pdf" "bp_sid=$FSID" ||
	failed=1
printf '%s\n' "${RSS_LINES[@]}"
printf 'bench: peak-rss kib=%s page=%s heap_kib=%s heap_page=%s\n' "$peak_kib" "$peak_page" \
    "$peak_heap" "$heap_page"
echo "# targets: transfer-100k <= 60 s, csv-oslo <= 5 s, peak-rss <= 16384 KiB"
exit "$failed"
