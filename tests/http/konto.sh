#!/bin/bash
# "Min konto" and reset links over HTTP (issue 16 §2): a new password (current password and
# a code first; weak ones refused in Norwegian), the sessions of two cookie jars, "Logg ut
# på alle andre enheter", and reset links: who may make them, used once for a new password
# and authenticator (the old code no longer works, earlier sessions end), spent, expired,
# refused for a suspended account; and the audit log.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

suite_start "Min konto and reset links"
cd "$BP_DIR" || exit 1
PW="et langt passord for testene"
NEWPW="en helt ny setning om sykler"

# a code of secret for the test clock's now plus offset seconds
code() { oathtool --totp -b --now="$(date -u -d @$(( $(date +%s) + $(instance_clock) + ${2:-0} )) '+%Y-%m-%d %H:%M:%S UTC')" "$1"; }
# the next TOTP step: each code is accepted once, so the clock moves on between uses
tick() { "$BP_BPADM" -c "$BP_CONF" clock --advance 60 >/dev/null; }
csrf_in() { curl -s -b "$1" "$BP_URL/cgi-bin/konto" | csrf_of_page; }
post_konto() {	# post_konto JAR [curl args]: the page into BODY, the status into STATUS
	local jar=$1 csrf
	shift
	csrf=$(csrf_in "$jar")
	fetch POST "$BP_URL/cgi-bin/konto" -b "$jar" -c "$jar" -d "csrf=$csrf" "$@"
}
login_ok() {	# login_ok EMAIL PASSWORD SECRET JAR: 0 when a session came
	local csrf
	rm -f "$4"
	csrf=$(curl -s -c "$4" -b "$4" "$BP_URL/cgi-bin/login" | csrf_of_page)
	curl -s -o /dev/null -c "$4" -b "$4" --data-urlencode "epost=$1" --data-urlencode "passord=$2" \
	    -d "csrf=$csrf&kode=$(code "$3")" "$BP_URL/cgi-bin/login"
	grep -q bp_sid "$4"
}
login_fails() { ! login_ok "$@"; }
audit_has() { "$BP_BPADM" -c "$BP_CONF" audit | grep -q "$1"; }

instance_account "Frida KORFOR" frida@korfor.no "$PW" F >/dev/null || exit 1
account RA "$(instance_invite F korus region=vest-stavanger)" "Ragnhild KORUS" ragnhild@korus.no
account KA "$(instance_invite RA kommunekontakt kommune=1103)" "Kari Stavanger" kari@stavanger.no
account KA2 "$(instance_invite RA kommunekontakt kommune=1101)" "Kåre Eigersund" kare@eigersund.no
account T1 "$(instance_invite KA kartlegger kommune=1103 'instans=Instans 1')" "Tone En" tone@stavanger.no tjenestetype=nav
T1S=${SECRET[T1]}
account T2 "$(instance_invite KA kartlegger kommune=1103 'instans=Instans 1')" "Tor To" tor@stavanger.no tjenestetype=nav
account T3 "$(instance_invite KA2 kartlegger kommune=1101 'instans=Instans 3')" "Trond Tre" trond@eigersund.no tjenestetype=nav

# account ids, from the admin pages KORFOR sees
account_ids F 1103 1101
need_ids "Tone En" "Tor To" "Trond Tre" "Kari Stavanger" "Kåre Eigersund"

# -- Min konto ----------------------------------------------------------------------------
check "the menu links to Min konto" bash -c "curl -s -b T1 '$BP_URL/cgi-bin/menu' | grep -q 'href=\"/cgi-bin/konto\">Min konto'"
fetch GET "$BP_URL/cgi-bin/konto" -b T1
check "Min konto 200" is "$STATUS" 200
check "Min konto names the account" body_has 'Tone En'
check "Min konto shows the e-post" body_has 'tone@stavanger.no'
check "Min konto shows the role" body_has '<dd>Kartlegger</dd>'
fetch GET "$BP_URL/cgi-bin/konto"
check "Min konto needs a login" is "$STATUS" 303

