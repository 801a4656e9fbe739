#!/bin/bash
# Innsyn over HTTP with curl and poppler's pdftotext: a kartlegger fills in a survey and
# downloads "Last ned PDF: Kartlegging" and "Endringslogg"; the files are PDFs whose text
# has the answers (by their option texts), the tab titles, the kommune, the instans and
# "Side n av m", the levekårsindeks; both files tagged for screen readers (pdfinfo
# -struct-text: title, headings, the answers as a list, tables; the language nb-NO and the
# title shown in the catalog); each download is in the endringslogg (the Logg tab and the second file);
# another kartlegger, a bad id and a bad file name get nothing; no fødselsnummer in the
# URL, the file name, a header or Apache's logs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

PW="et langt passord for testene"
T1=$WORK/t1 T2=$WORK/t2

save() {	# save JAR ID TAB FIELDS: post one tab of the form at its current version
	local v
	v=$(curl -s -b "$1" "$BP_URL/cgi-bin/skjema?id=$2&fane=$3" | grep -o 'name="versjon" value="[0-9]*"' | grep -o '[0-9]*')
	curl -s -o /dev/null -w '%{http_code}' -b "$1" -d "csrf=$(csrf "$1")&id=$2&versjon=$v&fane=$3&handling=lagre&$4" \
	    "$BP_URL/cgi-bin/skjema"
}
count_of() { grep -oF -- "$2" "$1" | wc -l; }

FNR=$(fnr_any 150385)		# a woman (even ninth digit) or a man: fnr_any decides
KJONN=$([ $(( ${FNR:8:1} % 2 )) = 1 ] && echo Mann || echo Kvinne)
YEAR=$(date +%Y)

suite_start innsyn
instance_kartlegger "Tone Ås" tone@stavanger.no "$PW" "$T1" 1103 "Øyane legekontor" >/dev/null &&
    instance_kartlegger "Tina To" tina@stavanger.no "$PW" "$T2" 1103 "Instans 2" >/dev/null ||
    { echo "setup failed" >&2; exit 1; }

# -- a survey, filled in ------------------------------------------------------------------------------
STATUS=$(curl -s -D "$WORK/created" -o /dev/null -w '%{http_code}' -b "$T1" \
    -d "csrf=$(csrf "$T1")&handling=ny" --data-urlencode "fnr=$FNR" "$BP_URL/cgi-bin/kartlegging")
ID=$(sed -n 's#^Location: /cgi-bin/skjema?id=\([0-9a-f]\{32\}\)&fane=bruker\r\{0,1\}$#\1#p' "$WORK/created")
check "a survey is created" bash -c "[ '$STATUS' = 303 ] && [ -n '$ID' ]"
check "Bruker saved" is "$(save "$T1" "$ID" bruker 'kategori=begge&fodeland=ost_europa&kognitive_vansker=ja&utdanning=fagbrev&arbeidserfaring=ingen')" 303
check "Barn saved" is "$(save "$T1" "$ID" barn 'bor_sammen_med=sammen_med_andre&bor_sammen_med_andre=partner&bor_sammen_med_andre=venner_bekjente&barn_bor_med_egne=2')" 303
check "Levekår saved" is "$(save "$T1" "$ID" levekar 'bosituasjon=gul&bosituasjon_ivaretar=vet_ikke')" 303
check "Tjenester 1 saved" is "$(save "$T1" "$ID" tjenester_1 'nav_rad_veiledning.hatt=ja&nav_rad_veiledning.videre=nei')" 303

# -- the kartlegging ------------------------------------------------------------------------------------
hit "$T1" GET "/cgi-bin/innsyn?id=$ID&fil=kartlegging"
check "kartlegging: 200" is "$STATUS" 200
check "kartlegging: a PDF" has_header 'Content-Type: application/pdf'
check "kartlegging: %PDF- header" bash -c "head -c 5 '$BODY' | grep -q '%PDF-'"
check "kartlegging: an attachment named without the number" \
    has_header "Content-Disposition: attachment; filename=\"kartlegging-$YEAR-${ID:0:8}.pdf\""
