#!/bin/bash
# Access that holds (issue "Tilgang som holder"), over HTTP through the real invitation
# chain: a suspension withdraws the account's links at once; links are seen and withdrawn
# by whoever administers their scope, with who made them ("Laget av"); a kartlegger's link
# fixes its own kommune, bydel and instans whatever is posted; "Invitert av" in Administrer
# kartleggere and the autorisasjonsregister; Opphev suspensjon with a stated reason (KORFOR,
# KORUS in its region, nobody below) and the register's history; a change of role that
# keeps the account and its surveys and withdraws the links the new role cannot make; the
# audit events of each, in the scope of the account they concern.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

suite_start "access that holds"
cd "$BP_DIR" || exit 1
PW="et langt passord for testene"

# account JAR LINK NAME EMAIL [FIELD=VALUE...]
instance_account "Frida KORFOR" frida@korfor.no "$PW" F >/dev/null || exit 1
account RA "$(instance_invite F korus region=vest-stavanger)" "Ragnhild KORUS" ragnhild@korus.no
account RB "$(instance_invite F korus region=oslo)" "Robert KORUS" robert@korus.no
account KA "$(instance_invite RA kommunekontakt kommune=1103)" "Kari Stavanger" kari@stavanger.no
account KB "$(instance_invite RB kommunekontakt kommune=0301)" "Kim Oslo" kim@oslo.no
account T1 "$(instance_invite KA kartlegger kommune=1103 'instans=Instans 1')" "Tone En" tone@stavanger.no tjenestetype=nav
account T2 "$(instance_invite KA kartlegger kommune=1103 'instans=Instans 1')" "Tina To" tina@stavanger.no tjenestetype=nav
account TO "$(instance_invite KB kartlegger kommune=030102 'instans=Grünerløkka team')" "Ola Oslo" ola@oslo.no tjenestetype=nav
account KT "$(instance_invite F kommunekontakt kommune=5501)" "Tove Tromsø" tove@tromso.no

# account ids, from the admin pages KORFOR sees
account_ids F 1103 0301
need_ids "Tone En" "Tina To" "Ola Oslo"
post() {	# post JAR PATH [curl args]: the status; the body in $WORK_BODY
	local jar=$1 path=$2
	shift 2
	curl -s -o body.last -w '%{http_code}' -b "$jar" -d "csrf=$(csrf "$jar")" "$@" "$BP_URL$path"
}
get() { curl -s -o body.last -w '%{http_code}' -b "$1" "$BP_URL$2"; }
page() { curl -s -b "$1" "$BP_URL$2"; }
linkid() {	# the list's name of a link: SHA-256 of its token's bytes
	local tok=${1##*t=}
	printf "$(printf '%s' "$tok" | sed 's/../\\x&/g')" | sha256sum | cut -d' ' -f1
}
withdrawn() { [ "$(curl -s -o body.last -w '%{http_code}' "$1")" = 410 ] && grep -q 'trukket tilbake' body.last; }
usable() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ]; }
export BP_URL BP_BPADM BP_CONF
export -f csrf csrf_of_page post get page linkid withdrawn usable

# KORFOR's choice of kommune counts the accounts of every kommune, the 320th (Tromsø) too
check "KORFOR's Administrer kartleggere lists Tromsø with its account" bash -c \
    "curl -s -b F '$BP_URL/cgi-bin/admin' | grep -q 'admin?kommune=5501\">Tromsø</a></td><td>1</td>'"