# a second device: the same account in another cookie jar
tick
check "second login of the same account" login_ok tone@stavanger.no "$PW" "$T1S" T1x
fetch GET "$BP_URL/cgi-bin/konto" -b T1
check "two sessions listed" is "$(grep -o '<td>curl</td>' "$BODY" | wc -l)" 2
check "the current one is marked" is "$(grep -o '<td>Denne enheten</td>' "$BODY" | wc -l)" 1
check "started and last used shown" body_has '<td>[0-9]\{2\}\.[0-9]\{2\}\.[0-9]\{4\} kl\. [0-9:]\{5\}</td>'

post_konto T1 -d handling=logg-ut-andre
check "log out on all other devices" is "$STATUS" 200
check "it says how many" body_has 'Du er logget ut på 1 andre enhet.'
fetch GET "$BP_URL/cgi-bin/konto" -b T1x
check "the other jar's next request goes to login" is "$STATUS" 303
check "to the login page" has_header 'Location: /cgi-bin/login'
fetch GET "$BP_URL/cgi-bin/konto" -b T1
check "this jar's session lives on" is "$STATUS" 200
check "one session left" is "$(grep -o '<td>curl</td>' "$BODY" | wc -l)" 1
check "audit: sessions ended" audit_has 'account.sessions.ended'

# -- a new password -----------------------------------------------------------------------
tick
check "the other jar logs in again" login_ok tone@stavanger.no "$PW" "$T1S" T1x
tick
post_konto T1 -d handling=passord --data-urlencode "naavaerende=feil passord her" -d "kode=$(code "$T1S")" \
    --data-urlencode "passord=$NEWPW" --data-urlencode "passord2=$NEWPW"
check "wrong current password refused" body_has 'Nåværende passord eller engangskode er feil.'
post_konto T1 -d handling=passord --data-urlencode "naavaerende=$PW" -d "kode=000000" \
    --data-urlencode "passord=$NEWPW" --data-urlencode "passord2=$NEWPW"
check "wrong code refused" body_has 'Nåværende passord eller engangskode er feil.'
weak() {	# weak PASSWORD MESSAGE
	post_konto T1 -d handling=passord --data-urlencode "naavaerende=$PW" -d "kode=$(code "$T1S")" \
	    --data-urlencode "passord=$1" --data-urlencode "passord2=$1"
	body_has "$2"
}
check "short password refused" weak "for kort" 'Passordet må ha minst 12 tegn.'
check "dictionary password refused" weak "password1357" 'Passordet er for likt et ord i ordboken.'
check "repetitive password refused" weak "passordpassord" 'Passordet gjentar de samme tegnene.'
check "same character in a row refused" weak "heiiiiisann hei" 'Passordet har for mange like tegn på rad.'
check "sequence refused" weak "abcdefghijklmn" 'Passordet har en for lang rekke'
check "the name refused" weak "jeg heter Tone En jo" 'Passordet kan ikke inneholde navnet ditt.'
post_konto T1 -d handling=passord --data-urlencode "naavaerende=$PW" -d "kode=$(code "$T1S")" \
    --data-urlencode "passord=$NEWPW" --data-urlencode "passord2=$NEWPW x"
check "two different new passwords refused" body_has 'Passordene er ikke like.'
post_konto T1 -d handling=passord --data-urlencode "naavaerende=$PW" -d "kode=$(code "$T1S")" \
    --data-urlencode "passord=$NEWPW" --data-urlencode "passord2=$NEWPW"
