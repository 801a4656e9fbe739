#!/bin/bash
# The public statements and the audit log's retention over HTTP (issue 19 §2, §6): the
# Tilgjengelighetserklæring and the Personvernerklæring open without logging in, are linked
# from the foot of every page, and carry the contact, the date and the data controller the
# configuration gives; bp-transfer's daily run deletes audit events older than audit_months
# and keeps the newer ones, leaving a trace of the deletion.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/http.sh

suite_start "public statements and audit retention"
BP_TRANSFER=$BP_SITE/bin/bp-transfer
[ -x "$BP_TRANSFER" ] || BP_TRANSFER=${BUILD:-build}/tools/bp-transfer
cd "$BP_DIR" || exit 1
PW="et langt passord for testene"

# == the statements, before the configuration names anyone ==================================
fetch GET "$BP_URL/cgi-bin/erklaering/tilgjengelighet"
check "Tilgjengelighetserklæring: open without logging in (200)" is "$STATUS" 200
check "... in Digdir's structure: status, deviations, testing, feedback, supervision" bash -c \
    "grep -q '<h2>Status</h2>' '$BODY' && grep -q '<h2>Avvik fra kravene</h2>' '$BODY' && grep -q '<h2>Slik har vi testet</h2>' '$BODY' && grep -q '<h2>Tilbakemelding og kontakt</h2>' '$BODY' && grep -q '<h2>Tilsyn og klage</h2>' '$BODY'"
check "... the level met: WCAG 2.1 A and AA" body_has 'WCAG 2.1 på nivå A og AA'
check "... how it was tested: axe-core and the keyboard" bash -c "grep -q 'axe-core' '$BODY' && grep -q 'tastatur' '$BODY'"
check "... a known deviation, honestly: the idle timeout" body_has '2.2.1 Justerbar hastighet'
check "... the supervisory body" body_has 'https://www.uutilsynet.no/'
check "... no contact yet: it says so" body_has 'ikke oppgitt ennå'
fetch GET "$BP_URL/cgi-bin/erklaering/personvern"
check "Personvernerklæring: open without logging in (200)" is "$STATUS" 200
check "... the legal basis the manuals name" bash -c "grep -q 'helseregisterloven' '$BODY' && grep -q 'Forskrift om Brukerplan' '$BODY' && grep -q 'personvernforordningen' '$BODY'"
check "... the rights: reservasjon, innsyn, retting, sletting" bash -c "grep -q '<strong>reservasjon</strong>' '$BODY' && grep -q '<strong>innsyn</strong>' '$BODY' && grep -q '<strong>retting</strong>' '$BODY' && grep -q '<strong>sletting</strong>' '$BODY'"
check "... the deadline: the overføringsdato" body_has 'Fristen er kommunens overføringsdato'
check "... pseudonymisation at the transfer" body_has 'erstattes fødselsnummeret med et pseudonym'
check "... the default controller" body_has 'Behandlingsansvarlig for registeret er Helse Stavanger HF'
check "... the audit log's retention, as configured (24 months)" body_has 'slettes etter 24 måneder'
fetch GET "$BP_URL/cgi-bin/erklaering/annet"
check "an unknown statement: 404" is "$STATUS" 404
fetch POST "$BP_URL/cgi-bin/erklaering/personvern"
check "a POST: 405" is "$STATUS" 405

# == linked from the foot of every page =======================================================
for page in /cgi-bin/login /cgi-bin/erklaering/personvern; do
	fetch GET "$BP_URL$page"
	check "the footer of $page links both" bash -c \
	    "grep -q 'href=\"/cgi-bin/erklaering/tilgjengelighet\">Tilgjengelighetserklæring</a>' '$BODY' && grep -q 'href=\"/cgi-bin/erklaering/personvern\">Personvernerklæring</a>' '$BODY'"
done

