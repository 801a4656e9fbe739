#!/bin/bash
# `bpadm demo --kommuner N --surveys M` (issue 7) and, on the site it makes, the
# authorisation matrix of the whole product: every page program x every role (and no
# session) -> its status. The demo's accounts log in with the password and TOTP secret it
# prints; its surveys open in the form with the errors the list shows; a second run adds
# surveys to the same accounts; a drift site refuses it.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/assert.sh
. tests/lib/instance.sh

WORK=$(mktemp -d /tmp/brukerplan-demo.XXXXXX)
trap 'instance_stop; rm -rf "$WORK"' EXIT
D=brukerplan.test

instance_start || { echo "could not start Apache" >&2; exit 1; }
echo "# bpadm demo and the whole product's authorisation matrix on $BP_URL (build ${BUILD:-build})"
"$BP_BPADM" -c "$BP_CONF" clock --set '2026-10-01 10:00' >/dev/null

# 0301 Oslo (KoRus Oslo), 1101 Eigersund and 1103 Stavanger (KoRus Vest Stavanger): KORFOR,
# two KORUS, three kommunekontakter and two kartleggere in each kommune's one instans
"$BP_BPADM" -c "$BP_CONF" demo --kommuner 3 --surveys 300 > "$WORK/demo.out" 2>&1
check "demo: exit 0" is "$?" 0
OUT=$(cat "$WORK/demo.out")
check "demo: 300 surveys in 3 kommuner, the accounts made" bash -c "[[ '$OUT' =~ ^300\ kartlegginger\ i\ 3\ kommuner\ \([0-9]+\ uten\ feil\),\ 12\ nye\ kontoer ]]"
PW=$(sed -n 's/^passord: //p' <<<"$OUT")
SECRET=$(sed -n 's/^TOTP-hemmelighet.*: //p' <<<"$OUT")
check "demo: prints the password and the TOTP secret" bash -c "[ '$PW' = brukerplan-demo ] && [[ '$SECRET' =~ ^[A-Z2-7]{32}$ ]]"

login() {	# login JAR EMAIL
	instance_login "$2" "$PW" "$SECRET" "$WORK/$1" || { echo "setup: login $2" >&2; exit 1; }
}
login F korfor@$D
login R korus-vest-stavanger@$D
login RO korus-oslo@$D
login K kontakt-1103@$D
login KO kontakt-0301@$D
login T kartlegger-1103-1@$D
login T2 kartlegger-1103-2@$D
login TE kartlegger-1101-1@$D
login TO kartlegger-0301-1@$D
check "every demo role logs in" is "$(ls "$WORK" | grep -c '^[A-Z]')" 9

count() { curl -s -b "$WORK/$1" "$BP_URL/cgi-bin/menu" | grep -o 'Kartlegging</strong> – [0-9]*' | grep -o '[0-9]*$'; }
# Oslo a tenth (30, over two kartleggere), the rest evenly (135 each, 68 and 67)
check "Oslo's kartlegger has 15" is "$(count TO)" 15
check "Stavanger's first kartlegger has 68" is "$(count T)" 68
check "Stavanger's second has 67" is "$(count T2)" 67
check "Eigersund's first has 68" is "$(count TE)" 68
MENU=$(curl -s -b "$WORK/T" "$BP_URL/cgi-bin/menu")
check "the kartlegger sees the kommune's dates" bash -c "[[ '$MENU' == *'Sluttdato: 15.10.2026'* && '$MENU' == *'Overføringsdato: 31.12.2026'* ]]"
check "Oslo's kartlegger has a bydel" bash -c "curl -s -b '$WORK/TO' '$BP_URL/cgi-bin/menu' | grep -q 'bydel Gamle Oslo'"
# the year card of the scopes: KORFOR the country's 300, KORUS Oslo and Vest Stavanger
# (Oslo; Stavanger and Eigersund) share them
scope() { curl -s -b "$WORK/$1" "$BP_URL/cgi-bin/menu" | grep -o "$2: [0-9]* kartlagt" | grep -o '[0-9]\+'; }
check "KORFOR's year card: the country's 300" is "$(scope F 'Hele landet')" 300
check "KORUS's year cards: the regions' add up to 300" is "$(( $(scope RO Regionen) + $(scope R Regionen) ))" 300
check "... Oslo's region holds Oslo's, fewer than the rest" bash -c "[ $(scope RO Regionen) -gt 0 ] && [ $(scope RO Regionen) -lt $(scope R Regionen) ]"

