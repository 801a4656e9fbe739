// The turn of the year in Chromium, on the test clock (issue 18 §2): Hå has not transferred
// by 31 December. On 1 January the kartlegger's new list starts empty but says how many of
// 2026 are still there and shows them, locked; the kommunekontakt's page says what waits;
// bp-transfer's night run transfers Hå, and the receipt with its Kommunerapport reaches the
// kommunekontakt's page. axe-core at 320 px on each.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink } from './lib.mjs';

const PW = 'et langt passord for årsskiftet';
const people = {
  korfor: { name: 'Åse KORFOR', email: 'ase.aarsskifte@korfor.no', password: PW },
  kontakt: { name: 'Hege Hå', email: 'hege.aarsskifte@ha.kommune.no', password: PW },
  kari: { name: 'Harald Hå', email: 'harald.aarsskifte@ha.kommune.no', password: PW, tjenestetype: 'NAV' },
};
const clock = (when) => bpadm('clock', '--set', when);
const transfer = (...args) => execFileSync(`${dirname(process.env.BP_BPADM)}/bp-transfer`,
  ['-c', process.env.BP_CONF, ...args], { encoding: 'utf8' });

test('the turn of the year: last year\'s surveys, what waits, the receipt', async () => {
  const browser = await launch();
  try {
    clock('2026-12-30 09:00');
    const pages = {};
    const secrets = {};
    for (const who of ['korfor', 'kontakt', 'kari']) {
      pages[who] = await newPage(browser, { viewport: { width: 320, height: 800 } });
      pages[who].setDefaultTimeout(20000);
    }
    secrets.korfor = await registerVia(pages.korfor, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(pages.korfor, people.korfor, secrets.korfor);
    const kontaktLink = await inviteLink(pages.korfor, { role: 'Kommune', kommune: 'Hå' });
    secrets.kontakt = await registerVia(pages.kontakt, kontaktLink, people.kontakt);
    await loginAs(pages.kontakt, people.kontakt, secrets.kontakt);
    const kariLink = await inviteLink(pages.kontakt, { role: 'Kartlegger', kommune: 'Hå', instans: 'Hå NAV' });
    secrets.kari = await registerVia(pages.kari, kariLink, people.kari);
    await loginAs(pages.kari, people.kari, secrets.kari);
    bpadm('demo', '--owner', people.kari.email, '--surveys', '3');

    // 1 January, before the night's bp-transfer: every session has ended (12 hours at most)
    clock('2027-01-01 07:00');
    for (const who of ['kontakt', 'kari']) await loginAs(pages[who], people[who], secrets[who]);
    const kari = pages.kari;
    await kari.goto(`${BASE}/cgi-bin/kartlegging`);
    assert.equal(await kari.locator('h1').innerText(), 'Kartlegging 2027');
    const notice = await kari.getByRole('status').filter({ hasText: 'fra 2026' }).innerText();
    assert.match(notice, /Du har 3 kartlegginger fra 2026 som ikke er overført til KORFOR ennå/);
    assert.match(await kari.locator('main').innerText(), /Ingen kartlagte brukere\./);
    await checkA11y(kari, '1 January: the new list at 320 px');
    await kari.getByRole('link', { name: 'Se kartleggingene fra 2026' }).click();
    await kari.waitForLoadState();
    assert.equal(await kari.getByRole('heading', { name: 'Kartlagte brukere i 2026' }).count(), 1);
    assert.match(await kari.locator('main').innerText(), /er avsluttet, så de er låst/);
    assert.equal(await kari.locator('table.data tbody tr').count(), 3);
    await checkA11y(kari, 'last year\'s list at 320 px');
    await kari.locator('table.data tbody tr').first().getByRole('link', { name: /^Endre/ }).click();
    await kari.waitForLoadState();
    assert.match(await kari.locator('main').innerText(), /låst/);
    // last year's reservasjon does not hold, and the page says so
    await kari.goto(`${BASE}/cgi-bin/reservasjon`);
    assert.match(await kari.locator('main').innerText(), /En reservasjon fra i fjor gjelder ikke i år/);

    const kontakt = pages.kontakt;
    await kontakt.goto(`${BASE}/cgi-bin/overforing`);
    assert.match(await kontakt.getByRole('region', { name: 'Kartleggingen for 2026' }).innerText(),
      /Kartleggingen for 2026 er ikke overført ennå: \d+ kartlagte? brukere? er klare?, og \d+ med feil/);
    await checkA11y(kontakt, 'what of 2026 waits, at 320 px');

    // the night's run transfers Hå's 2026
    assert.match(transfer('--kommune', '1119'), /^1119 2026: overført \d+ kartlegging/m);
    await kontakt.reload();
    const receipt = await kontakt.getByRole('region', { name: 'Kartleggingen for 2026' }).innerText();
    assert.match(receipt, /Overført til KORFOR 01\.01\.2027 kl\. 07:\d\d: \d+ kartlagte? brukere?, \d+ holdt tilbake/);
    await checkA11y(kontakt, 'last year\'s receipt at 320 px');
    await kontakt.getByRole('link', { name: 'Se Kommunerapporten for 2026' }).click();
    await kontakt.waitForLoadState();
    assert.match(await kontakt.locator('h1').innerText(), /2026/);
    assert.match(await kontakt.locator('main').innerText(), /Hå/);

    await kari.goto(`${BASE}/cgi-bin/kartlegging`);
    assert.doesNotMatch(await kari.locator('main').innerText(), /fra 2026 som ikke er overført/);
    for (const who of ['korfor', 'kontakt', 'kari']) assert.deepEqual(pages[who].consoleErrors, []);
  } finally {
    bpadm('clock', '--reset');
    await browser.close();
  }
});
