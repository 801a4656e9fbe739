#!/bin/bash
# A new year's questionnaire on a running site with the site's own bpadm (issue 18): a
# made-up 2027 definition (tests/definisjon/2027.xml: the 2026 one with a question added,
# an option renamed, a rule changed) is checked (what changed against 2026), refused while
# it is broken (a bad XPath, a duplicate id: each with its line), published and listed, and
# used to survey a person in 2027 who was surveyed in 2026 too (test clock), while the 2026
# survey keeps 2026's form. A version that removes a question 2027's surveys have answered
# is refused, one that changes a text is not; requests made while versions are switched see
# one version whole; the year's report definition follows 2026's. A version of 2026 that
# removes a question its transferred rows (in the registry) answered is refused too.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

PW="et langt passord for testene"
DEFS=tests/definisjon
BUILD_DIR=$(cd "${BUILD:-build}" && pwd)

bpadm() {	# bpadm ARGS: OUT, ERR (files) and RC
	OUT=$WORK/out.last ERR=$WORK/err.last
	"$BP_BPADM" -c "$BP_CONF" "$@" >"$OUT" 2>"$ERR"
	RC=$?
}
out_has() { grep -qF -- "$1" "$OUT" || { echo "     output lacks '$1':" >&2; cat "$OUT" >&2; return 1; }; }
err_has() { grep -qF -- "$1" "$ERR" || { echo "     stderr lacks '$1':" >&2; cat "$ERR" >&2; return 1; }; }
save() {	# save JAR ID TAB [curl args]: post one tab of the form at its current version
	local jar=$1 id=$2 tab=$3 v
	shift 3
	v=$(version_of "$jar" "$id")
	hit "$jar" POST /cgi-bin/skjema -d "csrf=$(csrf "$jar")&id=$id&versjon=$v&fane=$tab" "$@"
}
link_of() { readlink "$BP_SITE/data/kartlegging/$1"; }

suite_start "a new year's questionnaire"
clock '2026-06-01 10:00'
K_EMAIL=ola@stavanger.kommune.no
K_SECRET=$(instance_kartlegger "Ola Kartlegger" "$K_EMAIL" "$PW" "$WORK/k" 1103 "Rus og psykisk helse") ||
    { echo "setup: kartlegger" >&2; exit 1; }

# == what the site has: 2026, made by deploy.sh with the site's bpadm ==========================
bpadm definition list
check "list: 2026 is installed" out_has "2026  stempel $(sha256sum data/kartlegging/2026.xml | cut -c1-16)"
check "list: nothing of 2027" bash -c "! grep -q '^2027' '$OUT'"
check "the site has the stylesheets publish needs, outside the DocumentRoot" bash -c \
    "[ -f '$BP_SITE/data/kartlegging/stamp.xsl' ] && [ -f '$BP_SITE/data/kartlegging/form.xsl' ] && \
     [ -f '$BP_SITE/data/kartlegging/definition.rng' ] && [ -f '$BP_SITE/data/rapport/rapport.xsl' ] && \
     ! find '$BP_SITE/public_html' -name '*.xsl' | grep -q ."
check "the site's 2026 files are the build's, byte for byte" bash -c \
    "cd '$BP_SITE/data/kartlegging/2026' && cmp definition.xml '$BUILD_DIR/data/kartlegging/2026/definition.xml' && \
     cmp form.html '$BUILD_DIR/data/kartlegging/2026/form.html' && \
     cmp definition.def '$BUILD_DIR/data/kartlegging/2026/definition.def' && \
     cmp source.xml '$PWD/data/kartlegging/2026.xml'"
# the files bpadm makes with libxslt are what xsltproc made of the same stylesheets before
S26=$(sha256sum data/kartlegging/2026.xml | cut -c1-16)
xsltproc --nonet --stringparam stamp "$S26" -o "$WORK/x.xml" tools/gen/stamp.xsl data/kartlegging/2026.xml
xsltproc --nonet --stringparam stamp "$S26" -o "$WORK/x.html" tools/gen/formtabs.xsl data/kartlegging/2026.xml
xsltproc --nonet --stringparam def "$PWD/data/kartlegging/2026.xml" -o "$WORK/r.xml" \
    tools/gen/rapportdef.xsl data/rapport/2026.xml
