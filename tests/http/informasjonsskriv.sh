#!/bin/bash
# The informasjonsskriv over HTTP with curl and poppler (pdftotext, pdfinfo): who sees the
# page and gets which copy (kartlegger and kommunekontakt their kommune's, KORUS and KORFOR
# a preview; a kommune without an overføringsdato none, 409), what the PDF says (the
# kommune, the overføringsdato as dd.mm.åååå, the rights, the year; no placeholder left;
# tagged, in bokmål), that each download is an audit event, and KORFOR's editing: only
# KORFOR (403 for the others), CSRF, bounds (413 past 8000 characters, 400 for an empty
# text, an unknown placeholder or a missing deadline; each in Norwegian at the field, the
# text kept), the new text in every kommune's copy, and back to the default.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

PW="et langt passord for testene"
YEAR=$(date +%Y)

# hit JAR METHOD PATH [curl args...]: sets STATUS, HEADERS, BODY (JAR - sends no cookies)
# pdf NAME: the last body as NAME.pdf, its text as NAME.txt (lines joined: NAME.flat)
pdf() {
	cp "$BODY" "$WORK/$1.pdf"
	pdftotext -enc UTF-8 "$WORK/$1.pdf" "$WORK/$1.txt" &&
	    tr -s '\n' ' ' < "$WORK/$1.txt" > "$WORK/$1.flat"
}
audit_count() { "$BP_BPADM" -c "$BP_CONF" audit --last 200 | grep -c "$1"; }

suite_start informasjonsskriv
cd "$BP_DIR" || exit 1
instance_account "Frida KORFOR" frida@korfor.no "$PW" F >/dev/null || exit 1
account R "$(instance_invite F korus region=vest-stavanger)" "Ragnhild KORUS" ragnhild@korus.no
account KK "$(instance_invite R kommunekontakt kommune=1103)" "Kari Stavanger" kari@stavanger.no
account T1 "$(instance_invite KK kartlegger kommune=1103 'instans=Instans 1')" "Tone En" tone@stavanger.no tjenestetype=nav
account KS "$(instance_invite R kommunekontakt kommune=1124)" "Siri Sola" siri@sola.no
account T2 "$(instance_invite KS kartlegger kommune=1124 'instans=NAV Sola')" "Tor To" tor@sola.no tjenestetype=nav

# -- the menu and the page ----------------------------------------------------------------------------
for who in F R KK T1; do
	hit "$who" GET /cgi-bin/menu
	check "$who: the menu offers the informasjonsskriv" body_has 'href="/cgi-bin/informasjonsskriv">Informasjonsskriv</a>'
	hit "$who" GET /cgi-bin/informasjonsskriv
	check "$who: the page, 200" is "$STATUS" 200
	check "$who: the default letter's title" body_has "<h2 id=\"skrivet\">Informasjon om kartlegging i Brukerplan $YEAR</h2>"
	check "$who: not cached" has_header 'Cache-Control: no-store'
done
hit - GET /cgi-bin/informasjonsskriv
check "not logged in: to the login" bash -c "[ '$STATUS' = 303 ] && grep -q '^Location: /cgi-bin/login' '$HEADERS'"
hit T1 GET /cgi-bin/informasjonsskriv
check "kartlegger: the kommune's name filled in" body_has 'Stavanger kommune er ansvarlig for opplysningene'
check "kartlegger: no placeholder on the page" body_lacks '{kommune}'
check "kartlegger: no date yet, and why" body_has 'Overføringsdatoen for Stavanger kommune er ikke satt ennå.'
check "kartlegger: no download link without a date" body_lacks 'informasjonsskriv?fil=pdf'
check "kartlegger: no text to edit" body_lacks 'name="tekst"'
hit T1 GET "/cgi-bin/informasjonsskriv?fil=pdf"
check "kartlegger, no overføringsdato: 409" is "$STATUS" 409
check "... said in Norwegian" body_has 'Informasjonsskrivet må si fristen'
check "... no PDF" bash -c "! head -c 5 '$BODY' | grep -q '%PDF-'"
hit T1 GET "/cgi-bin/informasjonsskriv?fil=brev"
check "an unknown file: 404" is "$STATUS" 404
hit R GET /cgi-bin/informasjonsskriv
check "KORUS: example values" body_has '«Kommunenavn» kommune er ansvarlig'
check "KORUS: a preview to download" body_has 'Last ned forhåndsvisning (PDF)'
check "KORUS: no text to edit" body_lacks 'name="tekst"'
hit F GET /cgi-bin/informasjonsskriv
check "KORFOR: the text to edit, placeholders as written" body_has '{kommune} er ansvarlig for opplysningene frem til {overføringsdato}'
check "KORFOR: the field explained" body_has 'aria-describedby="f-tekst-hint"'
check "KORFOR: the default needs no reset" body_lacks 'Bruk standardteksten</button>'