check "kartlegging: not cached" has_header 'Cache-Control: no-store'
cp "$BODY" "$WORK/kartlegging.pdf"
pdftotext -enc UTF-8 "$WORK/kartlegging.pdf" "$WORK/kartlegging.txt"
K=$WORK/kartlegging.txt
KF=$WORK/kartlegging.flat	# lines joined: a long answer wraps
tr -s '\n' ' ' < "$K" > "$KF"
check "kartlegging: the title" text_has "$K" "Kartlegging $YEAR: $KJONN, 1985"
# the metadata shows without opening the file (viewers, file managers, indexes)
pdfinfo "$WORK/kartlegging.pdf" > "$WORK/kartlegging.info" 2>&1
pdfinfo -meta "$WORK/kartlegging.pdf" >> "$WORK/kartlegging.info" 2>&1
# (the file's size in bytes is not metadata and may by chance hold 1985)
check "kartlegging: no kjønn or fødselsår in the metadata" bash -c "! grep -v '^File size:' '$WORK/kartlegging.info' | grep -qiE '$KJONN|1985|kvinne|mann\\b|$FNR' || { cat '$WORK/kartlegging.info' >&2; false; }"
check "kartlegging: the fødselsnummer" text_has "$K" "Fødselsnummer: $FNR"
check "kartlegging: the kommune by name" text_has "$K" "Stavanger kommune"
check "kartlegging: the instans" text_has "$K" "Instans: Øyane legekontor"
check "kartlegging: the year" text_has "$K" "Brukerplan $YEAR"
check "kartlegging: when printed, as Norwegians write it" grep -Eq "Skrevet ut [0-9]{2}\.[0-9]{2}\.$YEAR kl\. [0-9]{2}:[0-9]{2}" "$K"
for t in Bruker Barn Planer/samarbeid Levekår "Tjenester 1" "Tjenester 2"; do
	check "kartlegging: the tab $t" bash -c "grep -qx '$t' '$K'"
done
check "kartlegging: a question" text_has "$K" "Høyeste fullførte utdanning"
check "kartlegging: a single answer by its text" text_has "$KF" "Kategori Samtidige rusmiddelproblemer og psykiske helseproblemer"
check "kartlegging: Øst-Europa" text_has "$K" "Øst-Europa"
check "kartlegging: Fagbrev" text_has "$K" "Fagbrev"
check "kartlegging: a multi answer joined" text_has "$K" "Partner, Venner/bekjente"
check "kartlegging: a level" text_has "$K" "Gul"
check "kartlegging: Vet ikke" text_has "$K" "Vet ikke"
check "kartlegging: a count" bash -c "grep -A3 'Bor med egne barn' '$K' | grep -qx 2"
check "kartlegging: services headed by the definition's questions" text_has "$KF" "Tjeneste Har brukeren hatt tjenesten i løpet av det siste året? Skal tjenesten fortsette eller anbefales den som ny tjeneste?"
check "kartlegging: a service answered Ja, Nei" text_has "$KF" "Råd/veiledning Ja Nei"
check "kartlegging: a service of a saved tab left at Nei, Nei" text_has "$KF" "Fastlege Nei Nei"
check "kartlegging: a service not answered (Tjenester 2 not saved)" text_has "$KF" "Hjelpetiltak Ikke besvart Ikke besvart"
check "kartlegging: unanswered" text_has "$K" "Ikke besvart"
check "kartlegging: the Feil and Obs counts" bash -c "grep -Eq 'Feil: [0-9]+\\. Obs: [0-9]+\\.' '$K'"
check "kartlegging: a follow-up shown (bosituasjon gul)" text_has "$K" "Er boforholdet forutsigbart?"
check "kartlegging: a follow-up hidden (no arbeidserfaring)" text_lacks "$K" "Hvor lenge siden forrige arbeidsforhold?"
check "kartlegging: the under-25 questions hidden" text_lacks "$K" "Mors fødeland"
check "kartlegging: option ids are not shown" text_lacks "$K" "ost_europa"
PAGES=$(pdfinfo "$WORK/kartlegging.pdf" | sed -n 's/^Pages: *//p')
check "kartlegging: several pages" bash -c "[ '${PAGES:-0}' -ge 2 ]"
check "kartlegging: Side 1 av $PAGES" text_has "$K" "Side 1 av $PAGES"
check "kartlegging: Side 2 av $PAGES" text_has "$K" "Side 2 av $PAGES"
check "kartlegging: the header on every page" is "$(count_of "$K" "Stavanger kommune")" "$PAGES"
# (the metadata title once named kjønn and fødselsår too: issue 16 §4)
check "kartlegging: the PDF's title is the year's" bash -c "pdfinfo '$WORK/kartlegging.pdf' | grep -qx 'Title: *Kartlegging $YEAR'"
check "kartlegging: no levekårsindeks before all eight areas are answered" \
    text_has "$KF" "Levekårsindeks: ikke beregnet, fordi ikke alle de åtte levekårsområdene er besvart."
