// Login through OpenID Connect with Chromium: Apache + mod_auth_openidc in front of
// /cgi-bin/oidc (claims.c), our provider (provider.mjs) in ID-porten's place. Run by
// tests/oidc/run.sh, which sets BP_URL and OIDC_URL.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage } from '../browser/lib.mjs';

const OIDC = process.env.OIDC_URL;
if (!OIDC) throw new Error('OIDC_URL is not set: run tests/oidc/run.sh');
const HIGH = { pid: '24019049078', acr: 'idporten-loa-high' };
const SUBSTANTIAL = { pid: '13097248032', acr: 'idporten-loa-substantial' };
const FORGED = '99999999999';
// every way a client might try to name a claim in a header
const FORGED_HEADERS = {
  OIDC_CLAIM_pid: FORGED, 'OIDC-Claim-Pid': FORGED, 'X-OIDC-Claim-Pid': FORGED,
  OIDC_CLAIM_acr: 'idporten-loa-high',
};

// claims.c's text/plain page as { pid, acr, path_info, header_var: [...] }
async function claims(page) {
  const out = { header_var: [] };
  for (const line of (await page.locator('body').innerText()).split('\n')) {
    const [k, v] = [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)];
    if (k === 'header_var') out.header_var.push(v); else if (k) out[k] = v;
  }
  return out;
}

// From the protected page to the provider's login form; returns the authorization request.
async function toProvider(page, url = `${BASE}/cgi-bin/oidc`) {
  let auth;
  page.on('request', (r) => { if (r.url().startsWith(`${OIDC}/auth?`)) auth = new URL(r.url()); });
  await page.goto(url);
  assert.ok(page.url().startsWith(`${OIDC}/interaction/`), `on the provider's login page, not ${page.url()}`);
  assert.equal(await page.locator('h1').innerText(), 'TestID');
  return auth;
}

async function login(page, pid) {
  await page.getByLabel('Personidentifikator').fill(pid);
  await page.getByRole('button', { name: 'Autentiser' }).click();
  await page.waitForURL((u) => u.href.startsWith(BASE));
}

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

test('the authorization request is the one ID-porten wants', async () => {
  const page = await newPage(browser);
  const auth = await toProvider(page);
  const q = Object.fromEntries(auth.searchParams);
  assert.equal(q.response_type, 'code');
  assert.deepEqual(q.scope.split(' ').sort(), ['openid', 'profile']);
  assert.equal(q.acr_values, 'idporten-loa-high');
  assert.equal(q.code_challenge_method, 'S256');
  assert.match(q.code_challenge, /^[\w-]{43}$/);
  assert.ok(q.state && q.nonce, 'state and nonce');
  assert.equal(q.redirect_uri, `${BASE}/cgi-bin/oidc/callback`);
  await page.context().close();
});

test('loa-high test user: pid and acr arrive as environment variables', async () => {
  const page = await newPage(browser);
  await toProvider(page);
  await login(page, HIGH.pid);
  assert.equal(page.url(), `${BASE}/cgi-bin/oidc`);
  let c = await claims(page);
  assert.equal(c.pid, HIGH.pid);
  assert.equal(c.acr, HIGH.acr);
  assert.deepEqual(c.header_var, []);

  // the session holds for the registration sub-paths (PATH_INFO), no new login
  await page.goto(`${BASE}/cgi-bin/oidc/registrer`);
  c = await claims(page);
  assert.equal(c.pid, HIGH.pid);
  assert.equal(c.path_info, '/registrer');

  // forged claim headers on a logged-in request change nothing: none becomes
  // OIDC_CLAIM_*, the OIDC-named ones do not even arrive, the rest arrive only as HTTP_*
  await page.setExtraHTTPHeaders(FORGED_HEADERS);
  await page.goto(`${BASE}/cgi-bin/oidc`);
  c = await claims(page);
  assert.equal(c.pid, HIGH.pid);
  assert.deepEqual(c.header_var, ['HTTP_X_OIDC_CLAIM_PID']);
  await page.context().close();
});

test('loa-substantial test user: the lower acr reaches the CGI, which must refuse it', async () => {
  const page = await newPage(browser);
  await toProvider(page, `${BASE}/cgi-bin/oidc/registrer`);
  await login(page, SUBSTANTIAL.pid);
  assert.equal(page.url(), `${BASE}/cgi-bin/oidc/registrer`);
  const c = await claims(page);
  assert.equal(c.pid, SUBSTANTIAL.pid);
  assert.equal(c.acr, SUBSTANTIAL.acr);
  await page.context().close();
});

test('forged claim headers without a session go to the provider, not the CGI', async () => {
  const page = await newPage(browser, { extraHTTPHeaders: FORGED_HEADERS });
  const cgi = [];
  page.on('response', (r) => { if (r.url().startsWith(`${BASE}/cgi-bin/oidc`)) cgi.push(r.status()); });
  await toProvider(page);
  assert.deepEqual(cgi, [302], 'mod_auth_openidc redirected before the CGI ran');
  assert.ok(!(await page.content()).includes(FORGED));
  // and logging in afterwards still shows the real person, not the forged one
  await login(page, HIGH.pid);
  const c = await claims(page);
  assert.equal(c.pid, HIGH.pid);
  assert.equal(c.acr, HIGH.acr);
  await page.context().close();
});

test('an unknown pid is refused by the provider', async () => {
  const page = await newPage(browser);
  await toProvider(page);
  await page.getByLabel('Personidentifikator').fill('01010100000');
  await page.getByRole('button', { name: 'Autentiser' }).click();
  assert.equal(await page.getByRole('alert').innerText(), 'Ukjent testbruker.');
  await page.context().close();
});
