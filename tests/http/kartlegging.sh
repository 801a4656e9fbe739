#!/bin/bash
# Kartlegging over HTTP, from the kartlegger's side with curl: starting a survey from a
# fødselsnummer (every refusal, D-nummer, synthetic numbers in test and drift mode, age 16,
# reservasjon, the same person in another instans / another kommune, numbers from 2032), the
# form (saving tabs, services, Logg, stale versions, bad counts, unknown options), the list
# (Feil, Endret, search, the menu's count, delete with confirmation), other kartleggere's
# surveys as good as absent (404), hostile input, and privacy: no fødselsnummer in any URL,
# Location header, Apache log, audit log or (in plain) in the store.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

PW="et langt passord for testene"
NUMS=()			# every fødselsnummer sent, for the privacy checks at the end

save() {	# save JAR ID VERSION TAB [curl args]: post one tab of the form
	local jar=$1 id=$2 v=$3 tab=$4
	shift 4
	hit "$jar" POST /cgi-bin/skjema -d "csrf=$(csrf "$jar")&id=$id&versjon=$v&fane=$tab" "$@"
}
list_post() {	# list_post JAR [curl args]: a POST to the list page
	local jar=$1
	shift
	hit "$jar" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$jar")" "$@"
}
location_is() { grep -q "^Location: $1"$'\r'"\?$" "$HEADERS" || { echo "     Location: $(grep -i '^Location:' "$HEADERS")" >&2; return 1; }; }
status_in() { local s; for s in "$@"; do [ "$STATUS" = "$s" ] && return 0; done; echo "     status $STATUS, not in $*" >&2; return 1; }
heading_is() { body_has "<h1>$1</h1>"; }
not_checked() { ! grep -q "name=\"$1\" value=\"$2\" id=\"[^\"]*\" checked" "$BODY" || { echo "     $1=$2 checked" >&2; return 1; }; }
kjonn_of() { [ $(( ${1:8:1} % 2 )) = 1 ] && echo Mann || echo Kvinne; }

# fnr_2032 DDMMYY III: a number that passes only the rule for numbers issued from 2032
# ((Σ d1..d9 · w1 + k1) mod 11 ∈ {1, 2, 3}; k2 as always; cgi-bin/lib/fnr.c), or nothing
fnr_2032() {
	local d=$1$2 w1=(3 7 6 1 8 9 4 5 2) w2=(5 4 3 2 7 6 5 4 3 2) s=0 i r k1 k2 n s2
	for i in 0 1 2 3 4 5 6 7 8; do s=$((s + ${d:i:1} * w1[i])); done
	for r in 1 2 3; do
		k1=$(( ((r - s) % 11 + 11) % 11 ))
		[ "$k1" -le 9 ] || continue
		n=$d$k1 s2=0
		for i in 0 1 2 3 4 5 6 7 8 9; do s2=$((s2 + ${n:i:1} * w2[i])); done
		k2=$(( (11 - s2 % 11) % 11 ))
		[ "$k2" -eq 10 ] && continue
		echo "$n$k2"
		return 0
	done
}

