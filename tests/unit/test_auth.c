/* test_auth.c: what login rests on, against a real LMDB store: tokens (token.c), sessions
 * and their timeouts (session.c), accounts, e-post rules and names (account.c),
 * invitations (invite.c); the throttle and the audit log are test_throttle.c's. */
#include "unit.h"

#include "account.h"
#include "invite.h"
#include "session.h"
#include "store.h"
#include "token.h"

#define T0 1782858600LL		/* 2026-06-30 22:30:00 UTC */


/* tokens */

static void
test_token(void **state)
{
	char hex[TOKEN_HEX + 1], hex2[TOKEN_HEX + 1];
	unsigned char key[CRYPTO_HASH_LEN], key2[CRYPTO_HASH_LEN], raw[TOKEN_BYTES];
	size_t i;

	(void)state;
	assert_int_equal(token_new(hex, key), 0);
	assert_int_equal(strlen(hex), TOKEN_HEX);
	for (i = 0; i < TOKEN_HEX; i++)
		assert_non_null(strchr("0123456789abcdef", hex[i]));
	assert_int_equal(token_key(hex, key2), 0);
	assert_memory_equal(key, key2, sizeof(key));
	/* the key is SHA-256 of the token's bytes, not the token itself */
	assert_int_equal(hex_decode(hex, TOKEN_HEX, raw, sizeof(raw)), 0);
	assert_int_equal(crypto_sha256(raw, sizeof(raw), key2), 0);
	assert_memory_equal(key, key2, sizeof(key));
	assert_memory_not_equal(key, raw, sizeof(key));
	/* upper-case hex names the same token */
	for (i = 0; i < TOKEN_HEX; i++)
		hex2[i] = (char)(hex[i] >= 'a' ? hex[i] - 32 : hex[i]);
	hex2[TOKEN_HEX] = '\0';
	assert_int_equal(token_key(hex2, key2), 0);
	assert_memory_equal(key, key2, sizeof(key));
	assert_int_equal(token_new(hex2, key2), 0);
	assert_string_not_equal(hex, hex2);
	assert_memory_not_equal(key, key2, sizeof(key));
}

static void
test_token_malformed(void **state)
{
	char bad[4][TOKEN_HEX + 2];
	unsigned char key[CRYPTO_HASH_LEN];
	size_t i;

	(void)state;
	memset(bad, '0', sizeof(bad));
	bad[0][TOKEN_HEX - 1] = '\0';			/* one digit short */
	bad[1][TOKEN_HEX + 1] = '\0';			/* one digit long */
	bad[2][TOKEN_HEX] = '\0';
	bad[2][17] = 'g';				/* not hex */
	bad[3][TOKEN_HEX] = '\0';
	bad[3][0] = ' ';
	for (i = 0; i < UNIT_N(bad); i++)
		assert_int_equal(token_key(bad[i], key), BP_EINVAL);
	assert_int_equal(token_key("", key), BP_EINVAL);
	assert_int_equal(token_key(NULL, key), BP_EINVAL);
}

/* sessions */

#define ACCOUNT_A "0123456789abcdef0123456789abcdef"
#define ACCOUNT_B "fedcba9876543210fedcba9876543210"

struct sess {
	const char *account;
	long long now;
	char token[TOKEN_HEX + 1];
	struct session s;
	int max, purged;
};

static int
sess_create(struct store_txn *txn, void *arg)
{
	struct sess *a = arg;

	return session_create(txn, a->account, a->now, a->token, &a->s);
}

static int
sess_load(struct store_txn *txn, void *arg)
{
	struct sess *a = arg;

	return session_load(txn, a->token, a->now, &a->s);
}

static int
sess_load_touch(struct store_txn *txn, void *arg)
{
	struct sess *a = arg;
	int rc;

	if ((rc = session_load(txn, a->token, a->now, &a->s)) != 0)
		return rc;
	return session_touch(txn, &a->s, a->now);
}

static int
sess_delete(struct store_txn *txn, void *arg)
{
	struct sess *a = arg;

	return session_delete(txn, a->s.key);
}

