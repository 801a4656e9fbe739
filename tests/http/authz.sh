#!/bin/bash
# The authorisation matrix over HTTP: every role x every action x a target in the actor's
# own scope / another instans / another kommune / another region -> allowed or 403.
# Eleven accounts in two KORUS regions are made through the real invitation chain.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

suite_start "authorisation matrix"
cd "$BP_DIR" || exit 1
PW="et langt passord for testene"

# who: jar name  (region A = vest-stavanger: 1103 Stavanger, 1101 Eigersund; B = oslo: 0301)
instance_account "Frida KORFOR" frida@korfor.no "$PW" F >/dev/null || exit 1
account RA "$(instance_invite F korus region=vest-stavanger)" "Ragnhild KORUS" ragnhild@korus.no
account RB "$(instance_invite F korus region=oslo)" "Robert KORUS" robert@korus.no
account KA "$(instance_invite RA kommunekontakt kommune=1103)" "Kari Stavanger" kari@stavanger.no
account KA2 "$(instance_invite RA kommunekontakt kommune=1101)" "Kåre Eigersund" kare@eigersund.no
account KB "$(instance_invite RB kommunekontakt kommune=0301)" "Kim Oslo" kim@oslo.no
account T1 "$(instance_invite KA kartlegger kommune=1103 'instans=Instans 1')" "Tone En" tone@stavanger.no tjenestetype=nav
account T1b "$(instance_invite T1 kartlegger kommune=1103 'instans=Instans 1')" "Tor En" tor@stavanger.no tjenestetype=nav
account T2 "$(instance_invite KA kartlegger kommune=1103 'instans=Instans 2')" "Tina To" tina@stavanger.no tjenestetype=fastlege
account T3 "$(instance_invite KA2 kartlegger kommune=1101 'instans=Instans 3')" "Trond Tre" trond@eigersund.no tjenestetype=barnevern
account T4 "$(instance_invite KB kartlegger kommune=0301 'instans=Instans 4')" "Trine Fire" trine@oslo.no tjenestetype=helse-omsorg

# account ids, from the admin pages KORFOR sees
account_ids F 1103 1101 0301
need_ids "Tone En" "Tor En" "Tina To" "Trond Tre" "Trine Fire" "Kari Stavanger" "Kåre Eigersund" "Kim Oslo"

# one request per cell: ACTION COLUMN -> method, path and arguments
cell() {	# cell JAR ACTION COLUMN
	local jar=$1
	case "$2:$3" in
	invite:own) status "$jar" POST /cgi-bin/invite -d 'handling=lag&rolle=kartlegger&kommune=1103&antall=1&tilganger=1' --data-urlencode 'instans=Instans 1' ;;
	invite:instans) status "$jar" POST /cgi-bin/invite -d 'handling=lag&rolle=kartlegger&kommune=1103&antall=1&tilganger=1' --data-urlencode 'instans=Instans 2' ;;
	invite:kommune) status "$jar" POST /cgi-bin/invite -d 'handling=lag&rolle=kartlegger&kommune=1101&antall=1&tilganger=1' --data-urlencode 'instans=Instans 3' ;;
	invite:region) status "$jar" POST /cgi-bin/invite -d 'handling=lag&rolle=kartlegger&kommune=0301&antall=1&tilganger=1' --data-urlencode 'instans=Instans 4' ;;
	admin:own | admin:instans) status "$jar" GET '/cgi-bin/admin?kommune=1103' ;;
	admin:kommune) status "$jar" GET '/cgi-bin/admin?kommune=1101' ;;
	admin:region) status "$jar" GET '/cgi-bin/admin?kommune=0301' ;;
	suspend:own) status "$jar" GET "/cgi-bin/admin/suspender?id=$(idof 'Tor En')" ;;
	suspend:instans) status "$jar" GET "/cgi-bin/admin/suspender?id=$(idof 'Tina To')" ;;
	suspend:kommune) status "$jar" GET "/cgi-bin/admin/suspender?id=$(idof 'Trond Tre')" ;;
	suspend:region) status "$jar" GET "/cgi-bin/admin/suspender?id=$(idof 'Trine Fire')" ;;
	handover:own) status "$jar" POST /cgi-bin/handover -d "steg=bekreft&fra=$(idof 'Tone En')&til=$(idof 'Tor En')" ;;
	handover:instans) status "$jar" POST /cgi-bin/handover -d "steg=bekreft&fra=$(idof 'Tina To')&til=$(idof 'Kari Stavanger')" ;;
	handover:kommune) status "$jar" POST /cgi-bin/handover -d "steg=bekreft&fra=$(idof 'Trond Tre')&til=$(idof 'Kåre Eigersund')" ;;
	handover:region) status "$jar" POST /cgi-bin/handover -d "steg=bekreft&fra=$(idof 'Trine Fire')&til=$(idof 'Kim Oslo')" ;;
	authreg:*) status "$jar" GET /cgi-bin/autorisasjon ;;
	welcome:*) status "$jar" GET /cgi-bin/welcome ;;
	esac
}