# Numbers. fnr_any picks individnummer 100 and up (born 1900-1999) unless told otherwise.
ORD=$(fnr_any 150385)			# ordinary, 15.03.1985
DNR=$(fnr_any 550390)			# D-nummer (day + 40), 15.03.1990
TENOR=$(fnr_any 158392)			# Tenor's synthetic numbers (month + 80)
NAVSYN=$(fnr_any 154393)		# NAV's synthetic numbers (month + 40)
RES=$(fnr_any 200788)			# reserved in 1103
OTHER=$(fnr_any 010280)			# Tina's (another instans)
GONE=$(fnr_any 111175)			# surveyed, then deleted
N2032=$(fnr_2032 010195 100)		# from 2032: no kjønn, no century
YOUNG2032=$(fnr_2032 020295 100)	# from 2032, said to be born this year
BAD=${ORD:0:10}$(( (${ORD:10:1} + 1) % 10 ))	# wrong second control digit
NUMS+=("$ORD" "$DNR" "$TENOR" "$NAVSYN" "$RES" "$OTHER" "$GONE" "$N2032" "$YOUNG2032" "$BAD")
for n in "${NUMS[@]}"; do
	[ ${#n} = 11 ] || { echo "could not make the test numbers" >&2; exit 1; }
done

# == drift mode: synthetic numbers refused ====================================================
INSTANCE_MODE=drift instance_start || { echo "could not start Apache (drift)" >&2; exit 1; }
echo "# kartlegging in drift mode on $BP_URL (build ${BUILD:-build})"
instance_kartlegger "Dina Drift" dina@drift.no "$PW" "$WORK/D" 1103 "Instans D" >/dev/null ||
    { echo "setup failed (drift)" >&2; exit 1; }
hit "$WORK/D" GET /cgi-bin/kartlegging
check "drift: the page has no test banner" body_lacks 'test-versjonen'
start "$WORK/D" "$TENOR"
check "drift: a Tenor number (month + 80) is refused" is "$STATUS" 200
check "drift: ... as synthetic" body_has 'Syntetiske testnumre kan ikke brukes i driftsversjonen.'
start "$WORK/D" "$NAVSYN"
check "drift: a NAV number (month + 40) is refused" body_has 'Syntetiske testnumre kan ikke brukes i driftsversjonen.'
start "$WORK/D" "$N2032"
check "drift: a number from 2032 is not refused: kjønn and fødselsår asked" bash -c "[ '$STATUS' = 200 ] && grep -q 'Dette fødselsnummeret sier ikke kjønn og fødselsår.' '$BODY'"
check "drift: nothing was created" is "$(menu_count "$WORK/D")" 0
if [ "$(TZ=Europe/Oslo date +%Y)" = 2026 ]; then
	start "$WORK/D" "$ORD"
	check "drift: an ordinary number is surveyed" is "$STATUS" 303
else
	echo "skip drift: an ordinary number (no definition for this year)"
fi
no_crash drift
check "drift: no number in the logs" not_in "$BP_LOGS/access.log" "$BP_LOGS/error.log"
instance_stop

# == test mode =================================================================================
instance_start || { echo "could not start Apache" >&2; exit 1; }
echo "# kartlegging on $BP_URL (build ${BUILD:-build})"
# the 2026 questionnaire is the one there is: survey in 2026 whatever the real date
[ "$(TZ=Europe/Oslo date +%Y)" = 2026 ] ||
    "$BP_BPADM" -c "$BP_CONF" clock --set '2026-06-15 12:00' >/dev/null
YEAR=2026
T1=$WORK/T1 T2=$WORK/T2 T3=$WORK/T3
instance_kartlegger "Tone En" tone@stavanger.no "$PW" "$T1" 1103 "Instans 1" >/dev/null &&
    instance_kartlegger "Tina To" tina@stavanger.no "$PW" "$T2" 1103 "Instans 2" >/dev/null &&
    instance_kartlegger "Trond Tre" trond@eigersund.no "$PW" "$T3" 1101 "Instans 3" >/dev/null ||
    { echo "setup failed" >&2; exit 1; }
# today on the instance's clock, in Norway: who turned 16 today, who turns 16 tomorrow
TODAY=$(TZ=Europe/Oslo date -d "@$(( $(date +%s) + $(instance_clock) ))" +%F)
TODAY_NO=$(TZ=Europe/Oslo date -d "@$(( $(date +%s) + $(instance_clock) ))" +%d.%m.%Y)
AT16=$(fnr_any "$(date -d "$TODAY -16 years" +%d%m%y)" 500)
UNDER16=$(fnr_any "$(date -d "$TODAY -16 years +1 day" +%d%m%y)" 500)
NUMS+=("$AT16" "$UNDER16")

# -- starting a survey: refusals ----------------------------------------------------------------
hit "$T1" GET /cgi-bin/kartlegging
check "the page" is "$STATUS" 200
check "the page's heading" heading_is "Kartlegging $YEAR"
check "no surveys yet" body_has 'Ingen kartlagte brukere.'
start "$T1" "$BAD"
check "wrong control digits: 200" is "$STATUS" 200
check "wrong control digits: said in Norwegian" body_has 'Kontrollsifrene stemmer ikke.'
check "wrong control digits: the number is kept to correct" body_has "id=\"f-fnr\"[^>]*value=\"$BAD\""
check "wrong control digits: the error is tied to the field" body_has 'aria-describedby="f-fnr-hint f-fnr-err"'
start "$T1" "${ORD:0:10}"
check "10 digits: 200" is "$STATUS" 200
check "10 digits: said" body_has 'Fødselsnummeret må ha 11 siffer.'
check "10 digits: kept" body_has "value=\"${ORD:0:10}\""
start "$T1" "${ORD:0:9}ab"
check "letters: 200" is "$STATUS" 200
check "letters: said" body_has 'Fødselsnummeret kan bare inneholde siffer.'
check "letters: kept" body_has "value=\"${ORD:0:9}ab\""
start "$T1" "$(printf '1%.0s' $(seq 200))"
check "200 characters: 200" is "$STATUS" 200
check "200 characters: said" body_has 'Fødselsnummeret må ha 11 siffer.'
check "200 characters: not echoed" body_lacks '11111111111111111111111111111111'
start "$T1" '<script>alert(1)</script>'
check "markup: 200" is "$STATUS" 200
check "markup: inert" body_lacks '<script>alert'
check "markup: shown as text" body_has 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'
start "$T1" ''
check "empty: 200 with an error" bash -c "[ '$STATUS' = 200 ] && grep -q 'f-fnr-err\">' '$BODY'"
start "$T1" "$UNDER16"
check "under 16 (turns 16 tomorrow): refused" body_has 'Personen har ikke fylt 16 år og kan ikke kartlegges.'
check "under 16: 200" is "$STATUS" 200
check "bpadm reserve" is "$(echo "$RES" | "$BP_BPADM" -c "$BP_CONF" reserve 1103)" "reservert, ingen kartlegging slettet"
start "$T1" "$RES"
check "reserved: refused" body_has 'Personen har reservert seg mot kartlegging i kommunen, og kan ikke kartlegges.'
check "reserved: 200" is "$STATUS" 200
check "none of the refusals created a survey" is "$(menu_count "$T1")" 0
hit "$T1" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T1")&handling=finnes-ikke"
check "an unknown handling: 400" is "$STATUS" 400
hit "$T1" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T1")"
check "no handling: 400" is "$STATUS" 400

# -- starting a survey: created -------------------------------------------------------------------
start "$T1" "$ORD"
IDA=$(created_id)
check "ordinary number: 303 to the form's first tab" is "$STATUS" 303
check "ordinary number: the id is 32 hex digits" bash -c "[[ '$IDA' =~ ^[0-9a-f]{32}$ ]]"
form "$T1" "$IDA"
check "the form: 200" is "$STATUS" 200
check "the form's heading: year, kjønn, fødselsår" heading_is "Kartlegging $YEAR: $(kjonn_of "$ORD"), 1985"
check "the form shows the number (it is the survey's own page)" body_has "<dd>$ORD</dd>"
check "the form is no-store" has_header 'Cache-Control: no-store'
check "the form's script is not inline" body_lacks '<script>[^<]'
start "$T1" "$DNR"
IDD=$(created_id)
check "D-nummer: created" is "$STATUS" 303
form "$T1" "$IDD"
check "D-nummer: heading" heading_is "Kartlegging $YEAR: $(kjonn_of "$DNR"), 1990"
start "$T1" "$TENOR"
IDS=$(created_id)
check "Tenor synthetic number (month + 80) accepted in test mode" is "$STATUS" 303
form "$T1" "$IDS"
check "synthetic: heading" heading_is "Kartlegging $YEAR: $(kjonn_of "$TENOR"), 1992"
start "$T1" "$NAVSYN"
check "NAV synthetic number (month + 40) accepted in test mode" is "$STATUS" 303
start "$T1" "$AT16"
check "16 today: created" is "$STATUS" 303
check "ids differ per person" bash -c "[ '$IDA' != '$IDD' ] && [ '$IDA' != '$IDS' ] && [ -n '$IDD' ]"
check "ids carry nothing of the number" bash -c "[[ '$IDA' != *${ORD:0:6}* && '$IDA' != *${ORD:6:5}* ]]"

# a number from 2032 says neither kjønn nor fødselsår: asked for, then created
start "$T1" "$N2032"
check "2032 number: 200, asks" is "$STATUS" 200
check "2032 number: says why" body_has 'Dette fødselsnummeret sier ikke kjønn og fødselsår. Velg kjønn og skriv fødselsår.'
check "2032 number: kjønn asked" body_has 'name="kjonn" value="kvinne"'
check "2032 number: fødselsår asked" body_has 'name="fodselsar"'
check "2032 number: kept" body_has "value=\"$N2032\""
start "$T1" "$N2032" -d fodselsar=1995
check "2032 number without kjønn: asked again" body_has 'Velg kjønn: dette nummeret sier ikke om personen er mann eller kvinne.'
start "$T1" "$N2032" -d 'kjonn=kvinne&fodselsar=95'
check "2032 number, two-digit year: refused" body_has 'Skriv fødselsåret med fire siffer'
check "2032 number, the chosen kjønn kept" body_has 'name="kjonn" value="kvinne" checked'
start "$T1" "$N2032" -d 'kjonn=annet&fodselsar=1995'
check "2032 number, unknown kjønn: asked again" body_has 'Velg kjønn: dette nummeret'
start "$T1" "$N2032" -d 'kjonn=mann&fodselsar=99999999999999999999'
check "2032 number, an absurd year: refused" body_has 'Skriv fødselsåret med fire siffer'
start "$T1" "$YOUNG2032" -d "kjonn=mann&fodselsar=$YEAR"
check "2032 number, born this year: under 16" body_has 'Personen har ikke fylt 16 år'
start "$T1" "$N2032" -d 'kjonn=kvinne&fodselsar=1995'
ID32=$(created_id)
check "2032 number with kjønn and fødselsår: created" is "$STATUS" 303
form "$T1" "$ID32"
check "2032 number: heading from what was given" heading_is "Kartlegging $YEAR: Kvinne, 1995"

# -- the same person again ----------------------------------------------------------------------
start "$T1" "$ORD"
check "same kartlegger again: 200" is "$STATUS" 200
check "same kartlegger again: said" body_has 'Du har allerede kartlagt denne personen'
check "same kartlegger again: a link to it" body_has "href=\"/cgi-bin/skjema?id=$IDA&amp;fane=bruker\""
start "$T1" "${ORD:0:6} ${ORD:6:5}"
check "written with a space: the same person" body_has 'Du har allerede kartlagt denne personen'
start "$T2" "$ORD"
check "another instans: 200" is "$STATUS" 200
check "another instans: told which instans" body_has "Personen er allerede kartlagt i kommunen i $YEAR, av instansen «Instans 1»."
check "another instans: not the kartlegger's name" body_lacks 'Tone'
check "another instans: not the kartlegger's e-post" body_lacks 'tone@stavanger'
check "another instans: not the survey's id" body_lacks "$IDA"
check "another instans: no other number of the first" bash -c "! grep -qF -e '$DNR' -e '$TENOR' -e '$N2032' '$BODY'"
check "another instans: no link to the survey" body_lacks 'Åpne kartleggingen'
check "another instans: nothing created" is "$(menu_count "$T2")" 0
start "$T2" "$OTHER"
IDO=$(created_id)
check "another instans: its own survey of another number" is "$STATUS" 303
start "$T3" "$ORD"
IDK=$(created_id)
check "another kommune: the same number is surveyed" is "$STATUS" 303
check "another kommune: a separate survey" bash -c "[ -n '$IDK' ] && [ '$IDK' != '$IDA' ]"
form "$T3" "$IDK"
check "another kommune: its own form" is "$STATUS" 200
start "$T3" "$RES"
check "a reservasjon holds in its kommune only" is "$STATUS" 303

# -- the form: saving a tab -------------------------------------------------------------------------
hit "$T1" GET "/cgi-bin/skjema?id=$IDA"
check "opening from the list: 303 to the first tab" is "$STATUS" 303
check "opening: to the first tab" location_is "/cgi-bin/skjema?id=$IDA&fane=bruker"
V=$(version_of "$T1" "$IDA")
check "a new survey has version 1" is "$V" 1
form "$T1" "$IDA" barn
check "the Barn tab" is "$STATUS" 200
check "an unknown tab on GET: 404" bash -c "s=\$(curl -s -o /dev/null -w '%{http_code}' -b '$T1' '$BP_URL/cgi-bin/skjema?id=$IDA&fane=nope'); [ \"\$s\" = 404 ] || [ \"\$s\" = 400 ]"
save "$T1" "$IDA" "$V" bruker -d 'kategori=rus&fodeland=norge&kognitive_vansker=ja&utdanning=fagbrev&arbeidserfaring=ingen&handling=lagre'
check "save: 303" is "$STATUS" 303
check "save: back to the tab, saved" location_is "/cgi-bin/skjema?id=$IDA&fane=bruker&melding=lagret"
hit "$T1" GET "/cgi-bin/skjema?id=$IDA&fane=bruker&melding=lagret"
check "saved: said" body_has 'Kartleggingen er lagret.'
check "saved: kategori" checked kategori rus
check "saved: fødeland" checked fodeland norge
check "saved: utdanning" checked utdanning fagbrev
check "saved: arbeidserfaring" checked arbeidserfaring ingen
check "saved: a single checkbox" body_has 'name="kognitive_vansker" value="ja"[^>]*checked'
check "saved: nothing else checked" not_checked kategori psyk
check "saved: the version went up" is "$(version_of "$T1" "$IDA")" 2
check "saved: the tab is green" body_has 'class="tab tab-green"[^>]*data-tab="bruker">Bruker<span class="visually-hidden tab-state">, ferdig'
form "$T1" "$IDA" logg
check "Logg: 200" is "$STATUS" 200
check "Logg: Opprettet" body_has '<td>Opprettet</td>'
check "Logg: Åpnet" body_has '<td>Åpnet</td>'
check "Logg: what changed, by label" body_has '<td>Lagret. Endret: Kategori, Eget fødeland, Kognitive vansker, Høyeste fullførte utdanning, Arbeidserfaring</td>'
check "Logg: who" body_has '<td>Tone En</td>'
check "Logg: no number" body_lacks "$ORD"

# a stale version: 409, nothing overwritten
save "$T1" "$IDA" 1 bruker -d 'kategori=psyk&fodeland=norge&utdanning=fagbrev&arbeidserfaring=ingen&handling=lagre'
check "stale version: 409" is "$STATUS" 409
check "stale version: said in Norwegian" body_has 'Noen har lagret denne kartleggingen etter at du åpnet den, så svarene dine i denne fanen er ikke lagret.'
check "stale version: one's answers shown again" checked kategori psyk
check "stale version: with the newer version to save from" body_has 'name="versjon" value="2"'
form "$T1" "$IDA"
check "stale version: nothing overwritten" checked kategori rus
check "stale version: version unchanged" body_has 'name="versjon" value="2"'
save "$T1" "$IDA" 2 bruker -d 'kategori=rus&fodeland=norge&kognitive_vansker=ja&utdanning=fagbrev&arbeidserfaring=ingen&handling=lagre'
check "saving what is already saved: 303" is "$STATUS" 303
check "saving what is already saved: no new version" is "$(version_of "$T1" "$IDA")" 2

# unknown options and tabs: 400, nothing saved
for bad in 'fane=bruker&kategori=finnes_ikke' 'fane=bruker&kategori=' 'fane=bruker&kognitive_vansker=nei' \
    'fane=nope&kategori=rus' 'fane=logg&kategori=rus' 'fane=&kategori=rus' 'fane=bruker&gaa=nope' \
    'fane=barn&bor_sammen_med=alene&bor_sammen_med_andre=katt' \
    'fane=tjenester_1&nav_rad_veiledning.hatt=kanskje' 'fane=tjenester_1&nav_rad_veiledning.videre=' \
    'fane=bruker&kategori=rus&kategori=psyk' 'fane=barn&barn_bor_med_egne=1&barn_bor_med_egne=2'; do
	hit "$T1" POST /cgi-bin/skjema -d "csrf=$(csrf "$T1")&id=$IDA&versjon=2&$bad&handling=lagre"
	case $bad in
	'fane=bruker&kategori=') check "an empty choice is no answer: 303" is "$STATUS" 303 ;;
	*) check "400 for $bad" is "$STATUS" 400 ;;
	esac