# == 1. links: a kartlegger's fixes its own place; those who administer the scope see them ==
check "a kartlegger makes no link for another instans" is "$(post T1 /cgi-bin/invite -d 'handling=lag&rolle=kartlegger&kommune=1103&antall=1&tilganger=1&instans=Noe+annet')" 403
L1=$(instance_invite T1 kartlegger)
L1b=$(instance_invite T1 kartlegger)
curl -s "$L1" > reg.html
check "a kartlegger's link is for its own kommune and instans" bash -c "grep -q 'Stavanger' reg.html && grep -q 'Instans 1' reg.html"
LO=$(instance_invite TO kartlegger kommune=0301)
curl -s "$LO" > reg.html
check "a kartlegger's link fixes its own bydel" bash -c "grep -q 'bydel Grünerløkka' reg.html && ! grep -q 'name=\"bydel\"' reg.html"
LO2=$(instance_invite TO kartlegger kommune=030105)
check "... whichever bydel is posted" bash -c "curl -s '$LO2' | grep -q 'bydel Grünerløkka'"
page KA /cgi-bin/invite > inv.html
# one limit of a link's uses, on the page and in bpadm (issue 20 §7)
check "the page offers at most 1000 uses a link and 20 links at a time" bash -c \
    "grep -q 'name=\"tilganger\"[^>]*max=\"1000\"' inv.html && grep -q 'name=\"antall\"[^>]*max=\"20\"' inv.html"
check "1001 uses are refused at the field (the form again), the limit named" bash -c "[ \"\$(post KA /cgi-bin/invite -d 'handling=lag&rolle=kartlegger&kommune=1103&antall=1&tilganger=1001&instans=Instans+1')\" = 200 ] && grep -q 'id=\"f-tilganger-err\">Maksimalt antall tilganger per lenke må være et tall fra 1 til 1000.' body.last"
check "... and so does bpadm" bash -c "! '$BP_BPADM' -c '$BP_CONF' invite --role korfor --uses 1001 2>/dev/null && '$BP_BPADM' -c '$BP_CONF' invite --role korfor --uses 1000 >/dev/null"
check "the kommunekontakt sees the kartlegger's links, with Laget av" bash -c \
    "grep -q 'Laget av' inv.html && grep -q 'value=\"$(linkid "$L1")\"' inv.html && grep -q 'value=\"$(linkid "$L1b")\"' inv.html && grep -q '<td>Tone En</td>' inv.html"
check "the kommunekontakt is offered the kommune's instans names, and the limit" bash -c \
    "grep -q '<datalist id=\"instanser\"><option value=\"Instans 1\">' inv.html && grep -q 'name=\"instans\"[^>]*maxlength=\"100\"[^>]*list=\"instanser\"' inv.html && ! grep -q 'Grünerløkka team' inv.html"
check "KORUS sees the links of its region" bash -c "page RA /cgi-bin/invite | grep -q 'value=\"$(linkid "$L1")\"'" 
check "KORFOR sees every link" bash -c "page F /cgi-bin/invite | grep -q 'value=\"$(linkid "$LO")\"'"
check "another kommune's kommunekontakt does not" bash -c "! page KB /cgi-bin/invite | grep -q 'value=\"$(linkid "$L1")\"'"
check "another region's KORUS does not" bash -c "! page RB /cgi-bin/invite | grep -q 'value=\"$(linkid "$L1")\"'"
check "a kartlegger sees its own links only" bash -c "! page T2 /cgi-bin/invite | grep -q 'value=\"$(linkid "$L1")\"'"
check "another kartlegger cannot withdraw it" is "$(post T2 /cgi-bin/invite -d "handling=trekk&lenke=$(linkid "$L1b")")" 403
check "another kommune's kommunekontakt cannot withdraw it" is "$(post KB /cgi-bin/invite -d "handling=trekk&lenke=$(linkid "$L1b")")" 403
check "the kommunekontakt withdraws the kartlegger's link" is "$(post KA /cgi-bin/invite -d "handling=trekk&lenke=$(linkid "$L1b")")" 303
check "the withdrawn link gets the trukket tilbake page" withdrawn "$L1b"
check "the other link still works" usable "$L1"

