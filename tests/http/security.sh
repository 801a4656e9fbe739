#!/bin/bash
# Attacks over HTTP on the whole product, page by page: every POST without its CSRF token,
# with another session's token, from a foreign origin -> 403 and nothing done; markup in
# every free-text field that comes back on a page -> shown as text; path traversal in the
# path and in every path-like parameter -> 400/404 and no file; session fixation, forged
# and replayed session cookies and invitation links -> refused; and at the end no
# fødselsnummer in the Apache logs, no 500 anywhere, no crash.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/assert.sh
. tests/lib/instance.sh

WORK=$(mktemp -d /tmp/brukerplan-security.XXXXXX)
trap 'instance_stop; rm -rf "$WORK"' EXIT
PW="et langt passord for angrepene"
XSS='"><script>alert(1)</script><img src=x onerror=alert(2)>'

hit() {		# hit JAR METHOD PATH [curl args]: STATUS, HEADERS, BODY; 500s kept
	local jar=$1 method=$2 path=$3
	shift 3
	HEADERS=$WORK/headers.last BODY=$WORK/body.last
	STATUS=$(curl -s --path-as-is -X "$method" -D "$HEADERS" -o "$BODY" -w '%{http_code}' \
	    -b "$jar" -c "$jar" "$@" "$BP_URL$path")
	[ "$STATUS" -ge 500 ] && echo "$STATUS $method $path" >> "$WORK/500s"
	return 0
}
csrf() { curl -s -b "$1" "$BP_URL/cgi-bin/menu" | csrf_of_page; }
urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
inert() {	# the payload nowhere as markup, and (when asked) somewhere as text
	! grep -q '<script>alert(1)' "$BODY" && ! grep -q '<img src=x' "$BODY" ||
	    { echo "     the payload is live markup" >&2; return 1; }
}
as_text() { inert && grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$BODY" ||
    { echo "     the payload is not shown as text" >&2; return 1; }; }
refused() { case "$STATUS" in 400|403|404|405|409|410|413) return 0 ;; esac
    echo "     status $STATUS" >&2; return 1; }
# next_step: wait for the next 30-second TOTP step, so that a new login has an unspent code
next_step() { local t=$(( $(date +%s) + $(instance_clock) )); sleep $((30 - t % 30 + 1)); }
menu_count() { curl -s -b "$1" "$BP_URL/cgi-bin/menu" | grep -o 'Kartlegging</strong> – [0-9]*' | grep -o '[0-9]*$'; }

instance_start || { echo "could not start Apache" >&2; exit 1; }
echo "# security on $BP_URL (build ${BUILD:-build})"
[ "$(TZ=Europe/Oslo date +%Y)" = 2026 ] ||
    "$BP_BPADM" -c "$BP_CONF" clock --set '2026-06-15 12:00' >/dev/null

F=$WORK/F K=$WORK/K T=$WORK/T T2=$WORK/T2 ANON=$WORK/anon
account() {	# account JAR LINK NAME EMAIL [FIELD=VALUE...]
	local jar=$1 link=$2 name=$3 email=$4 secret
	shift 4
	[ -n "$link" ] && secret=$(instance_register "$link" "$name" "$email" "$PW" "$jar" "$@") &&
	    instance_login "$email" "$PW" "$secret" "$jar" || { echo "setup failed: $email" >&2; exit 1; }
	echo "$secret"
}
instance_account "Frida KORFOR" frida@korfor.no "$PW" "$F" >/dev/null || exit 1
account "$K" "$(instance_invite "$F" kommunekontakt kommune=1103)" "Kari Stavanger" kari@stavanger.no >/dev/null
T_SECRET=$(account "$T" "$(instance_invite "$K" kartlegger kommune=1103 "instans=$XSS")" "Tone En" tone@stavanger.no tjenestetype=nav)
T2_SECRET=$(account "$T2" "$(instance_invite "$K" kartlegger kommune=1103 'instans=Instans 2')" "Tina To" tina@stavanger.no tjenestetype=nav)
FNR=$(fnr_any 150385)
hit "$T" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T")&handling=ny" --data-urlencode "fnr=$FNR"
ID=$(sed -n 's#^Location: /cgi-bin/skjema?id=\([0-9a-f]\{32\}\)&.*#\1#p' "$HEADERS" | tr -d '\r')
check "setup: a survey" bash -c "[ ${#ID} = 32 ]"
hit "$T" GET "/cgi-bin/skjema?id=$ID&fane=bruker"
V=$(grep -o 'name="versjon" value="[0-9]*"' "$BODY" | grep -o '[0-9]*' | head -1)