done
V=$(version_of "$T1" "$IDA")
check "an empty choice removed the answer" not_checked kategori rus
save "$T1" "$IDA" "$V" bruker -d 'kategori=rus&fodeland=norge&kognitive_vansker=ja&utdanning=fagbrev&arbeidserfaring=ingen&handling=lagre'
V=$(version_of "$T1" "$IDA")
for bad in 'versjon=abc' 'versjon=' 'versjon=0' 'versjon=99999999999999999999'; do
	hit "$T1" POST /cgi-bin/skjema -d "csrf=$(csrf "$T1")&id=$IDA&$bad&fane=bruker&kategori=psyk"
	check "400 for $bad" is "$STATUS" 400
done
hit "$T1" POST /cgi-bin/skjema -d "csrf=$(csrf "$T1")&id=$IDA&fane=bruker&kategori=psyk"
check "400 without a version" is "$STATUS" 400
form "$T1" "$IDA"
check "none of the 400s saved anything" bash -c "grep -q 'name=\"versjon\" value=\"$V\"' '$BODY' && grep -q 'name=\"kategori\" value=\"rus\" id=\"[^\"]*\" checked' '$BODY'"

# a count that is not a count: the tab again with the error and what was typed; nothing saved
save "$T1" "$IDA" "$V" barn -d 'bor_sammen_med=alene&barn_bor_med_egne=abc&handling=lagre'
check "count abc: 200" is "$STATUS" 200
check "count abc: said" body_has 'Bor med egne barn (fast/delt bosted): skriv et helt tall fra 0 til 20.'
check "count abc: typed value kept" body_has 'name="barn_bor_med_egne" id="f-barn_bor_med_egne"[^>]*value="abc"'
check "count abc: the other answers kept" checked bor_sammen_med alene
save "$T1" "$IDA" "$V" barn -d 'bor_sammen_med=alene&barn_bor_med_egne=99&handling=lagre'
check "count 99: 200" is "$STATUS" 200
check "count 99: said" body_has 'skriv et helt tall fra 0 til 20.'
check "count 99: typed value kept" body_has 'value="99"'
save "$T1" "$IDA" "$V" barn -d 'bor_sammen_med=alene&barn_bor_med_egne=-1&handling=lagre'
check "count -1: refused" body_has 'skriv et helt tall fra 0 til 20.'
form "$T1" "$IDA" barn
check "bad counts: nothing saved (version)" body_has "name=\"versjon\" value=\"$V\""
check "bad counts: nothing saved (answer)" not_checked bor_sammen_med alene
check "bad counts: the tab is still not visited" body_has 'data-tab="barn">Barn<span class="visually-hidden tab-state">, ikke besøkt'
save "$T1" "$IDA" "$V" barn -d 'bor_sammen_med=alene&barn_bor_med_egne=+2+&gaa=tjenester_1'
check "a tab button saves and goes to that tab" location_is "/cgi-bin/skjema?id=$IDA&fane=tjenester_1"
form "$T1" "$IDA" barn
check "a count saved" body_has 'name="barn_bor_med_egne" id="f-barn_bor_med_egne"[^>]*value="2"'
check "its choice saved" checked bor_sammen_med alene
# "bor alene, men det er registrert barn" is not in the seeds: an Obs, never a Feil
hit "$T1" GET "/cgi-bin/skjema?id=$IDA&fane=obs"
check "alone with children: an Obs" body_has 'Brukeren bor alene, men det er registrert barn som brukeren bor med.'
hit "$T1" GET "/cgi-bin/skjema?id=$IDA&fane=feil"
check "... not a Feil" body_lacks 'Brukeren bor alene, men det er registrert barn'