# == 2. a suspension withdraws every link of the account, at once =====================
check "Tone is suspended" is "$(post KA /cgi-bin/admin/suspender -d "id=$(idof 'Tone En')&bekreft=ja")" 303
check "registering through Tone's link gets the trukket tilbake page" withdrawn "$L1"
check "the list says both of Tone's links are Trukket tilbake" is "$(page KA /cgi-bin/invite | sed 's#</tr>#</tr>\n#g' | grep '<td>Tone En</td>' | grep -c 'Trukket tilbake')" 2
check "Tone's session is over" is "$(get T1 /cgi-bin/menu)" 303

# == 3. Invitert av ====================================================================
page KA "/cgi-bin/admin?kommune=1103" > adm.html
check "Administrer kartleggere: Invitert av" bash -c "grep -q 'Invitert av' adm.html && grep -Eq '<td>Tone En</td>.*<td>Kari Stavanger, [0-9]{2}\.[0-9]{2}\.20[0-9]{2}</td>' adm.html"
check "the register: Invitert av, back to KORFOR" bash -c \
    "page RA /cgi-bin/autorisasjon | grep -Eq '<td>Kari Stavanger</td>.*<td>Ragnhild KORUS, [0-9]{2}\.[0-9]{2}\.20' && page F /cgi-bin/autorisasjon | grep -Eq '<td>Ragnhild KORUS</td>.*<td>Frida KORFOR, [0-9]{2}\.[0-9]{2}\.20' && page F /cgi-bin/autorisasjon | grep -Eq '<td>Frida KORFOR</td>.*<td>Systemet \(bpadm\), [0-9]{2}\.[0-9]{2}\.20'"

# == 4. Opphev suspensjon =================================================================
check "the kommunekontakt cannot undo a suspension" is "$(get KA "/cgi-bin/admin/opphev?id=$(idof 'Tone En')")" 403
check "... nor post it" is "$(post KA /cgi-bin/admin/opphev -d "id=$(idof 'Tone En')&grunn=Feil")" 403
check "... and is offered no button" bash -c "! grep -q 'Opphev suspensjon' adm.html"
check "another region's KORUS cannot" is "$(post RB /cgi-bin/admin/opphev -d "id=$(idof 'Tone En')&grunn=Feil")" 403
check "the region's KORUS is offered it" bash -c "page RA '/cgi-bin/admin?kommune=1103' | grep -q 'admin/opphev?id=$(idof 'Tone En')'"
check "the confirmation names the person" bash -c "[ \"\$(get RA '/cgi-bin/admin/opphev?id=$(idof 'Tone En')')\" = 200 ] && grep -q 'Tone En' body.last"
check "a reason is required" bash -c "[ \"\$(post RA /cgi-bin/admin/opphev -d 'id=$(idof 'Tone En')&grunn=+')\" = 400 ] && grep -q 'Skriv hvorfor suspensjonen oppheves' body.last"
check "an active account cannot be restored" is "$(post RA /cgi-bin/admin/opphev -d "id=$(idof 'Tina To')&grunn=x")" 403
check "KORUS undoes it" is "$(post RA /cgi-bin/admin/opphev -d "id=$(idof 'Tone En')" --data-urlencode 'grunn=Suspendert ved en feil, avtalt med Kari')" 303
"$BP_BPADM" -c "$BP_CONF" clock --advance 60 >/dev/null	# a fresh TOTP step
rm -f T1
check "Tone logs in again" instance_login tone@stavanger.no "$PW" "${SECRET[T1]}" T1
check "her menu works" is "$(get T1 /cgi-bin/menu)" 200
check "the links stay withdrawn" withdrawn "$L1"
page RA /cgi-bin/autorisasjon > reg.html
check "the register keeps the history" bash -c \
    "grep -Eq 'Tilbakekalt [0-9.]+ kl\. [0-9:]+ av Kari Stavanger</li><li>Gjenopprettet [0-9.]+ kl\. [0-9:]+ av Ragnhild KORUS: Suspendert ved en feil, avtalt med Kari' reg.html"
