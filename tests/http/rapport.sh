#!/bin/bash
# The reports over HTTP (issue 6): a registry filled by `bpadm demo-registry` (Stavanger
# 2025 and 2026, Oslo, and a few rows in every kommune), then who may open which report
# (kommunekontakt its kommune only, KORUS its region and its kommuner, KORFOR all and the
# national, a kartlegger none), the page (every section, a chart and a table each, the SVG
# well-formed and its numbers those of the table, no count under 5), the CSV of every
# table, the PDF read back with pdftotext, the audit log, and no crash or sanitizer report.
# Hidden cells (issue 17 §2): every one shows ":" with its legend, also one of 5 or more
# hidden to protect a small one (checked against the registry's own rows, KORFOR's CSV);
# never "<5"; a column with nobody says "Ingen data".
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

PW="et langt passord for testene"

suite_start "reports"
"$BP_BPADM" -c "$BP_CONF" clock --set '2026-12-01 10:00' >/dev/null

KF=$WORK/kf KR=$WORK/kr KK=$WORK/kk KO=$WORK/ko KA=$WORK/ka
instance_account "Kai KORFOR" kai@korfor.no "$PW" "$KF" >/dev/null || { echo "setup: korfor" >&2; exit 1; }
reg() {		# reg JAR NAME EMAIL LINK
	local s
	s=$(instance_register "$4" "$2" "$3" "$PW" "$1") && instance_login "$3" "$PW" "$s" "$1"
}
reg "$KR" "Ragnhild KORUS" ragnhild@korus.no "$(instance_invite "$KF" korus region=vest-stavanger)" ||
    { echo "setup: korus" >&2; exit 1; }
reg "$KK" "Kari Kontakt" kari@stavanger.kommune.no \
    "$(instance_invite "$KF" kommunekontakt kommune=1103 "instans=Stavanger kommune")" ||
    { echo "setup: kommunekontakt" >&2; exit 1; }
reg "$KO" "Ola Kontakt" ola@oslo.kommune.no \
    "$(instance_invite "$KF" kommunekontakt kommune=030101 "instans=Oslo kommune")" ||
    { echo "setup: kommunekontakt Oslo" >&2; exit 1; }
instance_kartlegger "Per Kartlegger" per@stavanger.kommune.no "$PW" "$KA" 1103 "NAV" >/dev/null ||
    { echo "setup: kartlegger" >&2; exit 1; }

# the registry: two rows in every kommune, then Stavanger's 60 and Oslo's 80 (the first
# two of each replaced), and 40 of Stavanger's persons last year
demo() { "$BP_BPADM" -c "$BP_CONF" demo-registry "$@" >/dev/null || { echo "setup: demo-registry $*" >&2; exit 1; }; }
demo --year 2026 --count 714
demo --year 2026 --kommune 1103 --count 60
demo --year 2026 --kommune 0301 --count 80
demo --year 2025 --kommune 1103 --count 40
check "demo-registry refuses a drift site" bash -c "sed 's/^mode *=.*/mode = drift/' '$BP_CONF' > '$WORK/drift.conf' && ! '$BP_BPADM' -c '$WORK/drift.conf' demo-registry --year 2026 --count 1 2>/dev/null"

