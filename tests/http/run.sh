#!/bin/bash
# HTTP tests against a real Apache httpd serving a fresh temporary store (tests/lib).
# Every status the platform promises, the security headers, the login chain with curl,
# and no crash: sanitizer builds (BUILD=build/asan) must leave no reports behind.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/assert.sh
. tests/lib/instance.sh

instance_start || { echo "could not start Apache" >&2; exit 1; }
trap instance_stop EXIT
echo "# HTTP tests on $BP_URL (build ${BUILD:-build})"
JAR=$BP_DIR/jar

csp_strict() {
	local csp
	csp=$(grep -i '^Content-Security-Policy:' "$HEADERS")
	[[ $csp == *"default-src 'none'"* && $csp == *"script-src 'self'"* &&
	   $csp == *"frame-ancestors 'none'"* && $csp != *unsafe-inline* && $csp != *unsafe-eval* ]]
}
security_headers() {
	csp_strict && has_header 'Referrer-Policy: no-referrer' &&
	    has_header 'X-Content-Type-Options: nosniff' && has_header 'X-Frame-Options: DENY'
}
no_store() { has_header 'Cache-Control: no-store'; }
# error pages say what happened in Norwegian and nothing about the inside
no_internals() {
	body_lacks "$BP_DIR" && body_lacks 'Apache/' && body_lacks 'lmdb' &&
	    body_lacks 'secrets' && body_lacks 'xslt' && body_lacks 'stack'
}
csrf_of() { grep -o 'name="csrf" value="[0-9a-f]*"' "$1" | head -1 | cut -d'"' -f4; }

# -- pages and headers --------------------------------------------------------------------
fetch GET "$BP_URL/cgi-bin/login"
check "login page 200" is "$STATUS" 200
check "login page security headers" security_headers
check "login page no-store" no_store
check "login page is Norwegian HTML5" body_has '<html lang="nb">'
check "login page doctype" body_has '<!DOCTYPE html>'
check "login page has a form with CSRF token" body_has 'name="csrf" value="[0-9a-f]\{64\}"'
check "test mode banner" body_has 'Dette er test-versjonen av Brukerplan.'
check "pre-login cookie HttpOnly SameSite=Strict" has_header 'Set-Cookie: bp_pre=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict'
check "no server version" body_lacks 'Apache/'
check "Server header is bare" bash -c "! grep -i '^Server:' '$HEADERS' | grep -q '[0-9]'"

fetch HEAD "$BP_URL/cgi-bin/login" -I
check "HEAD login 200" is "$STATUS" 200

fetch GET "$BP_URL/css/bp.css"
check "stylesheet served" is "$STATUS" 200
check "stylesheet type" has_header 'Content-Type: text/css'
check "static files get security headers too" security_headers

fetch GET "$BP_URL/"
check "site root redirects to the menu" is "$STATUS" 303
check "site root target" has_header 'Location: .*/cgi-bin/menu'
fetch GET "$BP_URL/cgi-bin/menu"
check "menu without session goes to login" is "$STATUS" 303
check "menu redirect target" has_header 'Location: /cgi-bin/login'

# -- 404 ------------------------------------------------------------------------------------
for url in /cgi-bin/login/finnes-ikke /cgi-bin/finnes-ikke /finnes-ikke.html "/cgi-bin/login/%2e%2e/%2e%2e/etc/passwd"; do
	fetch GET "$BP_URL$url" --path-as-is
	check "404 for $url" is "$STATUS" 404
	check "404 page Norwegian for $url" body_has 'Siden finnes ikke'
	check "404 page leaks nothing for $url" no_internals
	check "404 page headers for $url" security_headers
done
fetch GET "$BP_URL/../../etc/passwd" --path-as-is
check "path above the root refused" is "$STATUS" 400
check "refused in Norwegian" body_has 'Ugyldig forespørsel'
check "refusal headers" security_headers
fetch GET "$BP_URL/feil/"
check "no directory listings" bash -c "[ '$STATUS' = 403 ] || [ '$STATUS' = 404 ]"
check "listing refused in Norwegian" body_has 'Ingen tilgang\|Siden finnes ikke'
fetch GET "$BP_URL/.htaccess"
check ".htaccess is not served" bash -c "[ '$STATUS' = 403 ] || [ '$STATUS' = 404 ]"
check ".htaccess content not shown" body_lacks 'BRUKERPLAN_CONFIG'