check "... and Tone is active there" bash -c "grep -Eq '<td>Tone En</td>(<td>[^<]*</td>){4}<td>Nei</td>' reg.html"

# == 5. change of role ==================================================================
"$BP_BPADM" -c "$BP_CONF" demo --owner tina@stavanger.no --surveys 2 >/dev/null
check "Tina has 2 surveys" is "$(menu_count T2)" 2
check "KORUS's overview: each kommune of its region, its dates, surveys, with errors, transferred" bash -c \
    "page RA /cgi-bin/admin | grep -Eq 'kommune=1103\">Stavanger</a></td><td>3</td><td>Ikke satt</td><td>Ikke satt</td><td>2</td><td>[0-2]</td><td>Nei</td>'"
check "... KORFOR the country's; another region's KORUS not Stavanger" bash -c \
    "page F /cgi-bin/admin | grep -q 'kommune=1103\">Stavanger</a></td><td>3</td>' && ! page RB /cgi-bin/admin | grep -q 'kommune=1103'"
check "Administrer kartleggere: Tina's surveys this year and how many with errors" bash -c \
    "page KA '/cgi-bin/admin?kommune=1103' | sed 's#</tr>#</tr>\n#g' | grep '<td>Tina To</td>' | grep -Eq 'Kari Stavanger, [0-9.]+</td><td>2</td><td>[0-2]</td>'"
check "the kommunekontakt cannot change roles" is "$(get KA "/cgi-bin/admin/rolle?id=$(idof 'Tina To')")" 403
check "another region's KORUS cannot" is "$(post RB /cgi-bin/admin/rolle -d "id=$(idof 'Tina To')&rolle=kommunekontakt")" 403
check "KORUS cannot make anyone KORUS" bash -c "[ \"\$(post RA /cgi-bin/admin/rolle -d 'id=$(idof 'Tina To')&rolle=korus')\" = 400 ]"
check "the role page names the person" bash -c "[ \"\$(get RA '/cgi-bin/admin/rolle?id=$(idof 'Tina To')')\" = 200 ] && grep -q 'Tina To' body.last"
check "KORUS makes Tina kommunekontakt" is "$(post RA /cgi-bin/admin/rolle -d "id=$(idof 'Tina To')&rolle=kommunekontakt")" 303
check "her menu has the kommunekontakt's items" bash -c "page T2 /cgi-bin/menu | grep -q 'cgi-bin/admin'"
check "her surveys are hers still" is "$(menu_count T2)" 2
LK=$(instance_invite T2 kommunekontakt kommune=1103)
check "as kommunekontakt she makes a kommunekontakt link" usable "$LK"
check "back to kartlegger needs an instans" bash -c "[ \"\$(post F /cgi-bin/admin/rolle -d 'id=$(idof 'Tina To')&rolle=kartlegger&tjenestetype=nav')\" = 400 ] && grep -q 'instansen' body.last"
check "KORFOR makes her kartlegger again" is "$(post F /cgi-bin/admin/rolle -d "id=$(idof 'Tina To')&rolle=kartlegger&tjenestetype=fastlege" --data-urlencode 'instans=Instans 1')" 303
check "the kommunekontakt link she made is withdrawn" withdrawn "$LK"
check "her surveys are still hers" is "$(menu_count T2)" 2
check "the register shows both changes" bash -c \
    "page RA /cgi-bin/autorisasjon | grep -Eq 'Rolle endret [0-9.]+ kl\. [0-9:]+ av Ragnhild KORUS: Kartlegger til Kommunekontakt</li><li>Rolle endret [0-9.]+ kl\. [0-9:]+ av Frida KORFOR: Kommunekontakt til Kartlegger'"

