#!/bin/bash
# A kommune's whole year over HTTP, with the test clock (mode = test): surveys (some with
# errors), the date card (checks, the under-14-days and moved-date warnings), the lock at
# sluttdato (no new surveys, edits refused, retting etter krav fra bruker allowed and
# logged), the person's rights after it (innsyn PDFs read back with pdftotext, a reservasjon
# that deletes a survey which then is not transferred), the transfer by the kommunekontakt's button (confirmation, receipt), then KORFOR's
# registry and CSV (columns, rows, no numbers); a second kommune transferred by the cron
# tool bp-transfer after 31 December (dry run first, exactly once), and privacy at the end:
# no fødselsnummer in the registry, the CSV, any URL or the Apache logs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

PW="et langt passord for testene"
BP_TRANSFER=${BUILD:-build}/tools/bp-transfer

status_is() { is "$STATUS" "$1"; }
# own_ids JAR: the page ids of the account's surveys (one page of the list: up to 50),
# with their Feil, as "id errors"
own_ids() {
	curl -s -b "$1" "$BP_URL/cgi-bin/kartlegging" |
	    tr '\n' ' ' | grep -o 'skjema?id=[0-9a-f]*">[0-9]*</a></th><td>[0-9]*' |
	    sed 's/skjema?id=\([0-9a-f]*\)">[0-9]*<\/a><\/th><td>\([0-9]*\)/\1 \2/'
}

suite_start "a kommune's year"
clock '2026-06-01 10:00'

KK_EMAIL=kari@stavanger.kommune.no K1_EMAIL=ola@stavanger.kommune.no
K2_EMAIL=per@sola.kommune.no
K1_SECRET=$(instance_kartlegger "Ola Kartlegger" "$K1_EMAIL" "$PW" "$WORK/k1" 1103 "Rus og psykisk helse") ||
    { echo "setup: kartlegger" >&2; exit 1; }
K2_SECRET=$(instance_kartlegger "Per Kartlegger" "$K2_EMAIL" "$PW" "$WORK/k2" 1124 "NAV Sola") ||
    { echo "setup: kartlegger 2" >&2; exit 1; }
KF_SECRET=$(instance_account "Kai KORFOR" kai@korfor.no "$PW" "$WORK/kf") || { echo "setup: korfor" >&2; exit 1; }
KORFOR=$WORK/kf
link=$(instance_invite "$KORFOR" kommunekontakt kommune=1103 "instans=Stavanger kommune")
KK_SECRET=$(instance_register "$link" "Kari Kontakt" "$KK_EMAIL" "$PW" "$WORK/kk") &&
    instance_login "$KK_EMAIL" "$PW" "$KK_SECRET" "$WORK/kk" || { echo "setup: kommunekontakt" >&2; exit 1; }

# surveys: synthetic ones with plausible answers (a share with errors), and one typed in
"$BP_BPADM" -c "$BP_CONF" demo --owner "$K1_EMAIL" --surveys 12 >/dev/null || { echo "setup: demo" >&2; exit 1; }
"$BP_BPADM" -c "$BP_CONF" demo --owner "$K2_EMAIL" --surveys 7 >/dev/null || { echo "setup: demo 2" >&2; exit 1; }
NEW=$(fnr_any 150385)
hit "$WORK/k1" POST /cgi-bin/kartlegging -d "csrf=$(csrf "$WORK/k1")&handling=ny" --data-urlencode "fnr=$NEW"
check "a survey typed in is made" status_is 303
mapfile -t ROWS < <(own_ids "$WORK/k1")
OK1=0 ERR1=0
for r in "${ROWS[@]}"; do [ "${r#* }" = 0 ] && OK1=$((OK1 + 1)) || ERR1=$((ERR1 + 1)); done
check "the kartlegger has 13 surveys, some with errors, at least two without" \
    bash -c "[ ${#ROWS[@]} = 13 ] && [ $OK1 -gt 1 ] && [ $ERR1 -ge 1 ]"
echo "     1103: $OK1 without errors, $ERR1 with"
mapfile -t ROWS2 < <(own_ids "$WORK/k2")
OK2=0
for r in "${ROWS2[@]}"; do [ "${r#* }" = 0 ] && OK2=$((OK2 + 1)); done