check "the stamped copy, the form and the report are xsltproc's, byte for byte" bash -c \
    "cmp '$WORK/x.xml' '$BP_SITE/data/kartlegging/2026/definition.xml' && \
     cmp '$WORK/x.html' '$BP_SITE/data/kartlegging/2026/form.html' && \
     cmp '$WORK/r.xml' '$BP_SITE/data/rapport/2026.xml'"

# a person surveyed in 2026
P=$(fnr_any 150385)
start "$WORK/k" "$P"
ID26=$(created_id)
check "2026: the person is surveyed" bash -c "[ '$STATUS' = 303 ] && [ -n '$ID26' ]"
save "$WORK/k" "$ID26" bruker -d 'kategori=rus&fodeland=norge&utdanning=fagbrev&arbeidserfaring=ingen&handling=lagre'
check "2026: a tab saved" is "$STATUS" 303
form "$WORK/k" "$ID26"
check "2026: the form has 2026's option text" body_has 'Rusmiddelproblemer, men ikke psykiske helseproblemer'
check "2026: no question of 2027" body_lacks 'digital_kontakt'

# == check ===================================================================================
bpadm definition check "$DEFS/2027.xml"
cp "$OUT" "$WORK/out.2027"
check "check 2027: exit 0" is "$RC" 0
check "check 2027: the year and the stamp" out_has "spørreskjema for 2027, stempel $(sha256sum $DEFS/2027.xml | cut -c1-16)"
check "check 2027: the rules ran over generated records" bash -c "grep -Eq 'uttrykk kjørt på [1-9][0-9]* genererte kartlegginger' '$OUT'"
check "check 2027: compared with 2026" out_has "Endringer mot 2026:"
check "check 2027: the question added, with its line" out_has "nytt spørsmål: digital_kontakt «Kan brukeren nås digitalt?» (linje 33)"
check "check 2027: the option renamed" out_has "omdøpt svaralternativ: kategori/rus «Rusmiddelproblemer, men ikke psykiske helseproblemer» → «Bare rusmiddelproblemer»"
check "check 2027: the rule changed" out_has "endret regel: injiserer.ingen_rusmidler (linje 710)"
check "check 2027: nothing else" is "$(grep -c '^  ' "$OUT")" 4
check "check 2027: the report follows 2026's" out_has "Rapportdefinisjonen for 2027 lages fra den for 2026."
check "check 2027: can be published" out_has "$DEFS/2027.xml kan publiseres for 2027."
check "check 2027: nothing installed" bash -c "[ ! -e '$BP_SITE/data/kartlegging/2027' ] && [ ! -e '$BP_SITE/data/rapport/2027.xml' ]"
bpadm definition check data/kartlegging/2026.xml
check "check 2026 against itself: ingen endringer" bash -c "[ $RC = 0 ] && grep -q '^  ingen endringer$' '$OUT'"
check "check 2026: says it replaces the year in use" out_has "2026 har et spørreskjema i bruk; dette erstatter det."
check "check 2027: does not say so" bash -c "! grep -q 'erstatter' '$WORK/out.2027'"

