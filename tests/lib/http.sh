# http.sh: what the HTTP suites share; it brings assert.sh and instance.sh along.
#
#   $WORK                         a work directory made when this file is sourced, removed
#                                 at exit with the instance
#   suite_start DESCRIPTION       the instance started (stopped at exit) and one line of
#                                 what runs where; exits when Apache does not start
#   hit JAR METHOD PATH [curl args]  one request (JAR "-": no cookies): STATUS, HEADERS and
#                                 BODY (files); every header kept in $WORK/headers.all,
#                                 every URL asked for or linked in $WORK/urls.all, and every
#                                 5xx in $WORK/500s (suites check that none has a number in
#                                 it, or that there was none)
#   csrf JAR                      the session's CSRF token, read from the menu
#   status JAR METHOD PATH [curl args]  the HTTP status alone; a POST carries the CSRF token
#   menu_count JAR                one's own surveys on the menu's year card
#   text_has FILE TEXT, text_lacks FILE TEXT  0 when FILE has (lacks) TEXT; else says so
#   account JAR LINK NAME EMAIL [FIELD=VALUE...]
#                                 register through LINK with $PW and log in, as a person
#                                 would; the TOTP secret in SECRET[JAR]; exits on failure
#   account_ids JAR KOMMUNE...    NAMEID[NAME] the account id of each person the kommuner's
#                                 Administrer kartleggere shows JAR (its "Overfør
#                                 kartlegginger fra NAME" links)
#   idof NAME                     that id; need_ids NAME... exits when one has none
#   clock 'YYYY-MM-DD HH:MM'      the test clock
#   relogin EMAIL SECRET JAR      a new session (after the clock moved on), with $PW
#   page JAR PATH                 a GET's body on standard out
#   start JAR NUMBER [curl args]  "Kartlegg bruker" with NUMBER; ID the new survey's id
#   created_id                    the survey id of the last 303 from "Kartlegg bruker"
#   form JAR ID [TAB]             a tab of the form (bruker unless named), as hit
#   version_of JAR ID             the survey's version, as its form says
#   checked NAME VALUE            0 when that option is checked in BODY; else says so
#   no_crash LABEL                checks: nothing crashed in Apache's error log, no
#                                 sanitizer report
#   not_in FILE...                0 when none of the numbers in NUMS occurs in the files
. tests/lib/assert.sh
. tests/lib/instance.sh

declare -A SECRET
WORK=$(mktemp -d /tmp/brukerplan-suite.XXXXXX)
trap 'instance_stop; rm -rf "$WORK"' EXIT

suite_start() {
	instance_start || { echo "could not start Apache" >&2; exit 1; }
	echo "# $1 on $BP_URL (build ${BUILD:-build})"
}

hit() {
	local jar=$1 method=$2 path=$3
	shift 3
	local cookies=()
	[ "$jar" = - ] || cookies=(-b "$jar" -c "$jar")
	HEADERS=$WORK/headers.last BODY=$WORK/body.last
	STATUS=$(curl -s --path-as-is -X "$method" -D "$HEADERS" -o "$BODY" -w '%{http_code}' \
	    "${cookies[@]}" "$@" "$BP_URL$path")
	cat "$HEADERS" >> "$WORK/headers.all"
	grep -o '\(href\|action\|src\)="[^"]*"' "$BODY" >> "$WORK/urls.all" 2>/dev/null
	echo "$method $path" >> "$WORK/urls.all"
	[ "$STATUS" -lt 500 ] || echo "$STATUS $method $path $*" | cut -c1-160 >> "$WORK/500s"
	return 0
}

csrf() { curl -s -b "$1" "$BP_URL/cgi-bin/menu" | csrf_of_page; }

status() {
	local jar=$1 method=$2 path=$3
	shift 3
	[ "$method" = POST ] && set -- -d "csrf=$(csrf "$jar")" "$@"
	curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$@" "$BP_URL$path"
}

# a kartlegger's card says "Kartlegging – N", a kommunekontakt's "Dine egne: N"
menu_count() {
	curl -s -b "$1" "$BP_URL/cgi-bin/menu" |
	    grep -o 'Kartlegging</strong> – [0-9]*\|Dine egne: [0-9]*' | tail -1 | grep -o '[0-9]*$'
}

text_has() { grep -qF -- "$2" "$1" || { echo "     $1 lacks '$2'" >&2; return 1; }; }
text_lacks() { ! grep -qF -- "$2" "$1" || { echo "     $1 has '$2'" >&2; return 1; }; }

account() {
	SECRET[$1]=$(instance_person "$1" "$2" "$3" "$4" "$PW" "${@:5}") || exit 1
}

declare -A NAMEID
account_ids() {
	local jar=$1 k id name
	shift
	for k in "$@"; do
		while IFS='|' read -r id name; do NAMEID[$name]=$id; done < <(
		    curl -s -b "$jar" "$BP_URL/cgi-bin/admin?kommune=$k" |
		    grep -o 'handover?fra=[0-9a-f]*">Overfør kartlegginger<span class="visually-hidden"> fra [^<]*' |
		    sed 's/handover?fra=\([0-9a-f]*\)">Overfør kartlegginger<span class="visually-hidden"> fra /\1|/')
	done
}
idof() { printf '%s' "${NAMEID[$1]:-}"; }
need_ids() {
	local n
	for n in "$@"; do
		[ -n "$(idof "$n")" ] || { echo "no id for $n" >&2; exit 1; }
	done
}

clock() { "$BP_BPADM" -c "$BP_CONF" clock --set "$1" >/dev/null; }

relogin() {
	rm -f "$3"
	instance_login "$1" "$PW" "$2" "$3"
}

page() { curl -s -b "$1" "$BP_URL$2"; }

created_id() {
	sed -n 's#^Location: /cgi-bin/skjema?id=\([0-9a-f]\{32\}\)&fane=bruker\r\{0,1\}$#\1#p' "$HEADERS"
}

start() {
	local jar=$1 n=$2
	shift 2
	hit "$jar" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$jar")&handling=ny" \
	    --data-urlencode "fnr=$n" "$@"
	ID=$(created_id)
}

form() { hit "$1" GET "/cgi-bin/skjema?id=$2&fane=${3:-bruker}"; }
version_of() { form "$1" "$2" && grep -o 'name="versjon" value="[0-9]*"' "$BODY" | grep -o '[0-9]*'; }
checked() {
	grep -q "name=\"$1\" value=\"$2\" id=\"[^\"]*\" checked" "$BODY" ||
	    { echo "     $1=$2 not checked" >&2; return 1; }
}

no_crash() {
	check "$1: no crash in the error log" bash -c "! grep -Eq '$BP_CRASHES' '$BP_LOGS/error.log'"
	check "$1: no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"
}

not_in() {
	local n f bad=0
	for f in "$@"; do
		[ -e "$f" ] || { echo "     no $f" >&2; bad=1; continue; }
		for n in "${NUMS[@]}"; do
			if grep -aqF -- "$n" "$f"; then
				echo "     $n in $f" >&2
				bad=1
			fi
		done
	done
	return $bad
}
