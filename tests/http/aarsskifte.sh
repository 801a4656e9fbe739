#!/bin/bash
# The turn of the year over HTTP, on the test clock (issue 18 §2): a kommune that did not
# transfer by 31 December still holds its surveys on 1 January. The kartlegger's new list
# starts empty but says how many of last year's are still here, and shows them (locked,
# with why) under ?aar=; a year further back is refused; last year's reservasjon does not
# hold in the new year and the page says so; once bp-transfer has run, the notice is gone.
# A kartlegger suspended in December cannot register again that year, but can with a new
# link in January: the block was for that year's kartlegging.
# The kommunekontakt's page in January says what of last year still waits, then shows its
# receipt.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

PW="et langt passord for testene"
suite_start "the turn of the year"
BP_TRANSFER=$BP_SITE/bin/bp-transfer
[ -x "$BP_TRANSFER" ] || BP_TRANSFER=${BUILD:-build}/tools/bp-transfer
status() { curl -s -o "$WORK/body" -w '%{http_code}' -b "$1" "$BP_URL$2"; }

clock '2026-12-30 10:00'
K_EMAIL=ola@time.kommune.no
K_SECRET=$(instance_kartlegger "Ola Kartlegger" "$K_EMAIL" "$PW" "$WORK/k" 1121 "Time psykisk helse") ||
    { echo "setup: kartlegger" >&2; exit 1; }
"$BP_BPADM" -c "$BP_CONF" demo --owner "$K_EMAIL" --surveys 3 >/dev/null || { echo "setup: demo" >&2; exit 1; }
PERSON=$(fnr_any 120384)
res() {	# res HANDLING [bekreft=ja]: the Reservasjoner page's answer into $WORK/res.html
	local c
	c=$(page "$WORK/k" /cgi-bin/reservasjon | csrf_of_page)
	curl -s -o "$WORK/res.html" -b "$WORK/k" -d "csrf=$c&handling=$1&${2:-x=}" \
	    --data-urlencode "fnr=$PERSON" "$BP_URL/cgi-bin/reservasjon"
}
# a second kartlegger, suspended by KORFOR on 30 December
S_EMAIL=siri@time.kommune.no
instance_kartlegger "Siri Slutter" "$S_EMAIL" "$PW" "$WORK/s" 1121 "Time psykisk helse" >/dev/null ||
    { echo "setup: kartlegger 2" >&2; exit 1; }
KORFOR=$WORK/kf
KF_SECRET=$(instance_account "Kai KORFOR" kai@korfor.no "$PW" "$KORFOR") || { echo "setup: korfor" >&2; exit 1; }
KK_SECRET=$(instance_person "$WORK/kk" "$(instance_invite "$KORFOR" kommunekontakt kommune=1121 "instans=Time kommune")" \
    "Kari Kontakt" kari@time.kommune.no "$PW") || { echo "setup: kommunekontakt" >&2; exit 1; }
R_SECRET=$(instance_person "$WORK/r" "$(instance_invite "$KORFOR" korus region=vest-stavanger)" \
    "Rita KORUS" rita@korus.no "$PW") || { echo "setup: korus" >&2; exit 1; }
SID=$(page "$KORFOR" '/cgi-bin/admin?kommune=1121' | grep -o 'handover?fra=[0-9a-f]*">Overfør kartlegginger<span class="visually-hidden"> fra Siri Slutter' | grep -o '[0-9a-f]\{32\}')
c=$(page "$KORFOR" /cgi-bin/menu | csrf_of_page)
check "30 December: KORFOR suspends Siri" is "$(curl -s -o /dev/null -w '%{http_code}' -b "$KORFOR" -d "csrf=$c&id=$SID&bekreft=ja" "$BP_URL/cgi-bin/admin/suspender")" 303
link=$(instance_invite "$KORFOR" kartlegger kommune=1121 "instans=Time psykisk helse")
instance_register "$link" "Siri Slutter" "$S_EMAIL" "$PW" "$WORK/s2" tjenestetype=nav >/dev/null 2>&1
rm -f "$WORK/s2"
check "... she cannot come back the same year" bash -c "! instance_login '$S_EMAIL' '$PW' x '$WORK/s2' 2>/dev/null"
check "... the attempt is in the audit log" bash -c "'$BP_BPADM' -c '$BP_CONF' audit | head -3 | grep -q 'register.refused.*blocked kartlegger'"

res lag bekreft=ja
check "30 December: a person reserved for 2026" grep -q "Fødselsnummeret \"$PERSON\" er nå reservert" "$WORK/res.html"
page "$WORK/k" /cgi-bin/kartlegging > "$WORK/list.html"
check "30 December: three surveys in the list" grep -q '3 kartlagte brukere. Sist endret først.' "$WORK/list.html"
check "... and no notice of an older year" bash -c "! grep -q 'som ikke er overført til KORFOR ennå' '$WORK/list.html'"