# services: "<id>.hatt" / "<id>.videre", Nei/Nei when not sent (a second later than every
# creation, so that this survey is the last changed in the list below)
sleep 1
V=$(version_of "$T1" "$IDA")
save "$T1" "$IDA" "$V" tjenester_1 -d 'nav_rad_veiledning.hatt=ja&nav_rad_veiledning.videre=ja&nav_midlertidig_bolig.hatt=ja&nav_midlertidig_bolig.videre=nei&handling=lagre'
check "services: saved" is "$STATUS" 303
form "$T1" "$IDA" tjenester_1
check "service had: ja" checked nav_rad_veiledning.hatt ja
check "service further: ja" checked nav_rad_veiledning.videre ja
check "another service: ja / nei" bash -c "grep -q 'name=\"nav_midlertidig_bolig.hatt\" value=\"ja\" id=\"[^\"]*\" checked' '$BODY' && grep -q 'name=\"nav_midlertidig_bolig.videre\" value=\"nei\" id=\"[^\"]*\" checked' '$BODY'"
check "a service not sent: nei" checked nav_okonomisk_sosialhjelp.hatt nei
form "$T1" "$IDA" logg
check "Logg: the services by their labels" body_has 'Lagret. Endret: Råd/veiledning, Midlertidig bolig'
V=$(version_of "$T1" "$IDA")
save "$T1" "$IDA" "$V" tjenester_1 -d 'nav_rad_veiledning.hatt=ja&nav_rad_veiledning.videre=ja&nav_midlertidig_bolig.hatt=ja&nav_midlertidig_bolig.videre=ja&handling=lagre'
form "$T1" "$IDA" logg
check "Logg: a second save names only the service changed" body_has '<td>Lagret. Endret: Midlertidig bolig</td>'
# "Antall måneder": a stay in temporary housing longer than a year is an answer
save "$T1" "$IDA" "$(version_of "$T1" "$IDA")" tjenester_1 -d 'nav_rad_veiledning.hatt=ja&nav_rad_veiledning.videre=ja&nav_midlertidig_bolig.hatt=ja&nav_midlertidig_bolig.videre=ja&midlertidig_bolig_botid_maneder=30&handling=lagre'
check "30 months of botid: saved" status_in 303
form "$T1" "$IDA" tjenester_1
check "30 months of botid: kept" body_has 'name="midlertidig_bolig_botid_maneder"[^>]*value="30"'
V=$(version_of "$T1" "$IDA")
save "$T1" "$IDA" "$V" bruker -d 'kategori=rus&fodeland=norge&kognitive_vansker=ja&utdanning=fagbrev&arbeidserfaring=ingen&handling=lukk'
check "Lagre og lukk: to the list" location_is '/cgi-bin/kartlegging?melding=lagret'
hit "$T1" GET '/cgi-bin/kartlegging?melding=lagret'
check "the list says saved" body_has 'Kartleggingen er lagret.'

