// Login and registration through ID-porten with Chromium: Apache + mod_auth_openidc in
// front of /cgi-bin/oidc (our oidc program), our provider (provider.mjs) in ID-porten's
// place. Run by tests/oidc/run.sh, which sets BP_URL, OIDC_URL, BP_BPADM and BP_CONF.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm } from '../browser/lib.mjs';

const OIDC = process.env.OIDC_URL;
if (!OIDC) throw new Error('OIDC_URL is not set: run tests/oidc/run.sh');
const HIGH = '24019049078';		// idporten-loa-high
const SUBSTANTIAL = '13097248032';	// idporten-loa-substantial
const NOBODY = '05073500186';		// high, but never registered
const LATER = '28127524618';		// high; registers, is suspended, tries again
const FORGED_HEADERS = {
  OIDC_CLAIM_pid: LATER, 'OIDC-Claim-Pid': LATER, 'X-OIDC-Claim-Pid': LATER,
  OIDC_CLAIM_acr: 'idporten-loa-high',
};
const year = String(new Date().getFullYear());

// From a page with the ID-porten button (or a protected URL) to the provider's login form;
// returns the authorization request.
async function toProvider(page, how) {
  let auth;
  page.on('request', (r) => { if (r.url().startsWith(`${OIDC}/auth?`)) auth = new URL(r.url()); });
  if (typeof how === 'string') await page.goto(how);
  else await how();
  await page.waitForURL((u) => u.href.startsWith(`${OIDC}/interaction/`));
  assert.equal(await page.locator('h1').innerText(), 'TestID');
  return auth;
}

async function providerLogin(page, pid) {
  await page.getByLabel('Personidentifikator').fill(pid);
  await page.getByRole('button', { name: 'Autentiser' }).click();
  await page.waitForURL((u) => u.href.startsWith(BASE));
}

async function registerWithIdporten(page, link, pid, who) {
  await page.goto(link);
  assert.match(await page.locator('main').innerText(), /må du først logge inn med ID-porten/);
  await checkA11y(page, 'registration start (ID-porten)');
  await toProvider(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
  await providerLogin(page, pid);
  assert.match(await page.locator('main').innerText(), /Du er logget inn med ID-porten/);
  assert.equal(await page.getByLabel('Passord', { exact: true }).count(), 0, 'no password with ID-porten');
  await checkA11y(page, 'registration form (ID-porten)');
  await page.getByLabel('Fullt navn').fill(who.name);
  await page.getByLabel('E-postadresse').fill(who.email);
  await page.getByLabel(/Jeg har lest og godtar/).check();
  await page.getByRole('button', { name: 'Fullfør registreringen' }).click();
  await page.waitForLoadState();
}

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser?.close(); });

