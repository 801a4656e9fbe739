#!/bin/bash
# make bench (or alone): the time to open a report, to the rendered HTML, over a
# national-scale registry filled by `bpadm demo-registry`:
#   bench: report-keep seconds=<s>                  bp-transfer counting the registry once
#   bench: report-oslo seconds=<s> first=<s> persons=<n> registry=<rows>
#   bench: report-region seconds=<s> first=<s> persons=<n>
#   bench: report-national seconds=<s> first=<s> persons=<n>
#   bench: transfer-button seconds=<s> surveys=<n>  Stavanger's year by the button
#   bench: after-transfer report-stavanger=<s> report-oslo=<s> report-region=<s> report-national=<s>
# report-oslo is Oslo's Kommunerapport (10,000 persons this year and 10,000 last year,
# followed by pseudonym) with its region and the country beside it; report-region is
# KoRus Vest Stavanger's; report-national KORFOR's report of every kommune. Every report
# is made from the counts kept of each year (report.h), so none reads a registry row:
# target 1 s each, the first opening as the rest. demo-registry writes rows behind the
# kept counts' back, as a restore would, so bp-transfer (run daily by cron) counts the
# year once first (report-keep). first= is the first request after that, seconds= the
# median of the REPORT_ROUNDS (default 3) after it. Then Stavanger's kommunekontakt
# transfers REPORT_SURVEYS (default 500) surveys by the button, which adds them to the
# kept counts in its own transaction (transfer-button), and the first opening of each
# report after it is timed (after-transfer). REPORT_NATIONAL (default 100000) rows in
# the year, REPORT_OSLO (default 10000) of them Oslo's.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/instance.sh
rounds=${REPORT_ROUNDS:-3}
national=${REPORT_NATIONAL:-100000}
oslo=${REPORT_OSLO:-10000}
surveys=${REPORT_SURVEYS:-500}

instance_start || { echo "could not start Apache" >&2; exit 1; }
trap instance_stop EXIT
KF=$BP_DIR/kf KO=$BP_DIR/ko KS=$BP_DIR/ks KA=$BP_DIR/ka PW="et langt benkepassord"
KF_SECRET=$(instance_account "Bench KORFOR" bench@korfor.no "$PW" "$KF") ||
	{ echo "bench: could not log in" >&2; exit 1; }
contact() {	# contact JAR KOMMUNE INSTANS EMAIL: a kommunekontakt, logged in; prints the secret
	local link secret
	link=$(instance_invite "$KF" kommunekontakt "kommune=$2" "instans=$3")
	secret=$(instance_register "$link" "Bench $2" "$4" "$PW" "$1") &&
		instance_login "$4" "$PW" "$secret" "$1" && echo "$secret"
}
KO_SECRET=$(contact "$KO" 0301 "Oslo kommune" bench@oslo.kommune.no) &&
	KS_SECRET=$(contact "$KS" 1103 "Stavanger kommune" bench@stavanger.kommune.no) ||
	{ echo "bench: could not make the kommunekontakter" >&2; exit 1; }

# the rest of the country first (two rows in each kommune per 714), then Oslo's own, which
# replace the few the first run gave Oslo; then Oslo last year, the same persons
start=$(date +%s%N)
"$BP_BPADM" -c "$BP_CONF" demo-registry --year 2026 --count $((national - oslo)) >/dev/null &&
"$BP_BPADM" -c "$BP_CONF" demo-registry --year 2026 --kommune 0301 --count "$oslo" >/dev/null &&
"$BP_BPADM" -c "$BP_CONF" demo-registry --year 2025 --kommune 0301 --count "$oslo" >/dev/null ||
	{ echo "bench: demo-registry failed" >&2; exit 1; }
fill_ms=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
"$BP_SITE/bin/bp-transfer" -c "$BP_CONF" >/dev/null || { echo "bench: bp-transfer failed" >&2; exit 1; }
awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "bench: report-keep seconds=%.3f\n", ns / 1e9 }'