# requests that are not allowed
FORM="csrf=$(csrf "$T1")&id=$IDA&versjon=$V&fane=bruker&kategori=psyk"
hit "$T1" POST /cgi-bin/skjema -d "id=$IDA&versjon=$V&fane=bruker&kategori=psyk"
check "no CSRF token: 403" is "$STATUS" 403
hit "$T1" POST /cgi-bin/skjema -d "csrf=$(printf '%064d' 0)&id=$IDA&versjon=$V&fane=bruker&kategori=psyk"
check "a wrong CSRF token: 403" is "$STATUS" 403
hit "$T1" POST /cgi-bin/skjema -d "csrf=$(printf '%064d' 0)&$FORM"
check "a wrong CSRF token first, the right one second: 403" is "$STATUS" 403
hit "$T1" POST /cgi-bin/skjema -H 'Origin: https://evil.example' -d "$FORM"
check "a foreign Origin: 403" is "$STATUS" 403
hit "$T2" POST /cgi-bin/skjema -d "$FORM"
check "another session's CSRF token: 403" is "$STATUS" 403
hit - GET "/cgi-bin/skjema?id=$IDA&fane=bruker"
check "not logged in: to the login" bash -c "[ '$STATUS' = 303 ] && grep -q '^Location: /cgi-bin/login' '$HEADERS'"
check "not logged in: nothing of the survey" body_lacks "$ORD"
PRE=$WORK/pre
PRECSRF=$(curl -s -c "$PRE" -b "$PRE" "$BP_URL/cgi-bin/login" | csrf_of_page)
hit "$PRE" POST /cgi-bin/skjema -d "csrf=$PRECSRF&id=$IDA&versjon=$V&fane=bruker&kategori=psyk"
check "not logged in, POST: to the login" bash -c "[ '$STATUS' = 303 ] && grep -q '^Location: /cgi-bin/login' '$HEADERS'"
hit "$PRE" POST /cgi-bin/kartlegging -d "csrf=$PRECSRF&handling=ny" --data-urlencode "fnr=$ORD"
check "not logged in, start: to the login" bash -c "[ '$STATUS' = 303 ] && grep -q '^Location: /cgi-bin/login' '$HEADERS'"
hit - GET /cgi-bin/kartlegging
check "not logged in, list: to the login" bash -c "[ '$STATUS' = 303 ] && grep -q '^Location: /cgi-bin/login' '$HEADERS'"
head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' a > "$WORK/big"
hit "$T1" POST /cgi-bin/skjema --data-binary "@$WORK/big"
check "a body over 1 MiB: 413" is "$STATUS" 413
{ printf '%s&kategori=' "$FORM"; head -c $((1024 * 1024)) /dev/zero | tr '\0' a; } > "$WORK/big2"
hit "$T1" POST /cgi-bin/skjema --data-binary "@$WORK/big2"
check "a form over 1 MiB: 413" is "$STATUS" 413
hit "$T1" PUT /cgi-bin/skjema -d "$FORM"
check "PUT: 405" is "$STATUS" 405
hit "$T1" POST /cgi-bin/skjema -H 'Content-Type: text/plain' --data-binary "$FORM"
check "not a form: 415" is "$STATUS" 415
form "$T1" "$IDA"
check "none of these saved anything" bash -c "grep -q 'name=\"versjon\" value=\"$V\"' '$BODY'"

# -- other kartleggere's surveys: as good as absent --------------------------------------------
for who in T2 T3; do
	jar=${!who}
	for path in "/cgi-bin/skjema?id=$IDA&fane=bruker" "/cgi-bin/skjema?id=$IDA" \
	    "/cgi-bin/skjema?id=$IDA&fane=logg" "/cgi-bin/skjema?id=$IDA&fane=feil"; do
		hit "$jar" GET "$path"
		check "$who: GET ${path#*\?}: 404" is "$STATUS" 404
		check "$who: ... nothing of it" bash -c "! grep -qF -e '$ORD' -e 'Tone' '$BODY'"
	done
	save "$jar" "$IDA" "$V" bruker -d 'kategori=psyk&handling=lagre'
	check "$who: saving another's: 404" is "$STATUS" 404
	list_post "$jar" -d "handling=slett&id=$IDA"
	check "$who: deleting another's (confirm): 404" is "$STATUS" 404
	check "$who: ... no number on the page" body_lacks "$ORD"
	list_post "$jar" -d "handling=slett&id=$IDA&bekreft=ja"
	check "$who: deleting another's: 404" is "$STATUS" 404
done
hit "$T1" GET "/cgi-bin/skjema?id=$IDO&fane=bruker"
check "and the other way: Tone cannot open Tina's" is "$STATUS" 404
form "$T1" "$IDA"
check "another's attempts changed nothing" bash -c "grep -q 'name=\"versjon\" value=\"$V\"' '$BODY' && grep -q 'name=\"kategori\" value=\"rus\" id=\"[^\"]*\" checked' '$BODY'"
form "$T1" "$IDA" logg
check "another's attempts are not in the Logg" bash -c "! grep -q -e 'Tina' -e 'Trond' '$BODY'"

# malformed and forged ids
for bad in '' zz '..%2F..%2Fetc%2Fpasswd' "${IDO^^}" "${IDA}00" "${IDA:0:31}" "${IDA:0:31}g" \
    "$(printf '%032d' 0)" "$(printf '%064d' 0)" 12345678901 '%C3%A6%C3%B8' "$IDA%00"; do
	hit "$T1" GET "/cgi-bin/skjema?id=$bad&fane=bruker"
	check "GET id '${bad:0:36}': 404 or 400" status_in 404 400
	save "$T1" "$bad" "$V" bruker -d kategori=rus
	check "POST id '${bad:0:36}': 404 or 400" status_in 404 400
	list_post "$T1" -d "handling=slett&bekreft=ja&id=$bad"
	check "delete id '${bad:0:36}': 404 or 400" status_in 404 400
done
hit "$T1" GET "/cgi-bin/skjema?id=$IDA&id=$IDO&fane=bruker"
check "two ids: no 500" status_in 200 400 404