# == who sees what ===========================================================================
check "kommunekontakt: own kommune (default)" is "$(status "$KK" GET '/cgi-bin/rapport?aar=2026')" 200
check "kommunekontakt: own kommune by name" is "$(status "$KK" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026')" 200
check "kommunekontakt: another kommune 403" is "$(status "$KK" GET '/cgi-bin/rapport?omrade=k-0301&aar=2026')" 403
check "kommunekontakt: a kommune in its region 403" is "$(status "$KK" GET '/cgi-bin/rapport?omrade=k-1124&aar=2026')" 403
check "kommunekontakt: its region's report 403" is "$(status "$KK" GET '/cgi-bin/rapport?omrade=r-vest-stavanger&aar=2026')" 403
check "kommunekontakt: the national report 403" is "$(status "$KK" GET '/cgi-bin/rapport?omrade=land&aar=2026')" 403
check "Oslo's kommunekontakt: a bydel of Oslo" is "$(status "$KO" GET '/cgi-bin/rapport?omrade=b-030101&aar=2026')" 200
check "Oslo's kommunekontakt: another bydel of Oslo" is "$(status "$KO" GET '/cgi-bin/rapport?omrade=b-030105&aar=2026')" 200
check "Oslo's kommunekontakt: Bergen's bydel 403" is "$(status "$KO" GET '/cgi-bin/rapport?omrade=b-460101&aar=2026')" 403
check "KORUS: its region (default)" is "$(status "$KR" GET '/cgi-bin/rapport?aar=2026')" 200
check "KORUS: a kommune of its region" is "$(status "$KR" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026')" 200
check "KORUS: a kommune of another region 403" is "$(status "$KR" GET '/cgi-bin/rapport?omrade=k-0301&aar=2026')" 403
check "KORUS: another region 403" is "$(status "$KR" GET '/cgi-bin/rapport?omrade=r-oslo&aar=2026')" 403
check "KORUS: the national report 403" is "$(status "$KR" GET '/cgi-bin/rapport?omrade=land&aar=2026')" 403
check "KORFOR: the national report" is "$(status "$KF" GET '/cgi-bin/rapport?omrade=land&aar=2026')" 200
check "KORFOR: any region" is "$(status "$KF" GET '/cgi-bin/rapport?omrade=r-oslo&aar=2026')" 200
check "KORFOR: any kommune" is "$(status "$KF" GET '/cgi-bin/rapport?omrade=k-0301&aar=2026')" 200
check "kartlegger: no report 403" is "$(status "$KA" GET '/cgi-bin/rapport?aar=2026')" 403
check "kartlegger: not even its kommune's 403" is "$(status "$KA" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026')" 403
check "not logged in: to the login" is "$(status /dev/null GET '/cgi-bin/rapport')" 303
check "unknown kommune 404" is "$(status "$KF" GET '/cgi-bin/rapport?omrade=k-9999&aar=2026')" 404
check "bad area 400" is "$(status "$KF" GET '/cgi-bin/rapport?omrade=x-1&aar=2026')" 400
check "bad year 400" is "$(status "$KF" GET '/cgi-bin/rapport?aar=20x6')" 400
check "bad format 400" is "$(status "$KF" GET '/cgi-bin/rapport?format=doc')" 400
check "a year without a report definition 404" is "$(status "$KF" GET '/cgi-bin/rapport?aar=2019')" 404
check "the menu offers Rapporter to the kommunekontakt" bash -c "curl -s -b '$KK' '$BP_URL/cgi-bin/menu' | grep -q '/cgi-bin/rapport\">Rapporter<'"
check "the menu offers no Rapporter to the kartlegger" bash -c "! curl -s -b '$KA' '$BP_URL/cgi-bin/menu' | grep -q 'Rapporter'"

# == the kommune's page ======================================================================
hit "$KK" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026'
check "the page: 200" is "$STATUS" 200
check "the page: no-store" grep -qi '^Cache-Control: no-store' "$HEADERS"
cp "$BODY" "$WORK/page.html"
for s in kategori kjonn alder levekar indeks bostedslos bolig aktivitet inntekt barn vold \
    selvmord_overdose planer tjenester fulgt; do
	check "section $s with its table" grep -q "id=\"tab-$s\"" "$WORK/page.html"
done
check "the columns: Stavanger, its region, the country, last year" bash -c \
    "grep -q '<dt>Stavanger</dt><dd>60 kartlagte' '$WORK/page.html' && grep -q '<dt>KoRus Vest Stavanger</dt>' '$WORK/page.html' && grep -q '<dt>Hele landet</dt>' '$WORK/page.html' && grep -q '<dt>Stavanger 2025</dt><dd>40 kartlagte' '$WORK/page.html'"
check "the followed persons: 40 surveyed both years" grep -q 'Kartlagt begge år: Stavanger: 40' "$WORK/page.html"
check "expected demand is explained" grep -q 'Forventet behov for en tjeneste neste år er de som skal fortsette' "$WORK/page.html"