test('the authorization request is the one ID-porten wants', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE}/cgi-bin/login`);
  await checkA11y(page, 'login page (ID-porten)');
  const auth = await toProvider(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
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

test('register through an invitation with ID-porten, log out, log in again', async () => {
  const page = await newPage(browser);
  await registerWithIdporten(page, bpadm('invite', '--role', 'korfor'), HIGH,
    { name: 'Ida Porten', email: 'ida@korfor.no' });
  assert.equal(await page.locator('h1').innerText(), `${year} Kartlegging`, 'straight to the menu');
  assert.match(await page.locator('header').innerText(), /Logget inn som: Ida Porten/);

  // logout ends mod_auth_openidc's session too: the next login asks ID-porten again
  await page.getByRole('button', { name: 'Logg ut' }).click();
  // through ID-porten's end_session (the test provider asks once; ID-porten does not)
  await page.waitForURL((u) => u.href.startsWith(OIDC));
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await page.waitForURL((u) => u.pathname === '/cgi-bin/login');
  assert.match(await page.getByRole('status').innerText(), /Du er logget ut/);
  await toProvider(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
  await providerLogin(page, HIGH);
  assert.equal(await page.locator('h1').innerText(), `${year} Kartlegging`);

  // forged claim headers on a logged-in request change nothing
  await page.setExtraHTTPHeaders(FORGED_HEADERS);
  await page.goto(`${BASE}/cgi-bin/oidc`);
  assert.match(await page.locator('header').innerText(), /Logget inn som: Ida Porten/);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a lower level of assurance is refused', async () => {
  const page = await newPage(browser);
  await toProvider(page, `${BASE}/cgi-bin/oidc`);
  await providerLogin(page, SUBSTANTIAL);
  assert.equal(await page.locator('h1').innerText(), 'Innlogging med ID-porten');
  assert.match(await page.getByRole('alert').innerText(), /krever innlogging på høyeste sikkerhetsnivå/);
  await checkA11y(page, 'refused level');
  await page.context().close();
});

test('someone without an account is told how to get one', async () => {
  const page = await newPage(browser);
  await toProvider(page, `${BASE}/cgi-bin/oidc`);
  await providerLogin(page, NOBODY);
  assert.match(await page.getByRole('alert').innerText(), /Du har ingen konto i Brukerplan/);
  await page.context().close();
});

test('forged claim headers without a session go to the provider, not the program', async () => {
  const page = await newPage(browser, { extraHTTPHeaders: FORGED_HEADERS });
  const cgi = [];
  page.on('response', (r) => { if (r.url().startsWith(`${BASE}/cgi-bin/oidc`)) cgi.push(r.status()); });
  await toProvider(page, `${BASE}/cgi-bin/oidc`);
  assert.deepEqual(cgi, [302], 'mod_auth_openidc redirected before the program ran');
  await page.context().close();
});

test('a suspended identity can neither log in nor register again this year', async () => {
  // Ida (KORFOR) invites a kommunekontakt, who registers with ID-porten
  const ida = await newPage(browser);
  await toProvider(ida, `${BASE}/cgi-bin/oidc`);
  await providerLogin(ida, HIGH);
  await ida.goto(`${BASE}/cgi-bin/invite`);
  await ida.getByLabel(/^Tilhørighet/).selectOption({ label: 'Kommune' });
  await ida.getByLabel(/^Kommune\/bydel/).selectOption({ label: 'Lom' });
  await ida.getByRole('button', { name: 'Lag registreringslenker' }).click();
  const link = await ida.locator('section.created code').innerText();
  const later = await newPage(browser);
  await registerWithIdporten(later, link, LATER, { name: 'Lars Lom', email: 'lars@lom.kommune.no' });
  assert.equal(await later.locator('h1').innerText(), `${year} Kartlegging`);
  await later.context().close();

  // suspended by KORFOR
  await ida.goto(`${BASE}/cgi-bin/admin?kommune=3434`);
  await ida.getByRole('link', { name: 'Suspender Lars Lom' }).click();
  await ida.getByRole('button', { name: 'Suspender Lars Lom' }).click();
  assert.match(await ida.getByRole('status').innerText(), /Kontoen er suspendert/);

  // the same person, through ID-porten: no login, and no new registration this year
  const again = await newPage(browser);
  await toProvider(again, `${BASE}/cgi-bin/oidc`);
  await providerLogin(again, LATER);
  assert.match(await again.getByRole('alert').innerText(), /Kontoen din er suspendert/);
  await ida.goto(`${BASE}/cgi-bin/invite`);
  await ida.getByLabel(/^Tilhørighet/).selectOption({ label: 'Kommune' });
  await ida.getByLabel(/^Kommune\/bydel/).selectOption({ label: 'Lom' });
  await ida.getByRole('button', { name: 'Lag registreringslenker' }).click();
  const second = await ida.locator('section.created code').innerText();
  await again.goto(second);
  await again.getByRole('link', { name: 'Logg inn med ID-porten' }).click();
  await again.waitForLoadState();
  assert.match(await again.getByRole('alert').innerText(), /sperret for registrering i Brukerplan i år/);
  await ida.context().close();
  await again.context().close();
});

test('the password login is not there with ID-porten', async () => {
  const res = await fetch(`${BASE}/cgi-bin/login`, { method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'epost=a%40b.no' });
  assert.equal(res.status, 403, 'refused (no CSRF token, and no such login anyway)');
});