# -- the list ------------------------------------------------------------------------------------------
form "$T1" "$IDA" feil
# the Feil tab says "Feil (N)", "Feil (M ubesvart)" or "Feil (N + M ubesvart)": the list
# counts both
FEIL=$(grep -o 'Feil ([0-9]*\( + [0-9]*\)\?\( ubesvart\)\?)' "$BODY" | head -1 | grep -o '[0-9]*' | awk '{ n += $1 } END { print n + 0 }')
check "the Feil tab's count" bash -c "[[ '$FEIL' =~ ^[0-9]+$ ]]"
hit "$T1" GET /cgi-bin/kartlegging
check "the list: 200" is "$STATUS" 200
check "the list: own surveys (6)" body_has '6 kartlagte brukere. Sist endret først.'
check "the list: the number, linked by id (relative to the list: /cgi-bin/skjema)" body_has "<a href=\"skjema?id=$IDA\">$ORD</a>"
check "the list: Feil and Endret of the survey" bash -c "tr -d '\n' < '$BODY' | grep -q '>$ORD</a></th><td>$FEIL</td><td>$TODAY_NO kl. [0-2][0-9]:[0-5][0-9]</td>'"
check "the list: columns" body_has '<th scope="col">Feil</th><th scope="col">Endret</th>'
check "the list: most recently changed first" bash -c "[ \"\$(grep -o 'skjema?id=[0-9a-f]*\">[0-9]*</a>' '$BODY' | head -1)\" = 'skjema?id=$IDA\">$ORD</a>' ]"
check "the list: not another instans's" body_lacks "$OTHER"
check "the list: no-store" has_header 'Cache-Control: no-store'
check "the list: Endre and Slett name the number apart (accessible name)" bash -c "grep -q 'aria-label=\"Endre $ORD\">Endre</a>' '$BODY' && grep -q 'aria-label=\"Slett $ORD\">Slett</button>' '$BODY'"
check "the list: not another kommune's survey of the same person" body_lacks "$IDK"
tr -d '\n' < "$BODY" > "$WORK/list.flat"
check "the list: one form for Slett, its CSRF field and handling=slett once, around the table" bash -c "[ \$(grep -o 'name=\"handling\" value=\"slett\"' '$WORK/list.flat' | wc -l) = 1 ] && grep -q '<form method=\"post\" action=\"/cgi-bin/kartlegging\"><input type=\"hidden\" name=\"csrf\" value=\"[0-9a-f]*\"><input type=\"hidden\" name=\"handling\" value=\"slett\"><table class=\"data\">' '$WORK/list.flat'"
check "the list: each Slett button sends its survey's id" body_has "<button type=\"submit\" name=\"id\" value=\"$IDA\" class=\"danger\" aria-label=\"Slett $ORD\">Slett</button>"
check "the menu's year card counts own surveys" is "$(menu_count "$T1")" 6
check "... Tina's" is "$(menu_count "$T2")" 1
check "... Trond's" is "$(menu_count "$T3")" 2
list_post "$T1" -d "handling=sok&sok=${ORD:5:5}"
check "search by part of the number: 200" is "$STATUS" 200
check "search: found" body_has ">$ORD</a>"
check "search: one hit" body_has '1 treff.'
check "search: others not listed" bash -c "! grep -qF -e '>$DNR<' -e '>$TENOR<' '$BODY'"
check "search: the query stays in the field" body_has "value=\"${ORD:5:5}\""
list_post "$T1" -d "handling=sok" --data-urlencode "sok=${ORD:0:6} ${ORD:6:5}"
check "search: the whole number with a space" body_has ">$ORD</a>"
list_post "$T1" -d "handling=sok&sok=$OTHER"
check "search: another instans's number is not found" body_has 'Ingen av dine kartlagte brukere passer med søket.'
check "search: ... and not listed" body_lacks ">$OTHER</a>"
list_post "$T2" -d "handling=sok&sok=${ORD:0:6}"
check "search: Tina does not find Tone's" body_lacks ">$ORD</a>"
list_post "$T1" -d "handling=sok&sok=abc"
check "search with letters: said" body_has 'Søk med siffer fra fødselsnummeret (1 til 11 siffer).'
check "search with letters: 200" is "$STATUS" 200
list_post "$T1" -d "handling=sok&sok=123456789012345"
check "search with 15 digits: refused" body_has 'Søk med siffer fra fødselsnummeret (1 til 11 siffer).'
list_post "$T1" -d "handling=sok&sok="
check "empty search: 200" is "$STATUS" 200
hit "$T1" GET '/cgi-bin/kartlegging?side=2'
check "page 2 of a short list: 200" is "$STATUS" 200
for q in side=0 side=abc side=-1 'side=99999999999999999999'; do
	hit "$T1" GET "/cgi-bin/kartlegging?$q"
	check "$q: 400" is "$STATUS" 400
done

# delete: confirm first
start "$T1" "$GONE"
IDG=$(created_id)
check "one more, to delete" is "$STATUS" 303
check "the menu counts it" is "$(menu_count "$T1")" 7
list_post "$T1" -d "handling=slett&id=$IDG"
check "delete: a confirmation page" is "$STATUS" 200
check "delete: asks" body_has 'Slett kartleggingen'
check "delete: names the number" body_has "<strong>$GONE</strong>"
check "delete: the confirmation carries the id" body_has "name=\"id\" value=\"$IDG\""
form "$T1" "$IDG"
check "delete: not deleted before confirmed" is "$STATUS" 200
list_post "$T1" -d "handling=slett&id=$IDG&bekreft=ja"
check "delete confirmed: 303" is "$STATUS" 303
check "delete confirmed: to the list, said" location_is '/cgi-bin/kartlegging?melding=slettet'
hit "$T1" GET '/cgi-bin/kartlegging?melding=slettet'
check "the list says deleted" body_has 'Kartleggingen er slettet.'
check "the list lacks it" body_lacks "$GONE"
check "the list lacks its id" body_lacks "$IDG"
check "the menu count went down" is "$(menu_count "$T1")" 6
form "$T1" "$IDG"
check "its id: 404" is "$STATUS" 404
form "$T1" "$IDG" logg
check "its Logg: 404" is "$STATUS" 404
list_post "$T1" -d "handling=slett&id=$IDG&bekreft=ja"
check "deleting again: 404" is "$STATUS" 404
check "the deletion is in the audit log" bash -c "'$BP_BPADM' -c '$BP_CONF' audit | grep -q survey.delete"
# the person may now be surveyed by another instans: a new survey, with nothing of the old
start "$T2" "$GONE"
IDG2=$(created_id)
check "after a deletion another instans may survey the person" is "$STATUS" 303
form "$T2" "$IDG2" logg
check "... its Logg: one Opprettet, by Tina" bash -c "[ \"\$(tr -d '\n' < '$BODY' | grep -o '<td>[^<]*</td><td>Opprettet</td>')\" = '<td>Tina To</td><td>Opprettet</td>' ]"
check "... its Logg has nothing of the deleted survey" bash -c "! grep -q -e 'Tone En' -e '<td>Slettet</td>' '$BODY'"
form "$T1" "$IDG"
check "... the deleted survey's id does not open it" is "$STATUS" 404

# a long list: pages of 50, the search over all of them
"$BP_BPADM" -c "$BP_CONF" demo --owner trond@eigersund.no --surveys 55 >/dev/null
check "bpadm demo: 55 more for Trond" is "$(menu_count "$T3")" 57
hit "$T3" GET /cgi-bin/kartlegging
check "page 1 of 2: said" body_has '57 kartlagte brukere, side 1 av 2.'
check "page 1: 50 rows" is "$(grep -o '<th scope="row">' "$BODY" | wc -l)" 50
check "page 1: a link to the next" body_has 'href="/cgi-bin/kartlegging?side=2">Neste side'
grep -o '<th scope="row"><a href="[^"]*">[0-9]*' "$BODY" > "$WORK/rows"
hit "$T3" GET '/cgi-bin/kartlegging?side=2'
check "page 2: said" body_has '57 kartlagte brukere, side 2 av 2.'
check "page 2: 7 rows" is "$(grep -o '<th scope="row">' "$BODY" | wc -l)" 7
check "page 2: a link back" body_has 'href="/cgi-bin/kartlegging?side=1">Forrige side'
grep -o '<th scope="row"><a href="[^"]*">[0-9]*' "$BODY" >> "$WORK/rows"
check "the two pages: every survey once" is "$(sort -u "$WORK/rows" | wc -l)" 57
check "the two pages: Trond's survey of the person among them" is "$(grep -c ">$ORD\$" "$WORK/rows")" 1
list_post "$T3" -d "handling=sok&sok=$ORD"
check "the search looks through every page" bash -c "grep -q '>$ORD</a>' '$BODY' && grep -q '1 treff.' '$BODY'"