check "kartlegging: its cut-offs said to be provisional" text_has "$K" "Grensene for indeksen er foreløpige."
# tagged (issue 17 §17): what a screen reader reads, in order, and nothing of the page frame
check "kartlegging: tagged" bash -c "pdfinfo '$WORK/kartlegging.pdf' | grep -qx 'Tagged: *yes'"
pdfinfo -struct-text "$WORK/kartlegging.pdf" > "$WORK/kartlegging.struct" 2>&1
S=$WORK/kartlegging.struct
check "kartlegging: the structure's root" bash -c "head -1 '$S' | grep -qx Document"
check "kartlegging: the title an H1" bash -c "grep -A1 -x '  H1 (block)' '$S' | grep -qx '    \"Kartlegging $YEAR: $KJONN, 1985\"'"
check "kartlegging: each tab an H2" bash -c "[ \$(grep -cx '  H2 (block)' '$S') = 6 ] && grep -A1 -x '  H2 (block)' '$S' | grep -qx '    \"Levekår\"'"
check "kartlegging: paragraphs" bash -c "grep -A1 -x '  P (block)' '$S' | grep -q 'Fødselsnummer: $FNR'"
check "kartlegging: a question and its answer as a list item" bash -c "grep -A4 -x '    LI (block)' '$S' | grep -qx '        \"Fagbrev\"'"
check "kartlegging: the services a table with its head" bash -c "grep -qx '  Table (block)' '$S' && grep -A1 -x '      TH:' '$S' | grep -qx '         /Scope /Column' && grep -qx '        \"Råd/veiledning\"' '$S'"
check "kartlegging: the page frame is not read" bash -c "! grep -q 'Side 1 av\|Stavanger kommune' '$S'"
check "kartlegging: in bokmål, its title shown (the catalog)" bash -c "tail -c 1500 '$WORK/kartlegging.pdf' | grep -aq '/Lang (nb-NO)' && tail -c 1500 '$WORK/kartlegging.pdf' | grep -aq '/DisplayDocTitle true'"
check "kartlegging: poppler reads the amended file without complaint" bash -c "pdfinfo '$WORK/kartlegging.pdf' 2>&1 >/dev/null | grep -c . | grep -qx 0"

# -- the endringslogg -----------------------------------------------------------------------------------
hit "$T1" GET "/cgi-bin/innsyn?id=$ID&fil=endringslogg"
check "endringslogg: 200" is "$STATUS" 200
check "endringslogg: a PDF" bash -c "grep -q '^Content-Type: application/pdf' '$HEADERS' && head -c 5 '$BODY' | grep -q '%PDF-'"
check "endringslogg: an attachment named without the number" \
    has_header "Content-Disposition: attachment; filename=\"endringslogg-$YEAR-${ID:0:8}.pdf\""
pdftotext -enc UTF-8 "$BODY" "$WORK/endringslogg.txt"
E=$WORK/endringslogg.txt
check "endringslogg: the table's head" bash -c "grep -qx Tidspunkt '$E' && grep -qx 'Utført av' '$E' && grep -qx Handling '$E'"
check "endringslogg: who, with the instans" text_has "$E" "Tone Ås (Øyane legekontor)"
check "endringslogg: Opprettet" text_has "$E" "Opprettet"
check "endringslogg: what a save changed, by label" text_has "$E" "Endret: Kategori"
check "endringslogg: the kartlegging's download" text_has "$E" "Skrevet ut kartlegging (innsyn)"
check "endringslogg: this download too" text_has "$E" "Skrevet ut endringslogg (innsyn)"
check "endringslogg: the kommune and instans" bash -c "grep -q 'Stavanger kommune' '$E' && grep -q 'Instans: Øyane legekontor' '$E'"
check "endringslogg: Side 1 av" bash -c "grep -q '^Side 1 av [0-9]' '$E'"
check "endringslogg: no number" text_lacks "$E" "$FNR"
pdfinfo -struct-text "$BODY" > "$WORK/endringslogg.struct" 2>&1
check "endringslogg: tagged, a table with its head" bash -c "grep -qx '  Table (block)' '$WORK/endringslogg.struct' && grep -A2 -x '      TH:' '$WORK/endringslogg.struct' | grep -qx '        \"Tidspunkt\"' && grep -A1 -x '  H1 (block)' '$WORK/endringslogg.struct' | grep -q 'Endringslogg for kartlegging'"