bpadm definition check "$DEFS/2027-xpath.xml"
check "a bad XPath: exit 1" is "$RC" 1
check "a bad XPath: refused at its line" err_has "$DEFS/2027-xpath.xml:711: XPath-uttrykket kan ikke kompileres: gravid = 'ja' and (@kjonn = 'mann'"
check "an XPath that fails on a record: refused at its line" err_has "$DEFS/2027-xpath.xml:720: XPath-uttrykket kan ikke kjøres på en kartlegging: finnes(aktuell_fare_overdose)"
check "a bad XPath: the count" err_has "2 feil; ingenting er endret"
bpadm definition check "$DEFS/2027-dobbel-id.xml"
check "a duplicate id: exit 1" is "$RC" 1
check "a duplicate id: refused at its line, naming the first" err_has "$DEFS/2027-dobbel-id.xml:40: spørsmålet «kategori» finnes alt på linje 26"
printf '<definition year="2027" source="x">\n  <tab id="a" title="A">\n</definition>\n' > "$WORK/bad.xml"
bpadm definition check "$WORK/bad.xml"
check "not well-formed: refused with its line" bash -c "[ $RC = 1 ] && grep -q '^$WORK/bad.xml:3: ikke gyldig XML' '$ERR'"
sed 's/<label>Kategori<\/label>/<label>Kategori {{messages kategori}}<\/label>/' "$DEFS/2027.xml" > "$WORK/marker.xml"
bpadm definition check "$WORK/marker.xml"
check "a text like a form marker: refused at its line" bash -c "[ $RC = 1 ] && grep -q '^$WORK/marker.xml:27: teksten inneholder «{{»' '$ERR'"
sed 's/<tab id="barn" title="Barn">/<tab id="barn">/' "$DEFS/2027.xml" > "$WORK/schema.xml"
bpadm definition check "$WORK/schema.xml"
check "against the schema: refused at its line" bash -c "[ $RC = 1 ] && grep -q '^$WORK/schema.xml:[0-9]*: følger ikke skjemaet' '$ERR'"
awk '/<item id="bostedsloshet_maneder"/{skip=1} !skip{print} skip&&/<\/item>/{skip=0}' \
    "$DEFS/2027.xml" > "$WORK/uten.xml"
bpadm definition check "$WORK/uten.xml"
check "a question the report uses, removed: exit 1" is "$RC" 1
check "a question the report uses, removed: said, with the report's line" err_has \
    "rapportdefinisjonen som følges, fra 2026 (rapport/kilde/2026.xml, linje 44) bruker «bostedsloshet_maneder», som spørreskjemaet ikke har"
bpadm definition publish "$DEFS/2027-xpath.xml"
check "publish of a broken one: exit 1, nothing installed" bash -c "[ $RC = 1 ] && [ ! -e '$BP_SITE/data/kartlegging/2027' ]"

# == 2027 before and after publish ===========================================================
clock '2027-02-01 10:00'
rm -f "$WORK/k"
instance_login "$K_EMAIL" "$PW" "$K_SECRET" "$WORK/k" || { echo "relogin" >&2; exit 1; }
start "$WORK/k" "$P"
check "2027 before publish: no questionnaire yet, said" body_has 'Spørreskjemaet for 2027 er ikke klart ennå'

bpadm definition publish "$DEFS/2027.xml"
check "publish 2027: exit 0" is "$RC" 0
check "publish 2027: said" out_has "Spørreskjemaet for 2027 er publisert (versjon 2027-"
check "publish 2027: the year's report counts made then, not by the first report opened" \
    out_has "Rapportene for 2027 er talt etter spørreskjemaet som gjelder nå."
V1=$(link_of 2027)
check "publish 2027: the year's link names a version" bash -c "[[ '$V1' =~ ^2027-[0-9a-f]{16}$ ]]"
check "publish 2027: the version holds the four files" bash -c "cd '$BP_SITE/data/kartlegging/$V1' && \
    [ -s definition.xml ] && [ -s definition.def ] && [ -s form.html ] && cmp -s source.xml '$PWD/$DEFS/2027.xml'"
check "publish 2027: stamped with the file's hash" bash -c "grep -q 'stamp=\"$(sha256sum $DEFS/2027.xml | cut -c1-16)\"' '$BP_SITE/data/kartlegging/2027/definition.xml'"
bpadm definition list
check "list: 2026 and 2027" bash -c "grep -q '^2026  stempel' '$OUT' && grep -q '^2027  stempel $(sha256sum $DEFS/2027.xml | cut -c1-16)  versjon $V1' '$OUT'"
check "the report source of 2027 is 2026's for 2027" \
    grep -q '<report year="2027" definition="2027"' "$BP_SITE/data/rapport/kilde/2027.xml"