# -- hostile input ----------------------------------------------------------------------------------
V=$(version_of "$T1" "$IDA")
BASE="csrf=$(csrf "$T1")&id=$IDA&versjon=$V"
long=$(head -c 60000 /dev/zero | tr '\0' a)
digits=$(head -c 60000 /dev/zero | tr '\0' 7)
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=bruker&kategori=$long"
check "a 60 000-character option: 400" is "$STATUS" 400
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=barn&barn_bor_med_egne=$digits"
check "a 60 000-digit count: 200 with the error" bash -c "[ '$STATUS' = 200 ] && grep -q 'skriv et helt tall fra 0 til 20' '$BODY'"
check "... not echoed whole" bash -c "! grep -q '7\{100\}' '$BODY'"
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=barn&barn_bor_med_egne=1&ukjent_felt=$long"
check "a long unknown field: ignored, saved" is "$STATUS" 303
V=$(version_of "$T1" "$IDA")
BASE="csrf=$(csrf "$T1")&id=$IDA&versjon=$V"
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=bruker&kategori=$long$long"
check "a value over 64 KiB: 413" is "$STATUS" 413
start "$T1" "$long"
check "a 60 000-character number: 200 with the error" bash -c "[ '$STATUS' = 200 ] && grep -q 'Fødselsnummeret må ha 11 siffer.' '$BODY'"
list_post "$T1" -d "handling=sok&sok=$digits"
check "a 60 000-digit search: 200 with the error" bash -c "[ '$STATUS' = 200 ] && grep -q 'Søk med siffer' '$BODY'"
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=bruker&$(head -c 65 /dev/zero | tr '\0' k)=1"
check "a 65-character field name: 400" is "$STATUS" 400
for v in '%01' '%1B%5B31m' '%7F' '%00' 'rus%00' 'rus%0D%0A' '%C3%28' '%C0%AF' '%ED%A0%80' '%F4%90%80%80' '%FF' '%E2%82'; do
	hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=bruker&kategori=$v"
	check "form value '$v': 400" is "$STATUS" 400
	hit "$T1" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T1")&handling=ny&fnr=${ORD:0:5}$v"
	check "number '${ORD:0:5}$v': 400 or refused" bash -c "[ '$STATUS' = 400 ] || { [ '$STATUS' = 200 ] && grep -q 'f-fnr-err\">' '$BODY'; }"
	hit "$T1" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T1")&handling=sok&sok=12$v"
	check "search '12$v': 400 or refused" bash -c "[ '$STATUS' = 400 ] || { [ '$STATUS' = 200 ] && grep -q 'Søk med siffer' '$BODY'; }"
	hit "$T1" GET "/cgi-bin/skjema?id=$IDA&fane=bruker$v"
	check "query '$v': 400 or 404" status_in 400 404
done
start "$T1" "$(printf '%s\t' "$ORD")"
check "a tab in the number: refused" bash -c "[ '$STATUS' = 200 ] && grep -q 'f-fnr-err\">' '$BODY'"
start "$T1" "١٥٠٣٨٥١٠١٩٠"
check "Arabic-Indic digits: refused" bash -c "[ '$STATUS' = 200 ] && grep -q 'Fødselsnummeret kan bare inneholde siffer.' '$BODY'"
check "... nothing created" is "$(menu_count "$T1")" 6

# 2,000 fields and duplicates
printf -v many 'x%d=1&' $(seq 2000)
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=barn&bor_sammen_med=alene&barn_bor_med_egne=1&$many"
check "2,000 unknown fields: ignored, saved" is "$STATUS" 303
V=$(version_of "$T1" "$IDA")
BASE="csrf=$(csrf "$T1")&id=$IDA&versjon=$V"
printf -v many 'bor_sammen_med_andre=partner&%.0s' $(seq 2000)
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=barn&bor_sammen_med=sammen_med_andre&$many"
check "2,000 copies of one multi option: saved once" is "$STATUS" 303
form "$T1" "$IDA" barn
check "... checked" checked bor_sammen_med_andre partner
V=$(version_of "$T1" "$IDA")
BASE="csrf=$(csrf "$T1")&id=$IDA&versjon=$V"
printf -v many 'kategori=rus&%.0s' $(seq 2000)
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=bruker&$many"
check "2,000 copies of a single choice: 400" is "$STATUS" 400
printf -v many 'k%d=1&' $(seq 2100)
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=bruker&$many"
check "2,100 fields: 413" is "$STATUS" 413
printf -v many 'nav_rad_veiledning.hatt=ja&%.0s' $(seq 2000)
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=tjenester_1&$many"
check "2,000 copies of a service answer: no 500" status_in 303 400
V=$(version_of "$T1" "$IDA")
BASE="csrf=$(csrf "$T1")&id=$IDA&versjon=$V"
hit "$T1" POST /cgi-bin/skjema -d "$BASE&fane=bruker&fane=barn&kategori=rus"
check "two tabs: no 500" status_in 303 400 409
V=$(version_of "$T1" "$IDA")
hit "$T1" POST /cgi-bin/skjema -d "csrf=$(csrf "$T1")&id=$IDA&versjon=$V&versjon=1&fane=bruker&kategori=rus"
check "two versions: no 500" status_in 303 400 409
hit "$T1" POST /cgi-bin/skjema -d "csrf=$(csrf "$T1")&id=$IDO&id=$IDA&versjon=$V&fane=bruker&kategori=psyk"
check "another's id first, one's own second: 404" is "$STATUS" 404
hit "$T1" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T1")&handling=slett&handling=ny&fnr=$GONE"
check "two handlings: no 500" status_in 200 303 400 404
hit "$T1" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T1")&handling=slett&bekreft=ja&id=$IDO&id=$IDA"
check "delete, another's id first: 404" is "$STATUS" 404
form "$T1" "$IDA"
check "the survey is still there" is "$STATUS" 200
form "$T2" "$IDO"
check "Tina's survey is still there" is "$STATUS" 200
hit "$T1" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$T1")&handling=ny&fnr=$ORD&fnr=$GONE"
check "two numbers: no 500" status_in 200 303 400
hit "$T1" GET "/cgi-bin/skjema?id=$IDA&fane=$(head -c 5000 /dev/zero | tr '\0' a)"
check "a 5,000-character query: 400" is "$STATUS" 400