# a HEAD downloads nothing: answered like the GET, and not logged as innsyn
curl -s -I -b "$T1" -o "$WORK/head.txt" "$BP_URL/cgi-bin/innsyn?id=$ID&fil=kartlegging"
check "HEAD: the GET's headers" bash -c "head -1 '$WORK/head.txt' | grep -q ' 200' && grep -qi '^Content-Type: application/pdf' '$WORK/head.txt'"
hit "$T1" GET "/cgi-bin/skjema?id=$ID&fane=logg"
check "HEAD: not in the endringslogg" is "$(count_of "$BODY" '<td>Skrevet ut kartlegging (innsyn)</td>')" 1
check "Logg tab: the kartlegging's download" body_has '<td>Skrevet ut kartlegging (innsyn)</td>'
check "Logg tab: the endringslogg's download" body_has '<td>Skrevet ut endringslogg (innsyn)</td>'
check "Logg tab: a link to the endringslogg PDF" body_has "href=\"/cgi-bin/innsyn?id=$ID&amp;fil=endringslogg\""
check "Logg tab: a link to the kartlegging PDF" body_has "href=\"/cgi-bin/innsyn?id=$ID&amp;fil=kartlegging\""
check "Logg tab: the seed's text" body_has 'Endringsloggfilen kan lastes ned dersom brukeren krever innsyn.'
hit "$T1" GET /cgi-bin/kartlegging
check "the list: the Innsyn column" body_has '<th scope="col">Innsyn</th>'
# relative to the list (/cgi-bin/kartlegging), named with the number for screen readers
check "the list: Last ned PDF: Kartlegging" body_has "href=\"innsyn?id=$ID&amp;fil=kartlegging\" aria-label=\"Kartlegging $FNR\">Kartlegging</a>"
check "the list: ... Endringslogg" body_has "href=\"innsyn?id=$ID&amp;fil=endringslogg\" aria-label=\"Endringslogg $FNR\">Endringslogg</a>"

# -- refused ---------------------------------------------------------------------------------------------
LINES=$(count_of "$E" "(innsyn)")
hit "$T2" GET "/cgi-bin/innsyn?id=$ID&fil=kartlegging"
check "another kartlegger: 404" is "$STATUS" 404
check "another kartlegger: no PDF" bash -c "! head -c 5 '$BODY' | grep -q '%PDF-'"
check "another kartlegger: nothing of the survey" body_lacks "$FNR"
hit "$T2" GET "/cgi-bin/innsyn?id=$ID&fil=endringslogg"
check "another kartlegger, endringslogg: 404" is "$STATUS" 404
hit - GET "/cgi-bin/innsyn?id=$ID&fil=kartlegging"
check "not logged in: to the login" bash -c "[ '$STATUS' = 303 ] && grep -q '^Location: /cgi-bin/login' '$HEADERS'"
hit "$T1" GET "/cgi-bin/innsyn?id=$ID&fil=passord"
check "an unknown file: 404" is "$STATUS" 404
hit "$T1" GET "/cgi-bin/innsyn?id=${ID:0:31}x&fil=kartlegging"
check "a malformed id: 404" is "$STATUS" 404
hit "$T1" GET "/cgi-bin/innsyn?id=00000000000000000000000000000000&fil=kartlegging"
check "an unknown id: 404" is "$STATUS" 404
hit "$T1" GET "/cgi-bin/innsyn?fil=kartlegging"
check "no id: 404" is "$STATUS" 404
hit "$T1" GET "/cgi-bin/innsyn?id=$ID&fil=endringslogg"
pdftotext -enc UTF-8 "$BODY" "$WORK/endringslogg2.txt"
check "refusals are not downloads: one line more, this one" is "$(count_of "$WORK/endringslogg2.txt" "(innsyn)")" $((LINES + 1))

# -- the levekårsindeks, all eight areas answered (one red) ------------------------------------------
check "Levekår saved, all eight" is "$(save "$T1" "$ID" levekar 'bosituasjon=gul&bosituasjon_ivaretar=vet_ikke&meningsfull_aktivitet=rod&okonomi=gronn&fysisk_helse=gronn&psykisk_helse=gronn&rusmiddelproblemer=gronn&sosial_fungering=gronn&nettverk=gronn')" 303
hit "$T1" GET "/cgi-bin/innsyn?id=$ID&fil=kartlegging"
pdftotext -enc UTF-8 "$BODY" "$WORK/kartlegging3.txt"
check "kartlegging: the levekårsindeks the engine computed (one red: Rødt)" text_has "$WORK/kartlegging3.txt" "Levekårsindeks: Rødt."
check "kartlegging: under the Levekår heading" bash -c "grep -A3 -x 'Levekår' '$WORK/kartlegging3.txt' | grep -q 'Levekårsindeks: Rødt.'"

# -- privacy and health -----------------------------------------------------------------------------------
check "no number in any header" bash -c "! grep -qF '$FNR' '$WORK/headers.all'"
check "no number in the access log" bash -c "! grep -qF '$FNR' '$BP_LOGS/access.log'"
check "no number in the error log" bash -c "! grep -qF '$FNR' '$BP_LOGS/error.log'"
check "the access log has the downloads, without their query" grep -q 'GET /cgi-bin/innsyn HTTP' "$BP_LOGS/access.log"
check "no crash in the error log" bash -c "! grep -Eq '$BP_CRASHES' '$BP_LOGS/error.log'"
check "no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"
done_checks