# == the date card ===========================================================================
hit "$WORK/k1" GET /cgi-bin/overforing
check "a kartlegger may not set the dates (403)" status_is 403
hit "$WORK/kk" GET /cgi-bin/overforing
check "the kommunekontakt's date card" body_has "Sluttdato og overføringsdato"
check "no transfer before overføringsdato" body_lacks "Jeg bekrefter at kartleggingen skal overføres"
C=$(csrf "$WORK/kk")
hit "$WORK/kk" POST /cgi-bin/overforing -d "csrf=$C&handling=datoer&sluttdato=2026-06-10&overforingsdato=2026-06-05"
check "overføringsdato before sluttdato is refused" bash -c "[ $STATUS = 400 ] && grep -q 'Overføringsdatoen kan ikke være før sluttdatoen.' '$BODY'"
hit "$WORK/kk" POST /cgi-bin/overforing -d "csrf=$C&handling=datoer&sluttdato=2026-12-01&overforingsdato=2027-01-05"
check "an overføringsdato after 31 December is refused" bash -c "[ $STATUS = 400 ] && grep -q 'Siste mulige overføringsdato er 31. desember.' '$BODY'"
hit "$WORK/kk" POST /cgi-bin/overforing -d "csrf=$C&handling=datoer&sluttdato=31.06.2026&overforingsdato=2026-07-01"
check "a date that does not exist is refused, kept as typed" bash -c "[ $STATUS = 400 ] && grep -q 'value=\"31.06.2026\"' '$BODY' && grep -q 'aria-invalid' '$BODY'"
hit "$WORK/kk" POST /cgi-bin/overforing -d "csrf=$C&handling=datoer&sluttdato=10.06.2026&overforingsdato=2026-06-20"
check "dates under 14 days apart are saved, with the warning" bash -c "[ $STATUS = 200 ] && grep -q 'mindre enn 14 dager' '$BODY' && grep -q 'value=\"10.06.2026\"' '$BODY'"
hit "$WORK/kk" POST /cgi-bin/overforing -d "csrf=$C&handling=datoer&sluttdato=2026-06-10&overforingsdato=2026-06-25"
check "moving the overføringsdato warns that users must be told" body_has "Overføringsdatoen er flyttet fra 20.06.2026 til 25.06.2026"
hit "$WORK/k1" GET /cgi-bin/menu
check "the kartlegger's menu shows both dates" bash -c "grep -q 'Sluttdato: 10.06.2026' '$BODY' && grep -q 'Overføringsdato: 25.06.2026' '$BODY'"
hit "$WORK/k1" GET /cgi-bin/kartlegging
check "the survey list shows both dates" bash -c "grep -q '10.06.2026' '$BODY' && grep -q '25.06.2026' '$BODY'"
hit "$WORK/kk" GET /cgi-bin/menu
check "the kommunekontakt's menu links the date card" body_has "/cgi-bin/overforing"

# == sluttdato: locked =======================================================================
clock '2026-06-12 09:00'
relogin "$K1_EMAIL" "$K1_SECRET" "$WORK/k1"
relogin "$KK_EMAIL" "$KK_SECRET" "$WORK/kk"
C1=$(csrf "$WORK/k1")
hit "$WORK/k1" POST /cgi-bin/kartlegging -d "csrf=$C1&handling=ny" --data-urlencode "fnr=$(fnr_any 010290)"
check "no new surveys from sluttdato" bash -c "[ $STATUS = 200 ] && grep -q 'Kartleggingen for 2026 er avsluttet (sluttdato: 10.06.2026)' '$BODY'"
for r in "${ROWS[@]}"; do [ "${r#* }" = 0 ] && { ID=${r%% *}; break; }; done	# one without errors
hit "$WORK/k1" GET "/cgi-bin/skjema?id=$ID&fane=bruker"
check "the survey is still readable" bash -c "[ $STATUS = 200 ] && grep -q 'Kartleggingen er låst fra sluttdato' '$BODY'"
check "a locked tab is read only: its inputs disabled" body_has '<fieldset disabled[="a-z]* class="readonly">'
check "... no Lagre" bash -c "! grep -q 'name=\"handling\" value=\"lagre\"' '$BODY'"
check "... its tabs are links" body_has "skjema?id=$ID&amp;fane=barn"
check "... with Rett etter krav fra bruker to open it" body_has "skjema?id=$ID&amp;fane=bruker&amp;retting=1\">Rett etter krav fra bruker</a>"
hit "$WORK/k1" GET "/cgi-bin/skjema?id=$ID&fane=bruker&retting=1"
check "Rett etter krav fra bruker: the tab is a form again, its save a retting" bash -c \
    "! grep -q 'fieldset disabled' '$BODY' && grep -q 'name=\"retting\" value=\"ja\"' '$BODY' && grep -q 'name=\"handling\" value=\"lagre\"' '$BODY' && grep -q 'Du retter kartleggingen etter krav fra brukeren' '$BODY'"