static int
sess_purge(struct store_txn *txn, void *arg)
{
	struct sess *a = arg;

	a->purged = session_purge(txn, a->now, a->max);
	return a->purged < 0 ? a->purged : 0;
}

static int
load_at(struct store *st, struct sess *a, long long now)
{
	a->now = now;
	return store_read(st, sess_load, a);
}

static void
new_session(struct store *st, struct sess *a, const char *account, long long now)
{
	memset(a, 0, sizeof(*a));
	a->account = account;
	a->now = now;
	assert_int_equal(store_write(st, sess_create, a), 0);
}

static void
test_session_create_load(void **state)
{
	struct fix *f = *state;
	struct sess a, b;
	unsigned char key[CRYPTO_HASH_LEN];

	new_session(f->st, &a, ACCOUNT_A, T0);
	assert_int_equal(strlen(a.token), TOKEN_HEX);
	assert_int_equal(token_key(a.token, key), 0);
	assert_memory_equal(key, a.s.key, sizeof(key));
	memset(&a.s, 0, sizeof(a.s));
	assert_int_equal(load_at(f->st, &a, T0 + 5), 0);
	assert_string_equal(a.s.account, ACCOUNT_A);
	assert_true(a.s.created == T0);
	assert_true(a.s.seen == T0);
	assert_memory_equal(key, a.s.key, sizeof(key));
	/* another session, another token */
	new_session(f->st, &b, ACCOUNT_B, T0);
	assert_string_not_equal(a.token, b.token);
	assert_int_equal(load_at(f->st, &b, T0), 0);
	assert_string_equal(b.s.account, ACCOUNT_B);
}

static void
test_session_unknown(void **state)
{
	struct fix *f = *state;
	struct sess a;
	unsigned char key[CRYPTO_HASH_LEN];

	new_session(f->st, &a, ACCOUNT_A, T0);
	assert_int_equal(token_new(a.token, key), 0);		/* never stored */
	assert_int_equal(load_at(f->st, &a, T0), BP_ENOENT);
	strcpy(a.token, "not a token");
	assert_int_equal(load_at(f->st, &a, T0), BP_ENOENT);
	a.token[0] = '\0';
	assert_int_equal(load_at(f->st, &a, T0), BP_ENOENT);
}

static void
test_session_idle(void **state)
{
	static const struct {
		long long at;
		int rc;
	} cases[] = {
		{ T0, 0 }, { T0 + SESSION_IDLE - 1, 0 }, { T0 + SESSION_IDLE, BP_ESTALE },
		{ T0 + SESSION_IDLE + 1, BP_ESTALE }, { T0 + 86400, BP_ESTALE },
	};
	struct fix *f = *state;
	struct sess a;
	size_t i;

	new_session(f->st, &a, ACCOUNT_A, T0);
	for (i = 0; i < UNIT_N(cases); i++)
		assert_int_equal(load_at(f->st, &a, cases[i].at), cases[i].rc);
	/* a touch moves the idle limit */
	a.now = T0 + SESSION_IDLE - 60;
	assert_int_equal(store_write(f->st, sess_load_touch, &a), 0);
	assert_int_equal(load_at(f->st, &a, T0 + 2 * SESSION_IDLE - 61), 0);
	assert_true(a.s.seen == T0 + SESSION_IDLE - 60);
	assert_int_equal(load_at(f->st, &a, T0 + 2 * SESSION_IDLE - 60), BP_ESTALE);
}

static void
test_session_absolute(void **state)
{
	struct fix *f = *state;
	struct sess a;
	long long t;

	new_session(f->st, &a, ACCOUNT_A, T0);
	for (t = T0 + 600; t < T0 + SESSION_ABSOLUTE; t += 600) {
		a.now = t;
		assert_int_equal(store_write(f->st, sess_load_touch, &a), 0);
	}
	assert_int_equal(load_at(f->st, &a, T0 + SESSION_ABSOLUTE - 1), 0);
	assert_true(a.s.created == T0);
	/* touched ten minutes ago, yet twelve hours old */
	assert_int_equal(load_at(f->st, &a, T0 + SESSION_ABSOLUTE), BP_ESTALE);
	a.now = T0 + SESSION_ABSOLUTE;
	assert_int_equal(store_write(f->st, sess_load_touch, &a), BP_ESTALE);
	assert_int_equal(session_expired(&a.s, T0 + SESSION_ABSOLUTE), 1);
	assert_int_equal(session_expired(&a.s, T0 + SESSION_ABSOLUTE - 1), 0);
}