# none of the three changes touches what the report counts: 2026's, with the year changed
check "the report definition of 2027 is 2026's written out for 2027" bash -c \
    "sed 's/<report year=\"2027\" definition=\"2027\"/<report year=\"2026\" definition=\"2026\"/' \
     '$BP_SITE/data/rapport/2027.xml' | cmp - '$BP_SITE/data/rapport/2026.xml'"
bpadm audit --last 5
check "the audit log says who published what" out_has "definition.published"

start "$WORK/k" "$P"
ID27=$(created_id)
check "2027: the person surveyed in 2026 is surveyed again" bash -c "[ '$STATUS' = 303 ] && [ -n '$ID27' ] && [ '$ID27' != '$ID26' ]"
form "$WORK/k" "$ID27"
check "2027: the form is 2027's" body_has '<h1>Kartlegging 2027'
check "2027: the question added" body_has 'Kan brukeren nås digitalt?'
check "2027: the option renamed" body_has 'Bare rusmiddelproblemer'
check "2027: not the old text" body_lacks 'Rusmiddelproblemer, men ikke psykiske helseproblemer'
save "$WORK/k" "$ID27" bruker -d 'kategori=rus&digital_kontakt=ja&fodeland=norge&utdanning=fagbrev&arbeidserfaring=ingen&handling=lagre'
check "2027: the new question saved" is "$STATUS" 303
form "$WORK/k" "$ID27"
check "2027: the new question's answer kept" checked digital_kontakt ja
save "$WORK/k" "$ID27" levekar -d 'injiserer=ja&handling=lagre'
form "$WORK/k" "$ID27" levekar
check "2027: the changed rule holds (injiserer, no rusmiddelbruk)" body_has 'Brukeren injiserer, men «Ingen rusmidler» er valgt, eller ingenting'
form "$WORK/k" "$ID26"
check "the 2026 survey keeps 2026's form" body_has 'Rusmiddelproblemer, men ikke psykiske helseproblemer'
check "the 2026 survey: no 2027 question" body_lacks 'digital_kontakt'
check "the 2026 survey: its answer kept" checked kategori rus

# == a year with surveys =======================================================================
bpadm definition check "$DEFS/2027-fjernet.xml"
check "removing an answered question: check says no" is "$RC" 1
check "removing an answered question: at the line of its tab, with why" err_has "$DEFS/2027-fjernet.xml:25: spørsmålet «digital_kontakt» er fjernet, men 1 av kartleggingene i 2027 har svar på det"
bpadm definition publish "$DEFS/2027-fjernet.xml"
check "removing an answered question: publish refuses" err_has "ingenting er endret"
check "removing an answered question: the version in use stays" is "$(link_of 2027)" "$V1"
sed '/id="digital_kontakt"/,/<\/item>/s/<option id="ja">/<option id="ja_digitalt">/' \
    "$DEFS/2027.xml" > "$WORK/2027-alternativ.xml"
bpadm definition publish "$WORK/2027-alternativ.xml"
check "removing a chosen option: refused at its question's line, with why" bash -c "[ $RC = 1 ] && \
    grep -qF '2027-alternativ.xml:33: svaralternativet «ja» på «digital_kontakt» er fjernet, men 1 av kartleggingene i 2027 har valgt det' '$ERR'"
check "removing a chosen option: the version in use stays" is "$(link_of 2027)" "$V1"
sed 's/Kan brukeren nås digitalt?/Kan brukeren nås på nett?/' "$DEFS/2027.xml" > "$WORK/2027-tekst.xml"
bpadm definition publish "$WORK/2027-tekst.xml"
check "a new text for a year with surveys: published" is "$RC" 0
check "a new text: no answer is lost, the surveys say" out_has "1 kartlegging i 2027 er sjekket: ingen svar går tapt."
check "a new text: said as such" out_has "endret spørsmålstekst: digital_kontakt «Kan brukeren nås digitalt?» → «Kan brukeren nås på nett?»"
V2=$(link_of 2027)
check "a new text: a new version" bash -c "[ -n '$V2' ] && [ '$V2' != '$V1' ]"
form "$WORK/k" "$ID27"
check "a new text: the form shows it" body_has 'Kan brukeren nås på nett?'
check "a new text: the answer stays" checked digital_kontakt ja