# -- the kommune's copy --------------------------------------------------------------------------------
C=$(csrf KK)
hit KK POST /cgi-bin/overforing -d "csrf=$C&handling=datoer&sluttdato=$YEAR-12-31&overforingsdato=$YEAR-12-31"
check "the kommunekontakt sets the dates" body_has 'Datoene er lagret.'
before=$(audit_count infoletter.pdf)
hit T1 GET /cgi-bin/informasjonsskriv
check "kartlegger: the deadline shown" body_has "<dd>31.12.$YEAR (overføringsdato)</dd>"
check "kartlegger: the download link" body_has 'href="/cgi-bin/informasjonsskriv?fil=pdf"'
hit T1 GET "/cgi-bin/informasjonsskriv?fil=pdf"
check "kartlegger: 200" is "$STATUS" 200
check "kartlegger: a PDF" bash -c "grep -qi '^Content-Type: application/pdf' '$HEADERS' && head -c 5 '$BODY' | grep -q '%PDF-'"
check "kartlegger: an attachment named by year and kommune" \
    has_header "Content-Disposition: attachment; filename=\"informasjonsskriv-$YEAR-1103.pdf\""
check "kartlegger: not cached" has_header 'Cache-Control: no-store'
pdf t1
check "PDF: the title" text_has "$WORK/t1.txt" "Informasjon om kartlegging i Brukerplan $YEAR"
check "PDF: the kommune by name" text_has "$WORK/t1.flat" "Stavanger kommune er ansvarlig for opplysningene frem til 31.12.$YEAR"
check "PDF: the deadline as dd.mm.åååå" text_has "$WORK/t1.txt" "Frist: 31.12.$YEAR"
check "PDF: reservasjon" text_has "$WORK/t1.flat" "Du kan reservere deg mot å bli registrert i Brukerplan."
check "PDF: innsyn" text_has "$WORK/t1.flat" "Du har rett til innsyn"
check "PDF: retting and sletting" text_has "$WORK/t1.flat" "rett til å få rettet opplysninger som er feil, og til å få opplysningene slettet"
check "PDF: whom to tell" text_has "$WORK/t1.txt" "Slik sier du fra"
check "PDF: the running header" text_has "$WORK/t1.flat" "Stavanger kommune · Informasjonsskriv Brukerplan $YEAR"
check "PDF: no placeholder left" text_lacks "$WORK/t1.txt" "{"
check "PDF: Side 1 av" bash -c "grep -q '^Side 1 av [0-9]' '$WORK/t1.txt'"
check "PDF: its title in the metadata" bash -c "pdfinfo '$WORK/t1.pdf' | grep -qx 'Title: *Informasjonsskriv Brukerplan $YEAR'"
check "PDF: tagged" bash -c "pdfinfo '$WORK/t1.pdf' | grep -qx 'Tagged: *yes'"
pdfinfo -struct-text "$WORK/t1.pdf" > "$WORK/t1.struct"
check "PDF: the title an H1" bash -c "grep -A1 -x '  H1 (block)' '$WORK/t1.struct' | grep -qx '    \"Informasjon om kartlegging i Brukerplan $YEAR\"'"
check "PDF: the headings H2" bash -c "grep -A1 -x '  H2 (block)' '$WORK/t1.struct' | grep -qx '    \"Dine rettigheter\"'"
check "PDF: paragraphs" bash -c "[ \$(grep -cx '  P (block)' '$WORK/t1.struct') -ge 8 ]"
check "PDF: in bokmål, its title shown" bash -c "tail -c 1500 '$WORK/t1.pdf' | grep -aq '/Lang (nb-NO)' && tail -c 1500 '$WORK/t1.pdf' | grep -aq '/DisplayDocTitle true'"
check "the download is an audit event" is "$(audit_count infoletter.pdf)" $((before + 1))
check "... with the copy, in the kommune's scope" bash -c "'$BP_BPADM' -c '$BP_CONF' audit --kind nedlasting --kommune 1103 | grep 'infoletter.pdf' | grep -q kommune"
curl -s -I -b T1 -o "$WORK/head.txt" "$BP_URL/cgi-bin/informasjonsskriv?fil=pdf"
check "HEAD: the GET's headers" bash -c "head -1 '$WORK/head.txt' | grep -q ' 200' && grep -qi '^Content-Type: application/pdf' '$WORK/head.txt'"
check "HEAD: not a download" is "$(audit_count infoletter.pdf)" $((before + 1))
hit KK GET "/cgi-bin/informasjonsskriv?fil=pdf"
check "kommunekontakt: the kommune's copy" bash -c "[ '$STATUS' = 200 ] && pdftotext '$BODY' - | grep -q 'Stavanger kommune'"
hit T2 GET /cgi-bin/informasjonsskriv
check "another kommune's kartlegger: its own kommune" bash -c "grep -q 'Sola kommune er ansvarlig' '$BODY' && ! grep -q 'Stavanger kommune' '$BODY'"
hit T2 GET "/cgi-bin/informasjonsskriv?fil=pdf"
check "... without its overføringsdato: 409" is "$STATUS" 409
hit R GET "/cgi-bin/informasjonsskriv?fil=pdf"
check "KORUS: the preview as PDF" is "$STATUS" 200
pdf r
check "preview: example values" text_has "$WORK/r.flat" "«Kommunenavn» kommune er ansvarlig for opplysningene frem til «dd.mm.åååå»"
check "preview: said in the header" text_has "$WORK/r.txt" "Forhåndsvisning"
check "preview: named as one" has_header "Content-Disposition: attachment; filename=\"informasjonsskriv-$YEAR-forhandsvisning.pdf\""

