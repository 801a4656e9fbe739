// A new year's questionnaire in Chromium (issue 18 §1–2): the site's bpadm publishes the
// made-up 2027 (tests/definisjon/2027.xml); on the test clock in 2027 "Kartlegge brukere"
// surveys a person the kartlegger surveyed in 2026, on 2027's form: the question added
// (answered and kept), the option renamed; the 2026 survey keeps 2026's form. axe-core at
// 320 px on the new form. Afterwards the site has no 2027 again (its link and report
// definition removed) and the clock is reset, for the files that come after this one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink, fnrFor } from './lib.mjs';

const PW = 'et langt passord for definisjonen';
const people = {
  korfor: { name: 'Dag KORFOR', email: 'dag.definisjon@korfor.no', password: PW },
  kari: { name: 'Kari Årskifte', email: 'kari.definisjon@sola.kommune.no', password: PW, tjenestetype: 'NAV' },
};
const person = fnrFor('120384', 600);
const def2027 = fileURLToPath(new URL('../definisjon/2027.xml', import.meta.url));
const data = `${dirname(process.env.BP_CONF)}/data`;

async function start(page, fnr) {
  await page.goto(`${BASE}/cgi-bin/kartlegging`);
  await page.getByLabel('Fødselsnummer').fill(fnr);
  await page.getByRole('button', { name: 'Kartlegg bruker' }).click();
  await page.waitForLoadState();
}

test('next year\'s questionnaire, published on the site, is the form of the new year', async () => {
  const browser = await launch();
  try {
    bpadm('clock', '--set', '2026-10-01 09:00');
    const f = await newPage(browser);
    const k = await newPage(browser, { viewport: { width: 320, height: 900 } });
    for (const page of [f, k]) page.setDefaultTimeout(20000);
    const secretF = await registerVia(f, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(f, people.korfor, secretF);
    const link = await inviteLink(f, { role: 'Kartlegger', kommune: 'Sola', instans: 'NAV Sola definisjon' });
    const secretK = await registerVia(k, link, people.kari);
    await loginAs(k, people.kari, secretK);

    // 2026: the person surveyed on 2026's form
    await start(k, person);
    assert.match(await k.locator('h1').innerText(), /^Kartlegging 2026/);
    const url2026 = k.url();
    await assert.doesNotReject(k.getByLabel('Rusmiddelproblemer, men ikke psykiske helseproblemer').check());
    await k.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await k.waitForLoadState();
    assert.equal(await k.getByText('Kan brukeren nås digitalt?').count(), 0);

    // KORFOR publishes 2027 with the site's own bpadm
    const out = bpadm('definition', 'publish', def2027);
    assert.match(out, /Spørreskjemaet for 2027 er publisert/);
    assert.match(bpadm('definition', 'list'), /^2027 {2}stempel [0-9a-f]{16}/m);

    // 2027: the same person again, on 2027's form
    bpadm('clock', '--set', '2027-02-01 09:00');
    await loginAs(k, people.kari, secretK);
    await start(k, person);
    assert.match(await k.locator('h1').innerText(), /^Kartlegging 2027/);
    assert.notEqual(k.url(), url2026, 'a survey of its own in 2027');
    const digital = k.getByRole('group', { name: 'Kan brukeren nås digitalt?' });
    await digital.getByLabel('Ja', { exact: true }).check();
    await k.getByLabel('Bare rusmiddelproblemer').check();
    assert.equal(await k.getByText('Rusmiddelproblemer, men ikke psykiske helseproblemer').count(), 0);
    await checkA11y(k, 'the 2027 form at 320 px');
    await k.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await k.waitForLoadState();
    assert.equal(await digital.getByLabel('Ja', { exact: true }).isChecked(), true, 'the new question\'s answer kept');
    assert.equal(await k.getByLabel('Bare rusmiddelproblemer').isChecked(), true);

    // the 2026 survey keeps its year's form
    await k.goto(url2026);
    assert.match(await k.locator('h1').innerText(), /^Kartlegging 2026/);
    assert.equal(await k.getByLabel('Rusmiddelproblemer, men ikke psykiske helseproblemer').isChecked(), true);
    assert.equal(await k.getByText('Kan brukeren nås digitalt?').count(), 0);
  } finally {
    for (const p of ['kartlegging/2027', 'rapport/2027.xml', 'rapport/kilde/2027.xml'])
      rmSync(`${data}/${p}`, { force: true });
    bpadm('clock', '--reset');
    await browser.close();
  }
});