# == 1 January, before bp-transfer has run ================================================
clock '2027-01-01 07:00'
relogin "$K_EMAIL" "$K_SECRET" "$WORK/k" || { echo "relogin" >&2; exit 1; }
page "$WORK/k" /cgi-bin/kartlegging > "$WORK/list.html"
check "1 January: this year's list is empty" grep -q 'Ingen kartlagte brukere.' "$WORK/list.html"
check "... and says that three of 2026 are still here" grep -q 'Du har 3 kartlegginger fra 2026 som ikke er overført til KORFOR ennå.' "$WORK/list.html"
check "... with a link to them" grep -q 'href="/cgi-bin/kartlegging?aar=2026">Se kartleggingene fra 2026</a>' "$WORK/list.html"
check "last year's list: 200" is "$(status "$WORK/k" '/cgi-bin/kartlegging?aar=2026')" 200
cp "$WORK/body" "$WORK/old.html"
check "... the three, under 2026" bash -c "grep -q 'Kartlagte brukere i 2026' '$WORK/old.html' && grep -q '3 kartlagte brukere. Sist endret først.' '$WORK/old.html'"
check "... locked, and why" grep -q 'Kartleggingen for 2026 er avsluttet, så de er låst' "$WORK/old.html"
check "... no start form for last year" bash -c "! grep -q 'name=\"handling\" value=\"ny\"' '$WORK/old.html'"
ID=$(grep -o 'skjema?id=[0-9a-f]*' "$WORK/old.html" | head -1 | cut -d= -f2)
check "... a survey of 2026 opens, read only" bash -c "[ \"\$(curl -s -o '$WORK/s.html' -w '%{http_code}' -b '$WORK/k' '$BP_URL/cgi-bin/skjema?id=$ID&fane=bruker')\" = 200 ] && grep -q 'låst' '$WORK/s.html'"
res sjekk
check "1 January: last year's reservasjon does not hold in the new year" grep -q "Fødselsnummeret \"$PERSON\" er ikke reservert" "$WORK/res.html"
check "... and the page says so" grep -q 'En reservasjon fra i fjor gjelder ikke i år' "$WORK/res.html"
# Siri, in January: a new link lets her register again, as a new account
relogin kai@korfor.no "$KF_SECRET" "$KORFOR" || { echo "relogin korfor" >&2; exit 1; }
link=$(instance_invite "$KORFOR" kartlegger kommune=1121 "instans=Time psykisk helse")
rm -f "$WORK/s2"
S2_SECRET=$(instance_register "$link" "Siri Slutter" "$S_EMAIL" "$PW" "$WORK/s2" tjenestetype=nav)
check "1 January: Siri registers again (the block was for 2026)" bash -c "[ -n '$S2_SECRET' ] && '$BP_BPADM' -c '$BP_CONF' audit | head -5 | grep -q 'register.ok'"
check "... and logs in" instance_login "$S_EMAIL" "$PW" "$S2_SECRET" "$WORK/s2"
relogin rita@korus.no "$R_SECRET" "$WORK/r" || { echo "relogin korus" >&2; exit 1; }
page "$WORK/r" /cgi-bin/autorisasjon > "$WORK/reg.html"
check "... the register keeps the suspended account, with what followed" bash -c \
    "grep -Eq 'Tilbakekalt [0-9.]+ kl\. [0-9:]+ av Kai KORFOR</li><li>Registrert på nytt [0-9.]+ kl\. [0-9:]+ av Siri Slutter' '$WORK/reg.html'"
check "two years back: 400" is "$(status "$WORK/k" '/cgi-bin/kartlegging?aar=2025')" 400
check "next year: 400" is "$(status "$WORK/k" '/cgi-bin/kartlegging?aar=2028')" 400
check "not a year: 400" is "$(status "$WORK/k" '/cgi-bin/kartlegging?aar=x')" 400

relogin kari@time.kommune.no "$KK_SECRET" "$WORK/kk" || { echo "relogin kommunekontakt" >&2; exit 1; }
page "$WORK/kk" /cgi-bin/overforing > "$WORK/ov.html"
check "the kommunekontakt's 2027 page says 2026 still waits, and how many" bash -c \
    "grep -q 'Kartleggingen for 2026 er ikke overført ennå: ' '$WORK/ov.html' && grep -Eq '([0-9]+ kartlagte? brukere? er klare?), og [0-9]+ med feil' '$WORK/ov.html'"

# == bp-transfer's run on 1 January transfers Time's 2026 ===================================
out=$("$BP_TRANSFER" -c "$BP_CONF")
check "bp-transfer transfers Time's 2026" bash -c "grep -q '^1121 2026: overført' <<< '$out'"
page "$WORK/k" /cgi-bin/kartlegging > "$WORK/list.html"
check "after the transfer: no notice of 2026" bash -c "! grep -q 'som ikke er overført til KORFOR ennå' '$WORK/list.html'"
page "$WORK/kk" /cgi-bin/overforing > "$WORK/ov.html"
check "the receipt reaches the kommunekontakt's page" bash -c \
    "grep -Eq 'Overført til KORFOR 01.01.2027 kl. 07:[0-9]{2}: [0-9]+ kartlagte? brukere?, [0-9]+ holdt tilbake' '$WORK/ov.html' && grep -q 'href=\"/cgi-bin/rapport?aar=2026\">Se Kommunerapporten for 2026</a>' '$WORK/ov.html'"
check "... and this year's dates can be set" grep -q 'name="sluttdato"' "$WORK/ov.html"
page "$WORK/k" '/cgi-bin/kartlegging?aar=2026' > "$WORK/old.html"
check "... and last year's list is empty" grep -q 'Ingen kartlagte brukere.' "$WORK/old.html"
clock '2026-12-06 12:00'
"$BP_BPADM" -c "$BP_CONF" clock --reset >/dev/null
check "no crash in the error log" bash -c "! grep -Eq '$BP_CRASHES' '$BP_LOGS/error.log'"

done_checks