# expected: y allowed, n 403, - the column means nothing for the action
declare -A WANT=(
	[F:invite]="y y y y"   [RA:invite]="y y y n"   [KA:invite]="y y n n"   [T1:invite]="y n n n"
	[F:admin]="y - y y"    [RA:admin]="y - y n"    [KA:admin]="y - n n"    [T1:admin]="n - n n"
	[F:suspend]="y y y y"  [RA:suspend]="y y y n"  [KA:suspend]="y y n n"  [T1:suspend]="n n n n"
	[F:handover]="y y y y" [RA:handover]="y y y n" [KA:handover]="y y n n" [T1:handover]="y n n n"
	[F:authreg]="y - - -"  [RA:authreg]="y - - -"  [KA:authreg]="y - - -"  [T1:authreg]="n - - -"
	[F:welcome]="y - - -"  [RA:welcome]="n - - -"  [KA:welcome]="n - - -"  [T1:welcome]="n - - -"
)
declare -A ROLE=([F]=KORFOR [RA]=KORUS [KA]=kommunekontakt [T1]=kartlegger)
cols=(own instans kommune region)
printf '\n%-16s %-9s %-9s %-9s %-9s %-9s\n' actor action "${cols[@]}"
mismatch=0
for actor in F RA KA T1; do
	for action in invite admin suspend handover authreg welcome; do
		read -r -a want <<<"${WANT[$actor:$action]}"
		line=$(printf '%-16s %-9s' "${ROLE[$actor]}" "$action")
		for i in 0 1 2 3; do
			if [ "${want[$i]}" = - ]; then
				line+=$(printf ' %-9s' "·")
				continue
			fi
			got=$(cell "$actor" "$action" "${cols[$i]}")
			if { [ "${want[$i]}" = y ] && [ "$got" = 200 ]; } || { [ "${want[$i]}" = n ] && [ "$got" = 403 ]; }; then
				line+=$(printf ' %-9s' "$got")
			else
				line+=$(printf ' %-9s' "$got!")
				mismatch=$((mismatch + 1))
			fi
		done
		echo "$line"
	done
done
echo "(200 allowed, 403 refused, · not applicable, ! not as expected)"
echo
check "authorisation matrix as expected" is "$mismatch" 0

# what each register shows (Vedlegg 2): its own scope, nothing else
reg() { curl -s -b "$1" "$BP_URL/cgi-bin/autorisasjon"; }
check "KORFOR's register: KORFOR and KORUS" bash -c "p=\$(cat); [[ \$p == *Frida* && \$p == *Ragnhild* && \$p == *Robert* && \$p != *Kari\ Stavanger* && \$p != *Tone* ]]" < <(reg F)
check "KORUS's register: its region only" bash -c "p=\$(cat); [[ \$p == *Kari\ Stavanger* && \$p == *Trond* && \$p == *Tone* && \$p != *Kim\ Oslo* && \$p != *Trine* ]]" < <(reg RA)
check "kommunekontakt's register: its kommune only" bash -c "p=\$(cat); [[ \$p == *Tone* && \$p == *Tina* && \$p != *Trond* && \$p != *Kim\ Oslo* ]]" < <(reg KA)
check "first login recorded as innvilget" bash -c "reg_out=\$(cat); [[ \$reg_out != *'Ikke logget inn'* ]]" < <(reg KA)

