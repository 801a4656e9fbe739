/* infoletter.c: the informasjonsskriv's text, kept under the meta key
 * "infoletter" (as welcome.c keeps the velkomstmelding), and its placeholders. */
#include <string.h>

#include "infoletter.h"
#include "metatext.h"

#define INFOLETTER_KEY "infoletter"

/* What the 2026 manual says the person must be told ("Personvern"; "Sluttdato og
 * overføringsdato"; "Brukernes rettigheter"; Vedlegg 2, "Kommunene"): that a kartlegging
 * is planned and what it is for; that the kommune is responsible until the transfer to
 * Helse Stavanger and the fødselsnummer is removed then; the right to reservasjon (for the
 * whole kommune, deleting a survey already made) and to innsyn (the kartlegging and its
 * endringslogg, not by e-mail), retting (objective facts, not the kartlegger's judgement)
 * and sletting; the deadline, which is the overføringsdato; and whom to tell (a kartlegger
 * in the kommune, who must make sure who the person is). And, as any notice under the
 * personvernforordningen (art. 13 and 14) must say, that one may complain to Datatilsynet. */
const char infoletter_default[] =
    "# Informasjon om kartlegging i Brukerplan {år}\n"
    "\n"
    "Du får dette skrivet fordi {kommune} planlegger å registrere opplysninger om deg i "
    "Brukerplan. Her står det hva Brukerplan er, hvilke rettigheter du har, og hvilken frist "
    "som gjelder.\n"
    "\n"
    "## Hva er Brukerplan?\n"
    "\n"
    "Brukerplan er en årlig kartlegging av personer over 16 år som mottar kommunale tjenester "
    "og har rusmiddelproblemer og/eller psykiske helseproblemer. Kommunen bruker "
    "kartleggingen til å få oversikt over levekår og behov for tjenester, slik at tjenestene "
    "kan planlegges bedre. Opplysningene brukes til statistikk og planlegging, ikke til "
    "avgjørelser om deg.\n"
    "\n"
    "## Hva blir registrert?\n"
    "\n"
    "En ansatt i kommunen som kjenner deg fra tjenestene du mottar, fyller ut kartleggingen. "
    "Det registreres fødselsnummeret ditt og opplysninger om livssituasjonen din: blant annet "
    "bolig, aktivitet og utdanning, økonomi, fysisk og psykisk helse, rusmiddelbruk, sosial "
    "fungering og nettverk, barn, planer og samarbeid, og hvilke tjenester du har og trenger. "
    "Du trenger ikke å gjøre noe selv.\n"
    "\n"
    "## Hva skjer med opplysningene?\n"
    "\n"
    "{kommune} er ansvarlig for opplysningene frem til {overføringsdato}. Da overføres "
    "kartleggingen til Helse Stavanger HF (KORFOR). Før overføringen fjernes fødselsnummeret "
    "ditt og erstattes med en kode, så Helse Stavanger får verken navnet eller "
    "fødselsnummeret ditt. Kommunen får tilbake en rapport med tall for hele kommunen, ikke "
    "for enkeltpersoner. Behandlingen følger personvernforordningen (GDPR), "
    "personopplysningsloven, helseregisterloven og forskrift om Brukerplan.\n"
    "\n"
    "## Dine rettigheter\n"
    "\n"
    "Du kan reservere deg mot å bli registrert i Brukerplan. Reservasjonen gjelder for alle "
    "som kartlegger i {kommune}, og en kartlegging som allerede er gjort av deg, blir slettet.\n"
    "\n"
    "Du har rett til innsyn i det som er registrert om deg: både kartleggingen og "
    "endringsloggen, som viser hvem som har registrert, endret eller skrevet ut "
    "kartleggingen, og når. Innsyn gis ikke på e-post. Du kan gå gjennom kartleggingen "
    "sammen med den som kartla deg.\n"
    "\n"
    "Du har rett til å få rettet opplysninger som er feil, og til å få opplysningene slettet. "
    "Det er faktiske opplysninger som kan rettes, ikke kartleggerens vurderinger.\n"
    "\n"
    "Mener du at opplysningene om deg behandles i strid med reglene, kan du klage til "
    "Datatilsynet.\n"
    "\n"
    "## Frist: {overføringsdato}\n"
    "\n"
    "Vil du reservere deg, eller kreve innsyn, retting eller sletting, må du si fra før "
    "{overføringsdato}. Etter denne datoen er kartleggingen overført uten fødselsnummer, og "
    "kommunen kan ikke lenger finne den igjen.\n"
    "\n"
    "## Slik sier du fra\n"
    "\n"
    "Si fra til den som ga deg dette skrivet, eller til en annen ansatt i tjenesten du får "
    "hjelp fra i {kommune}. Kommunen må forsikre seg om hvem du er, så ta med legitimasjon. "
    "Du kan også be en pårørende eller verge om å hjelpe deg.\n"
    "\n"
    "Mer om personvernet i Brukerplan står i personvernerklæringen på brukerplan.no.\n";