# -- 400 ------------------------------------------------------------------------------------
for q in 'melding=%zz' 'melding=%4' 'x=%C3%28' 'x=%C0%AF' 'x=%ED%A0%80' 'x=%00' 'x=a%01b' 'bad%20key=1' \
    "x=$(head -c 5000 /dev/zero | tr '\0' a)"; do
	fetch GET "$BP_URL/cgi-bin/login?$q"
	check "400 for query ${q:0:20}" is "$STATUS" 400
	check "400 page Norwegian for ${q:0:20}" body_has 'Ugyldig forespørsel'
	check "400 page leaks nothing for ${q:0:20}" no_internals
done
fetch POST "$BP_URL/cgi-bin/login?x=%zz" -b "$JAR" --data-binary "csrf=x&epost=y"
check "400 for a bad query on a POST, answered cleanly" is "$STATUS" 400
fetch GET "$BP_URL/cgi-bin/login?melding=utlogget"
check "a valid query is fine" is "$STATUS" 200
check "notice from a fixed table" body_has 'Du er logget ut.'
fetch GET "$BP_URL/cgi-bin/login?melding=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
check "unknown notice ignored, never echoed" body_lacks '<script>alert'

fetch GET "$BP_URL/cgi-bin/login" -c "$JAR" -b "$JAR"
CSRF=$(csrf_of "$BODY")
for body in 'epost=%00' 'epost=%E2%82' 'passord=%' 'b%20d=1'; do
	fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" --data-binary "csrf=$CSRF&$body"
	check "400 for body ${body:0:16}" is "$STATUS" 400
done
fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" --data-binary "csrf=$CSRF&$(printf 'k%d=1&' $(seq 2100))"
check "413 for a body with too many fields" is "$STATUS" 413
fetch GET "$BP_URL/cgi-bin/login" -H 'Cookie: bp_sid=not-hex; weird cookie; x="y"; =; bp_pre=zz'
check "garbage cookies do not break the page" is "$STATUS" 200

# -- 413 ------------------------------------------------------------------------------------
head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' a > "$BP_DIR/big"
fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" --data-binary "@$BP_DIR/big"
check "413 for a body over 1 MiB" is "$STATUS" 413
check "413 page Norwegian" body_has 'For stor forespørsel'
check "413 page leaks nothing" no_internals
fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" -H 'Transfer-Encoding: chunked' --data-binary "@$BP_DIR/big"
check "413 for a chunked body over 1 MiB" is "$STATUS" 413
fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" -H 'Content-Length: 99999999999' --data-binary 'x'
check "absurd Content-Length refused" bash -c "[ '$STATUS' = 413 ] || [ '$STATUS' = 400 ]"

# -- 403, 405, 415 --------------------------------------------------------------------------
fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" -d 'epost=a%40b.no&passord=x&kode=1'
check "403 without CSRF token" is "$STATUS" 403
check "403 page Norwegian" body_has 'Ingen tilgang'
check "403 page leaks nothing" no_internals
fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" -d "csrf=$(printf '%064d' 0)&epost=a%40b.no"
check "403 with a wrong CSRF token" is "$STATUS" 403
fetch POST "$BP_URL/cgi-bin/login" -d "csrf=$CSRF&epost=a%40b.no"
check "403 with a token but without its cookie" is "$STATUS" 403
fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" -H 'Origin: https://evil.example' -d "csrf=$CSRF&epost=a%40b.no"
check "403 for a foreign Origin" is "$STATUS" 403
fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" -H 'Sec-Fetch-Site: cross-site' -d "csrf=$CSRF&epost=a%40b.no"
check "403 for a cross-site request (Fetch Metadata)" is "$STATUS" 403
fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" -H 'Origin: null' -H 'Sec-Fetch-Site: same-origin' -d "csrf=$CSRF&epost=a%40b.no&passord=x&kode=1"
check "own form (Origin null, same-origin) accepted" is "$STATUS" 200
fetch PUT "$BP_URL/cgi-bin/login" -b "$JAR" -d "csrf=$CSRF"
check "405 for PUT" is "$STATUS" 405
check "405 says what is allowed" has_header 'Allow: GET, HEAD, POST'
fetch GET "$BP_URL/cgi-bin/logout"
check "405 for GET logout" is "$STATUS" 405
fetch POST "$BP_URL/cgi-bin/login" -b "$JAR" -H 'Content-Type: text/plain' --data-binary "csrf=$CSRF"
check "415 for a body that is not a form" is "$STATUS" 415

