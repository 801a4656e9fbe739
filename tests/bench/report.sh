#!/bin/bash
# make bench (or alone): the time to make a report, to the rendered HTML, over a
# national-scale registry filled by `bpadm demo-registry`:
#   bench: report-oslo seconds=<s> first=<s> persons=<n> registry=<rows>
#   bench: report-national seconds=<s> first=<s> persons=<n>
# report-oslo is Oslo's Kommunerapport (10,000 persons this year and 10,000 last year,
# followed by pseudonym) with its region and the country beside it; report-national is
# KORFOR's report of every kommune. Targets: 2 s and 20 s. first= is the first request
# after the registry changed: it reads the whole year (the country and the region beside
# Oslo) and keeps their counts (report_keep); seconds= is the median of the REPORT_ROUNDS
# (default 3) requests after it, which read Oslo's rows only (the national report reads
# every row each time). REPORT_NATIONAL (default 100000) rows in the year, REPORT_OSLO
# (default 10000) of them Oslo's.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/instance.sh
rounds=${REPORT_ROUNDS:-3}
national=${REPORT_NATIONAL:-100000}
oslo=${REPORT_OSLO:-10000}

instance_start || { echo "could not start Apache" >&2; exit 1; }
trap instance_stop EXIT
KF=$BP_DIR/kf KO=$BP_DIR/ko PW="et langt benkepassord"
instance_account "Bench KORFOR" bench@korfor.no "$PW" "$KF" >/dev/null ||
	{ echo "bench: could not log in" >&2; exit 1; }
link=$(instance_invite "$KF" kommunekontakt kommune=0301 "instans=Oslo kommune")
secret=$(instance_register "$link" "Bench Oslo" bench@oslo.kommune.no "$PW" "$KO") &&
	instance_login bench@oslo.kommune.no "$PW" "$secret" "$KO" ||
	{ echo "bench: could not make Oslo's kommunekontakt" >&2; exit 1; }

# the rest of the country first (two rows in each kommune per 714), then Oslo's own, which
# replace the few the first run gave Oslo; then Oslo last year, the same persons
start=$(date +%s%N)
"$BP_BPADM" -c "$BP_CONF" demo-registry --year 2026 --count $((national - oslo)) >/dev/null &&
"$BP_BPADM" -c "$BP_CONF" demo-registry --year 2026 --kommune 0301 --count "$oslo" >/dev/null &&
"$BP_BPADM" -c "$BP_CONF" demo-registry --year 2025 --kommune 0301 --count "$oslo" >/dev/null ||
	{ echo "bench: demo-registry failed" >&2; exit 1; }
fill_ms=$(( ($(date +%s%N) - start) / 1000000 ))

# "MEDIAN FIRST": the seconds of the first GET of PATH as JAR, and the median of the
# $rounds after it; the page must be the report
timed() {
	local jar=$1 path=$2 i t first= out=$BP_DIR/report.html times=()
	for i in $(seq 0 "$rounds"); do
		t=$(curl -s -o "$out" -w '%{http_code} %{time_total}' -b "$jar" "$BP_URL$path")
		[ "${t%% *}" = 200 ] && grep -q 'id="tab-tjenester"' "$out" ||
			{ echo "bench: $path answered ${t%% *}" >&2; return 1; }
		if [ "$i" = 0 ]; then first=${t#* }; else times+=("${t#* }"); fi
	done
	printf '%s\n' "${times[@]}" | sort -n | awk -v f="$first" '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], f }'
}
persons() {	# the report's own column: "<dt>NAME</dt><dd>N kartlagte"
	grep -o '<dd>[0-9]* kartlagte' "$BP_DIR/report.html" | head -1 | grep -o '[0-9]*'
}

read -r s f < <(timed "$KO" '/cgi-bin/rapport?omrade=k-0301&aar=2026') && [ -n "$s" ] || exit 1
p=$(persons)
total=$(grep -o '<dt>Hele landet</dt><dd>[0-9]*' "$BP_DIR/report.html" | grep -o '[0-9]*$')
echo "bench: report-oslo seconds=$s first=$f persons=$p registry=$total"
read -r s f < <(timed "$KF" '/cgi-bin/rapport?omrade=land&aar=2026') && [ -n "$s" ] || exit 1
echo "bench: report-national seconds=$s first=$f persons=$(persons)"
echo "bench: (registry filled in ${fill_ms} ms by bpadm demo-registry)"