# "MEDIAN FIRST": the seconds of the first GET of PATH as JAR, and the median of the
# $rounds after it; the page must be the report
timed() {
	local jar=$1 path=$2 n=${3:-$rounds} i t first= out=$BP_DIR/report.html times=()
	for i in $(seq 0 "$n"); do
		t=$(curl -s -o "$out" -w '%{http_code} %{time_total}' -b "$jar" "$BP_URL$path")
		[ "${t%% *}" = 200 ] && grep -q 'id="tab-tjenester"' "$out" ||
			{ echo "bench: $path answered ${t%% *}" >&2; return 1; }
		if [ "$i" = 0 ]; then first=${t#* }; else times+=("${t#* }"); fi
	done
	[ "$n" = 0 ] && { echo "$first $first"; return 0; }
	printf '%s\n' "${times[@]}" | sort -n | awk -v f="$first" '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], f }'
}
persons() {	# the report's own column: "<dt>NAME</dt><dd>N kartlagte"
	grep -o '<dd>[0-9]* kartlagte' "$BP_DIR/report.html" | head -1 | grep -o '[0-9]*'
}

read -r s f < <(timed "$KO" '/cgi-bin/rapport?omrade=k-0301&aar=2026') && [ -n "$s" ] || exit 1
p=$(persons)
total=$(grep -o '<dt>Hele landet</dt><dd>[0-9]*' "$BP_DIR/report.html" | grep -o '[0-9]*$')
echo "bench: report-oslo seconds=$s first=$f persons=$p registry=$total"
read -r s f < <(timed "$KF" '/cgi-bin/rapport?omrade=r-vest-stavanger&aar=2026') && [ -n "$s" ] || exit 1
echo "bench: report-region seconds=$s first=$f persons=$(persons)"
read -r s f < <(timed "$KF" '/cgi-bin/rapport?omrade=land&aar=2026') && [ -n "$s" ] || exit 1
echo "bench: report-national seconds=$s first=$f persons=$(persons)"

# Stavanger's year by the button: a kartlegger's surveys, the dates, the day after
# overføringsdato, the transfer
instance_kartlegger "Bench Kartlegger" bench-k@stavanger.kommune.no "$PW" "$KA" 1103 NAV >/dev/null &&
	"$BP_BPADM" -c "$BP_CONF" demo --owner bench-k@stavanger.kommune.no --surveys "$surveys" >/dev/null ||
	{ echo "bench: could not make Stavanger's surveys" >&2; exit 1; }
csrf() { curl -s -b "$1" "$BP_URL/cgi-bin/menu" | csrf_of_page; }
today=$(date -u -d @$(( $(date +%s) + $(instance_clock) )) +%Y-%m-%d)
slutt=$(date -u -d "$today + 2 days" +%Y-%m-%d) over=$(date -u -d "$today + 3 days" +%Y-%m-%d)
curl -s -o /dev/null -b "$KS" -d "csrf=$(csrf "$KS")&handling=datoer&sluttdato=$slutt&overforingsdato=$over" \
	"$BP_URL/cgi-bin/overforing"
"$BP_BPADM" -c "$BP_CONF" clock --set "$over 08:00" >/dev/null
for jar in "$KS" "$KO" "$KF"; do rm -f "$jar"; done
instance_login bench@stavanger.kommune.no "$PW" "$KS_SECRET" "$KS" &&
	instance_login bench@oslo.kommune.no "$PW" "$KO_SECRET" "$KO" &&
	instance_login bench@korfor.no "$PW" "$KF_SECRET" "$KF" ||
	{ echo "bench: could not log in again" >&2; exit 1; }
t=$(curl -s -o /dev/null -D "$BP_DIR/transfer.h" -w '%{time_total}' -b "$KS" \
	-d "csrf=$(csrf "$KS")&handling=overfor&bekreft=ja" "$BP_URL/cgi-bin/overforing")
grep -q 'melding=overfort' "$BP_DIR/transfer.h" || { echo "bench: the transfer failed" >&2; exit 1; }
n=$(curl -s -b "$KS" "$BP_URL/cgi-bin/overforing" | grep -o '<dt>Overført</dt><dd>[0-9]*' | grep -o '[0-9]*$')
echo "bench: transfer-button seconds=$t surveys=$n"
after=
for x in "stavanger $KS k-1103" "oslo $KO k-0301" "region $KF r-vest-stavanger" "national $KF land"; do
	set -- $x
	read -r _ a < <(timed "$2" "/cgi-bin/rapport?omrade=$3&aar=2026" 0) && [ -n "$a" ] || exit 1
	after="$after report-$1=$a"
done
echo "bench: after-transfer$after"
echo "bench: (registry filled in ${fill_ms} ms by bpadm demo-registry)"