static void
test_session_delete(void **state)
{
	struct fix *f = *state;
	struct sess a, b;

	new_session(f->st, &a, ACCOUNT_A, T0);
	new_session(f->st, &b, ACCOUNT_A, T0);
	assert_int_equal(store_write(f->st, sess_delete, &a), 0);
	assert_int_equal(load_at(f->st, &a, T0), BP_ENOENT);
	assert_int_equal(load_at(f->st, &b, T0), 0);		/* the other one lives */
	assert_int_equal(store_write(f->st, sess_delete, &a), 0);	/* twice is fine */
}

static void
test_session_purge(void **state)
{
	struct fix *f = *state;
	struct sess s[5], p;
	struct store_stat ss;
	long long now = T0 + 2500;
	int i;

	/* seen at T0, T0+500, ... T0+2000: at now, the first two are idle too long */
	for (i = 0; i < 5; i++)
		new_session(f->st, &s[i], i % 2 ? ACCOUNT_A : ACCOUNT_B, T0 + 500 * i);
	memset(&p, 0, sizeof(p));
	p.now = now;
	p.max = 0;
	assert_int_equal(store_write(f->st, sess_purge, &p), 0);
	assert_int_equal(p.purged, 0);
	p.max = 100;
	assert_int_equal(store_write(f->st, sess_purge, &p), 0);
	assert_int_equal(p.purged, 2);
	for (i = 0; i < 5; i++)
		assert_int_equal(load_at(f->st, &s[i], now), i < 2 ? BP_ENOENT : 0);
	assert_int_equal(store_stat(f->st, &ss), 0);
	assert_int_equal(ss.entries[DB_SESSIONS], 3);
	assert_int_equal(ss.entries[DB_ACCOUNT_SESSIONS], 3);	/* the index in step */
	assert_int_equal(store_write(f->st, sess_purge, &p), 0);
	assert_int_equal(p.purged, 0);
	/* max bounds the work of one call */
	p.now = T0 + SESSION_ABSOLUTE;
	p.max = 2;
	assert_int_equal(store_write(f->st, sess_purge, &p), 0);
	assert_int_equal(p.purged, 2);
	assert_int_equal(store_stat(f->st, &ss), 0);
	assert_int_equal(ss.entries[DB_SESSIONS], 1);
	assert_int_equal(ss.entries[DB_ACCOUNT_SESSIONS], 1);
}

/* an account's sessions: listed through the index, ended all but one, browser kept */
struct end_all {
	struct sess *keep;
	const char *account;
	int ended, listed;
	char browser[SESSION_BROWSER_MAX + 1];
};

static int
count_one(const struct session *s, void *arg)
{
	struct end_all *e = arg;

	e->listed++;
	snprintf(e->browser, sizeof(e->browser), "%s", s->browser);
	return 0;
}

static int
sess_end_all(struct store_txn *txn, void *arg)
{
	struct end_all *e = arg;

	e->ended = session_end_all(txn, e->account, e->keep ? e->keep->s.key : NULL);
	return e->ended < 0 ? e->ended : 0;
}

static int
sess_list(struct store_txn *txn, void *arg)
{
	struct end_all *e = arg;

	e->listed = 0;
	return session_list(txn, e->account, T0, count_one, e);
}

static int
sess_create_ua(struct store_txn *txn, void *arg)
{
	struct sess *a = arg;

	return session_create_from(txn, a->account, "Mozilla/5.0 (X11; Linux x86_64) "
	    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", a->now,
	    a->token, &a->s);
}