# levels: nobody invites above their own level; a kartlegger only kartleggere of its instans
check "kommunekontakt cannot invite KORUS" is "$(status KA POST /cgi-bin/invite -d 'handling=lag&rolle=korus&region=vest-stavanger&antall=1&tilganger=1')" 403
check "KORUS cannot invite KORFOR" is "$(status RA POST /cgi-bin/invite -d 'handling=lag&rolle=korfor&antall=1&tilganger=1')" 403
check "kartlegger cannot invite a kommunekontakt" is "$(status T1 POST /cgi-bin/invite -d 'handling=lag&rolle=kommunekontakt&kommune=1103&antall=1&tilganger=1')" 403
check "KORUS cannot invite KORUS of another region" is "$(status RA POST /cgi-bin/invite -d 'handling=lag&rolle=korus&region=oslo&antall=1&tilganger=1')" 403
check "nobody suspends themselves" is "$(status KA GET "/cgi-bin/admin/suspender?id=$(idof 'Kari Stavanger')")" 403
check "hand-over only to the same instans or the kommunekontakt" is "$(status KA POST /cgi-bin/handover -d "steg=bekreft&fra=$(idof 'Tone En')&til=$(idof 'Tina To')")" 403
check "hand-over never across kommuner" is "$(status F POST /cgi-bin/handover -d "steg=bekreft&fra=$(idof 'Tone En')&til=$(idof 'Kåre Eigersund')")" 403
check "a forged account id is refused" bash -c "s=\$(curl -s -o /dev/null -w '%{http_code}' -b F '$BP_URL/cgi-bin/admin/suspender?id=0123456789abcdef0123456789abcdef'); [ \"\$s\" = 404 ] || [ \"\$s\" = 403 ]"
check "a malformed account id is refused" bash -c "s=\$(curl -s -o /dev/null -w '%{http_code}' -b F '$BP_URL/cgi-bin/admin/suspender?id=..%2F..%2Fetc'); [ \"\$s\" = 404 ] || [ \"\$s\" = 403 ]"

# suspension: the account cannot log in, and its e-post cannot register again this year
csrf=$(curl -s -b KA "$BP_URL/cgi-bin/menu" | csrf_of_page)
check "suspend Tina" is "$(curl -s -o /dev/null -w '%{http_code}' -b KA -d "csrf=$csrf&id=$(idof 'Tina To')&bekreft=ja" "$BP_URL/cgi-bin/admin/suspender")" 303
check "Tina's session is over" is "$(curl -s -o /dev/null -w '%{http_code}' -b T2 "$BP_URL/cgi-bin/menu")" 303
check "Tilbakekalt shows when, and the history says it" bash -c "reg_out=\$(cat); [[ \$reg_out =~ Tina\ To.*[0-9]{2}\.[0-9]{2}\.[0-9]{4}\ kl\.\ [0-9]{2}:[0-9]{2}\</td\>\<td\>\<ul\>\<li\>Tilbakekalt\ [0-9]{2}\.[0-9]{2}\.[0-9]{4}\ kl\.\ [0-9]{2}:[0-9]{2}\ av\ Kari\ Stavanger ]]" < <(reg KA)
link=$(instance_invite KA kartlegger kommune=1103 'instans=Instans 2')
csrf=$(curl -s -c R -b R "$link" | csrf_of_page)
page=$(curl -s -c R -b R -d "csrf=$csrf&t=${link##*t=}&steg=konto&vilkar=ja&tjenestetype=nav" \
    --data-urlencode 'navn=Tina To' --data-urlencode 'epost=tina@stavanger.no' \
    --data-urlencode "passord=$PW" --data-urlencode "passord2=$PW" "$BP_URL/cgi-bin/register")