# == 6. every opening of a survey is in its endringslogg, once a session =============
page T2 /cgi-bin/kartlegging > list.html; SID=$(cat list.html | grep -o 'href="skjema?id=[0-9a-f]*"' | head -1 | grep -o '[0-9a-f]\{32\}')
check "Tina has a survey to open" is "${#SID}" 32
opened() { page T2 "/cgi-bin/skjema?id=$SID&fane=logg" | grep -o '<td>Åpnet</td>' | wc -l; }
check "Obs by URL" is "$(get T2 "/cgi-bin/skjema?id=$SID&fane=obs")" 200
check "... is in the log: Åpnet" is "$(opened)" 1
get T2 "/cgi-bin/skjema?id=$SID&fane=feil" >/dev/null
get T2 "/cgi-bin/skjema?id=$SID&fane=levekar" >/dev/null
check "other tabs in the same session add nothing" is "$(opened)" 1
"$BP_BPADM" -c "$BP_CONF" clock --advance 60 >/dev/null
rm -f T2
instance_login tina@stavanger.no "$PW" "${SECRET[T2]}" T2
check "a new session's first opening (the Logg tab itself) is logged again" is "$(opened)" 2
check "another kartlegger's survey is not found, and not logged" is "$(get T1 "/cgi-bin/skjema?id=$SID&fane=logg")" 404
check "... so the log still has two" is "$(opened)" 2
check "an innsyn PDF is downloaded" is "$(get T2 "/cgi-bin/innsyn?id=$SID&fil=kartlegging")" 200

# == 7. look-ups are traced and throttled; the Tilgangslogg of each scope ================
FNR=$(fnr_any 150385)
check "Tina starts a survey (a look-up)" is "$(post T2 /cgi-bin/kartlegging -d handling=ny --data-urlencode "fnr=$FNR")" 303
check "a second start of the same person says so" bash -c "[ \"\$(post T2 /cgi-bin/kartlegging -d handling=ny --data-urlencode 'fnr=$FNR')\" = 200 ] && grep -q 'allerede kartlagt denne personen' body.last"
check "Tone's look-up of Tina's person names the instans" bash -c "[ \"\$(post T1 /cgi-bin/kartlegging -d handling=ny --data-urlencode 'fnr=$FNR')\" = 200 ] && grep -q 'av instansen' body.last"
check "a reservasjon check" is "$(post T2 /cgi-bin/reservasjon -d handling=sjekk --data-urlencode "fnr=$FNR")" 200
page KA /cgi-bin/tilgangslogg > tl.html
check "the kommunekontakt's Tilgangslogg: suspension, restore, role, links, look-ups, checks" bash -c \
    "for e in 'Konto suspendert' 'Suspensjon opphevet' 'Rolle endret' 'Registreringslenke trukket tilbake' 'Oppslag av fødselsnummer' 'Reservasjon sjekket' 'Logget inn'; do grep -q \"<td>\$e</td>\" tl.html || { echo \"missing \$e\" >&2; exit 1; }; done"
check "... with the outcome of each look-up, never the number" bash -c \
    "grep -q '<td>kartlagt-av-instans</td>' tl.html && grep -q '<td>kartlagt-av-deg</td>' tl.html && grep -q '<td>ikke-reservert</td>' tl.html && ! grep -q '$FNR' tl.html && ! grep -o '<tbody>.*</tbody>' tl.html | grep -Eq '[0-9]{11}'"