hit "$WORK/k1" GET "/cgi-bin/skjema?id=$ID&fane=bruker"
KAT=$(grep -o 'name="kategori" value="[a-z]*" id="[^"]*" checked' "$BODY" | cut -d'"' -f4)
check "a survey without errors has its kategori" bash -c "[ -n '$KAT' ]"
V=$(grep -o 'name="versjon" value="[0-9]*"' "$BODY" | grep -o '[0-9]*' | head -1)
OTHER=rus; [ "$KAT" = rus ] && OTHER=psyk
hit "$WORK/k1" POST /cgi-bin/skjema -d "csrf=$C1&id=$ID&versjon=$V&fane=bruker&kategori=$OTHER&handling=lagre"
check "an ordinary edit is refused, the answer kept on the page" bash -c "[ $STATUS = 409 ] && grep -q 'krav fra brukeren' '$BODY' && grep -q 'name=\"kategori\" value=\"$OTHER\" id=\"[^\"]*\" checked' '$BODY'"
hit "$WORK/k1" GET "/cgi-bin/skjema?id=$ID&fane=bruker"
check "nothing was saved" bash -c "grep -q 'name=\"kategori\" value=\"$KAT\" id=\"[^\"]*\" checked' '$BODY'"
hit "$WORK/k1" GET "/cgi-bin/skjema?id=$ID&fane=bruker"
mapfile -t FIELDS < <(awk -f tests/bench/form.awk "$BODY")
hit "$WORK/k1" POST /cgi-bin/skjema $(printf -- '-d %s ' "${FIELDS[@]}") -d "handling=lagre&gaa=barn"
check "moving between tabs without changes is no edit" status_is 303
hit "$WORK/k1" POST /cgi-bin/skjema -d "csrf=$C1&id=$ID&versjon=$V&fane=bruker&kategori=$OTHER&handling=lagre&retting=ja"
check "a retting etter krav fra bruker is saved" status_is 303
hit "$WORK/k1" GET "/cgi-bin/skjema?id=$ID&fane=logg"
check "the endringslogg says it was a retting" body_has "ettet etter krav fra bruker"
# issue 17 §14: a retting names its questions (the kategori, and what the other kategori
# hides), never their answers
check "... and names the question it changed" body_has "<td>Rettet etter krav fra bruker. Endret: Kategori"
grep -o '<td>Rettet etter krav fra bruker[^<]*</td>' "$BODY" > "$WORK/retting.line"
check "... not the answer it was changed to" bash -c "[ -s '$WORK/retting.line' ] && ! grep -q -e 'men ikke' -e 'Samtidige' -e '($OTHER' '$WORK/retting.line'"
hit "$WORK/kk" GET "/cgi-bin/endringslogger"
check "the kommune's Endringslogger counts the retting's questions" bash -c "grep -Eq '<td>Rettet etter krav fra bruker, [0-9]+ spørsmål endret</td>' '$BODY'"
hit "$WORK/k1" POST /cgi-bin/skjema -d "csrf=$C1&id=$ID&versjon=$((V + 1))&fane=bruker&kategori=$KAT&handling=lagre&retting=ja"
check "and corrected back" status_is 303

# == the person's rights after sluttdato: innsyn and reservasjon ==============================
declare -A KAT_LABEL=([rus]="Rusmiddelproblemer, men ikke psykiske helseproblemer"
    [psyk]="Psykiske helseproblemer, men ikke rusmiddelproblemer"
    [begge]="Samtidige rusmiddelproblemer og psykiske helseproblemer")