# every chart well-formed SVG with a title; the numbers of each bar chart those of its table
perl -0ne 'print "$1\n" while /(<svg\b.*?<\/svg>)/gs' "$WORK/page.html" > "$WORK/svgs"
check "23 charts (every section but the followed persons; services a chart per group)" is "$(wc -l < "$WORK/svgs")" 23
n=0
while IFS= read -r svg; do
	n=$((n + 1))
	printf '%s\n' "$svg" > "$WORK/chart$n.svg"
	check "chart $n is well-formed XML" xmllint --noout "$WORK/chart$n.svg"
	check "chart $n has a title and role=img" bash -c "grep -q '<title id=' '$WORK/chart$n.svg' && grep -q 'role=\"img\"' '$WORK/chart$n.svg'"
done < "$WORK/svgs"
# kategori: the bar texts in order are, row by row, the shares (or marks) of each column
tds() {		# tds SECTION 0|1: the share (0) or count (1) cells, row by row, column by column
	xmllint --html --xpath "//table[@id='tab-$1']/tbody/tr/td[position() mod 2 = $2]" "$WORK/page.html" 2>/dev/null |
	    perl -ne 'print "$1\n" while /<td[^>]*>(.*?)<\/td>|<td[^>]*\/>()/g'
}
table_cells() { tds "$1" 0; }
table_counts() { tds "$1" 1; }
svg_values() {	# svg_values N: the value texts (class value) of chart N
	grep -o '<text[^>]*class="value"[^>]*>[^<]*</text>' "$WORK/chart$1.svg" | sed 's/<[^>]*>//g'
}
for pair in "1 kategori" "2 kjonn" "3 alder" "5 indeks"; do
	set -- $pair
	# the chart writes a share where the table has one, else the table's count mark
	paste -d'|' <(table_cells "$2") <(table_counts "$2") | awk -F'|' '{ print ($1 != "" ? $1 : $2) }' > "$WORK/want$1"
	svg_values "$1" > "$WORK/got$1"
	check "chart $1 ($2): its numbers are the table's" diff "$WORK/want$1" "$WORK/got$1"
done
check "the kategori table has numbers" bash -c "[ $(table_counts kategori | wc -l) -gt 0 ]"
# no count under 5 on the page: each count cell is >= 5 or "<5"
xmllint --html --xpath "//table[contains(@class,'report')]//td" "$WORK/page.html" 2>/dev/null |
    sed 's#</td>#\n#g; s#<td[^>]*>##g' > "$WORK/cells"
check "the tables have cells" bash -c "[ \$(wc -l < '$WORK/cells') -gt 500 ]"
check "no count under 5 on the page" bash -c "! grep -Exq '[0-4]' '$WORK/cells'"
check "hidden cells are shown as ':'" grep -qx ':' "$WORK/cells"
check "no cell on the page says <5" bash -c "! grep -q '&lt;5' '$WORK/page.html'"
check "the legend of ':' on the page" grep -q '<span class="mark">:</span> Vises ikke av personvernhensyn' "$WORK/page.html"
# charts leak nothing a table hides: a bar only for a shown share (kategori)
check "chart 1: a bar for each shown share, none for a hidden cell" is \
    "$(grep -o 'class="bar"' "$WORK/chart1.svg" | wc -l)" "$(table_cells kategori | grep -c %)"

# every scope's counts are kept after a full pass and used by every report after it; rows
# written behind their back (here: demo-registry in Sola) make them count afresh
main_of() { perl -0ne 'print "$1\n" if /(<main.*<\/main>)/s' "$1" | sed 's/name="csrf" value="[0-9a-f]*"//g'; }
LAND0=$(grep -o '<dt>Hele landet</dt><dd>[0-9]*' "$WORK/page.html" | grep -o '[0-9]*$')
demo --year 2026 --kommune 1124 --count 5
hit "$KK" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026'
main_of "$BODY" > "$WORK/cold.html"
hit "$KK" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026'
main_of "$BODY" > "$WORK/warm.html"
LAND1=$(grep -o '<dt>Hele landet</dt><dd>[0-9]*' "$WORK/cold.html" | grep -o '[0-9]*$')
check "new rows in the registry: the country counted afresh ($LAND0 -> $LAND1)" bash -c "[ '$LAND1' -gt '$LAND0' ]"
check "the kept counts give the very same report" diff "$WORK/cold.html" "$WORK/warm.html"
check "the report is not empty" bash -c "[ \$(wc -c < '$WORK/warm.html') -gt 50000 ]"
# bp-transfer (cron) counts a changed registry once: the reports after it are the same
hit "$KF" GET '/cgi-bin/rapport?omrade=land&aar=2026'
main_of "$BODY" > "$WORK/land1.html"
demo --year 2026 --kommune 1124 --count 5
check "bp-transfer makes the counts ready" "$BP_SITE/bin/bp-transfer" -c "$BP_CONF"
hit "$KF" GET '/cgi-bin/rapport?omrade=land&aar=2026'
main_of "$BODY" > "$WORK/land2.html"
check "the national report from the counts bp-transfer kept: the same (the rows replaced)" \
    diff "$WORK/land1.html" "$WORK/land2.html"