check "... newest first" bash -c "grep -o '<td>20[0-9-]* [0-9:]*</td>' tl.html | sed 's/<[^>]*>//g' | sort -c -r"
check "another kommune's kommunekontakt sees none of it" bash -c "! page KB /cgi-bin/tilgangslogg | grep -q 'Tone En'"
check "the region's KORUS sees it" bash -c "page RA /cgi-bin/tilgangslogg | grep -q '<td>Konto suspendert</td>'"
check "another region's KORUS does not" bash -c "! page RB /cgi-bin/tilgangslogg | grep -q 'Tone En'"
check "KORFOR sees the whole country" bash -c "page F /cgi-bin/tilgangslogg | grep -q 'Ola Oslo' && page F /cgi-bin/tilgangslogg | grep -q 'Tone En'"
check "a kartlegger has no Tilgangslogg" is "$(get T1 /cgi-bin/tilgangslogg)" 403
check "... and no menu entry; the kommunekontakt has" bash -c "! page T1 /cgi-bin/menu | grep -q tilgangslogg && page KA /cgi-bin/menu | grep -q 'tilgangslogg\">Tilgangslogg'"
check "filter by person: only Tone's lines" bash -c \
    "page KA '/cgi-bin/tilgangslogg?person=$(idof 'Tone En')' > p.html && grep -q '<td>Konto suspendert</td>' p.html && ! grep -q '<td>Tina To</td><td></td>' p.html"
check "filter by kind: look-ups only" bash -c \
    "page KA '/cgi-bin/tilgangslogg?type=oppslag' > k.html && grep -q 'Oppslag av fødselsnummer' k.html && ! grep -q '<td>Konto suspendert</td>' k.html"
check "filter by date: none before" bash -c "page KA '/cgi-bin/tilgangslogg?til=2020-01-01' | grep -q 'Ingen hendelser passer'"
check "a person outside the scope is refused at the field" bash -c "page KA '/cgi-bin/tilgangslogg?person=$(idof 'Ola Oslo')' | grep -q 'Velg en person fra listen'"
check "a bad date is refused at the field" bash -c "page KA '/cgi-bin/tilgangslogg?fra=2026-02-30' | grep -q 'Skriv fra-datoen'"
check "a bad kind is refused at the field" bash -c "page KA '/cgi-bin/tilgangslogg?type=x' | grep -q 'Velg en type hendelse'"
# the throttle: 60 look-ups per 15 minutes per account (Tina has made 3 above)
n=0; st=200
while [ "$st" = 200 ] && [ $n -lt 70 ]; do
	st=$(curl -s -o body.last -w '%{http_code}' -b T2 -d "csrf=$(csrf T2)&handling=sjekk" --data-urlencode "fnr=$FNR" "$BP_URL/cgi-bin/reservasjon")
	n=$((n + 1))
done
check "the 61st look-up in 15 minutes gets 429" is "$st:$n" "429:58"
check "... with a Norwegian page that says why and how long" grep -q 'Du har slått opp svært mange fødselsnumre på kort tid' body.last
check "... and starting a survey is refused too" is "$(post T2 /cgi-bin/kartlegging -d handling=ny --data-urlencode "fnr=$(fnr_any 160385)")" 429
check "... for that account only" is "$(post T1 /cgi-bin/reservasjon -d handling=sjekk --data-urlencode "fnr=$FNR")" 200
check "the refusals are in the Tilgangslogg" bash -c "page KA '/cgi-bin/tilgangslogg?type=reservasjon' | grep -q '<td>sperret</td>'"
"$BP_BPADM" -c "$BP_CONF" clock --advance 960 >/dev/null
rm -f T2
instance_login tina@stavanger.no "$PW" "${SECRET[T2]}" T2
check "after 16 minutes she may look up again" is "$(post T2 /cgi-bin/reservasjon -d handling=sjekk --data-urlencode "fnr=$FNR")" 200
# the sysadmin may set another limit (lookup_limit in brukerplan.conf): 3, of which she has used 1
echo "lookup_limit = 3" >> "$BP_CONF"
n=0; st=200
while [ "$st" = 200 ] && [ $n -lt 10 ]; do
	st=$(post T2 /cgi-bin/reservasjon -d handling=sjekk --data-urlencode "fnr=$FNR")
	n=$((n + 1))
done
check "lookup_limit = 3 in brukerplan.conf: the 4th look-up gets 429" is "$st:$n" "429:3"
sed -i '/^lookup_limit/d' "$BP_CONF"
check "the kommunekontakt is offered a reset link for its kartleggere" bash -c "page KA '/cgi-bin/admin?kommune=1103' | grep -q 'tilbakestill/lag?id=$(idof 'Tina To')'"