hit "$WORK/k1" GET "/cgi-bin/innsyn?id=$ID&fil=kartlegging"
check "innsyn: the survey as a PDF" bash -c "[ $STATUS = 200 ] && head -c 5 '$BODY' | grep -q '%PDF-'"
pdftotext -enc UTF-8 "$BODY" "$WORK/innsyn.txt"
tr -s '\n' ' ' < "$WORK/innsyn.txt" > "$WORK/innsyn.flat"
check "innsyn: the PDF has the year and the person's kategori answer" bash -c "grep -q 'Kartlegging 2026' '$WORK/innsyn.flat' && grep -qF '${KAT_LABEL[$KAT]}' '$WORK/innsyn.flat'"
hit "$WORK/k1" GET "/cgi-bin/innsyn?id=$ID&fil=endringslogg"
pdftotext -enc UTF-8 "$BODY" "$WORK/innsynlogg.txt"
check "innsyn: the endringslogg PDF names the retting" bash -c "tr -s '\n' ' ' < '$WORK/innsynlogg.txt' | grep -q 'etter krav fra bruker'"
# a person whose survey has no errors reserves: the survey goes, and is not transferred
RES_ID= RES_FNR=
for r in "${ROWS[@]}"; do
	[ "${r#* }" = 0 ] && [ "${r%% *}" != "$ID" ] && { RES_ID=${r%% *}; break; }
done
RES_FNR=$(curl -s -b "$WORK/k1" "$BP_URL/cgi-bin/kartlegging" | tr '\n' ' ' |
    grep -o "skjema?id=$RES_ID\">[0-9]*<" | sed 's/.*">\([0-9]*\)<$/\1/')	# not the id's digits
check "a second survey without errors to reserve" bash -c "[ -n '$RES_ID' ] && [ ${#RES_FNR} = 11 ]"
hit "$WORK/k1" POST /cgi-bin/reservasjon -d "csrf=$C1&handling=lag&bekreft=ja" --data-urlencode "fnr=$RES_FNR"
check "a reservasjon after sluttdato deletes the person's survey" body_has "er nå reservert. 1 kartlegging ble slettet."
hit "$WORK/k1" GET "/cgi-bin/skjema?id=$RES_ID&fane=bruker"
check "the reserved person's survey is gone (404)" status_is 404
# the retting pruned the answers the other kategori hides: count again
mapfile -t ROWS < <(own_ids "$WORK/k1")
OK1=0 ERR1=0
for r in "${ROWS[@]}"; do [ "${r#* }" = 0 ] && OK1=$((OK1 + 1)) || ERR1=$((ERR1 + 1)); done
hit "$WORK/kk" GET /cgi-bin/overforing
check "locked, but no transfer yet" bash -c "grep -q 'Kartleggingen for kommunen er avsluttet' '$BODY' && ! grep -q 'Jeg bekrefter' '$BODY' && grep -q 'Overføringen blir mulig på overføringsdatoen, 25.06.2026' '$BODY'"
C=$(csrf "$WORK/kk")
hit "$WORK/kk" POST /cgi-bin/overforing -d "csrf=$C&handling=overfor&bekreft=ja"
check "a transfer before overføringsdato is refused" bash -c "[ $STATUS = 409 ] && grep -q 'før overføringsdatoen' '$BODY'"