# == the configuration names the contacts, the controller and the date ========================
cat >> "$BP_CONF" <<CONF
controller         = Helse Vest-test HF
controller_contact = personvern@helse-test.no
a11y_contact       = uu@helse-test.no
a11y_date          = 2026-11-30
audit_months       = 12
CONF
fetch GET "$BP_URL/cgi-bin/erklaering/tilgjengelighet"
check "the accessibility contact, as a mailto link" body_has 'href="mailto:uu@helse-test.no"'
check "the statement's date, as Norwegians write it" body_has 'sist oppdatert 30.11.2026'
fetch GET "$BP_URL/cgi-bin/erklaering/personvern"
check "the controller and its contact" bash -c "grep -q 'Behandlingsansvarlig for registeret er Helse Vest-test HF' '$BODY' && grep -q 'mailto:personvern@helse-test.no' '$BODY'"
check "the retention the configuration gives" body_has 'slettes etter 12 måneder'
sed -i '/^audit_months/d' "$BP_CONF"
echo "a11y_date = 30.11.2026" >> "$BP_CONF"
fetch GET "$BP_URL/cgi-bin/erklaering/tilgjengelighet"
check "a bad date in the configuration: the site says it is misconfigured (500), no crash" is "$STATUS" 500
sed -i '/^a11y_date = 30.11.2026$/d' "$BP_CONF"

# == audit retention: bp-transfer deletes what is older than audit_months ======================
instance_person A "$("$BP_BPADM" -c "$BP_CONF" invite --role korfor)" "Oda Gammel" oda@korfor.no "$PW" >/dev/null || exit 1
old=$("$BP_BPADM" -c "$BP_CONF" audit | grep -c 'login' || true)
check "a login leaves audit events" bash -c "[ $old -ge 1 ]"
"$BP_BPADM" -c "$BP_CONF" clock --advance $((13 * 31 * 86400)) >/dev/null	# 13 months on
rm -f B
instance_person B "$("$BP_BPADM" -c "$BP_CONF" invite --role korfor)" "Per Ny" per@korfor.no "$PW" >/dev/null || exit 1
"$BP_BPADM" -c "$BP_CONF" clock --advance $((12 * 31 * 86400)) >/dev/null	# 25 months after Oda
before=$("$BP_BPADM" -c "$BP_CONF" audit | wc -l)
out=$("$BP_TRANSFER" -c "$BP_CONF" --dry-run)
check "a dry run deletes nothing" bash -c "[ $("$BP_BPADM" -c "$BP_CONF" audit | wc -l) = $before ] && ! grep -q tilgangsloggen <<< '$out'"
out=$("$BP_TRANSFER" -c "$BP_CONF")
check "bp-transfer says what it deleted" bash -c "grep -Eq '^tilgangsloggen: [0-9]+ hendelser? eldre enn 24 måneder slettet$' <<< '$out'"
audit=$("$BP_BPADM" -c "$BP_CONF" audit)	# newest first
oldest=$(printf '%s\n' "$audit" | tail -1 | cut -c1-10)
now_day=$(printf '%s\n' "$audit" | head -1 | cut -c1-10)
cutoff=$(date -d "$now_day -24 months" +%F)
check "nothing older than 24 months is left" bash -c "[ -n '$oldest' ] && [[ ! '$oldest' < '$cutoff' ]]"
kept=$(printf '%s\n' "$audit" | grep -vc 'audit.purged')
check "the newer events are kept (Per's registration and login)" bash -c "[ $kept -ge 2 ]"
check "Oda's registration is gone, Per's is kept" bash -c "[ $(printf '%s\n' "$audit" | grep -c 'register.ok') = 1 ]"
check "fewer lines than before" bash -c "[ $(printf '%s\n' "$audit" | wc -l) -lt $before ]"
check "the deletion leaves a trace" bash -c "[ $(printf '%s\n' "$audit" | grep -c 'audit.purged.*eldre enn 24 måneder') = 1 ]"
out=$("$BP_TRANSFER" -c "$BP_CONF")
check "the next day's run has nothing to delete" bash -c "! grep -q tilgangsloggen <<< '$out'"
"$BP_BPADM" -c "$BP_CONF" clock --reset >/dev/null

done_checks