check "password changed" body_has 'Passordet er endret.'
check "and the other device logged out" body_has 'Du er logget ut på 1 andre enhet.'
check "the other jar's session ended with it" is "$(status T1x GET /cgi-bin/konto)" 303
check "this jar stays logged in" is "$(status T1 GET /cgi-bin/konto)" 200
tick
check "the old password no longer logs in" login_fails tone@stavanger.no "$PW" "$T1S" T1y
check "the new password logs in" login_ok tone@stavanger.no "$NEWPW" "$T1S" T1x
check "audit: password changed" audit_has 'account.password'

# -- reset links: who may make them -------------------------------------------------------
check "kommunekontakt: reset page for its kartlegger" is "$(status KA GET "/cgi-bin/tilbakestill/lag?id=$(idof 'Tone En')")" 200
check "kommunekontakt: not another kommune's kartlegger" is "$(status KA GET "/cgi-bin/tilbakestill/lag?id=$(idof 'Trond Tre')")" 403
check "kommunekontakt: not a peer" is "$(status KA GET "/cgi-bin/tilbakestill/lag?id=$(idof 'Kåre Eigersund')")" 403
check "kommunekontakt: not itself" is "$(status KA GET "/cgi-bin/tilbakestill/lag?id=$(idof 'Kari Stavanger')")" 403
check "kommunekontakt: POST for another kommune refused" is "$(status KA POST /cgi-bin/tilbakestill/lag -d "id=$(idof 'Trond Tre')&bekreft=ja")" 403
check "kartlegger: none" is "$(status T2 GET "/cgi-bin/tilbakestill/lag?id=$(idof 'Tone En')")" 403
check "KORUS: a kommunekontakt of its region" is "$(status RA GET "/cgi-bin/tilbakestill/lag?id=$(idof 'Kari Stavanger')")" 200
check "unknown account" is "$(status KA GET "/cgi-bin/tilbakestill/lag?id=0123456789abcdef0123456789abcdef")" 404
check "needs a login" is "$(status nobody GET "/cgi-bin/tilbakestill/lag?id=$(idof 'Tone En')")" 303
fetch GET "$BP_URL/cgi-bin/tilbakestill/lag?id=$(idof 'Tone En')" -b KA
check "the confirmation names the person" body_has 'Tone En'
check "and asks first" body_has 'Lag lenke for Tone En'
csrf=$(curl -s -b KA "$BP_URL/cgi-bin/menu" | csrf_of_page)
fetch POST "$BP_URL/cgi-bin/tilbakestill/lag" -b KA -d "csrf=$csrf&id=$(idof 'Tone En')&bekreft=ja"
check "link made" is "$STATUS" 200
check "with the advice" body_has 'Gi lenken til personen på en sikker måte; den gjelder i 24 timer og kan brukes én gang.'
LINK=$(grep -o "$BP_URL/cgi-bin/tilbakestill?t=[0-9a-f]*" "$BODY" | head -1)
check "the link is shown" bash -c "[ -n '$LINK' ]"
check "audit: reset.created" audit_has 'reset.created'
TOKEN=${LINK##*t=}
check "only the link's hash is stored" bash -c "! grep -rqa '$TOKEN' '$BP_SITE/store'"

# -- the person uses it --------------------------------------------------------------------
check "before: Tone is logged in" is "$(status T1 GET /cgi-bin/konto)" 200
fetch GET "$LINK" -c P -b P
check "the link opens" is "$STATUS" 200
check "it asks for a new password" body_has 'Velg nytt passord'
csrf=$(csrf_of_page < "$BODY")
RESETPW="tre nye ord om vinteren"
fetch POST "$BP_URL/cgi-bin/tilbakestill" -c P -b P -d "csrf=$csrf&t=$TOKEN&steg=passord" \
    --data-urlencode "passord=password1357" --data-urlencode "passord2=password1357"
check "a weak password refused on the reset too" body_has 'Passordet er for likt et ord i ordboken.'
fetch POST "$BP_URL/cgi-bin/tilbakestill" -c P -b P -d "csrf=$csrf&t=$TOKEN&steg=passord" \
    --data-urlencode "passord=$RESETPW" --data-urlencode "passord2=$RESETPW"
check "then the new authenticator" body_has 'Sett opp autentiseringsappen på nytt'
check "with a QR code" body_has '<svg'
NEWS=$(grep -o '<code class="secret">[^<]*' "$BODY" | sed 's/.*>//; s/ //g')
check "and its key" bash -c "[ -n '$NEWS' ] && [ '$NEWS' != '$T1S' ]"
fetch POST "$BP_URL/cgi-bin/tilbakestill" -c P -b P -d "csrf=$csrf&t=$TOKEN&steg=kode&kode=$(code "$T1S")"
check "the old app's code does not enrol" body_has 'Koden stemmer ikke.'
fetch POST "$BP_URL/cgi-bin/tilbakestill" -c P -b P -d "csrf=$csrf&t=$TOKEN&steg=kode&kode=$(code "$NEWS")"
check "done: the login page" body_has 'action="/cgi-bin/login"'
check "with the notice" body_has 'Passordet og autentiseringsappen er byttet'
check "Tone's earlier session ended" is "$(status T1 GET /cgi-bin/konto)" 303
check "and the other one too" is "$(status T1x GET /cgi-bin/konto)" 303
tick
check "the old code is refused at login" login_fails tone@stavanger.no "$RESETPW" "$T1S" T1y
check "the password before it is refused" login_fails tone@stavanger.no "$NEWPW" "$NEWS" T1y
check "new password and new app log in" login_ok tone@stavanger.no "$RESETPW" "$NEWS" T1
fetch GET "$LINK"
check "the second use is refused" is "$STATUS" 410
check "and says why" body_has 'allerede brukt'
fetch GET "$BP_URL/cgi-bin/tilbakestill?t=$(printf '%064d' 7)"
check "an unknown link is 404" is "$STATUS" 404
check "and says so" body_has 'ikke gyldig'
check "audit: reset.used" audit_has 'reset.used'
check "audit: account.totp" audit_has 'account.totp'

# -- suspended meanwhile, and expiry ---------------------------------------------------
mklink() {	# mklink JAR NAME: a reset link
	local csrf
	csrf=$(curl -s -b "$1" "$BP_URL/cgi-bin/menu" | csrf_of_page)
	curl -s -b "$1" -d "csrf=$csrf&id=$(idof "$2")&bekreft=ja" "$BP_URL/cgi-bin/tilbakestill/lag" |
	    grep -o "$BP_URL/cgi-bin/tilbakestill?t=[0-9a-f]*" | head -1
}
SLINK=$(mklink KA "Tor To")
csrf=$(curl -s -b KA "$BP_URL/cgi-bin/menu" | csrf_of_page)
curl -s -o /dev/null -b KA -d "csrf=$csrf&id=$(idof 'Tor To')&bekreft=ja" "$BP_URL/cgi-bin/admin/suspender"
fetch GET "$SLINK"
check "a link of an account suspended meanwhile is refused" is "$STATUS" 410
check "and says so" body_has 'suspendert'
check "no link for a suspended account" is "$(status KA GET "/cgi-bin/tilbakestill/lag?id=$(idof 'Tor To')")" 403
ELINK=$(mklink KA "Tone En")
fetch GET "$ELINK"
check "a fresh link opens" is "$STATUS" 200
"$BP_BPADM" -c "$BP_CONF" clock --advance 90000 >/dev/null
fetch GET "$ELINK"
check "after 24 hours it is expired" is "$STATUS" 410
check "and says so" body_has 'utløpt'

cd "$BP_SRC"
check "no crash" bash -c "! grep -Eq '$BP_CRASHES' '$BP_LOGS/error.log'"
check "no sanitizer reports" bash -c "[ -z \"\$(ls -A '$BP_SAN_LOGS')\" ] || { cat '$BP_SAN_LOGS'/* >&2; false; }"
done_checks
