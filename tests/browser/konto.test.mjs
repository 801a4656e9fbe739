// "Min konto" and reset links in the browser: Min konto from the menu, a weak and then a
// good new password, the sessions of two browsers and "Logg ut på alle andre enheter",
// and a reset link made by KORFOR and used by the person (new password, new
// authenticator). axe-core on each new page and state.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm, totp, clockOffset, registerVia, loginAs,
  inviteLink } from './lib.mjs';

const PW = 'et langt passord for nettleseren';
const NEWPW = 'en ny setning om fjellturer';
const RESETPW = 'tre nye ord om sommeren';
const people = {
  korfor: { name: 'Kari KORFOR', email: 'kari.konto@korfor.no', password: PW },
  tom: { name: 'Tom Tangen', email: 'tom@sandnes.kommune.no', password: PW, tjenestetype: 'NAV' },
};

// each code is accepted once: the next one comes from the next step of the test clock
function nextCode(secret) {
  bpadm('clock', '--advance', '60');
  return totp(secret, Date.now() + clockOffset());
}

test('Min konto: password, sessions, log out elsewhere; a reset link', async () => {
  const browser = await launch();
  try {
    const k = await newPage(browser);
    const t = await newPage(browser);
    const secrets = {};
    secrets.korfor = await registerVia(k, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(k, people.korfor, secrets.korfor);
    const link = await inviteLink(k, { role: 'Kartlegger', kommune: 'Sandnes', instans: 'NAV Sandnes' });
    secrets.tom = await registerVia(t, link, people.tom);
    await loginAs(t, people.tom, secrets.tom);

    // Min konto from the menu
    await t.getByRole('link', { name: 'Min konto' }).click();
    await t.waitForLoadState();
    assert.equal(await t.getByRole('heading', { level: 1 }).innerText(), 'Min konto');
    assert.match(await t.locator('dl.facts').innerText(), /tom@sandnes\.kommune\.no/);
    await checkA11y(t, 'Min konto');

    // a weak new password is refused with the reason, tied to its field
    const change = async (pw, code) => {
      await t.getByLabel('Nåværende passord').fill(people.tom.password);
      await t.getByLabel('Engangskode fra autentiseringsappen').fill(code);
      await t.getByLabel('Nytt passord').fill(pw);
      await t.getByLabel('Gjenta det nye passordet').fill(pw);
      await t.getByRole('button', { name: 'Bytt passord' }).click();
      await t.waitForLoadState();
    };
    await change('passordpassord', '000000');
    assert.match(await t.getByRole('alert').innerText(), /Passordet gjentar de samme tegnene\./);
    assert.equal(await t.getByLabel('Nytt passord').getAttribute('aria-invalid'), 'true');
    await checkA11y(t, 'Min konto: weak password');
    await change(NEWPW, nextCode(secrets.tom));
    assert.match(await t.getByRole('status').innerText(), /Passordet er endret\./);
    await checkA11y(t, 'Min konto: password changed');
    people.tom.password = NEWPW;

    // a second browser: two sessions, this one marked; then the other is logged out
    const t2 = await newPage(browser);
    bpadm('clock', '--advance', '60');
    await loginAs(t2, people.tom, secrets.tom, 0);
    await t.reload();
    const rows = t.getByRole('table', { name: 'Enheter der du er logget inn nå' }).locator('tbody tr');
    assert.equal(await rows.count(), 2);
    assert.equal(await rows.filter({ hasText: 'Denne enheten' }).count(), 1);
    assert.match(await rows.first().innerText(), /Chrome på Linux/);
    await checkA11y(t, 'Min konto: two sessions');
    await t.getByRole('button', { name: 'Logg ut på alle andre enheter' }).click();
    await t.waitForLoadState();
    assert.match(await t.getByRole('status').innerText(), /Du er logget ut på 1 andre enhet\./);
    assert.equal(await rows.count(), 1);
    await t2.goto(`${BASE}/cgi-bin/konto`);
    assert.match(t2.url(), /\/cgi-bin\/login/);

    // KORFOR makes a reset link for Tom ("Ny telefon / glemt passord")
    await k.goto(`${BASE}/cgi-bin/admin?kommune=1108`);
    const href = await k.locator('a[href*="handover?fra="]').first().getAttribute('href');
    const id = href.match(/fra=([0-9a-f]{32})/)[1];
    await k.goto(`${BASE}/cgi-bin/tilbakestill/lag?id=${id}`);
    assert.match(await k.locator('main').innerText(), /Tom Tangen/);
    await checkA11y(k, 'reset: confirmation');
    await k.getByRole('button', { name: 'Lag lenke for Tom Tangen' }).click();
    await k.waitForLoadState();
    assert.match(await k.getByRole('status').innerText(), /den gjelder i 24 timer og kan brukes én gang/);
    const reset = await k.locator('code.link').innerText();
    await checkA11y(k, 'reset: the link');

    // Tom, on a new phone, uses it
    const p = await newPage(browser);
    await p.goto(reset);
    await checkA11y(p, 'reset: new password');
    await p.getByLabel('Nytt passord').fill(RESETPW);
    await p.getByLabel('Gjenta passordet').fill(RESETPW);
    await p.getByRole('button', { name: 'Neste' }).click();
    await p.waitForLoadState();
    await checkA11y(p, 'reset: new authenticator');
    const fresh = (await p.locator('code.secret').innerText()).replace(/\s/g, '');
    assert.notEqual(fresh, secrets.tom);
    await p.getByLabel('Engangskode fra appen').fill(totp(fresh, Date.now() + clockOffset()));
    await p.getByRole('button', { name: 'Fullfør' }).click();
    await p.waitForLoadState();
    assert.match(await p.getByRole('status').innerText(), /Passordet og autentiseringsappen er byttet/);
    await checkA11y(p, 'reset: done, the login page');
    // his old session ended; the new password and app let him in
    await t.goto(`${BASE}/cgi-bin/konto`);
    assert.match(t.url(), /\/cgi-bin\/login/);
    people.tom.password = RESETPW;
    bpadm('clock', '--advance', '60');
    await loginAs(p, people.tom, fresh, 0);
    assert.match(p.url(), /\/cgi-bin\/menu/);
    for (const page of [k, t, p]) assert.deepEqual(page.consoleErrors, []);
  } finally {
    await browser.close();
    bpadm('clock', '--reset');	// the tests after this one reckon from the real clock
  }
});