static void
test_session_end_all(void **state)
{
	struct fix *f = *state;
	struct sess a[3], b;
	struct end_all e = { NULL, ACCOUNT_A, 0, 0, "" };
	struct store_stat ss;
	char out[SESSION_BROWSER_MAX + 1];
	int i;

	for (i = 0; i < 3; i++)
		new_session(f->st, &a[i], ACCOUNT_A, T0);
	new_session(f->st, &b, ACCOUNT_B, T0);
	assert_int_equal(store_read(f->st, sess_list, &e), 0);
	assert_int_equal(e.listed, 3);
	e.keep = &a[1];
	assert_int_equal(store_write(f->st, sess_end_all, &e), 0);
	assert_int_equal(e.ended, 2);
	assert_int_equal(load_at(f->st, &a[0], T0), BP_ENOENT);
	assert_int_equal(load_at(f->st, &a[1], T0), 0);
	assert_int_equal(load_at(f->st, &a[2], T0), BP_ENOENT);
	assert_int_equal(load_at(f->st, &b, T0), 0);	/* another account's is not touched */
	assert_int_equal(store_read(f->st, sess_list, &e), 0);
	assert_int_equal(e.listed, 1);
	e.keep = NULL;
	assert_int_equal(store_write(f->st, sess_end_all, &e), 0);
	assert_int_equal(e.ended, 1);
	assert_int_equal(store_stat(f->st, &ss), 0);
	assert_int_equal(ss.entries[DB_SESSIONS], 1);
	assert_int_equal(ss.entries[DB_ACCOUNT_SESSIONS], 1);
	/* the browser's description, not its header, is kept with the session */
	memset(&a[0], 0, sizeof(a[0]));
	a[0].account = ACCOUNT_A;
	a[0].now = T0;
	assert_int_equal(store_write(f->st, sess_create_ua, &a[0]), 0);
	assert_int_equal(store_read(f->st, sess_list, &e), 0);
	assert_int_equal(e.listed, 1);
	assert_string_equal(e.browser, "Chrome på Linux");
	session_browser("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
	    "like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0", out);
	assert_string_equal(out, "Edge på Windows");
	session_browser("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605"
	    ".1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", out);
	assert_string_equal(out, "Safari på iPhone");
	session_browser("", out);
	assert_string_equal(out, "Ukjent nettleser");
}

/* accounts */

static void
test_email_normalize(void **state)
{
	static const struct {
		const char *in, *out;	/* out NULL: refused */
	} cases[] = {
		{ "kari.nordmann@kommune.no", "kari.nordmann@kommune.no" },
		{ "Kari.Nordmann@Kommune.NO", "kari.nordmann@kommune.no" },
		{ "  kari@oslo.kommune.no \t", "kari@oslo.kommune.no" },
		{ "a@b.no", "a@b.no" },
		{ "kari+test@x.no", "kari+test@x.no" },
		{ "\xc3\x85se@x.no", "\xc3\x85se@x.no" },		/* non-ASCII kept */
		{ "a@b", NULL },
		{ "@x.no", NULL },
		{ "a@", NULL },
		{ "a@@b.no", NULL },
		{ "a@b@c.no", NULL },
		{ "a b@c.no", NULL },
		{ "a@.no", NULL },
		{ "a@b.", NULL },
		{ "", NULL },
		{ "   ", NULL },
		{ "ab", NULL },
		{ "kari", NULL },
		{ "kari@x.no\n", NULL },
		{ "ka\x01ri@x.no", NULL },
		{ "kari@x.no\x7f", NULL },
		{ "<kari@x.no>", NULL },
		{ "kari@x.no,per@x.no", NULL },
		{ "\"kari\"@x.no", NULL },
		{ "kari@x.no;", NULL },
		{ "ka\\ri@x.no", NULL },
		{ "kari@x\xff.no", NULL },
	};
	char out[EMAIL_MAX + 1];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		rc = email_normalize(cases[i].in, out, sizeof(out));
		if (cases[i].out == NULL && rc != BP_EINVAL)
			fail_msg("accepted \"%s\"", cases[i].in);
		if (cases[i].out != NULL) {
			if (rc != 0)
				fail_msg("refused \"%s\"", cases[i].in);
			assert_string_equal(out, cases[i].out);
		}
	}
}