# -- a new survey's greeting (issue 17 §11): grey tabs, no red Feil, mandatory questions marked ----------
FRESH=$(fnr_any 220469)
NUMS+=("$FRESH")
start "$T1" "$FRESH"
IDF=$(created_id)
check "a fresh survey is made" bash -c "[ -n '$IDF' ]"
form "$T1" "$IDF" bruker
check "fresh: every tab is grey (not visited)" bash -c "[ \$(grep -o 'class=\"tab tab-grey\"' '$BODY' | wc -l) = 6 ] && ! grep -q -e 'tab-red' -e 'tab-green' '$BODY'"
check "fresh: Feil says what is left to answer, not red" bash -c "grep -Eq 'class=\"tab tab-ubesvart\" data-tab=\"feil\">Feil \([0-9]+ ubesvart\)<span class=\"visually-hidden tab-state\">, 0 feil, [0-9]+ obligatoriske spørsmål uten svar</span>' '$BODY' && ! grep -q 'tab-feil' '$BODY'"
check "fresh: no error summary on a tab not yet saved" body_lacks 'Denne fanen mangler svar'
check "mandatory: its options a required radiogroup" body_has '<div class="options" role="radiogroup" aria-required="true" aria-labelledby="lg-kategori">'
check "mandatory: the legend says so" bash -c "tr -d '\n' < '$BODY' | grep -q '<legend id=\"lg-kategori\">Kategori<span class=\"required\"> (obligatorisk)</span></legend>'"
form "$T1" "$IDF" planer_samarbeid
check "not mandatory: no mark" bash -c "tr -d '\n' < '$BODY' | grep -q '<legend id=\"lg-planer\">Planer/samarbeid</legend>' && ! grep -q 'aria-required' '$BODY'"
# no JavaScript: a tab turns green or red when it is saved, the others stay grey
V=$(version_of "$T1" "$IDF")
save "$T1" "$IDF" "$V" bruker -d 'kategori=rus&handling=lagre'
form "$T1" "$IDF" bruker
check "saved with answers missing: this tab red, the others grey" bash -c "grep -q 'class=\"tab tab-red\" aria-current=\"page\" data-tab=\"bruker\"' '$BODY' && [ \$(grep -o 'class=\"tab tab-grey\"' '$BODY' | wc -l) = 5 ]"
# a contradiction is told apart from what is left to answer
V=$(version_of "$T1" "$IDF")
save "$T1" "$IDF" "$V" levekar -d 'rusmiddelbruk=ingen_rusmidler&rusmiddelbruk=alkohol&handling=lagre'
form "$T1" "$IDF" feil
check "a contradiction: Feil (1 + n ubesvart), red" bash -c "grep -Eq 'class=\"tab tab-feil\" aria-current=\"page\" data-tab=\"feil\">Feil \(1 \+ [0-9]+ ubesvart\)' '$BODY'"
check "the Feil view: what is wrong apart from what is unanswered" bash -c "grep -q '<h3>Svar som er feil eller motsier hverandre (1)</h3>' '$BODY' && grep -Eq '<h3>Obligatoriske spørsmål uten svar \([0-9]+\)</h3>' '$BODY'"
# two questions with the same label, in TSB and in psykisk helsevern
V=$(version_of "$T1" "$IDF")
save "$T1" "$IDF" "$V" tjenester_2 -d 'tsb_dognbehandling.hatt=ja&tsb_dognbehandling.videre=nei&phv_dognbehandling.hatt=ja&phv_dognbehandling.videre=nei&handling=lagre'
form "$T1" "$IDF" feil
check "Feil names tab and section: TSB's «Utskrevet?»" body_has 'Tjenester 2 – Tjenester i TSB – Tilleggsspørsmål om døgnbehandling: «Utskrevet?» mangler svar.'
check "... and psykisk helsevern's" body_has 'Tjenester 2 – Tjenester i psykisk helsevern – Tilleggsspørsmål om døgnbehandling: «Utskrevet?» mangler svar.'
form "$T1" "$IDF" logg
check "Logg: a label two questions share says where each stands" body_has 'Endret: Døgnbehandling (Tjenester i TSB), Døgnbehandling (Tjenester i psykisk helsevern)</td>'
form "$T1" "$IDF" tjenester_2
check "the tab's own summary names the section too" body_has 'Tjenester i TSB – Tilleggsspørsmål om døgnbehandling: «Utskrevet?» mangler svar.'

# -- help the kartlegger can open (issue 17 §12), from the definition, without JavaScript ---------------
form "$T1" "$IDF" bruker
tr -d '\n' < "$BODY" > "$WORK/flat"
check "Slik kartlegger du: a closed disclosure on the tab" grep -q '<details class="guidance"><summary>Slik kartlegger du</summary>' "$WORK/flat"
check "... vet ikke/ukjent only without any information" grep -q 'Bruk svaralternativet vet ikke/ukjent kun når du ikke har noen informasjon' "$WORK/flat"
check "... an øyeblikksbilde from the last 1–2 contacts" grep -q 'status ved de siste 1–2 kontaktene du har hatt med brukeren' "$WORK/flat"
check "... save as you go" grep -q 'Det er lurt å lagre kartleggingen underveis' "$WORK/flat"
check "... the kategori is not an øyeblikksbilde" grep -q 'Denne vurderingen er ikke et øyeblikksbilde' "$WORK/flat"
check "no service combinations where no service is asked" bash -c "! grep -q 'Slik svarer du for hver tjeneste' '$WORK/flat'"
form "$T1" "$IDF" tjenester_1
tr -d '\n' < "$BODY" > "$WORK/flat"
check "the four answers of a service" bash -c "grep -q '<summary>Slik svarer du for hver tjeneste</summary>' '$WORK/flat' && [ \$(grep -o '<tr><td>\(Ja\|Nei\)</td><td>\(Ja\|Nei\)</td><td>[^<]*</td></tr>' '$WORK/flat' | wc -l) = 4 ]"
check "... Nei, Ja: a new service recommended" grep -q '<tr><td>Nei</td><td>Ja</td><td>Har ikke hatt tjenesten siste året, men anbefaler at den startes som ny tjeneste</td></tr>' "$WORK/flat"
form "$T1" "$IDF" tjenester_2
tr -d '\n' < "$BODY" > "$WORK/flat"
check "ACT/FACT: the help under Andre typer samhandlingsteam" grep -q '<h3 id="g-samhandlingsteam">Andre typer samhandlingsteam</h3><details class="help"><summary><span class="info" aria-hidden="true">i</span><span class="visually-hidden">Hjelp til «Andre typer samhandlingsteam»</span></summary><div class="help-text pre">ACT er en modell for å gi oppsøkende, samtidige og helhetlige tjenester' "$WORK/flat"

# -- privacy --------------------------------------------------------------------------------------------
check "no request answered 500" bash -c "[ ! -s '$WORK/500s' ] || { cat '$WORK/500s' >&2; false; }"
grep -i '^Location:' "$WORK/headers.all" > "$WORK/locations"
check "Location headers were seen" test -s "$WORK/locations"
check "no number in any Location header" not_in "$WORK/locations"
check "no number in any header" not_in "$WORK/headers.all"
check "no number in any requested URL or link on a page" not_in "$WORK/urls.all"
check "no number in the access log" not_in "$BP_LOGS/access.log"
check "no number in the error log" not_in "$BP_LOGS/error.log"
"$BP_BPADM" -c "$BP_CONF" audit > "$WORK/audit" 2>&1
check "no number in the audit log" not_in "$WORK/audit"
check "no number in plain in the store" not_in "$BP_SITE"/store/*
check "no number in the test clock or elsewhere in the site" bash -c "! grep -rlaF -e '$ORD' -e '$RES' -e '$N2032' '$BP_SITE' >&2"
check "the access log has the requests" bash -c "grep -q 'POST /cgi-bin/kartlegging' '$BP_LOGS/access.log' && grep -q 'GET /cgi-bin/skjema HTTP' '$BP_LOGS/access.log'"
no_crash test
done_checks