# the person is not told (the answer is a new e-post's), but no account is made
check "a suspended identity: the registration goes on as for anyone (the TOTP step)" \
    bash -c "grep -q 'class=\"secret\"' <<< \"\$1\" && ! grep -q 'suspendert' <<< \"\$1\"" _ "$page"
secret=$(printf '%s' "$page" | grep -o '<code class="secret">[^<]*' | sed 's/.*>//; s/ //g')
pending=$(printf '%s' "$page" | grep -o 'name="p" value="[0-9a-f]*"' | cut -d'"' -f4)
check "a suspended identity: the last step answers as a registration's" bash -c "curl -s -o /dev/null -D - -b R -d 'csrf=$csrf&t=${link##*t=}&steg=kode&p=$pending&kode=$(oathtool --totp -b "$secret")' '$BP_URL/cgi-bin/register' | grep -q '^Location: /cgi-bin/login?melding=registrert'"
check "a suspended identity cannot register again this year (refused, in the audit log)" \
    bash -c "'$BP_BPADM' -c '$BP_CONF' audit | grep 'register.refused' | grep -q 'blocked kartlegger'"

# withdrawing a link: the link page says so; only its maker may withdraw it
link=$(instance_invite F korus region=oslo)
# the list names a link by the SHA-256 of its token's bytes (the token itself is not kept)
tok=${link##*t=}
linkid=$(printf "$(printf '%s' "$tok" | sed 's/../\\x&/g')" | sha256sum | cut -d' ' -f1)
check "the new link is in its maker's list" bash -c "curl -s -b F '$BP_URL/cgi-bin/invite' | grep -q 'value=\"$linkid\"'"
csrf=$(curl -s -b RA "$BP_URL/cgi-bin/menu" | csrf_of_page)
check "someone else's link cannot be withdrawn" is "$(curl -s -o /dev/null -w '%{http_code}' -b RA -d "csrf=$csrf&handling=trekk&lenke=$linkid" "$BP_URL/cgi-bin/invite")" 403
csrf=$(curl -s -b F "$BP_URL/cgi-bin/menu" | csrf_of_page)
check "own link withdrawn" is "$(curl -s -o /dev/null -w '%{http_code}' -b F -d "csrf=$csrf&handling=trekk&lenke=$linkid" "$BP_URL/cgi-bin/invite")" 303
check "the list says so" bash -c "curl -s -b F '$BP_URL/cgi-bin/invite' | grep -q 'Trukket tilbake'"
check "a withdrawn link cannot be used" bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' '$link')\" = 410 ] && curl -s '$link' | grep -q 'trukket tilbake'"

# hand-over: surveys in the store move, the count follows, every record's log says so
"$BP_BPADM" -c "$BP_CONF" demo --owner tone@stavanger.no --surveys 4 >/dev/null
check "Tone has 4 surveys" is "$(menu_count T1)" 4
csrf=$(curl -s -b T1 "$BP_URL/cgi-bin/menu" | csrf_of_page)
page=$(curl -s -b T1 -d "csrf=$csrf&steg=flytt&til=$(idof 'Tor En')&bekreft=ja" "$BP_URL/cgi-bin/handover")
check "own hand-over done, as the 2025 manual says" bash -c "[[ '$page' == *'Overføring av kartleggingene fra Tone En (Instans 1) til Tor En (Instans 1) var vellykket!'* ]]"
check "Tone has none" is "$(menu_count T1)" 0
check "Tor has 4" is "$(menu_count T1b)" 4
check "the hand-over is in the audit log" bash -c "'$BP_BPADM' -c '$BP_CONF' audit | grep -q surveys.handover"

cd "$BP_SRC"
check "no crash" bash -c "! grep -Eq '$BP_CRASHES' '$BP_LOGS/error.log'"
check "no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"
done_checks