# a bydel of Oslo: its own figures, Oslo's region beside it
hit "$KO" GET '/cgi-bin/rapport?omrade=b-030101&aar=2026'
check "the bydel's report names it" grep -q 'Oslo, bydel Gamle Oslo' "$BODY"
check "the bydel's report has the region (KoRus Oslo)" grep -q '<dt>KoRus Oslo</dt>' "$BODY"

# Oslo has nobody last year: that column says "Ingen data" (page, CSV, PDF), is in no
# table or chart, and the followed persons' section has no table of marks
hit "$KF" GET '/cgi-bin/rapport?omrade=k-0301&aar=2026'
cp "$BODY" "$WORK/oslo.html"
check "no data last year: 'Ingen data' beside Oslo 2025" grep -q '<dt>Oslo 2025</dt><dd>Ingen data</dd>' "$WORK/oslo.html"
check "no data last year: no column of it in the tables" bash -c "grep -q '>Oslo antall<' '$WORK/oslo.html' && ! grep -q '>Oslo 2025 antall<' '$WORK/oslo.html'"
check "no data last year: not in a chart's legend" bash -c "! grep -q '>Oslo 2025</text>' '$WORK/oslo.html'"
check "no data last year: the followed persons say 'Ingen data', no table" bash -c "! grep -q 'id=\"tab-fulgt\"' '$WORK/oslo.html' && perl -0ne 'exit !/id=\"h-fulgt\".*?<p class=\"nodata\">Ingen data<\/p>/s' '$WORK/oslo.html'"
hit "$KF" GET '/cgi-bin/rapport?omrade=k-0301&aar=2026&format=csv'
check "no data last year: the CSV flags it 'Ingen data', count empty" bash -c "grep '^Kategori,,Rusmiddelproblemer,' '$WORK/body.last' | tr -d '\r' | grep -q ',,,Ingen data\$'"
hit "$KF" GET '/cgi-bin/rapport?omrade=k-0301&aar=2026&format=pdf'
pdftotext -layout "$BODY" "$WORK/oslo.txt" 2>/dev/null
check "no data last year: the PDF says 'Oslo 2025: Ingen data'" grep -q 'Oslo 2025: Ingen data' "$WORK/oslo.txt"

# == CSV =====================================================================================
hit "$KK" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026&format=csv'
check "CSV: 200 text/csv" bash -c "[ $STATUS = 200 ] && grep -qi '^Content-Type: text/csv' '$HEADERS'"
check "CSV: a download with a name" grep -qi 'Content-Disposition: attachment; filename="brukerplan-rapport-2026-k-1103.csv"' "$HEADERS"
cp "$BODY" "$WORK/r.csv"
check "CSV: the header, a flag column per column" bash -c "head -1 '$WORK/r.csv' | grep -q 'seksjon,gruppe,rad,maal,Stavanger antall,Stavanger andel (%),Stavanger merknad (: = vises ikke av personvernhensyn),KoRus Vest Stavanger antall'"
check "CSV: every table (kategori to tjenester and fulgt)" bash -c "grep -q '^Kategori,' '$WORK/r.csv' && grep -q '^Levekårsområder,Bosituasjon,Grønn' '$WORK/r.csv' && grep -q '^Tjenester,NAV-tjenester,Råd/veiledning,behov,' '$WORK/r.csv' && grep -q '^Samme personer i fjor og i år' '$WORK/r.csv'"
LINES=$(wc -l < "$WORK/r.csv")
# the header, the two bases (bostedsløse, followed), a line per table row, three more per
# service (hatt fortsette ny behov) and four more per row of the followed (a group each, sum)
check "CSV: a line per row of every table, per measure of a service ($LINES lines)" is "$LINES" \
    "$(( $(grep -o '<tr><th scope="row">' "$WORK/page.html" | wc -l) + 1 + 2 + 65 * 3 + 4 * 4 ))"