# the surveys of a kartlegger: the list's Feil column is what the form finds
curl -s -b "$WORK/T" "$BP_URL/cgi-bin/kartlegging" | tr -d '\n' |
    grep -o 'skjema?id=[0-9a-f]*"[^<]*</a></th><td>[0-9]*</td>' |
    sed 's/skjema?id=\([0-9a-f]*\)".*<td>\([0-9]*\)<\/td>/\1 \2/' > "$WORK/rows"
check "the list shows 50 rows" is "$(wc -l < "$WORK/rows")" 50
same=0 some_errors=0
while read -r id feil; do
	form=$(curl -s -b "$WORK/T" "$BP_URL/cgi-bin/skjema?id=$id&fane=feil" | grep -o 'Feil ([0-9]*\( + [0-9]*\)\?\( ubesvart\)\?)' | head -1 | grep -o '[0-9]*' | awk '{ n += $1 } END { if (NR) print n }')
	[ "$form" = "$feil" ] && same=$((same + 1))
	[ "$feil" -gt 0 ] && some_errors=$((some_errors + 1))
done < <(head -20 "$WORK/rows")
check "20 surveys: the form's Feil (n) is the list's" is "$same" 20
check "some surveys have errors, most none" bash -c "[ $(awk '$2 > 0' "$WORK/rows" | wc -l) -gt 0 ] && [ $(awk '$2 == 0' "$WORK/rows" | wc -l) -gt 25 ]"
ID=$(head -1 "$WORK/rows" | cut -d' ' -f1)
ID2=$(curl -s -b "$WORK/T2" "$BP_URL/cgi-bin/kartlegging" | grep -o 'skjema?id=[0-9a-f]*' | head -1 | cut -d= -f2)
check "the survey ids" bash -c "[[ '$ID' =~ ^[0-9a-f]{32}$ && '$ID2' =~ ^[0-9a-f]{32}$ ]]"

# == the matrix =============================================================================
# A (no session), F KORFOR, R KORUS Vest Stavanger, K kommunekontakt 1103, T kartlegger
# 1103 (its own survey ID), T2 another kartlegger of T's instans. KORFOR and KORUS survey
# nobody: 403 before any id is looked at; to anyone else who surveys, another's survey does
# not exist (404).
status() {	# status ACTOR PATH
	local jar=/dev/null
	[ "$1" != A ] && jar=$WORK/$1
	curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$BP_URL$2"
}
# page -> path, then the expected status for A F R K T T2; "login" is 303 to the login page
declare -A PATHS=(
	[menu]=/cgi-bin/menu
	[kartlegging]=/cgi-bin/kartlegging
	[skjema]="/cgi-bin/skjema?id=$ID&fane=bruker"
	[innsyn]="/cgi-bin/innsyn?id=$ID&fil=kartlegging"
	[innsyn-logg]="/cgi-bin/innsyn?id=$ID&fil=endringslogg"
	[reservasjon]=/cgi-bin/reservasjon
	[overforing]=/cgi-bin/overforing
	[endringslogger]=/cgi-bin/endringslogger
	[overforte]=/cgi-bin/overforte
	[rapport]="/cgi-bin/rapport?aar=2026"
	[rapport-land]="/cgi-bin/rapport?omrade=land&aar=2026"
	[rapport-oslo]="/cgi-bin/rapport?omrade=k-0301&aar=2026"
	[rapport-1103]="/cgi-bin/rapport?omrade=k-1103&aar=2026"
	[admin-1103]="/cgi-bin/admin?kommune=1103"
	[admin-0301]="/cgi-bin/admin?kommune=0301"
	[autorisasjon]=/cgi-bin/autorisasjon
	[invite]=/cgi-bin/invite
	[handover]=/cgi-bin/handover
	[welcome]=/cgi-bin/welcome
)
declare -A WANT=(
	[menu]="303 200 200 200 200 200"
	[kartlegging]="303 403 403 200 200 200"
	[skjema]="303 403 403 404 200 404"
	[innsyn]="303 403 403 404 200 404"
	[innsyn-logg]="303 403 403 404 200 404"
	[reservasjon]="303 403 403 200 200 200"
	[overforing]="303 403 403 200 403 403"
	[endringslogger]="303 403 403 200 403 403"
	[overforte]="303 200 403 403 403 403"
	[rapport]="303 200 200 200 403 403"
	[rapport-land]="303 200 403 403 403 403"
	[rapport-oslo]="303 200 403 403 403 403"
	[rapport-1103]="303 200 200 200 403 403"
	[admin-1103]="303 200 200 200 403 403"
	[admin-0301]="303 200 403 403 403 403"
	[autorisasjon]="303 200 200 200 403 403"
	[invite]="303 200 200 200 200 200"
	[handover]="303 200 200 200 200 200"
	[welcome]="303 200 403 403 403 403"
)
actors=(A F R K T T2)
pages=(menu kartlegging skjema innsyn innsyn-logg reservasjon overforing endringslogger overforte
    rapport rapport-land rapport-oslo rapport-1103 admin-1103 admin-0301 autorisasjon invite
    handover welcome)