# -- registration and login ------------------------------------------------------------------
fetch GET "$BP_URL/cgi-bin/register?t=$(printf '%064d' 7)"
check "forged invitation: 404 page" is "$STATUS" 404
check "forged invitation explained" body_has 'Registreringslenken er ikke gyldig'
fetch GET "$BP_URL/cgi-bin/register?t=abc"
check "malformed invitation: 404 page" is "$STATUS" 404

LINK=$("$BP_BPADM" -c "$BP_CONF" invite --role korfor)
TOKEN=${LINK##*t=}
check "bpadm invite prints a link" bash -c "[[ '$LINK' == $BP_URL/cgi-bin/register?t=* ]]"
rm -f "$JAR"
fetch GET "$LINK" -c "$JAR" -b "$JAR"
check "registration form" body_has 'Registrer deg som KORFOR'
CSRF=$(csrf_of "$BODY")
post_register() { fetch POST "$BP_URL/cgi-bin/register" -c "$JAR" -b "$JAR" -d "csrf=$CSRF&t=$TOKEN&steg=konto&vilkar=ja" "$@"; }
post_register --data-urlencode 'navn=Kari Nordmann' -d 'epost=kari%40korfor.no&passord=kort&passord2=kort'
check "short password refused" body_has 'Passordet må ha minst 12 tegn.'
check "name kept after an error" body_has 'value="Kari Nordmann"'
check "error tied to its field" body_has 'aria-describedby="f-passord-hint f-passord-err"'
post_register --data-urlencode 'navn=Kari' -d 'epost=kari&passord=langt+nok+passord&passord2=langt+nok+passord'
check "bad e-post refused" body_has 'Skriv inn en gyldig e-postadresse'
post_register --data-urlencode 'navn=Kari' -d 'epost=kari%40korfor.no&passord=langt+nok+passord&passord2=annet+passord+her'
check "different passwords refused" body_has 'Passordene er ikke like.'
post_register -d 'navn=&epost=kari%40korfor.no&passord=langt+nok+passord&passord2=langt+nok+passord'
check "empty name refused" body_has 'Skriv inn fullt navn.'
fetch POST "$BP_URL/cgi-bin/register" -c "$JAR" -b "$JAR" -d "csrf=$CSRF&t=$TOKEN&steg=konto" \
    --data-urlencode 'navn=Kari Nordmann' -d 'epost=kari%40korfor.no&passord=langt+nok+passord&passord2=langt+nok+passord'
check "the terms must be accepted" body_has 'Du må godta bruksvilkårene for å registrere deg.'
fetch GET "$BP_URL/cgi-bin/register/vilkar"
check "terms page" body_has '<h1>Bruksvilkår for Brukerplan</h1>'
post_register --data-urlencode 'navn=<script>alert(1)</script>' -d 'epost=kari%40korfor.no&passord=langt+nok+passord&passord2=ulikt'
check "markup in a name is inert" body_lacks '<script>alert(1)'
check "markup in a name is shown as text" body_has 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'
post_register --data-urlencode 'navn=Kari Nordmann' -d 'epost=kari%40korfor.no&passord=langt+nok+passord&passord2=langt+nok+passord'
SECRET=$(grep -o '<code class="secret">[^<]*' "$BODY" | sed 's/.*>//; s/ //g')
PENDING=$(grep -o 'name="p" value="[0-9a-f]*"' "$BODY" | cut -d'"' -f4)
check "TOTP secret shown as text" bash -c "[[ '$SECRET' =~ ^[A-Z2-7]{32}$ ]]"
check "TOTP QR code shown" body_has '<svg.*<path d="M'
fetch POST "$BP_URL/cgi-bin/register" -c "$JAR" -b "$JAR" -d "csrf=$CSRF&t=$TOKEN&steg=kode&p=$PENDING&kode=000000"
check "wrong enrolment code refused" body_has 'Koden stemmer ikke.'
CODE=$(oathtool --totp -b "$SECRET")
fetch POST "$BP_URL/cgi-bin/register" -c "$JAR" -b "$JAR" -d "csrf=$CSRF&t=$TOKEN&steg=kode&p=$PENDING&kode=$CODE"
check "registration done" is "$STATUS" 303
check "registration goes to login" has_header 'Location: /cgi-bin/login?melding=registrert'
fetch GET "$LINK"
check "used-up link: 410" is "$STATUS" 410
check "used-up link explained" body_has 'allerede brukt opp'

fetch GET "$BP_URL/cgi-bin/login" -c "$JAR" -b "$JAR"
CSRF=$(csrf_of "$BODY")
login() { fetch POST "$BP_URL/cgi-bin/login" -c "$JAR" -b "$JAR" -d "csrf=$CSRF" "$@"; }
login -d "epost=kari%40korfor.no&passord=langt+nok+passord&kode=$CODE"
check "a code cannot be used twice" body_has 'Feil e-post, passord eller engangskode.'
NEXT=$(oathtool --totp -b --now="$(date -u -d @$(( $(date +%s) + 30 )) '+%Y-%m-%d %H:%M:%S UTC')" "$SECRET")
login -d "epost=KARI%40korfor.no&passord=feil+passord+her&kode=$NEXT"
check "wrong password refused" body_has 'Feil e-post, passord eller engangskode.'
check "e-post kept, password not" body_has 'value="kari@korfor.no"'
login -d "epost=kari%40korfor.no&passord=langt+nok+passord&kode=$NEXT"
check "login succeeds" is "$STATUS" 303
check "login goes to the menu" has_header 'Location: /cgi-bin/menu'
check "session cookie flags" has_header 'Set-Cookie: bp_sid=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict'
fetch GET "$BP_URL/cgi-bin/menu" -c "$JAR" -b "$JAR"
check "menu 200" is "$STATUS" 200
check "menu heading" body_has "<h1>$(date +%Y) Kartlegging</h1>"
check "menu shows who is logged in" body_has 'Logget inn som: <strong>Kari Nordmann</strong>'
check "menu shows the role" body_has '<dt>KORFOR</dt><dd>Kari Nordmann</dd>'
check "menu: no Instans for KORFOR (issue 17 §5)" body_lacks '<dt>Instans</dt>'
check "menu no-store" no_store
OLD_SID=$(awk '$6 == "bp_sid" {print $7}' "$JAR")
CSRF=$(csrf_of "$BODY")
fetch POST "$BP_URL/cgi-bin/logout" -c "$JAR" -b "$JAR" -d "csrf=$CSRF"
check "logout" is "$STATUS" 303
check "logout clears the cookie" has_header 'Set-Cookie: bp_sid=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0'
fetch GET "$BP_URL/cgi-bin/menu" -H "Cookie: bp_sid=$OLD_SID"
check "the old session is dead on the server" is "$STATUS" 303

# throttling: five tries per account in 15 minutes, then a lock
rm -f "$JAR"
fetch GET "$BP_URL/cgi-bin/login" -c "$JAR" -b "$JAR"
CSRF=$(csrf_of "$BODY")
for i in 1 2 3 4 5; do login -d 'epost=kari%40korfor.no&passord=gjetting+nummer&kode=123456'; done
check "five wrong tries answered normally" is "$STATUS" 200
login -d "epost=kari%40korfor.no&passord=langt+nok+passord&kode=$NEXT"
check "sixth try locked, even with the right password" is "$STATUS" 429
check "lock explained" body_has 'For mange mislykkede forsøk. Vent 15 minutter'
check "audit log has the lock" bash -c "'$BP_BPADM' -c '$BP_CONF' audit | grep -q 'login.locked'"
check "audit log has failed logins" bash -c "'$BP_BPADM' -c '$BP_CONF' audit --last 100 | grep -q 'login.fail.passord'"

# -- 500: a broken installation answers with a clean page ------------------------------------
chmod 644 "$BP_SITE/secrets"
fetch GET "$BP_URL/cgi-bin/login"
check "500 when the secrets file is unsafe" is "$STATUS" 500
check "500 page Norwegian" body_has 'Intern feil'
check "500 page leaks nothing" no_internals
check "the reason is in the error log" grep -q 'readable by others' "$BP_LOGS/error.log"
chmod 600 "$BP_SITE/secrets"
mv "$BP_SITE/xslt" "$BP_SITE/xslt.away"
fetch GET "$BP_URL/cgi-bin/login"
check "500 without stylesheets still answers" is "$STATUS" 500
check "plain Norwegian fallback" body_has 'Intern feil'
mv "$BP_SITE/xslt.away" "$BP_SITE/xslt"
fetch GET "$BP_URL/cgi-bin/login"
check "healthy again" is "$STATUS" 200

# -- bpadm ---------------------------------------------------------------------------------------
check "bpadm --help" bash -c "'$BP_BPADM' --help | grep -q 'Bruk: bpadm'"
check "bpadm unknown command exits 2" bash -c "'$BP_BPADM' -c '$BP_CONF' frobnicate 2>/dev/null; [ \$? = 2 ]"
check "bpadm invite without role exits 2" bash -c "'$BP_BPADM' -c '$BP_CONF' invite 2>/dev/null; [ \$? = 2 ]"
check "bpadm invite kartlegger refused" bash -c "'$BP_BPADM' -c '$BP_CONF' invite --role kartlegger 2>/dev/null; [ \$? = 2 ]"
check "bpadm invite --count 21 refused" bash -c "'$BP_BPADM' -c '$BP_CONF' invite --role korfor --count 21 2>/dev/null; [ \$? = 2 ]"
check "bpadm invite --count 3 gives 3 links" bash -c "[ \$('$BP_BPADM' -c '$BP_CONF' invite --role korfor --count 3 | grep -c register) = 3 ]"
check "bpadm init refuses to overwrite" bash -c "'$BP_BPADM' -c '$BP_CONF' init 2>/dev/null; [ \$? = 1 ]"
check "bpadm without config fails clearly" bash -c "BRUKERPLAN_CONFIG=/nonexistent '$BP_BPADM' stat 2>&1 | grep -q 'bpadm: konfigurasjon: /nonexistent'"
check "mdb_stat reads the store" bash -c "mdb_stat -a '$BP_SITE/store' >/dev/null"
# bpadm fnr: one line for scripts, exit 0 or 1, with or without a configuration
fnr_is() {	# fnr_is "ARGS" EXPECTED-LINE EXPECTED-EXIT
	local out rc
	out=$(BRUKERPLAN_CONFIG=/nonexistent "$BP_BPADM" fnr $1)
	rc=$?
	[ "$out" = "$2" ] && [ "$rc" = "$3" ] || { echo "     fnr $1: '$out' exit $rc" >&2; return 1; }
}
check "fnr ordinary" fnr_is "01019000598" "gyldig type=fnr fodt=1990-01-01 kjonn=mann" 0
check "fnr ordinary, 1800s" fnr_is "15056061441" "gyldig type=fnr fodt=1860-05-15 kjonn=kvinne" 0
check "fnr D-nummer" fnr_is "41019012393" "gyldig type=dnummer fodt=1990-01-01 kjonn=mann" 0
check "fnr 2032 rule" fnr_is "01019000415" "gyldig type=2032 fodt=ukjent kjonn=ukjent" 0
check "fnr Tenor in test" fnr_is "--mode test 12912200718" "gyldig type=syntetisk fodt=1922-11-12 kjonn=mann" 0
check "fnr NAV in test" fnr_is "--mode test 01419012382" "gyldig type=syntetisk fodt=1990-01-01 kjonn=mann" 0
check "fnr Tenor in drift" fnr_is "--mode drift 12912200718" "ugyldig: Syntetiske testnumre kan ikke brukes i driftsversjonen." 1
check "fnr synthetic refused without a mode (drift)" fnr_is "01419012382" "ugyldig: Syntetiske testnumre kan ikke brukes i driftsversjonen." 1
check "fnr mode from the configuration" bash -c "'$BP_BPADM' -c '$BP_CONF' fnr 12912200718 | grep -q '^gyldig type=syntetisk'"
check "fnr bad control digits" fnr_is "01019000597" "ugyldig: Kontrollsifrene stemmer ikke. Sjekk at nummeret er skrevet riktig." 1
check "fnr bad date" fnr_is "29021051223" "ugyldig: Fødselsdatoen i nummeret er ikke en gyldig dato." 1
check "fnr bad individnummer" fnr_is "01014560013" "ugyldig: Individnummeret passer ikke med fødselsåret i nummeret." 1
check "fnr too short" fnr_is "0101900059" "ugyldig: Fødselsnummeret må ha 11 siffer." 1
check "fnr bad usage exits 2" bash -c "'$BP_BPADM' fnr --mode prod 01019000598 2>/dev/null; [ \$? = 2 ]"

# -- timeouts, with the test clock (mode = test only) ------------------------------------------
clock() { "$BP_BPADM" -c "$BP_CONF" clock "$@" | sed -n 's/.*forskjøvet \(-\{0,1\}[0-9]*\) sekunder.*/\1/p'; }
# log in again as kari, with a code for the server's (shifted) clock
relogin() {
	local off code
	off=$(clock)
	rm -f "$JAR"
	fetch GET "$BP_URL/cgi-bin/login" -c "$JAR" -b "$JAR"
	CSRF=$(csrf_of "$BODY")
	# each relogin follows a jump of the clock, so this step's code is a fresh one
	code=$(oathtool --totp -b --now="$(date -u -d @$(( $(date +%s) + off )) '+%Y-%m-%d %H:%M:%S UTC')" "$SECRET")
	login -d "epost=kari%40korfor.no&passord=langt+nok+passord&kode=$code"
}
clock --advance $((16 * 60)) >/dev/null		# past kari's lock
relogin
check "logged in again after the lock" is "$STATUS" 303
clock --advance $((29 * 60)) >/dev/null
fetch GET "$BP_URL/cgi-bin/menu" -c "$JAR" -b "$JAR"
check "29 idle minutes: still logged in" is "$STATUS" 200
clock --advance $((31 * 60)) >/dev/null
fetch GET "$BP_URL/cgi-bin/menu" -c "$JAR" -b "$JAR"
check "31 idle minutes: the session is over" is "$STATUS" 303
check "and the user is told why" has_header 'Location: /cgi-bin/login?melding=utlopt'
check "and the cookie is cleared" has_header 'Set-Cookie: bp_sid=;'
fetch GET "$BP_URL/cgi-bin/login?melding=utlopt"
check "expiry notice" body_has 'Økten din er utløpt. Logg inn på nytt.'
relogin
check "logged in for the 12-hour test" is "$STATUS" 303
alive=0
for i in $(seq 28); do
	clock --advance $((25 * 60)) >/dev/null
	fetch GET "$BP_URL/cgi-bin/menu" -c "$JAR" -b "$JAR"
	[ "$STATUS" = 200 ] && alive=$((alive + 1))
done
check "active all day (11 h 40 min): still logged in" is "$alive" 28
clock --advance $((25 * 60)) >/dev/null
fetch GET "$BP_URL/cgi-bin/menu" -c "$JAR" -b "$JAR"
check "past 12 hours even when active: the session is over" is "$STATUS" 303
LINK=$("$BP_BPADM" -c "$BP_CONF" invite --role korfor)
clock --advance $((30 * 86400 - 60)) >/dev/null
fetch GET "$LINK"
check "an invitation works for 30 days" is "$STATUS" 200
clock --advance 120 >/dev/null
fetch GET "$LINK"
check "and not after" is "$STATUS" 410
check "expiry explained" body_has 'Registreringslenken er utløpt.'
clock --reset >/dev/null
check "the clock is back" is "$(clock)" 0
check "no test clock in drift mode" bash -c "sed 's/^mode *=.*/mode = drift/' '$BP_CONF' > '$BP_DIR/drift.conf' && ! '$BP_BPADM' -c '$BP_DIR/drift.conf' clock 2>/dev/null"

# -- logs hold no tokens, and nothing crashed ---------------------------------------------------
check "access log has no invitation token" bash -c "! grep -q '$TOKEN' '$BP_LOGS/access.log'"
check "access log has no query strings" bash -c "! grep -q '?' '$BP_LOGS/access.log'"
check "no connection resets (bodies always read)" bash -c "! grep -q 'Connection reset' '$BP_LOGS/error.log'"
check "no crash in the error log" bash -c "! grep -Eq '$BP_CRASHES|segfault|premature end of script' '$BP_LOGS/error.log'"
check "no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"

done_checks