check "CSV: no count under 5" bash -c "! tail -n +2 '$WORK/r.csv' | tr -d '\r' | awk -F, '{ for (i = 5; i <= NF; i += 3) if (\$i ~ /^[0-4]\$/) bad = 1 } END { exit !bad }'"
check "CSV: no <5 anywhere" bash -c "! grep -q '<5' '$WORK/r.csv'"
# a hidden cell: count and share empty, the flag ":" (here in Stavanger's column)
check "CSV: hidden cells have an empty count and the flag ':'" bash -c "tr -d '\r' < '$WORK/r.csv' | awk -F, '\$7 == \":\" { n++; if (\$5 != \"\" || \$6 != \"\") bad = 1 } END { exit bad || !n }'"
check "CSV: no pseudonym" bash -c "! grep -Eq '[0-9a-f]{64}' '$WORK/r.csv'"
check "CSV: Kategori's count is the page's" is "$(grep '^Kategori,,Rusmiddelproblemer,' "$WORK/r.csv" | tr -d '\r' | awk -F, '{ print $5 != "" ? $5 : $7 }')" "$(table_counts kategori | head -1)"

# A cell of 5 or more hidden to protect a small one shows ":", as the small ones do: the
# registry's own rows of Stavanger (KORFOR's CSV of the transferred surveys) counted per
# row of kategori, kjønn, aldersgrupper and levekårsindeks, against the report's CSV
hit "$KF" GET '/cgi-bin/overforte?aar=2026&kommune=1103'
cp "$BODY" "$WORK/registry.csv"
perl -Mutf8 -MText::ParseWords -CSD -ne '
	s/\r?\n$//; s/^\x{feff}//;
	my @f = parse_line(",", 0, $_);
	if (!%col) { @col{@f} = 0 .. $#f; next }
	my ($k, $s, $a, $i) = map { $f[$col{$_}] // "" } qw(kategori kjonn alder levekarsindeks);
	$n{"Kategori|" . { rus => "Rusmiddelproblemer", psyk => "Psykiske helseproblemer",
	    begge => "Både rusmiddelproblemer og psykiske helseproblemer" }->{$k}}++;
	$n{"Kjønn|" . ($s eq "mann" ? "Menn" : "Kvinner")}++;
	$n{"Aldersgrupper|" . ($a < 18 ? "16–17 år" : $a < 25 ? "18–24 år" : $a < 40 ? "25–39 år" :
	    $a < 60 ? "40–59 år" : "60 år og eldre")}++;
	$n{"Levekårsindeks|" . { gront => "Grønt", gult => "Gult", rodt => "Rødt", blalys => "Blålys" }->{$i}}++;
	END { print "$_|$n{$_}\n" for sort keys %n }' "$WORK/registry.csv" > "$WORK/exact"
check "the registry's rows counted ($(wc -l < "$WORK/exact") rows of 4 sections)" bash -c "[ \$(wc -l < '$WORK/exact') -ge 10 ]"
perl -Mutf8 -MText::ParseWords -CSD -ne '
	s/\r?\n$//; s/^\x{feff}//; next if $. == 1;
	my @f = parse_line(",", 0, $_);
	print "$f[0]|$f[2]|$f[4]|$f[6]\n" if $f[0] =~ /^(Kategori|Kjønn|Aldersgrupper|Levekårsindeks)$/;
	' "$WORK/r.csv" > "$WORK/shown"
# SECTION|ROW|SHOWN|FLAG|EXACT for each row of the four sections in Stavanger's column
awk -F'|' 'NR == FNR { exact[$1 "|" $2] = $3; next } { print $0 "|" (($1 "|" $2) in exact ? exact[$1 "|" $2] : 0) }' \
    "$WORK/exact" "$WORK/shown" > "$WORK/cmp"
check "every shown count of the four sections is the registry's" bash -c "awk -F'|' '\$3 != \"\" && \$3 != \$5 { bad = 1; print > \"/dev/stderr\" } END { exit bad }' '$WORK/cmp'"
check "a cell of 5 or more hidden to protect a small one shows ':' ($(awk -F'|' '$4 == ":" && $5 >= 5' "$WORK/cmp" | head -1))" \
    bash -c "awk -F'|' '\$4 == \":\" && \$5 >= 5 { n++ } END { exit !n }' '$WORK/cmp'"
check "every hidden cell of the four sections is ':', small or not" bash -c "awk -F'|' '\$3 == \"\" && \$4 != \":\" { bad = 1 } END { exit bad }' '$WORK/cmp'"

# == PDF =====================================================================================
hit "$KK" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026&format=pdf'
check "PDF: 200 application/pdf" bash -c "[ $STATUS = 200 ] && grep -qi '^Content-Type: application/pdf' '$HEADERS'"
cp "$BODY" "$WORK/r.pdf"
pdftotext -layout "$WORK/r.pdf" "$WORK/r.txt" 2>/dev/null
check "PDF: readable, more than one page" bash -c "[ \$(pdfinfo '$WORK/r.pdf' | awk '/^Pages:/ { print \$2 }') -gt 2 ]"
for t in "Rapport 2026: Stavanger" "Kategori" "Levekårsområder" "Levekårsindeks" "Bostedsløse og hvor lenge" \
    "Barn under 18 år" "Vold og trusler" "Selvmordsforsøk og overdose" "Planer og ansvarsgruppe" "Tjenester" \
    "Forventet behov" "Samme personer i fjor og i år" "Stavanger: 60 kartlagte brukere" "Hatt siste år"; do
	check "PDF has \"$t\"" grep -q "$t" "$WORK/r.txt"
done
# the charts are drawn in it: their legends and shares are text in the PDF
check "PDF: the charts' legend (Vises ikke (:))" grep -q 'Vises ikke (:)' "$WORK/r.txt"
check "PDF: the legend of ':'" grep -q '«:» Vises ikke av personvernhensyn' "$WORK/r.txt"
check "PDF: no <5" bash -c "! grep -q '<5' '$WORK/r.txt'"
# the charts' legends, labels and values never overlap (issue 17 §15): no two words of a
# page, as pdftotext places them, overlap by more than 1 pt each way
pdftotext -bbox "$WORK/r.pdf" "$WORK/r.bbox" 2>/dev/null
perl -ne '
	sub check { for my $i (0 .. $#w) { for my $j ($i + 1 .. $#w) { my ($a, $b) = ($w[$i], $w[$j]);
		next if $a->[2] <= $b->[0] + 1 || $b->[2] <= $a->[0] + 1 || $a->[3] <= $b->[1] + 1 || $b->[3] <= $a->[1] + 1;
		print "page $page: $a->[4] / $b->[4]\n" } } $n += @w; @w = () }
	if (/<page /) { check(); $page++ }
	push @w, [$1, $2, $3, $4, $5] if /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/;
	END { check(); print STDERR "words $n\n" }' "$WORK/r.bbox" > "$WORK/overlaps" 2> "$WORK/words"
check "PDF: no two words overlap ($(cat "$WORK/words"), pdftotext -bbox)" bash -c "[ ! -s '$WORK/overlaps' ] && [ \$(grep -o '[0-9]*' '$WORK/words') -gt 3000 ] || { head -5 '$WORK/overlaps' >&2; false; }"
FIRST=$(table_cells kategori | grep % | head -1 | sed 's/ %//')
check "PDF: a kategori share of the page ($FIRST %)" grep -q "$FIRST" "$WORK/r.txt"
# tagged for screen readers (issue 17 §17): title, headings, tables, each chart a figure
pdfinfo -struct-text "$WORK/r.pdf" > "$WORK/r.struct" 2>/dev/null
check "PDF: tagged" bash -c "pdfinfo '$WORK/r.pdf' | grep -qx 'Tagged: *yes'"
check "PDF: an H1, H2s, tables with heads, figures" bash -c "grep -A1 -x '  H1 (block)' '$WORK/r.struct' | grep -q 'Rapport 2026: Stavanger' && grep -qx '  H2 (block)' '$WORK/r.struct' && grep -qx '      TH:' '$WORK/r.struct' && grep -qx '  Figure' '$WORK/r.struct'"
check "PDF: each figure's words (/Alt), in bokmål" bash -c "[ \$(grep -ac '/Alt <FEFF' '$WORK/r.pdf') = \$(grep -cx '  Figure' '$WORK/r.struct') ] && tail -c 4000 '$WORK/r.pdf' | grep -aq '/Lang (nb-NO)'"

# == last year by last year's report definition (issue 18 §2) ================================
# a hand-made definition of 2025 with kategori (but not "begge") and kjønn only: Stavanger's
# report of 2026 counts last year's rows by it, shows last year's column for the ids in both
# years, none for the rest, and still follows the 40 persons by pseudonym
R25=$BP_SITE/data/rapport/2025.xml
cat > "$R25" <<'EOF'
<report year="2025">
  <section id="kategori" title="Kategori" chart="bar" partition="yes">
    <row id="rus" label="Rusmiddelproblemer"><when item="kategori" value="rus"/></row>
    <row id="psyk" label="Psykiske helseproblemer"><when item="kategori" value="psyk"/></row>
  </section>
  <section id="kjonn" title="Kjønn" chart="bar" partition="yes">
    <row id="mann" label="Menn"><when attr="kjonn" value="mann"/></row>
    <row id="kvinne" label="Kvinner"><when attr="kjonn" value="kvinne"/></row>
  </section>
</report>
EOF
hit "$KK" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026&format=csv'
tr -d '\r' < "$BODY" > "$WORK/two.csv"
hit "$KK" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026'
cp "$BODY" "$WORK/two.html"
rm -f "$R25"
last_flag() { grep "^$1" "$WORK/two.csv" | head -1 | awk -F, '{ print $NF }'; }
last_n() { grep "^$1" "$WORK/two.csv" | head -1 | awk -F, '{ print $(NF - 2) }'; }
check "two definitions: last year's 40 persons" grep -q '<dt>Stavanger 2025</dt><dd>40 kartlagte' "$WORK/two.html"
check "two definitions: Menn in both years, last year's count ($(last_n 'Kjønn,,Menn,'))" \
    bash -c "[ -n '$(last_n 'Kjønn,,Menn,')' ] && [ '$(last_flag 'Kjønn,,Menn,')' != 'Ikke i fjorårets rapport' ]"
check "two definitions: 'begge' is new, no count of last year, flagged" bash -c \
    "[ -z '$(last_n 'Kategori,,Både')' ] && [ '$(last_flag 'Kategori,,Både')' = 'Ikke i fjorårets rapport' ]"
check "two definitions: a section new this year has no count of last year" bash -c \
    "[ -z '$(last_n 'Aldersgrupper,,16–17 år,')' ] && [ '$(last_flag 'Aldersgrupper,,16–17 år,')' = 'Ikke i fjorårets rapport' ]"
check "two definitions: the persons followed across them" grep -q 'Kartlagt begge år: Stavanger: 40' "$WORK/two.html"
hit "$KK" GET '/cgi-bin/rapport?omrade=k-1103&aar=2026&format=csv'
check "one definition again: 'begge' of last year counted by this year's" bash -c \
    "tr -d '\r' < '$BODY' | grep '^Kategori,,Både' | awk -F, '{ exit (\$NF == \"Ikke i fjorårets rapport\") }'"

# == audit and privacy =======================================================================
"$BP_BPADM" -c "$BP_CONF" audit --last 50 > "$WORK/audit"
check "audit: the views, the CSV and the PDF" bash -c "grep -q report.view '$WORK/audit' && grep -q report.csv '$WORK/audit' && grep -q report.pdf '$WORK/audit'"
CSRF=$(csrf_of_page < "$WORK/page.html")
check "no pseudonym on the page (only the CSRF token is 64 hex digits)" bash -c "[ -n '$CSRF' ] && ! grep -Eo '[0-9a-f]{64}' '$WORK/page.html' | grep -vqx '$CSRF'"
no_crash "reports"
done_checks