# == overføringsdato: the transfer by the button ============================================
clock '2026-06-25 08:00'
relogin "$K1_EMAIL" "$K1_SECRET" "$WORK/k1"
relogin "$KK_EMAIL" "$KK_SECRET" "$WORK/kk"
hit "$WORK/kk" GET /cgi-bin/overforing
check "the transfer is offered with the seed's text and counts" bash -c "grep -q 'Jeg bekrefter at kartleggingen skal overføres' '$BODY' && grep -q 'Kartlegginger som inneholder feil overføres ikke.' '$BODY' && grep -q '<dt>Klare for overføring</dt><dd>$OK1</dd>' '$BODY' && grep -q '<dd>$ERR1</dd>' '$BODY'"
C=$(csrf "$WORK/kk")
hit "$WORK/kk" POST /cgi-bin/overforing -d "csrf=$C&handling=overfor"
check "without the confirming checkbox nothing happens" bash -c "[ $STATUS = 400 ] && grep -q 'Kryss av for at kartleggingen skal overføres.' '$BODY'"
check "nothing was transferred" bash -c "[ \$(curl -s -b '$WORK/k1' '$BP_URL/cgi-bin/menu' | grep -o 'Kartlegging</strong> – [0-9]*' | grep -o '[0-9]*\$') = ${#ROWS[@]} ]"
hit "$WORK/kk" POST /cgi-bin/overforing -d "csrf=$C&handling=overfor&bekreft=ja"
check "the transfer" bash -c "[ $STATUS = 303 ] && grep -q 'melding=overfort' '$HEADERS'"
hit "$WORK/kk" GET "/cgi-bin/overforing?melding=overfort"
check "the receipt: transferred, held back, date" bash -c "grep -q 'Kartleggingen er overført' '$BODY' && grep -q '<dt>Overført</dt><dd>$OK1 kartlagte brukere</dd>' '$BODY' && grep -q '<dd>$ERR1</dd>' '$BODY' && grep -q '25.06.2026' '$BODY'"
check "the receipt links to the Kommunerapport" body_has 'href="/cgi-bin/rapport?aar=2026">Se Kommunerapporten for 2026</a>'

hit "$WORK/kk" POST /cgi-bin/overforing -d "csrf=$C&handling=overfor&bekreft=ja"
check "a second transfer is refused" bash -c "[ $STATUS = 409 ] && grep -q 'allerede overført' '$BODY'"
hit "$WORK/k1" GET /cgi-bin/kartlegging
check "the kartlegger's surveys are gone" body_has "Ingen kartlagte brukere."
hit "$WORK/k1" GET "/cgi-bin/skjema?id=$ID&fane=bruker"
check "a transferred survey's page is gone (404)" status_is 404

# == KORFOR: the registry and its CSV ========================================================
relogin kai@korfor.no "$KF_SECRET" "$KORFOR"
hit "$KORFOR" GET /cgi-bin/admin
check "KORFOR's overview: Stavanger transferred, when and how many" body_has "kommune=1103\">Stavanger</a></td><td>[0-9]*</td><td>10.06.2026</td><td>25.06.2026</td><td>0</td><td>0</td><td>25.06.2026 ($OK1)</td>"
hit "$KORFOR" GET /cgi-bin/overforte
check "KORFOR's registry view lists the transfer" bash -c "[ $STATUS = 200 ] && grep -q '1103 Stavanger' '$BODY' && grep -q '<td>$OK1</td>' '$BODY'"
hit "$WORK/kk" GET /cgi-bin/overforte
check "a kommunekontakt has no registry (403)" status_is 403
hit "$KORFOR" GET "/cgi-bin/overforte?aar=2026&kommune=1103"
cp "$BODY" "$WORK/1103.csv"
check "the CSV is a download of type text/csv" bash -c "[ $STATUS = 200 ] && grep -qi '^Content-Type: text/csv; charset=utf-8' '$HEADERS' && grep -qi '^Content-Disposition: attachment' '$HEADERS'"
check "the CSV: a header and one row per transferred survey" bash -c "[ \$(wc -l < '$WORK/1103.csv') = $((OK1 + 1)) ]"
check "the CSV parses with equal columns, one per question id" python3 - "$WORK/1103.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
head = rows[0]
assert head[:9] == ['pseudonym', 'aar', 'kommune', 'bydel', 'kjonn', 'fodselsar', 'alder',
                    'instanstype', 'levekarsindeks'], head[:9]
assert 'kategori' in head and len(head) == len(set(head)), 'ids'
assert all(len(r) == len(head) for r in rows[1:]), 'ragged'
assert len({r[0] for r in rows[1:]}) == len(rows) - 1, 'pseudonyms not distinct'
assert all(len(r[0]) == 64 and r[1] == '2026' and r[2] == '1103' for r in rows[1:])
assert all(r[head.index('kategori')] in ('rus', 'psyk', 'begge') for r in rows[1:])
PY
check "KORFOR's CSV download is in the audit log" bash -c "'$BP_BPADM' -c '$BP_CONF' audit | grep -q 'registry.csv'"
hit "$KORFOR" GET "/cgi-bin/overforte?aar=20x6&kommune=1103"
check "a bad year is a 400" status_is 400