static void
test_email_length(void **state)
{
	char in[EMAIL_MAX + 8], out[EMAIL_MAX + 1], small[8];

	(void)state;
	memset(in, 'a', sizeof(in));
	memcpy(in + EMAIL_MAX - 5, "@x.no", 6);		/* EMAIL_MAX characters */
	assert_int_equal(email_normalize(in, out, sizeof(out)), 0);
	assert_int_equal(strlen(out), EMAIL_MAX);
	memset(in, 'a', sizeof(in));
	memcpy(in + EMAIL_MAX - 4, "@x.no", 6);		/* one more */
	assert_int_equal(email_normalize(in, out, sizeof(out)), BP_EINVAL);
	/* and never past the output buffer */
	assert_int_equal(email_normalize("kari@x.no", small, sizeof(small)), BP_EINVAL);
}

static void
test_name_valid(void **state)
{
	static const struct {
		const char *unit;	/* repeated n times */
		size_t n;
		int valid;
	} cases[] = {
		{ "a", 1, 1 }, { "a", 100, 1 }, { "a", 101, 0 }, { "", 0, 0 },
		{ "\xc3\xa6", 100, 1 }, { "\xc3\xa6", 101, 0 },		/* æ: one character */
		{ "\xe2\x82\xac", 100, 1 }, { "\xf0\x9d\x84\x9e", 100, 1 },
		{ "Kari Nordmann ", 7, 1 },
		{ "\t", 1, 0 }, { "\n", 1, 0 }, { "\x1b", 1, 0 }, { "\x7f", 1, 0 },
		{ "\xff", 1, 0 }, { "\xc3", 1, 0 },
	};
	struct buf b = { 0 };
	size_t i, j;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		buf_reset(&b);
		buf_puts(&b, "");
		for (j = 0; j < cases[i].n; j++)
			buf_puts(&b, cases[i].unit);
		if (name_valid(b.p) != cases[i].valid)
			fail_msg("case %zu: expected %d", i, cases[i].valid);
	}
	assert_int_equal(name_valid("Kari\tNordmann"), 0);
	assert_int_equal(name_valid("\xc3\x98ystein \xc3\x85sen"), 1);
	buf_free(&b);
}

static void
test_role_ids(void **state)
{
	int r;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++) {
		assert_int_equal(role_from_id(role_ids[r]), r);
		assert_true(role_titles[r][0] != '\0');
	}
	assert_int_equal(role_from_id("admin"), -1);
	assert_int_equal(role_from_id(""), -1);
	assert_int_equal(role_from_id("KORFOR"), -1);
}

struct acct {
	struct account a;
	const char *key;	/* id or e-post to look up */
	int is_new;
	struct account out;
};

static int
acct_save(struct store_txn *txn, void *arg)
{
	struct acct *x = arg;

	return account_save(txn, &x->a, x->is_new);
}

static int
acct_load(struct store_txn *txn, void *arg)
{
	struct acct *x = arg;

	return account_load(txn, x->key, &x->out);
}

static int
acct_by_email(struct store_txn *txn, void *arg)
{
	struct acct *x = arg;

	return account_by_email(txn, x->key, &x->out);
}

static void
sample_account(struct account *a, const char *email)
{
	memset(a, 0, sizeof(*a));
	assert_int_equal(account_new_id(a), 0);
	strcpy(a->name, "Kari <Nordmann> & \"S\xc3\xb8n\" 'Bl\xc3\xa5" "b\xc3\xa6r'");
	strcpy(a->email, email);
	a->role = ROLE_KARTLEGGER;
	strcpy(a->region, "nord");
	strcpy(a->kommune, "5001");
	strcpy(a->bydel, "030101");
	strcpy(a->instans, "NAV Trondheim <&>");
	strcpy(a->tjenestetype, "rus");
	strcpy(a->password, "$argon2id$v=19$m=9216,t=4,p=1$c2FsdHNhbHQ$aGFzaGhhc2g");
	strcpy(a->totp, "00112233445566778899aabbccddeeff");
	a->totp_step = 59341234;
	a->created = T0;
	a->innvilget = T0 + 60;
	a->tilbakekalt = -1;
	strcpy(a->invited_by, ACCOUNT_B);
}

