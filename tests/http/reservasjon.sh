#!/bin/bash
# Reservasjoner over HTTP with curl: check, make and delete by fødselsnummer, with the
# seed's answers; making one deletes the person's survey of the year in the kommune, even
# another kartlegger's, and says how many; a reserved number cannot be surveyed there, but
# another kommune is unaffected; kommunekontakt may, KORUS and KORFOR get 403; bad numbers
# are field errors with the typed value kept; and the number never reaches a URL, header,
# Apache log or the audit log.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

PW="et langt passord for testene"
NUMS=()			# every fødselsnummer sent, for the privacy checks at the end

# hit JAR METHOD PATH [curl args...]: sets STATUS, HEADERS, BODY (files); keeps every
# header and link for the privacy checks, and notes every 500

res() {		# res JAR HANDLING NUMBER [curl args]: one of the three forms
	local jar=$1 h=$2 n=$3
	shift 3
	hit "$jar" POST /cgi-bin/reservasjon -d "csrf=$(csrf "$jar")&handling=$h" \
	    --data-urlencode "fnr=$n" "$@"
}
no_location() { ! grep -qi '^Location:' "$HEADERS" || { echo "     a Location header" >&2; return 1; }; }

ORD=$(fnr_any 150385)		# surveyed by Tina, then reserved by Tone
ORD2=$(fnr_any 220790 200)	# reserved by the kommunekontakt, never surveyed
SYN=$(fnr_any 158392)		# Tenor's synthetic numbers: test mode only
BAD=${ORD:0:10}$(( (${ORD:10:1} + 1) % 10 ))
NUMS+=("$ORD" "$ORD2" "$SYN" "$BAD")
for n in "${NUMS[@]}"; do
	[ ${#n} = 11 ] || { echo "could not make the test numbers" >&2; exit 1; }
done

suite_start reservasjon
[ "$(TZ=Europe/Oslo date +%Y)" = 2026 ] ||
    "$BP_BPADM" -c "$BP_CONF" clock --set '2026-06-15 12:00' >/dev/null
F=$WORK/F R=$WORK/R K=$WORK/K T1=$WORK/T1 T2=$WORK/T2 T3=$WORK/T3
# account JAR LINK NAME EMAIL [FIELD=VALUE...]
instance_account "Frida KORFOR" frida@korfor.no "$PW" "$F" >/dev/null || exit 1
account "$R" "$(instance_invite "$F" korus region=vest-stavanger)" "Ragnhild KORUS" ragnhild@korus.no
account "$K" "$(instance_invite "$R" kommunekontakt kommune=1103)" "Kari Stavanger" kari@stavanger.no
account "$T1" "$(instance_invite "$K" kartlegger kommune=1103 'instans=Instans 1')" "Tone En" tone@stavanger.no tjenestetype=nav
account "$T2" "$(instance_invite "$K" kartlegger kommune=1103 'instans=Instans 2')" "Tina To" tina@stavanger.no tjenestetype=fastlege
account "$T3" "$(instance_invite "$R" kommunekontakt kommune=1101)" "Kåre Eigersund" kare@eigersund.no

# -- the page ---------------------------------------------------------------------------------
hit "$T1" GET /cgi-bin/reservasjon
check "the page: 200" is "$STATUS" 200
check "the page: heading" body_has '<h1>Reservasjoner</h1>'
check "the page: the seed's intro" body_has 'Her kan fødselsnummer reserveres mot kartlegging. Reservasjonen gjelder for alle kartleggere i din kommune.'
check "the page: Sjekk reservasjon" body_has 'Finn ut om et fødselsnummer er reservert eller ikke.'
check "the page: Lag reservasjon" body_has 'Reserver fødselsnummer.'
check "the page: Slett reservasjon" body_has 'Slett fødselsnummer-reservasjon.'
check "the page: three fields of their own" bash -c "grep -q 'id=\"f-sjekk-fnr\"' '$BODY' && grep -q 'id=\"f-lag-fnr\"' '$BODY' && grep -q 'id=\"f-slett-fnr\"' '$BODY'"
check "the page: no-store" has_header 'Cache-Control: no-store'
hit "$T1" GET /cgi-bin/menu
check "the menu of a kartlegger offers Reservasjoner" body_has 'href="/cgi-bin/reservasjon">Reservasjoner<'
hit "$K" GET /cgi-bin/menu
check "the menu of a kommunekontakt offers Reservasjoner" body_has 'href="/cgi-bin/reservasjon">Reservasjoner<'
hit "$R" GET /cgi-bin/menu
check "the menu of KORUS does not" body_lacks '/cgi-bin/reservasjon'
hit "$F" GET /cgi-bin/menu
check "the menu of KORFOR does not" body_lacks '/cgi-bin/reservasjon'

# -- who may ------------------------------------------------------------------------------------
for who in R F; do
	hit "${!who}" GET /cgi-bin/reservasjon
	check "$who: GET 403" is "$STATUS" 403
	check "$who: the Norwegian error page" body_has 'Ingen tilgang'
	res "${!who}" sjekk "$ORD"
	check "$who: POST 403" is "$STATUS" 403
	check "$who: the number is not echoed" body_lacks "$ORD"
done
hit "$WORK/nobody" GET /cgi-bin/reservasjon
check "not logged in: to the login" bash -c "[ '$STATUS' = 303 ] || [ '$STATUS' = 302 ]"
hit "$T1" POST /cgi-bin/reservasjon -d "handling=sjekk" --data-urlencode "fnr=$ORD"
check "no CSRF token: 403" is "$STATUS" 403

# -- bad input ------------------------------------------------------------------------------------
res "$T1" lag "$BAD"
check "wrong control digits: 200" is "$STATUS" 200
check "wrong control digits: said" body_has 'Kontrollsifrene stemmer ikke.'
check "wrong control digits: tied to the field of its form" body_has 'aria-describedby="f-lag-fnr-hint f-lag-fnr-err"'
check "wrong control digits: in the error summary" body_has 'href="#f-lag-fnr"'
check "wrong control digits: kept in its form" body_has "id=\"f-lag-fnr\"[^>]*value=\"$BAD\""
check "wrong control digits: not in the other forms" bash -c "[ \$(grep -o 'value=\"$BAD\"' '$BODY' | wc -l) = 1 ]"
check "wrong control digits: nothing reserved" body_lacks 'er nå reservert'
res "$T1" sjekk "${ORD:0:9}ab"
check "letters: said" body_has 'Fødselsnummeret kan bare inneholde siffer.'
check "letters: the check form's field" body_has 'aria-describedby="f-sjekk-fnr-hint f-sjekk-fnr-err"'
res "$T1" slett "$(printf '1%.0s' $(seq 300))"
check "300 characters: 200" is "$STATUS" 200
check "300 characters: said" body_has 'Fødselsnummeret må ha 11 siffer.'
check "300 characters: not echoed" body_lacks '11111111111111111111111111111111'
res "$T1" sjekk '<script>alert(1)</script>'
check "markup: inert" body_lacks '<script>alert'
check "markup: shown as text" body_has 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'
res "$T1" sjekk ''
check "empty: 200 with an error" bash -c "[ '$STATUS' = 200 ] && grep -q 'f-sjekk-fnr-err\">' '$BODY'"
res "$T1" finnes-ikke "$ORD"
check "an unknown handling: 400" is "$STATUS" 400
hit "$T1" POST /cgi-bin/reservasjon -d "csrf=$(csrf "$T1")" --data-urlencode "fnr=$ORD"
check "no handling: 400" is "$STATUS" 400
res "$T1" sjekk "$SYN"
check "a synthetic number in test mode: checked" body_has "Fødselsnummeret \"$SYN\" er ikke reservert."

# -- check, make, delete --------------------------------------------------------------------------
start "$T2" "$ORD"
IDT2=$(created_id)
check "Tina surveys the person" is "$STATUS" 303
start "$T3" "$ORD"
check "a kommunekontakt in another kommune surveys the same person" is "$STATUS" 303
IDT3=$(created_id)
res "$T1" sjekk "$ORD"
check "check: 200, the page itself" is "$STATUS" 200
check "check: no redirect" no_location
check "check: not reserved, in the seed's words" body_has "Fødselsnummeret \"$ORD\" er ikke reservert."
check "check: a status message" body_has 'role="status">Fødselsnummeret'
check "check: the field is empty again" bash -c "! grep -q 'value=\"$ORD\"' '$BODY'"
res "$T1" lag "$ORD"
check "make: asks first, with how many of the kommune's surveys it deletes" body_has '1 kartlegging i kommunen blir slettet. Det kan ikke angres.'
check "make: ... never whose or by which instans" bash -c "! grep -q 'Tina\|Instans 2' '$BODY'"
check "make: ... a danger button to confirm, and Avbryt" bash -c "grep -q 'class=\"danger\">Reserver og slett 1 kartlegging</button>' '$BODY' && grep -q '>Avbryt</a>' '$BODY'"
check "make: nothing deleted before the confirmation" is "$(menu_count "$T2")" 1
res "$T1" sjekk "$ORD"
check "make: nothing reserved before the confirmation" body_has "Fødselsnummeret \"$ORD\" er ikke reservert."
res "$T1" lag "$ORD" -d bekreft=ja
check "make: 200" is "$STATUS" 200
check "make: no redirect" no_location
check "make: reserved, Tina's survey deleted, said" body_has "Fødselsnummeret \"$ORD\" er nå reservert. 1 kartlegging ble slettet."
check "make: Tina has no survey left" is "$(menu_count "$T2")" 0
hit "$T2" GET "/cgi-bin/skjema?id=$IDT2&fane=bruker"
check "make: Tina's survey is gone (404)" is "$STATUS" 404
res "$T2" sjekk "$ORD"
check "check by another kartlegger of the kommune: reserved" body_has "Fødselsnummeret \"$ORD\" er reservert."
res "$K" sjekk "$ORD"
check "check by the kommunekontakt: reserved" body_has "Fødselsnummeret \"$ORD\" er reservert."
res "$T2" lag "$ORD"
check "make again: already reserved" body_has "Fødselsnummeret \"$ORD\" er allerede reservert."
start "$T2" "$ORD"
check "Kartlegg bruker on a reserved number: refused" body_has 'Personen har reservert seg mot kartlegging i kommunen, og kan ikke kartlegges.'
check "... and nothing made" is "$(menu_count "$T2")" 0
start "$T1" "${ORD:0:6} ${ORD:6:5}"
check "written with a space: the same person, refused" body_has 'Personen har reservert seg mot kartlegging'
res "$T3" sjekk "$ORD"
check "another kommune: not reserved there" body_has "Fødselsnummeret \"$ORD\" er ikke reservert."
hit "$T3" GET "/cgi-bin/skjema?id=$IDT3&fane=bruker"
check "another kommune: its survey of the person is kept" is "$STATUS" 200
check "another kommune: its count" is "$(menu_count "$T3")" 1

res "$K" lag "$ORD2"
check "the kommunekontakt is told none will be deleted" body_has 'Ingen kartlegginger i kommunen blir slettet.'
res "$K" lag "$ORD2" -d bekreft=ja
check "the kommunekontakt reserves: none deleted" body_has "Fødselsnummeret \"$ORD2\" er nå reservert. Ingen kartlegginger ble slettet."
res "$K" slett "$ORD2"
check "delete: said" body_has "Reservasjonen av fødselsnummeret \"$ORD2\" er slettet."
check "delete: no redirect" no_location
res "$K" slett "$ORD2"
check "delete again: there was none" body_has "Fødselsnummeret \"$ORD2\" var ikke reservert. Det er ingen reservasjon å slette."
res "$K" sjekk "$ORD2"
check "after delete: not reserved" body_has "Fødselsnummeret \"$ORD2\" er ikke reservert."
res "$T1" slett "$ORD"
check "Tone deletes the reservasjon Tone made" body_has "Reservasjonen av fødselsnummeret \"$ORD\" er slettet."
start "$T1" "$ORD"
check "after delete: the person may be surveyed again" is "$STATUS" 303
# bpadm reserve does what the page does: the survey made just now goes with it
before=$(menu_count "$T1")
out=$(echo "$ORD" | "$BP_BPADM" -c "$BP_CONF" reserve 1103)
check "bpadm reserve deletes the person's survey and says so" is "$out" "reservert, 1 kartlegging slettet"
check "bpadm reserve: the survey left Tone's list" is "$(menu_count "$T1")" "$((before - 1))"
res "$T1" sjekk "$ORD"
check "bpadm reserve: the page sees the reservasjon" body_has "Fødselsnummeret \"$ORD\" er reservert."

# -- privacy and the audit log ----------------------------------------------------------------------
check "no request answered 500" bash -c "[ ! -s '$WORK/500s' ] || { cat '$WORK/500s' >&2; false; }"
check "no number in any header" not_in "$WORK/headers.all"
check "no number in any requested URL or link" not_in "$WORK/urls.all"
check "the access log has the POSTs" grep -q 'POST /cgi-bin/reservasjon' "$BP_LOGS/access.log"
check "no number in the access log" not_in "$BP_LOGS/access.log"
check "no number in the error log" not_in "$BP_LOGS/error.log"
"$BP_BPADM" -c "$BP_CONF" audit > "$WORK/audit" 2>&1
check "the audit log has the reservasjoner made" bash -c "[ \$(grep -c 'reservation.add' '$WORK/audit') = 2 ]"
check "the audit log: one deleted survey said" grep -q 'reservation.add.*slettet=1' "$WORK/audit"
check "the audit log has the deletions" bash -c "[ \$(grep -c 'reservation.delete' '$WORK/audit') = 2 ]"
check "no number in the audit log" not_in "$WORK/audit"
check "no number in plain in the store" not_in "$BP_SITE"/store/*
check "no crash in the error log" bash -c "! grep -Eq '$BP_CRASHES' '$BP_LOGS/error.log'"
check "no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"
done_checks