# -- KORFOR's text ----------------------------------------------------------------------------------------
NEW="# Informasjon fra {kommune}

## Frist {overføringsdato}

Si fra til {kommune} før {overføringsdato} om du vil reservere deg. <script>alert(1)</script>
Andre linje i samme avsnitt.

Kartleggingen gjelder {år}."
for who in R KK T1; do
	hit "$who" POST /cgi-bin/informasjonsskriv -d "csrf=$(csrf "$who")" --data-urlencode "tekst=$NEW"
	check "$who may not edit: 403" is "$STATUS" 403
done
hit F POST /cgi-bin/informasjonsskriv --data-urlencode "tekst=$NEW"
check "KORFOR without CSRF: 403" is "$STATUS" 403
hit F POST /cgi-bin/informasjonsskriv -d "csrf=0000$(csrf F | cut -c5-)" --data-urlencode "tekst=$NEW"
check "KORFOR with a wrong CSRF token: 403" is "$STATUS" 403
C=$(csrf F)
LONG="# {kommune} {overføringsdato}
$(printf '%8000s' '' | sed 's/ /ø/g')"
hit F POST /cgi-bin/informasjonsskriv -d "csrf=$C" --data-urlencode "tekst=$LONG"
check "too long: 413" is "$STATUS" 413
check "... said in Norwegian at the field" body_has '<a href="#f-tekst">Informasjonsskrivet kan ha høyst 8000 tegn. Ingenting er lagret.</a>'
check "... the field marked" body_has 'aria-invalid="true"'
check "... the text kept" body_has 'øøøøøøøøøø'
hit F POST /cgi-bin/informasjonsskriv -d "csrf=$C&tekst="
check "empty: 400" is "$STATUS" 400
check "... said in Norwegian" body_has 'Informasjonsskrivet kan ikke være tomt.'
hit F POST /cgi-bin/informasjonsskriv -d "csrf=$C" --data-urlencode "tekst=# {kommune} {navn} {overføringsdato}"
check "an unknown placeholder: 400" is "$STATUS" 400
check "... said in Norwegian" body_has 'Informasjonsskrivet har en ukjent plassholder.'
check "... the text kept" body_has '# {kommune} {navn} {overføringsdato}'
hit F POST /cgi-bin/informasjonsskriv -d "csrf=$C" --data-urlencode "tekst=# Informasjon fra {kommune}"
check "no deadline: 400" is "$STATUS" 400
check "... said in Norwegian" body_has 'Informasjonsskrivet må ha {overføringsdato}'
hit F POST /cgi-bin/informasjonsskriv -d "csrf=$C" --data-urlencode "tekst=Uten tittel {kommune} {overføringsdato}"
check "no title: 400" is "$STATUS" 400
hit F POST /cgi-bin/informasjonsskriv -d "csrf=$C" --data-urlencode "tekst=# {kommune} {overføringsdato}