static void
assert_account_equal(const struct account *x, const struct account *y)
{
	assert_string_equal(x->id, y->id);
	assert_string_equal(x->name, y->name);
	assert_string_equal(x->email, y->email);
	assert_int_equal(x->role, y->role);
	assert_string_equal(x->region, y->region);
	assert_string_equal(x->kommune, y->kommune);
	assert_string_equal(x->bydel, y->bydel);
	assert_string_equal(x->instans, y->instans);
	assert_string_equal(x->tjenestetype, y->tjenestetype);
	assert_string_equal(x->password, y->password);
	assert_string_equal(x->totp, y->totp);
	assert_true(x->totp_step == y->totp_step);
	assert_true(x->created == y->created);
	assert_true(x->innvilget == y->innvilget);
	assert_true(x->tilbakekalt == y->tilbakekalt);
	assert_string_equal(x->invited_by, y->invited_by);
}

static void
test_account_round_trip(void **state)
{
	struct fix *f = *state;
	struct acct x;
	size_t i;

	memset(&x, 0, sizeof(x));
	sample_account(&x.a, "kari.nordmann@kommune.no");
	assert_int_equal(strlen(x.a.id), ACCOUNT_ID_LEN);
	for (i = 0; i < ACCOUNT_ID_LEN; i++)
		assert_non_null(strchr("0123456789abcdef", x.a.id[i]));
	x.is_new = 1;
	assert_int_equal(store_write(f->st, acct_save, &x), 0);
	x.key = x.a.id;
	assert_int_equal(store_read(f->st, acct_load, &x), 0);
	assert_account_equal(&x.a, &x.out);
	x.key = "kari.nordmann@kommune.no";
	assert_int_equal(store_read(f->st, acct_by_email, &x), 0);
	assert_account_equal(&x.a, &x.out);
	/* an update keeps the id and changes the fields */
	strcpy(x.a.name, "Kari Nordmann");
	x.a.role = ROLE_KORUS;
	x.a.totp_step++;
	x.is_new = 0;
	assert_int_equal(store_write(f->st, acct_save, &x), 0);
	x.key = x.a.id;
	assert_int_equal(store_read(f->st, acct_load, &x), 0);
	assert_account_equal(&x.a, &x.out);
}

static void
test_account_missing(void **state)
{
	struct fix *f = *state;
	struct acct x;

	memset(&x, 0, sizeof(x));
	x.key = ACCOUNT_A;
	assert_int_equal(store_read(f->st, acct_load, &x), BP_ENOENT);
	x.key = "short";
	assert_int_equal(store_read(f->st, acct_load, &x), BP_ENOENT);
	x.key = "";
	assert_int_equal(store_read(f->st, acct_load, &x), BP_ENOENT);
	x.key = "nobody@x.no";
	assert_int_equal(store_read(f->st, acct_by_email, &x), BP_ENOENT);
	x.key = "";
	assert_int_equal(store_read(f->st, acct_by_email, &x), BP_ENOENT);
}

static void
test_account_duplicate_email(void **state)
{
	struct fix *f = *state;
	struct acct x, y;
	struct store_stat ss;

	memset(&x, 0, sizeof(x));
	memset(&y, 0, sizeof(y));
	sample_account(&x.a, "kari@x.no");
	x.is_new = 1;
	assert_int_equal(store_write(f->st, acct_save, &x), 0);
	sample_account(&y.a, "kari@x.no");
	strcpy(y.a.name, "Another Kari");
	y.is_new = 1;
	assert_string_not_equal(x.a.id, y.a.id);
	assert_int_equal(store_write(f->st, acct_save, &y), BP_EEXIST);
	/* the first account still owns the address; the second was not stored */
	y.key = "kari@x.no";
	assert_int_equal(store_read(f->st, acct_by_email, &y), 0);
	assert_string_equal(y.out.id, x.a.id);
	y.key = y.a.id;
	assert_int_equal(store_read(f->st, acct_load, &y), BP_ENOENT);
	assert_int_equal(store_stat(f->st, &ss), 0);
	assert_int_equal(ss.entries[DB_ACCOUNTS], 1);
	assert_int_equal(ss.entries[DB_EMAILS], 1);
	/* saving a new account under an id in use is refused too */
	strcpy(y.a.email, "other@x.no");
	strcpy(y.a.id, x.a.id);
	assert_int_equal(store_write(f->st, acct_save, &y), BP_EEXIST);
}