# == CSRF: every POST of every page ===========================================================
# JAR PATH BODY: what a logged-in user of JAR could post there
POSTS=(
	"$T|/cgi-bin/kartlegging|handling=ny&fnr=$(fnr_any 010290)"
	"$T|/cgi-bin/kartlegging|handling=slett&id=$ID&bekreft=ja"
	"$T|/cgi-bin/skjema|id=$ID&versjon=$V&fane=bruker&kategori=rus&handling=lagre"
	"$T|/cgi-bin/reservasjon|handling=lag&fnr=$(fnr_any 020290)"
	"$T|/cgi-bin/handover|steg=bekreft&fra=x&til=y&bekreft=ja"
	"$K|/cgi-bin/overforing|handling=datoer&sluttdato=2026-10-01&overforingsdato=2026-10-20"
	"$K|/cgi-bin/admin/suspender|id=x&bekreft=ja"
	"$F|/cgi-bin/welcome|tekst=hacked"
	"$F|/cgi-bin/invite|handling=lag&rolle=korfor&antall=1&tilganger=1"
	"$T|/cgi-bin/logout|"
)
for p in "${POSTS[@]}"; do
	IFS='|' read -r jar path body <<< "$p"
	hit "$jar" POST "$path" -d "$body"
	check "CSRF: $path without a token -> 403" is "$STATUS" 403
	hit "$jar" POST "$path" -d "$body&csrf=$(csrf "$T2")"
	check "CSRF: $path with another session's token -> 403" is "$STATUS" 403
	hit "$jar" POST "$path" -d "$body&csrf=$(csrf "$jar")" -H 'Origin: https://angriper.example'
	check "CSRF: $path from a foreign Origin -> 403" is "$STATUS" 403
	hit "$jar" POST "$path" -d "$body&csrf=$(csrf "$jar")" -H 'Sec-Fetch-Site: cross-site'
	check "CSRF: $path cross-site (Sec-Fetch-Site) -> 403" is "$STATUS" 403
done
check "CSRF: nothing was done (Tone's survey, no second one)" is "$(menu_count "$T")" 1
hit "$T" GET "/cgi-bin/skjema?id=$ID&fane=bruker"
check "CSRF: the survey unchanged" body_has "name=\"versjon\" value=\"$V\""
hit "$T" GET /cgi-bin/menu
check "CSRF: Tone is still logged in" bash -c "[ $STATUS = 200 ] && grep -q 'Logg ut' '$BODY'"
hit "$F" GET /cgi-bin/welcome
check "CSRF: the velkomstmelding unchanged" body_lacks 'hacked'

# == markup in every free-text field that comes back ========================================
hit "$T" GET /cgi-bin/menu
check "XSS: an instans name with markup, on the menu" inert
hit "$K" GET /cgi-bin/admin?kommune=1103
check "XSS: the instans name in Administrer kartleggere, as text" as_text
hit "$T" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T")&handling=sok" --data-urlencode "sok=$XSS"
check "XSS: the search field" inert
hit "$T" GET "/cgi-bin/kartlegging?sok=$(urlq "$XSS")"
check "XSS: the search in the query" inert
hit "$T" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T")&handling=ny" --data-urlencode "fnr=$XSS"
check "XSS: Kartlegg bruker's number field" inert
hit "$T" POST /cgi-bin/reservasjon -d "csrf=$(csrf "$T")&handling=sjekk" --data-urlencode "fnr=$XSS"
check "XSS: the reservasjon number field" inert
hit "$T" POST /cgi-bin/skjema -d "csrf=$(csrf "$T")&id=$ID&versjon=$V&fane=barn&handling=lagre" \
    --data-urlencode "barn_bor_med_egne=$XSS"
check "XSS: a number question of the form, kept as text" as_text
hit "$K" POST /cgi-bin/overforing -d "csrf=$(csrf "$K")&handling=datoer&overforingsdato=2026-10-20" \
    --data-urlencode "sluttdato=$XSS"
check "XSS: a date on the date card" inert
hit "$K" GET "/cgi-bin/endringslogger?fra=$(urlq "$XSS")"
check "XSS: the Endringslogger's date filter" inert
hit "$F" POST /cgi-bin/welcome -d "csrf=$(csrf "$F")" --data-urlencode "tekst=$XSS"
check "XSS: the velkomstmelding saved" is "$STATUS" 303
hit "$F" GET /cgi-bin/welcome
check "XSS: the velkomstmelding in its form, as text" as_text
next_step			# the login below needs a code of its own
rm -f "$T2"
instance_login tina@stavanger.no "$PW" "$T2_SECRET" "$T2"
hit "$T2" GET "/cgi-bin/menu?velkommen=1"		# where the login sends one to read it
check "XSS: the velkomstmelding shown to a user, as text" as_text
hit "$ANON" GET "/cgi-bin/login?melding=$(urlq "$XSS")"
check "XSS: the login page's notice parameter" inert

# == path traversal ===========================================================================
CGIS=(admin autorisasjon endringslogger handover innsyn invite kartlegging login logout menu
    overforing overforte register reservasjon skjema welcome)
