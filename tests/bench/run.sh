#!/bin/bash
# make bench: wrk against a hello-world C CGI and against each page, on the same Apache in
# the same run. One line per page:
#   bench: <page> rps=<n> p50_ms=<n> p99_ms=<n> ratio_to_hello=<rps_hello/rps_page>
# BENCH_SECONDS (default 5) per run, BENCH_ROUNDS (default 3) runs per page, each next to a
# hello run; BENCH_CONNECTIONS (default 8).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/instance.sh
secs=${BENCH_SECONDS:-5}
conns=${BENCH_CONNECTIONS:-8}

instance_start || { echo "could not start Apache" >&2; exit 1; }
trap instance_stop EXIT
install -m 755 "${BUILD:-build}/bench/hello" "$BP_SITE/public_html/cgi-bin/hello"
JAR=$BP_DIR/jar
instance_account "Bench Bruker" bench@korfor.no "et langt benkepassord" "$JAR" >/dev/null ||
	{ echo "bench: could not log in" >&2; exit 1; }
SID=$(awk '$6 == "bp_sid" {print $7}' "$JAR")
LINK=$("$BP_BPADM" -c "$BP_CONF" invite --role korfor --uses 10000)
echo "# bench on $BP_URL: wrk -t2 -c$conns -d${secs}s x ${BENCH_ROUNDS:-3} per page, each next to hello; $(nproc) cores; build ${BUILD:-build}"

# run_wrk URL [header] [non2xx-ok]: prints "rps p50_ms p99_ms"
run_wrk() {
	local out
	local hdr=()
	[ -n "${2:-}" ] && hdr=(-H "$2")
	out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "${hdr[@]}" "$1") || return 1
	if [ -z "${3:-}" ] && grep -q 'Non-2xx' <<<"$out"; then
		echo "bench: non-2xx answers from $1" >&2
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
rounds=${BENCH_ROUNDS:-3}
pages=(login register menu error404)
all_hello=()
lines=()
for p in "${pages[@]}"; do
	hs=() rs=() p50s=() p99s=()
	for r in $(seq "$rounds"); do
		read -r h _ _ < <(run_wrk "$BP_URL/cgi-bin/hello") || exit 1
		case $p in
		login) res=$(run_wrk "$BP_URL/cgi-bin/login") ;;
		register) res=$(run_wrk "$LINK") ;;
		menu) res=$(run_wrk "$BP_URL/cgi-bin/menu" "Cookie: bp_sid=$SID") ;;
		error404) res=$(run_wrk "$BP_URL/cgi-bin/login/finnes-ikke" "" 404) ;;
		esac
		[ -n "$res" ] || exit 1
		read -r rps p50 p99 <<<"$res"
		hs+=("$h") rs+=("$rps") p50s+=("$p50") p99s+=("$p99")
		all_hello+=("$h")
	done
	hello_rps=$(median "${hs[@]}")
	lines+=("$(line "$p" "$(median "${rs[@]}")" "$(median "${p50s[@]}")" "$(median "${p99s[@]}")")")
done
hello_rps=$(median "${all_hello[@]}")
line hello "$hello_rps" "-" "-"
printf '%s\n' "${lines[@]}"
echo "# hello-world rps runs: ${all_hello[*]}. Target (issue 2): login ratio <= 2.0"