static void
test_account_save_invalid(void **state)
{
	struct fix *f = *state;
	struct acct x;

	memset(&x, 0, sizeof(x));
	sample_account(&x.a, "kari@x.no");
	x.is_new = 1;
	x.a.role = ROLE__MAX;
	assert_int_equal(store_write(f->st, acct_save, &x), BP_EINVAL);
	x.a.role = ROLE_KORFOR;
	strcpy(x.a.id, "abc");
	assert_int_equal(store_write(f->st, acct_save, &x), BP_EINVAL);
}

/* invitations */

struct inv {
	struct invite in;
	long long now;
	char token[TOKEN_HEX + 1];
	struct invite out;
};

static int
inv_create(struct store_txn *txn, void *arg)
{
	struct inv *x = arg;

	return invite_create(txn, &x->in, x->now, x->token);
}

static int
inv_load(struct store_txn *txn, void *arg)
{
	struct inv *x = arg;

	return invite_load(txn, x->token, &x->out);
}

static int
inv_save(struct store_txn *txn, void *arg)
{
	struct inv *x = arg;

	return invite_save(txn, &x->out);
}

static void
new_invite(struct store *st, struct inv *x, long long uses)
{
	memset(x, 0, sizeof(*x));
	x->in.role = ROLE_KOMMUNE;
	strcpy(x->in.region, "vest");
	strcpy(x->in.kommune, "4601");
	strcpy(x->in.instans, "Bergen <kommune> & \xc3\xa6\xc3\xb8\xc3\xa5");
	x->in.uses = uses;
	strcpy(x->in.by, "bpadm");
	x->now = T0;
	assert_int_equal(store_write(st, inv_create, x), 0);
}

static void
test_invite_round_trip(void **state)
{
	struct fix *f = *state;
	struct inv x;
	unsigned char key[CRYPTO_HASH_LEN];

	new_invite(f->st, &x, 3);
	assert_int_equal(strlen(x.token), TOKEN_HEX);
	assert_int_equal(token_key(x.token, key), 0);
	assert_memory_equal(key, x.in.key, sizeof(key));
	assert_int_equal(store_read(f->st, inv_load, &x), 0);
	assert_memory_equal(x.out.key, x.in.key, sizeof(key));
	assert_int_equal(x.out.role, ROLE_KOMMUNE);
	assert_string_equal(x.out.region, "vest");
	assert_string_equal(x.out.kommune, "4601");
	assert_string_equal(x.out.instans, x.in.instans);
	assert_string_equal(x.out.by, "bpadm");
	assert_true(x.out.uses == 3);
	assert_true(x.out.left == 3);
	assert_true(x.out.created == T0);
	assert_true(x.out.expires == T0 + INVITE_DAYS * 86400LL);
	assert_true(x.out.withdrawn == 0);
	assert_int_equal(invite_state(&x.out, T0), INVITE_OK);
}

static void
test_invite_state(void **state)
{
	static const struct {
		long long left, expires, withdrawn, now;
		enum invite_state want;
	} cases[] = {
		{ 1, 1000, 0, 999, INVITE_OK },
		{ 5, 1000, 0, 0, INVITE_OK },
		{ 1, 1000, 0, 1000, INVITE_EXPIRED },
		{ 1, 1000, 0, 5000, INVITE_EXPIRED },
		{ 0, 1000, 0, 999, INVITE_USED },
		{ -1, 1000, 0, 999, INVITE_USED },
		{ 1, 1000, 500, 999, INVITE_WITHDRAWN },
		{ 0, 1000, 500, 999, INVITE_WITHDRAWN },
	};
	struct invite inv;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		memset(&inv, 0, sizeof(inv));
		inv.uses = 5;
		inv.left = cases[i].left;
		inv.expires = cases[i].expires;
		inv.withdrawn = cases[i].withdrawn;
		assert_int_equal(invite_state(&inv, cases[i].now), cases[i].want);
	}
}