# == the cron tool: Sola, after 31 December =================================================
out=$("$BP_TRANSFER" -c "$BP_CONF" --dry-run --date 2026-12-31)
check "before the year's end, Sola (no dates) is not due" is "$out" ""
out=$("$BP_TRANSFER" -c "$BP_CONF" --dry-run --date 2027-01-01)
check "after 31 December a dry run names Sola only" is "$out" "1124 2026: ville overført $OK2 kartlegginger, holdt tilbake $((7 - OK2)) med feil (prøvekjøring)"
relogin "$K2_EMAIL" "$K2_SECRET" "$WORK/k2"
check "the dry run changed nothing" is "$(own_ids "$WORK/k2" | wc -l)" 7
out=$("$BP_TRANSFER" -c "$BP_CONF" --date 2027-01-01 --kommune 1103)
check "--kommune: only that kommune (1103 is done)" is "$out" ""
out=$("$BP_TRANSFER" -c "$BP_CONF" --date 2027-01-01)
check "the tool transfers Sola" is "$out" "1124 2026: overført $OK2 kartlegginger, holdt tilbake $((7 - OK2)) med feil"
STORE_DIR=$(sed -n 's/^store *= *//p' "$BP_CONF")
case $STORE_DIR in /*) ;; *) STORE_DIR=$(dirname "$BP_CONF")/$STORE_DIR ;; esac
check "the tool made the year's report counts ready (report-m:2026 and report-pm:2026 kept)" \
    bash -c "mdb_dump -p -s meta '$STORE_DIR' > '$WORK/meta' && grep -q '^ report-m:2026:[0-9a-f]\{16\}\$' '$WORK/meta' && grep -q '^ report-pm:2026\$' '$WORK/meta'"
out=$("$BP_TRANSFER" -c "$BP_CONF" --date 2027-01-01)
check "run again: nothing left to do" is "$out" ""
"$BP_BPADM" -c "$BP_CONF" audit --last 500 --kind datoer > "$WORK/transfers"
check "audit: the button's transfer, with its counts, in Stavanger's scope, once" bash -c \
    "[ \$(awk -F'\t' '\$2 == \"transfer\" && \$5 == \"2026 overfort=$OK1 holdt-tilbake=$ERR1\" && \$7 == \"1103\" && length(\$3) == 32' '$WORK/transfers' | wc -l) = 1 ]"
check "audit: bp-transfer's, with its counts, in Sola's scope, once" bash -c \
    "[ \$(awk -F'\t' '\$2 == \"transfer\" && \$3 == \"cron\" && \$5 == \"2026 overfort=$OK2 holdt-tilbake=$((7 - OK2))\" && \$7 == \"1124\"' '$WORK/transfers' | wc -l) = 1 ]"
check "audit: a dry run is not a transfer" is "$(grep -c 'transfer' "$WORK/transfers")" 2
hit "$KORFOR" GET "/cgi-bin/overforte?aar=2026&kommune=1124"
check "Sola's rows in the registry, once each" bash -c "[ \$(wc -l < '$BODY') = $((OK2 + 1)) ]"
check "a drift instance refuses a --date ahead of today" bash -c "sed 's/^mode *=.*/mode = drift/' '$BP_CONF' > '$WORK/drift.conf' && ! '$BP_TRANSFER' -c '$WORK/drift.conf' --dry-run --date 2099-01-01 2>/dev/null"
STORE_DIR=$(sed -n 's/^store *= *//p' "$BP_CONF")
case $STORE_DIR in /*) ;; *) STORE_DIR=$(dirname "$BP_CONF")/$STORE_DIR ;; esac
flock -x "$STORE_DIR/bp-transfer.lock" sleep 3 &
sleep 0.5
out=$("$BP_TRANSFER" -c "$BP_CONF" --date 2027-01-01 2>&1)
rc=$?
check "only one run at a time" bash -c "[ $rc = 1 ] && [ '$out' = 'bp-transfer: en annen overføring kjører allerede' ]"
wait

# == privacy ================================================================================
check "no number in any URL, the CSV files or the Apache logs" bash -c "! grep -qF '$NEW' '$WORK/urls.all' '$WORK/1103.csv' '$BP_LOGS/access.log' '$BP_LOGS/error.log'"
no_crash "year"
done_checks
