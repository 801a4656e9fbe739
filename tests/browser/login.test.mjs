// The first KORFOR account: bootstrap invitation -> registration -> TOTP enrolment ->
// login -> main menu -> logout, with and without JavaScript; axe-core clean on each page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm, totp, clockOffset } from './lib.mjs';

const year = String(new Date().getFullYear());

async function register(page, { name, email, password }, a11y) {
  const link = bpadm('invite', '--role', 'korfor');
  await page.goto(link);
  assert.equal(await page.locator('h1').innerText(), 'Registrer deg som KORFOR');
  if (a11y) await checkA11y(page, 'registration form');

  // a mistake first: the error is announced, tied to its field, and nothing typed is lost
  await page.getByLabel('Fullt navn').fill(name);
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord', { exact: true }).fill('for kort');
  await page.getByLabel('Gjenta passordet').fill('for kort');
  await page.getByLabel(/Jeg har lest og godtar/).check();
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('alert').innerText(), /Passordet må ha minst 12 tegn\./);
  assert.equal(await page.getByLabel('Fullt navn').inputValue(), name);
  assert.equal(await page.getByLabel('Passord', { exact: true }).getAttribute('aria-invalid'), 'true');
  if (a11y) await checkA11y(page, 'registration form with an error');

  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByLabel('Gjenta passordet').fill(password);
  await page.getByLabel(/Jeg har lest og godtar/).check();
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.waitForLoadState();
  assert.equal(await page.locator('h1').innerText(), 'Sett opp engangskode');
  assert.equal(await page.getByRole('img', { name: 'QR-kode for autentiseringsappen' }).count(), 1);
  const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  if (a11y) await checkA11y(page, 'TOTP enrolment');

  await page.getByLabel('Engangskode fra appen').fill(totp(secret, Date.now() + clockOffset()));
  await page.getByRole('button', { name: 'Fullfør registreringen' }).click();
  await page.waitForLoadState();
  assert.equal(await page.locator('h1').innerText(), 'Logg inn');
  assert.match(await page.getByRole('status').innerText(), /Registreringen er fullført/);
  return secret;
}

async function login(page, { email, password }, secret) {
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Passord').fill(password);
  // registration spent this 30 s step; the next step's code is within the server's window
  await page.getByLabel('Engangskode').fill(totp(secret, Date.now() + clockOffset() + 30000));
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForLoadState();
}

async function flow(browser, options, who, a11y) {
  const page = await newPage(browser, options);
  const secret = await register(page, who, a11y);
  if (a11y) await checkA11y(page, 'login page');

  await page.getByLabel('E-post').fill(who.email);
  await page.getByLabel('Passord').fill('ikke passordet mitt');
  await page.getByLabel('Engangskode').fill('123456');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('alert').innerText(), /Feil e-post, passord eller engangskode\./);
  if (a11y) await checkA11y(page, 'login page with an error');

  await login(page, who, secret);
  assert.equal(await page.locator('h1').innerText(), `${year} Kartlegging`);
  assert.match(await page.locator('header').innerText(), new RegExp(`Logget inn som: ${who.name}`));
  assert.match(await page.locator('main').innerText(), /KORFOR/);
  assert.match(await page.locator('.test-banner').innerText(), /Dette er test-versjonen av Brukerplan/);
  const cookies = await page.context().cookies();
  const sid = cookies.find((c) => c.name === 'bp_sid');
  assert.ok(sid && sid.httpOnly && sid.sameSite === 'Strict', 'session cookie is HttpOnly, SameSite=Strict');
  if (a11y) await checkA11y(page, 'main menu');

  await page.getByRole('button', { name: 'Logg ut' }).click();
  await page.waitForLoadState();
  assert.equal(await page.locator('h1').innerText(), 'Logg inn');
  assert.match(await page.getByRole('status').innerText(), /Du er logget ut\./);
  await page.goto(`${BASE}/cgi-bin/menu`);
  assert.equal(await page.locator('h1').innerText(), 'Logg inn', 'the menu needs a session again');

  assert.deepEqual(page.consoleErrors, [], 'no console errors (CSP violations show up here)');
  await page.context().close();
}

test('first KORFOR account registers, enrols TOTP, logs in, sees the menu and logs out', async () => {
  const browser = await launch();
  try {
    await flow(browser, {}, { name: 'Kari Nordmann', email: 'kari@korfor.no',
      password: 'et langt og godt passord' }, true);
  } finally {
    await browser.close();
  }
});

test('the same works without JavaScript', async () => {
  const browser = await launch();
  try {
    await flow(browser, { javaScriptEnabled: false }, { name: 'Ola Nordmann',
      email: 'ola@korfor.no', password: 'et annet langt passord' }, false);
  } finally {
    await browser.close();
  }
});

test('error pages and link pages are accessible', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    for (const [path, title, status] of [
      ['/cgi-bin/finnes-ikke', 'Siden finnes ikke', 404],
      ['/finnes-ikke.html', 'Siden finnes ikke', 404],
      [`/cgi-bin/register?t=${'0'.repeat(64)}`, 'Registreringslenken kan ikke brukes', 404],
      ['/cgi-bin/login?x=%00', 'Ugyldig forespørsel', 400],
    ]) {
      const res = await page.goto(BASE + path);
      assert.equal(res.status(), status, path);
      assert.equal(await page.locator('h1').innerText(), title, path);
      await checkA11y(page, path);
    }
    assert.deepEqual(page.consoleErrors.filter((e) => !/status of 40[04]/.test(e)), []);
  } finally {
    await browser.close();
  }
});