/* the states come back from the store as they were saved */
static void
test_invite_stored_states(void **state)
{
	struct fix *f = *state;
	struct inv x;
	long long exp;

	new_invite(f->st, &x, 1);
	assert_int_equal(store_read(f->st, inv_load, &x), 0);
	exp = x.out.expires;
	assert_int_equal(invite_state(&x.out, exp - 1), INVITE_OK);
	assert_int_equal(invite_state(&x.out, exp), INVITE_EXPIRED);
	x.out.left--;
	assert_int_equal(store_write(f->st, inv_save, &x), 0);
	assert_int_equal(store_read(f->st, inv_load, &x), 0);
	assert_true(x.out.left == 0);
	assert_int_equal(invite_state(&x.out, T0), INVITE_USED);
	x.out.left = 1;
	x.out.withdrawn = T0 + 10;
	assert_int_equal(store_write(f->st, inv_save, &x), 0);
	assert_int_equal(store_read(f->st, inv_load, &x), 0);
	assert_true(x.out.withdrawn == T0 + 10);
	assert_int_equal(invite_state(&x.out, T0 + 20), INVITE_WITHDRAWN);
}

static void
test_invite_forged(void **state)
{
	struct fix *f = *state;
	struct inv x;
	unsigned char key[CRYPTO_HASH_LEN];
	char good[TOKEN_HEX + 1];

	new_invite(f->st, &x, 1);
	strcpy(good, x.token);
	x.token[10] = x.token[10] == '0' ? '1' : '0';	/* one digit changed */
	assert_int_equal(store_read(f->st, inv_load, &x), BP_ENOENT);
	assert_int_equal(token_new(x.token, key), 0);	/* a fresh random token */
	assert_int_equal(store_read(f->st, inv_load, &x), BP_ENOENT);
	strcpy(x.token, "abc");
	assert_int_equal(store_read(f->st, inv_load, &x), BP_ENOENT);
	strcpy(x.token, good);
	x.token[TOKEN_HEX - 1] = '\0';
	assert_int_equal(store_read(f->st, inv_load, &x), BP_ENOENT);
	/* the store key is not a token: using it as one fails */
	hex_encode(x.in.key, sizeof(x.in.key), x.token);
	assert_int_equal(store_read(f->st, inv_load, &x), BP_ENOENT);
	strcpy(x.token, good);
	assert_int_equal(store_read(f->st, inv_load, &x), 0);
}

static void
test_invite_invalid(void **state)
{
	struct fix *f = *state;
	struct inv x;

	memset(&x, 0, sizeof(x));
	x.in.role = ROLE_KORUS;
	x.in.uses = 0;
	x.now = T0;
	assert_int_equal(store_write(f->st, inv_create, &x), BP_EINVAL);
	x.in.uses = 1;
	x.in.role = ROLE__MAX;
	assert_int_equal(store_write(f->st, inv_create, &x), BP_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token),
		cmocka_unit_test(test_token_malformed),
		cmocka_unit_test_setup_teardown(test_session_create_load, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_session_unknown, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_session_idle, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_session_absolute, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_session_delete, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_session_purge, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_session_end_all, store_setup, fix_teardown),
		cmocka_unit_test(test_email_normalize),
		cmocka_unit_test(test_email_length),
		cmocka_unit_test(test_name_valid),
		cmocka_unit_test(test_role_ids),
		cmocka_unit_test_setup_teardown(test_account_round_trip, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_account_missing, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_account_duplicate_email, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_account_save_invalid, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_invite_round_trip, store_setup, fix_teardown),
		cmocka_unit_test(test_invite_state),
		cmocka_unit_test_setup_teardown(test_invite_stored_states, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_invite_forged, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_invite_invalid, store_setup, fix_teardown),
	};

	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