# == 8. a reset link holds only while its maker could make it =========================
post KA /cgi-bin/tilbakestill/lag -d "id=$(idof 'Tina To')&bekreft=ja" >/dev/null
RL=$(grep -o "$BP_URL/cgi-bin/tilbakestill?t=[0-9a-f]*" body.last | head -1)
check "the kommunekontakt makes a reset link for Tina" usable "$RL"
check "KORUS suspends the kommunekontakt" is "$(post RA /cgi-bin/admin/suspender -d "id=$(curl -s -b RA "$BP_URL/cgi-bin/admin?kommune=1103" | grep -o 'handover?fra=[0-9a-f]*">Overfør kartlegginger<span class="visually-hidden"> fra Kari Stavanger' | grep -o '[0-9a-f]\{32\}')&bekreft=ja")" 303
check "the reset link she made is withdrawn with her" bash -c \
    "[ \"\$(curl -s -o body.last -w '%{http_code}' '$RL')\" = 410 ] && grep -q 'trukket tilbake' body.last"

# == 9. the audit log, each event in the scope of the account it concerns ===============
"$BP_BPADM" -c "$BP_CONF" audit --last 200 > audit.txt
scoped() { awk -F'\t' -v e="$1" -v k="$2" '$2 == e && $7 == k { n++ } END { exit !n }' audit.txt; }
check "audit: the suspension, in Stavanger, with the links withdrawn" bash -c \
    "grep -P '\taccount.suspended\t' audit.txt | grep -q 'lenker-trukket=1'"
check "audit: every change in the kommune's scope" bash -c \
    "$(declare -f scoped); scoped account.suspended 1103 && scoped account.restored 1103 && scoped account.role 1103 && scoped invite.withdrawn 1103 && scoped invite.created 0301"
check "audit: the innsyn download, which file and never whose" bash -c \
    "awk -F'\t' '\$2 == \"innsyn.pdf\" && \$5 == \"kartlegging\" && \$7 == \"1103\"' audit.txt | grep -q ."
check "audit: the account acted on" bash -c "awk -F'\t' '\$2 == \"account.restored\" && \$8 == \"$(idof 'Tone En')\"' audit.txt | grep -q ."

ba() { "$BP_BPADM" -c "$BP_CONF" audit "$@"; }
check "bpadm audit --kind oppslag --kommune 1103: look-ups of Stavanger only" bash -c \
    "$(declare -f ba); ba --last 1000 --kind oppslag --kommune 1103 > o.txt && grep -q 'survey.lookup' o.txt && awk -F'\t' '\$2 !~ /^survey/ || \$7 != \"1103\" { bad = 1 } END { exit bad }' o.txt"
check "bpadm audit --person E-POST: Tone's lines, by her or about her" bash -c \
    "$(declare -f ba); ba --last 1000 --person tone@stavanger.no > t.txt && grep -q account.suspended t.txt && awk -F'\t' -v id=$(idof 'Tone En') '\$3 != id && \$8 != id { bad = 1 } END { exit bad }' t.txt"
check "bpadm audit --region oslo: Oslo's lines, none of Stavanger's" bash -c \
    "$(declare -f ba); ba --last 1000 --region oslo > r.txt && grep -q . r.txt && ! grep -qP '\t1103\t' r.txt"
check "bpadm audit --til: none before 2020" bash -c "$(declare -f ba); [ -z \"\$(ba --til 2019-12-31)\" ]"
check "bpadm audit with a bad filter: usage, exit 2" bash -c "$(declare -f ba); ba --kind nope 2>/dev/null; [ \$? = 2 ]"

cd "$BP_SRC"
check "no crash" bash -c "! grep -Eq '$BP_CRASHES' '$BP_LOGS/error.log'"
check "no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"
done_checks