$(head -c 1501 /dev/zero | tr '\0' 'a')"
check "a paragraph too long: 400" is "$STATUS" 400
head -c 1100000 /dev/zero | tr '\0' 'a' > "$WORK/huge"
hit F POST /cgi-bin/informasjonsskriv -d "csrf=$C&tekst=" --data-binary "@$WORK/huge"
check "a body past 1 MiB: 413" is "$STATUS" 413
check "... in Norwegian" body_has 'For stor forespørsel'
before=$(audit_count infoletter.changed)
hit F GET /cgi-bin/informasjonsskriv
check "nothing refused was saved" body_has '{kommune} er ansvarlig for opplysningene'
hit F POST /cgi-bin/informasjonsskriv -d "csrf=$C" --data-urlencode "tekst=$NEW"
check "KORFOR saves: 303" bash -c "[ '$STATUS' = 303 ] && grep -q '^Location: /cgi-bin/informasjonsskriv?melding=lagret' '$HEADERS'"
check "... an audit event" is "$(audit_count infoletter.changed)" $((before + 1))
hit F GET "/cgi-bin/informasjonsskriv?melding=lagret"
check "... said" body_has 'Informasjonsskrivet er lagret.'
check "... when, by KORFOR" body_has "Teksten ble sist endret av KORFOR [0-9][0-9]\.[0-9][0-9]\.$YEAR kl\. "
check "... the reset offered" body_has 'Bruk standardteksten</button>'
hit T1 GET /cgi-bin/informasjonsskriv
check "the new text in the kommune's page, markup as text" body_has 'Si fra til Stavanger kommune før 31.12.'"$YEAR"' om du vil reservere deg. &lt;script&gt;'
check "... a heading" body_has "<h3>Frist 31.12.$YEAR</h3>"
hit T1 GET "/cgi-bin/informasjonsskriv?fil=pdf"
pdf t1new
check "the new text in the kommune's PDF" text_has "$WORK/t1new.txt" "Informasjon fra Stavanger kommune"
check "... the lines of a paragraph kept" bash -c "grep -A1 'reservere deg' '$WORK/t1new.txt' | grep -q '^Andre linje i samme avsnitt.'"
check "... the year" text_has "$WORK/t1new.txt" "Kartleggingen gjelder $YEAR."
hit F POST /cgi-bin/informasjonsskriv -d "csrf=$C&handling=standard"
check "back to the default: 303" bash -c "[ '$STATUS' = 303 ] && grep -q 'melding=standard' '$HEADERS'"
hit T1 GET /cgi-bin/informasjonsskriv
check "... the default in the kommune's page" body_has 'Stavanger kommune er ansvarlig for opplysningene'
check "... an audit event" is "$(audit_count infoletter.changed)" $((before + 2))

# -- health ------------------------------------------------------------------------------------------------
check "no crash in the error log" bash -c "! grep -Eq '$BP_CRASHES' '$BP_LOGS/error.log'"
check "no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"
done_checks
