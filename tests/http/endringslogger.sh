#!/bin/bash
# Endringslogger over HTTP with curl: the kommunekontakt sees every line of the endringslogger
# of the kommune's surveys this year (deleted ones too), newest first, with a neutral
# reference instead of the person; the filters by kartlegger and by date narrow the lines;
# bad filters are field errors; kartleggere, KORUS and KORFOR get 403; another kommune's
# logs stay out; and no fødselsnummer is on the page.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

PW="et langt passord for testene"
logs() { hit "$K" GET "/cgi-bin/endringslogger$1"; }
tbody() { grep -o '<tbody>.*</tbody>' "$BODY"; }
rows() { tbody | grep -o '<tr>' | wc -l; }
rows_are() { local n; n=$(rows); [ "$n" = "$1" ] || { echo "     $n rows, not $1" >&2; return 1; }; }
tbody_lacks() { ! tbody | grep -q -- "$1" || { echo "     the table has '$1'" >&2; return 1; }; }

ORD=$(fnr_any 150385)
ORD2=$(fnr_any 220790 200)
ORD3=$(fnr_any 010280)
ORD4=$(fnr_any 111175)
NUMS=("$ORD" "$ORD2" "$ORD3" "$ORD4")
for n in "${NUMS[@]}"; do
	[ ${#n} = 11 ] || { echo "could not make the test numbers" >&2; exit 1; }
done

suite_start endringslogger
# two days of the 2026 survey, 25 minutes apart so no session goes idle in between
"$BP_BPADM" -c "$BP_CONF" clock --set '2026-03-10 23:40' >/dev/null
F=$WORK/F R=$WORK/R K=$WORK/K K2=$WORK/K2 T1=$WORK/T1 T2=$WORK/T2 T3=$WORK/T3
# account JAR LINK NAME EMAIL [FIELD=VALUE...]
instance_account "Frida KORFOR" frida@korfor.no "$PW" "$F" >/dev/null || exit 1
account "$R" "$(instance_invite "$F" korus region=vest-stavanger)" "Ragnhild KORUS" ragnhild@korus.no
account "$K" "$(instance_invite "$R" kommunekontakt kommune=1103)" "Kari Stavanger" kari@stavanger.no
account "$K2" "$(instance_invite "$R" kommunekontakt kommune=1101)" "Kåre Eigersund" kare@eigersund.no
account "$T1" "$(instance_invite "$K" kartlegger kommune=1103 'instans=Instans 1')" "Tone En" tone@stavanger.no tjenestetype=nav
account "$T2" "$(instance_invite "$K" kartlegger kommune=1103 'instans=Instans 2')" "Tina To" tina@stavanger.no tjenestetype=fastlege
account "$T3" "$(instance_invite "$K2" kartlegger kommune=1101 'instans=Instans 3')" "Trond Tre" trond@eigersund.no tjenestetype=barnevern

# 10 March: Tina creates one survey
start "$T2" "$ORD2"
ID2=$ID
# 11 March: Tone creates, opens, saves; creates and deletes another; Trond in 1101 creates one
"$BP_BPADM" -c "$BP_CONF" clock --set '2026-03-11 00:05' >/dev/null
start "$T1" "$ORD"
IDA=$ID
hit "$T1" GET "/cgi-bin/skjema?id=$IDA"
hit "$T1" POST /cgi-bin/skjema -d "csrf=$(csrf "$T1")&id=$IDA&versjon=1&fane=bruker&kategori=rus&fodeland=norge&kognitive_vansker=ja&utdanning=fagbrev&arbeidserfaring=ingen&handling=lagre"
check "setup: Tone's save" is "$STATUS" 303
start "$T1" "$ORD4"
ID4=$ID
hit "$T1" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T1")&handling=slett&bekreft=ja&id=$ID4"
check "setup: Tone's deletion" is "$STATUS" 303
start "$T3" "$ORD3"
check "setup: surveys made" bash -c "[ -n '$ID2' ] && [ -n '$IDA' ] && [ -n '$ID4' ] && [ -n '$ID' ]"

# -- who may ---------------------------------------------------------------------------------
hit "$K" GET /cgi-bin/menu
check "the kommunekontakt's menu offers Endringslogger" body_has 'href="/cgi-bin/endringslogger">Endringslogger<'
hit "$T1" GET /cgi-bin/menu
check "a kartlegger's menu does not" body_lacks '/cgi-bin/endringslogger'
for who in T1 R F; do
	hit "${!who}" GET /cgi-bin/endringslogger
	check "$who: 403" is "$STATUS" 403
	check "$who: the Norwegian error page" body_has 'Ingen tilgang'
done
hit "$K" POST /cgi-bin/endringslogger -d "csrf=$(csrf "$K")"
check "POST: refused" bash -c "[ '$STATUS' = 405 ] || [ '$STATUS' = 404 ]"

# -- the lines ----------------------------------------------------------------------------------
logs ""
check "the page: 200" is "$STATUS" 200
check "the page: heading" body_has '<h1>Endringslogger 2026</h1>'
check "the page: the columns" body_has '<th scope="col">Tidspunkt</th><th scope="col">Kartlegging</th><th scope="col">Kartlegger</th><th scope="col">Instans</th><th scope="col">Handling</th>'
check "every line of the kommune: 6" rows_are 6
check "said how many" body_has '6 linjer, nyeste først.'
check "Tina's line" body_has '<td>10.03.2026 kl. 23:4[0-9]</td><td>K-'"${ID2:0:8}"'</td><td>Tina To</td><td>Instans 2</td><td>Opprettet</td>'
check "Tone's save, how many questions changed" body_has "<td>K-${IDA:0:8}</td><td>Tone En</td><td>Instans 1</td><td>Lagret, 5 spørsmål endret</td>"
check "Tone opened it" body_has "<td>K-${IDA:0:8}</td><td>Tone En</td><td>Instans 1</td><td>Åpnet</td>"
check "a deleted survey's lines too" body_has "<td>K-${ID4:0:8}</td><td>Tone En</td><td>Instans 1</td><td>Slettet</td>"
tbody | sed 's#</tr>#</tr>\n#g' | grep '<td>' > "$WORK/lines"
check "newest first: the deletion on top" bash -c "head -1 '$WORK/lines' | grep -q 'Slettet'"
check "newest first: Tina's line last" bash -c "tail -1 '$WORK/lines' | grep -q 'Tina To'"
check "newest first: Tone's opening above her creation" bash -c "[ \$(grep -n 'Åpnet' '$WORK/lines' | cut -d: -f1) -lt \$(grep -n '${IDA:0:8}.*Opprettet' '$WORK/lines' | cut -d: -f1) ]"
check "another kommune's lines stay out" body_lacks 'Trond'
check "no fødselsnummer on the page" bash -c "! grep -qF -e '$ORD' -e '$ORD2' -e '$ORD3' -e '$ORD4' '$BODY'"
check "no survey's full id on the page" bash -c "! grep -qF -e '$IDA' -e '$ID2' -e '$ID4' '$BODY'"
check "the page is no-store" has_header 'Cache-Control: no-store'
check "the kartlegger list: the kommune's accounts" body_has '>Tone En (Instans 1)</option>'
check "the kartlegger list: not another kommune's" body_lacks '>Trond Tre'
TONE=$(grep -o '<option value="[0-9a-f]*">Tone En' "$BODY" | cut -d'"' -f2)
TINA=$(grep -o '<option value="[0-9a-f]*">Tina To' "$BODY" | cut -d'"' -f2)
check "account ids in the list (32 hex)" bash -c "[[ '$TONE' =~ ^[0-9a-f]{32}$ && '$TINA' =~ ^[0-9a-f]{32}$ ]]"

# -- filters ------------------------------------------------------------------------------------
logs "?kartlegger=$TONE"
check "by kartlegger: Tone's 5 lines" rows_are 5
check "by kartlegger: not Tina's" tbody_lacks 'Tina To'
check "by kartlegger: chosen in the list" body_has "<option value=\"$TONE\" selected"
logs "?kartlegger=$TINA"
check "by kartlegger: Tina's 1 line" rows_are 1
check "by kartlegger: said" body_has '1 linje.'
logs "?fra=2026-03-11"
check "from 11 March: 5 lines" rows_are 5
check "from 11 March: the date kept" body_has 'value="11.03.2026"'
logs "?til=2026-03-10"
check "until 10 March: 1 line" rows_are 1
check "until 10 March: Tina's" body_has '<td>Tina To</td>'
logs "?fra=2026-03-10&til=2026-03-10&kartlegger=$TONE"
check "Tone on 10 March: none" body_has 'Ingen linjer i endringsloggene passer med filteret.'
logs "?fra=2026-03-01&til=2026-03-31&kartlegger="
check "all of March, everyone: 6" rows_are 6
logs "?fra=2026-03-12"
check "from 12 March: none" body_has 'Ingen linjer'

# -- bad filters ---------------------------------------------------------------------------------
logs "?kartlegger=tull"
check "a bad kartlegger: 200 with a field error" bash -c "[ '$STATUS' = 200 ] && grep -q 'id=\"f-kartlegger-err\">Velg en kartlegger fra listen.' '$BODY'"
check "a bad kartlegger: no lines" body_lacks '<tbody>'
logs "?kartlegger=00000000000000000000000000000000"
check "an unknown account: a field error" body_has 'Velg en kartlegger fra listen.'
check "an unknown account: no lines" body_lacks '<tbody>'
logs "?fra=2026-02-30"
check "30 February: a field error" body_has 'id="f-fra-err">Skriv fra-datoen som dd.mm.åååå'
check "30 February: tied to the field" body_has 'aria-describedby="f-fra-hint f-fra-err"'
logs "?til=2026-13-01"
check "month 13: a field error" body_has 'id="f-til-err">Skriv til-datoen'
logs "?fra=2026-03-11&til=2026-03-10"
check "til before fra: said" body_has 'Til-datoen kan ikke være før fra-datoen.'
logs "?fra=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
check "markup: a field error" body_has 'Skriv fra-datoen'
check "markup: inert" body_lacks '<script>alert'
logs "?fra=2024-02-29"
check "29 February of a leap year: accepted" rows_are 6
logs "?fra=2026-1-1"
check "a short date: refused" body_has 'Skriv fra-datoen'
logs "?fra=$(head -c 3000 /dev/zero | tr '\0' 1)"
check "3,000 digits: no 500" bash -c "[ '$STATUS' = 200 ] || [ '$STATUS' = 400 ] || [ '$STATUS' = 414 ]"
logs "?kartlegger=$TONE&kartlegger=$TINA"
check "two kartleggere: no 500" bash -c "[ '$STATUS' = 200 ] || [ '$STATUS' = 400 ]"

# -- the other kommune's kommunekontakt sees its own --------------------------------------------------
hit "$K2" GET /cgi-bin/endringslogger
check "Eigersund: Trond's line only" rows_are 1
check "Eigersund: Trond" body_has '<td>Trond Tre</td><td>Instans 3</td><td>Opprettet</td>'

# -- bounded: at most 1,000 lines shown, the rest counted ------------------------------------------
"$BP_BPADM" -c "$BP_CONF" demo --owner tone@stavanger.no --surveys 1001 >/dev/null
check "setup: 1,001 demo surveys" is "$?" 0
logs ""
check "1,007 lines: 1,000 shown" rows_are 1000
check "1,007 lines: said" body_has 'Viser de 1000 nyeste av 1007 linjer. Bruk filteret for å se de andre.'
check "the demo's lines name the system" body_has '<td>Systemet (bpadm)</td>'
logs "?kartlegger=$TINA"
check "by kartlegger among many: Tina's 1 line" rows_are 1

check "no request answered 500" bash -c "[ ! -s '$WORK/500s' ] || { cat '$WORK/500s' >&2; false; }"
check "no crash in the error log" bash -c "! grep -Eq '$BP_CRASHES' '$BP_LOGS/error.log'"
check "no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"
done_checks