# a new release deployed over the site: each year made anew by its bpadm, the year KORFOR
# published kept as published
"$BP_SRC/tools/site/deploy.sh" "$BUILD_DIR" "$BP_SITE" 2>"$WORK/deploy.err"
check "a redeploy: done" is "$?" 0
check "a redeploy keeps the 2027 KORFOR published" is "$(link_of 2027)" "$V2"
check "a redeploy: the site's 2026 is the build's, nothing to say of it" bash -c "! grep -q ': 2026:' '$WORK/deploy.err'"
form "$WORK/k" "$ID27"
check "a redeploy: the 2027 form as published" body_has 'Kan brukeren nås på nett?'

# == switched at once ============================================================================
# publish flips 2027 between two versions while forms are fetched: each page is whole and
# of one version (its text, its stamp), never an error
for i in 1 2 3 4 5 6; do
	"$BP_BPADM" -c "$BP_CONF" definition publish "$DEFS/2027.xml" >/dev/null 2>&1
	"$BP_BPADM" -c "$BP_CONF" definition publish "$WORK/2027-tekst.xml" >/dev/null 2>&1
done &
FLIP=$!
bad=0 n=0 seen_a=0 seen_b=0
while kill -0 "$FLIP" 2>/dev/null || [ $n -lt 10 ]; do
	form "$WORK/k" "$ID27"
	n=$((n + 1))
	a=$(grep -c 'Kan brukeren nås digitalt?' "$BODY") b=$(grep -c 'Kan brukeren nås på nett?' "$BODY")
	if [ "$STATUS" != 200 ] || [ $((a + b)) -ne 1 ] || ! grep -q '</html>' "$BODY"; then bad=$((bad + 1)); fi
	[ "$a" = 1 ] && seen_a=1
	[ "$b" = 1 ] && seen_b=1
	[ $n -ge 400 ] && break
done
wait "$FLIP"
echo "     $n forms fetched while 12 versions were switched in"
check "switching versions: every form whole and of one version" is "$bad" 0
check "switching versions: the old and the new were both seen" bash -c "[ $seen_a = 1 ] && [ $seen_b = 1 ]"

# == a year already transferred ===============================================================
# KORFOR's registry keeps a transferred survey's answers by the same question ids, and the
# year's export and reports read them through the year's definition: a version of 2026 may
# not drop a question its transferred rows answered, though no survey of 2026 is left in
# the kommune that transferred them
bpadm demo-registry --year 2026 --count 20 --kommune 1103
check "setup: 20 transferred rows of 2026 in the registry" is "$RC" 0
V26=$(link_of 2026)
awk '/<item id="utdanning"/{skip=1} !skip{print} skip&&/<\/item>/{skip=0}' \
    data/kartlegging/2026.xml > "$WORK/2026-uten.xml"
bpadm definition check "$WORK/2026-uten.xml"
check "removing a question transferred rows answered: check says no" is "$RC" 1
check "... saying how many of them were transferred" bash -c "grep -Eq \
    '^$WORK/2026-uten.xml:[0-9]+: spørsmålet «utdanning» er fjernet, men 2[01] av kartleggingene i 2026 \\(20 av dem overført til KORFOR\\) har svar på det' '$ERR' || { cat '$ERR' >&2; false; }"
bpadm definition publish "$WORK/2026-uten.xml"
check "... publish refuses, the version in use stays" bash -c "[ $RC = 1 ] && [ '$(link_of 2026)' = '$V26' ]"
bpadm definition check data/kartlegging/2026.xml
check "the year's own file: the transferred rows read, nothing lost" bash -c "[ $RC = 0 ] && grep -Eq \
    '^2[01] kartlegginger i 2026 \\(20 av dem overført til KORFOR\\) er sjekket: ingen svar går tapt.$' '$OUT' || { cat '$OUT' '$ERR' >&2; false; }"

clock '2026-06-01 10:00'
"$BP_BPADM" -c "$BP_CONF" clock --reset >/dev/null
no_crash definisjon
done_checks