/* the placeholders, and whether a letter must have them */
static const struct {
	const char *name;
	int required;
	const char *missing;		/* why it must be there */
} fields[] = {
	{ "{kommune}", 1, "Informasjonsskrivet må ha {kommune}: kommunen er ansvarlig for "
	  "opplysningene og den brukeren skal si fra til." },
	{ "{overføringsdato}", 1, "Informasjonsskrivet må ha {overføringsdato}: fristen for "
	  "reservasjon, innsyn, retting og sletting." },
	{ "{år}", 0, NULL },
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

int
infoletter_get(struct store_txn *txn, struct buf *out, long long *version)
{
	int rc = metatext_get(txn, INFOLETTER_KEY, out, version);

	if (rc != BP_ENOENT)
		return rc;
	buf_puts(out, infoletter_default);	/* never set: Helse Stavanger's text */
	return out->err;
}

/* an empty text takes the default back */
int
infoletter_set(struct store_txn *txn, const char *text, const char *by, long long now)
{
	int rc;

	if (*text == '\0') {
		rc = store_del(txn, DB_META, INFOLETTER_KEY, strlen(INFOLETTER_KEY));
		return rc == BP_ENOENT ? 0 : rc;
	}
	return metatext_set(txn, INFOLETTER_KEY, text, by, now);
}

/* the placeholder at s (which starts with '{'), or -1 */
static int
field_at(const char *s)
{
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (strncmp(s, fields[i].name, strlen(fields[i].name)) == 0)
			return (int)i;
	return -1;
}

/* the longest part's characters (a heading is one line, but a line may be long) */
static int
longest(enum infoletter_part part, const char *text, void *arg)
{
	size_t *max = arg, n = utf8_chars(text, strlen(text));

	(void)part;
	if (n > *max)
		*max = n;
	return 0;
}

const char *
infoletter_check(const char *text)
{
	const char *s;
	size_t i, max = 0;

	for (s = strchr(text, '{'); s; s = strchr(s + 1, '{'))
		if (field_at(s) < 0)
			return "Informasjonsskrivet har en ukjent plassholder. Bruk bare {kommune}, "
			    "{overføringsdato} og {år}, med krøllparenteser rundt.";
	for (i = 0; i < NFIELDS; i++)
		if (fields[i].required && strstr(text, fields[i].name) == NULL)
			return fields[i].missing;
	if (strncmp(text, "# ", 2) != 0)
		return "Informasjonsskrivet må begynne med tittelen, på en linje som begynner "
		    "med «# ».";
	if (infoletter_parts(text, longest, &max) != 0 || max > INFOLETTER_PARAGRAPH_MAX)
		return "Et avsnitt eller en overskrift i informasjonsskrivet kan ha høyst 1500 "
		    "tegn. Del et langt avsnitt opp med en tom linje.";
	return NULL;
}

/* the paragraph gathered so far, if any, to fn */
static int
flush(struct buf *para, infoletter_fn fn, void *arg)
{
	int rc;

	if (para->err)
		return para->err;
	if (para->len == 0)
		return 0;
	rc = fn(INFOLETTER_PARAGRAPH, para->p, arg);
	buf_reset(para);
	return rc;
}

int
infoletter_parts(const char *text, infoletter_fn fn, void *arg)
{
	struct buf para = { 0 }, line = { 0 };
	const char *s = text, *nl;
	int titled = 0, rc = 0;
	size_t n;

	while (rc == 0 && *s) {
		nl = strchr(s, '\n');
		n = nl ? (size_t)(nl - s) : strlen(s);
		buf_reset(&line);
		buf_add(&line, s, n);
		while (line.len && (line.p[line.len - 1] == ' ' || line.p[line.len - 1] == '\t'))
			line.p[--line.len] = '\0';
		s += n + (nl != NULL);
		if (line.err) {
			rc = line.err;
		} else if (line.len == 0) {
			rc = flush(&para, fn, arg);
		} else if (strncmp(line.p, "# ", 2) == 0 || strncmp(line.p, "## ", 3) == 0) {
			if ((rc = flush(&para, fn, arg)) == 0)
				rc = fn(line.p[1] == ' ' && !titled++ ? INFOLETTER_TITLE :
				    INFOLETTER_HEADING, line.p + (line.p[1] == ' ' ? 2 : 3), arg);
		} else {
			if (para.len)
				buf_puts(&para, "\n");
			buf_puts(&para, line.p);
		}
	}
	if (rc == 0)
		rc = flush(&para, fn, arg);
	buf_free(&para);
	buf_free(&line);
	return rc;
}

int
infoletter_fill(const char *text, const struct infoletter_fields *f, struct buf *out)
{
	const char *s = text, *brace;
	int k;

	while ((brace = strchr(s, '{')) != NULL) {
		buf_add(out, s, (size_t)(brace - s));
		switch ((k = field_at(brace))) {
		case 0:
			buf_puts(out, f->kommune);
			break;
		case 1:
			buf_puts(out, f->overforingsdato);
			break;
		case 2:
			buf_printf(out, "%d", f->year);
			break;
		default:
			return BP_EINVAL;
		}
		s = brace + strlen(fields[k].name);
	}
	buf_puts(out, s);
	return out->err;
}