printf '\n%-15s' page; printf ' %-5s' "${actors[@]}"; echo
mismatch=0
for p in "${pages[@]}"; do
	read -r -a want <<<"${WANT[$p]}"
	line=$(printf '%-15s' "$p")
	for i in "${!actors[@]}"; do
		got=$(status "${actors[$i]}" "${PATHS[$p]}")
		if [ "$got" = "${want[$i]}" ]; then
			line+=$(printf ' %-5s' "$got")
		else
			line+=$(printf ' %-5s' "$got!")
			mismatch=$((mismatch + 1))
		fi
	done
	echo "$line"
done
echo "(A no session, F KORFOR, R KORUS, K kommunekontakt, T the survey's kartlegger, T2 another"
echo " of its instans; ! not as expected)"
echo
check "the whole product's authorisation matrix as expected" is "$mismatch" 0

# across kommuner and regions with the same roles
check "Oslo's kommunekontakt: not Stavanger's report" is "$(status KO '/cgi-bin/rapport?omrade=k-1103&aar=2026')" 403
check "KORUS Oslo: not Vest Stavanger's kommuner" is "$(status RO '/cgi-bin/admin?kommune=1103')" 403
check "KORUS Oslo: Oslo's report" is "$(status RO '/cgi-bin/rapport?omrade=k-0301&aar=2026')" 200
check "Eigersund's kartlegger: not Stavanger's survey" is "$(status TE "/cgi-bin/skjema?id=$ID&fane=bruker")" 404
check "Oslo's kartlegger: not Stavanger's innsyn" is "$(status TO "/cgi-bin/innsyn?id=$ID&fil=kartlegging")" 404
check "T2 opens its own survey" is "$(status T2 "/cgi-bin/skjema?id=$ID2&fane=bruker")" 200

# a save by someone other than the owner changes nothing
post() {	# post ACTOR PATH DATA
	local csrf
	csrf=$(curl -s -b "$WORK/$1" "$BP_URL/cgi-bin/menu" | csrf_of_page)
	curl -s -o /dev/null -w '%{http_code}' -b "$WORK/$1" -d "csrf=$csrf&$3" "$BP_URL$2"
}
check "T2 cannot save T's survey (404)" is "$(post T2 /cgi-bin/skjema "id=$ID&versjon=1&fane=bruker&handling=lagre")" 404
check "KORFOR cannot check a reservasjon (403)" is "$(post F /cgi-bin/reservasjon "handling=sjekk&fnr=01010112345")" 403
check "a kartlegger cannot set the dates (403)" is "$(post T /cgi-bin/overforing "handling=datoer&sluttdato=2026-11-01&overforingsdato=2026-12-01")" 403
check "KORUS cannot transfer (403)" is "$(post R /cgi-bin/overforing "handling=overfor&bekreft=ja")" 403

# == again, and where it is refused ==========================================================
"$BP_BPADM" -c "$BP_CONF" demo --kommuner 3 --surveys 30 > "$WORK/demo2.out" 2>&1
check "a second run adds surveys to the same accounts" bash -c "grep -q '^30 kartlegginger i 3 kommuner (.*), 0 nye kontoer' '$WORK/demo2.out'"
# 3 in Oslo, 14 in Eigersund, 13 in Stavanger: 7 and 6
check "... the first kartlegger has 68 + 7" is "$(count T)" 75
check "... the accounts still log in" is "$(status T /cgi-bin/kartlegging)" 200
check "demo refuses a drift site" bash -c "sed 's/^mode *=.*/mode = drift/' '$BP_CONF' > '$WORK/drift.conf' && ! '$BP_BPADM' -c '$WORK/drift.conf' demo --kommuner 1 --surveys 1 2>/dev/null"
check "demo: --owner and --kommuner together is wrong usage (2)" bash -c "'$BP_BPADM' -c '$BP_CONF' demo --kommuner 1 --owner korfor@$D --surveys 1 2>/dev/null; [ \$? = 2 ]"
check "demo: the store reads whole" bash -c "mdb_stat -a '$BP_SITE/store' >/dev/null"

check "no crash in the error log" bash -c "! grep -Eq '$BP_CRASHES' '$BP_LOGS/error.log'"
check "no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"
done_checks