for c in "${CGIS[@]}"; do
	for p in "/../../../../etc/passwd" "/%2e%2e/%2e%2e/%2e%2e/etc/passwd" "/..%2f..%2f..%2fetc%2fpasswd"; do
		hit "$T" GET "/cgi-bin/$c$p"
		check "traversal: /cgi-bin/$c$p refused" bash -c "case $STATUS in 400|403|404) ! grep -q 'root:' '$BODY' ;; *) echo \"     status $STATUS\" >&2; false ;; esac"
	done
done
for q in "skjema?id=../../../etc/passwd&fane=bruker" "skjema?id=$ID&fane=../../etc/passwd" \
    "innsyn?id=../../etc/passwd&fil=kartlegging" "innsyn?id=$ID&fil=../../../etc/passwd" \
    "overforte?aar=../../etc&kommune=1103" "overforte?aar=2026&kommune=../../etc/passwd" \
    "admin?kommune=../../../etc/passwd" "endringslogger?kartlegger=../../etc/passwd" \
    "register?t=../../../etc/passwd" "handover?fra=../../etc/passwd"; do
	jar=$T
	case $q in overforte*) jar=$F ;; admin*|endringslogger*) jar=$K ;; register*) jar=$ANON ;; esac
	hit "$jar" GET "/cgi-bin/$q"
	check "traversal: $q refused, no file" bash -c "[ $STATUS != 500 ] && ! grep -q 'root:' '$BODY'"
done
for f in htdocs/.htaccess ../../brukerplan.conf ../secrets ../store/data.mdb; do
	hit "$ANON" GET "/$f"
	check "no site file is served: /$f" bash -c "[ $STATUS = 403 ] || [ $STATUS = 404 ] || [ $STATUS = 400 ]"
done

# == sessions =================================================================================
FIXED=$(openssl rand -hex 32)
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tbp_sid\t%s\n' "$FIXED" > "$WORK/fix"
sed -i '1i # Netscape HTTP Cookie File' "$WORK/fix"
hit "$WORK/fix" GET /cgi-bin/menu
check "a made-up session cookie is no session (to the login)" bash -c "[ $STATUS = 303 ] && grep -qi '^Location: /cgi-bin/login' '$HEADERS'"
next_step
instance_login tone@stavanger.no "$PW" "$T_SECRET" "$WORK/fix"
NEW=$(awk '$6 == "bp_sid" { print $7 }' "$WORK/fix" | tail -1)
check "fixation: the login sets a new session, not the one offered" bash -c "[ ${#NEW} = 64 ] && [ '$NEW' != '$FIXED' ]"
hit "$WORK/fix" GET /cgi-bin/menu
check "fixation: the new session works" is "$STATUS" 200
cp "$WORK/fix" "$WORK/stolen"
hit "$WORK/fix" POST /cgi-bin/logout -d "csrf=$(csrf "$WORK/fix")"
check "logout" bash -c "[ $STATUS = 303 ]"
hit "$WORK/stolen" GET /cgi-bin/menu
check "a session cookie replayed after logout is refused" bash -c "[ $STATUS = 303 ] && grep -qi '^Location: /cgi-bin/login' '$HEADERS'"
sed -i "s/\tbp_sid\t.*/\tbp_sid\t$(printf %s "$NEW" | tr '0-9a-f' '1-9a-f0')/" "$WORK/stolen"
hit "$WORK/stolen" GET /cgi-bin/menu
check "a forged session cookie (one off the real one) is refused" bash -c "[ $STATUS = 303 ]"

# invitations: forged, and replayed after its one use
LINK=$(instance_invite "$F" korfor)
TOKEN=${LINK##*t=}
hit "$ANON" GET "/cgi-bin/register?t=$(printf %s "$TOKEN" | tr '0-9a-f' '1-9a-f0')"
check "a forged invitation token is refused" bash -c "[ $STATUS = 404 ] && grep -q 'Registreringslenken er ikke gyldig' '$BODY'"
instance_register "$LINK" "Ny KORFOR" ny@korfor.no "$PW" "$WORK/ny" >/dev/null
hit "$WORK/replay" GET "/cgi-bin/register?t=$TOKEN"
check "a spent invitation link is refused" bash -c "[ $STATUS = 404 ] || [ $STATUS = 410 ]"
check "a spent invitation link: said so" body_has 'Registreringslenken'

# == privacy and robustness at the end ========================================================
check "no request answered 5xx" bash -c "[ ! -s '$WORK/500s' ] || { cat '$WORK/500s' >&2; false; }"
for log in access.log error.log; do
	check "no fødselsnummer in the $log" bash -c "! grep -q -e '$FNR' '$BP_LOGS/$log'"
done
check "no crash in the error log" bash -c "! grep -Eq 'Segmentation|AddressSanitizer|runtime error|End of script output before headers' '$BP_LOGS/error.log'"
check "no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"
done_checks
