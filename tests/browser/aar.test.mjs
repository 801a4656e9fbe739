// The year's end through the browser, on the test clock: the kommunekontakt sets sluttdato
// and overføringsdato on the date card (a bad pair is refused with the fields kept, a pair
// under 14 days apart is warned about), kartleggere see the dates, the survey locks at
// sluttdato, the transfer appears on overføringsdato and needs its checkbox, the receipt
// counts what went and what was held back, and KORFOR finds the transfer and downloads its
// CSV. axe-core on the card in every state and on KORFOR's page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink, fnrFor } from './lib.mjs';

const PW = 'et langt passord for årets syklus';
const people = {
  korfor: { name: 'Tor KORFOR', email: 'tor@korfor.no', password: PW },
  kontakt: { name: 'Gro Kontakt', email: 'gro@gjesdal.kommune.no', password: PW },
  kari: { name: 'Kari Kartlegger', email: 'kari@gjesdal.kommune.no', password: PW, tjenestetype: 'NAV' },
};

const clock = (when) => bpadm('clock', '--set', when);

async function card(page) {
  await page.goto(`${BASE}/cgi-bin/menu`);
  await page.getByRole('navigation', { name: 'Hovedmeny' })
    .getByRole('link', { name: 'Sluttdato og overføring til KORFOR' }).click();
  await page.waitForLoadState();
}

async function saveDates(page, slutt, overforing) {
  await page.getByLabel('Sluttdato for kommunens kartlegging').fill(slutt);
  await page.getByLabel('Overføringsdato', { exact: true }).fill(overforing);
  await page.getByRole('button', { name: 'Lagre datoene' }).click();
  await page.waitForLoadState();
}

// the Feil column of the kartlegger's list: how many surveys have errors, how many not
async function ownCounts(page) {
  await page.goto(`${BASE}/cgi-bin/kartlegging`);
  const feil = await page.locator('table.data tbody tr td:nth-of-type(1)').allInnerTexts();
  const ok = feil.filter((f) => f.trim() === '0').length;
  return { ok, errors: feil.length - ok };
}

test('årets syklus: the date card, the lock, the transfer and KORFOR\'s CSV', async () => {
  const browser = await launch();
  try {
    clock('2026-09-01 09:00');
    const pages = {};
    const secrets = {};
    for (const who of ['korfor', 'kontakt', 'kari']) pages[who] = await newPage(browser);
    secrets.korfor = await registerVia(pages.korfor, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(pages.korfor, people.korfor, secrets.korfor);
    const kontaktLink = await inviteLink(pages.korfor, { role: 'Kommune', kommune: 'Gjesdal' });
    secrets.kontakt = await registerVia(pages.kontakt, kontaktLink, people.kontakt);
    await loginAs(pages.kontakt, people.kontakt, secrets.kontakt);
    const kariLink = await inviteLink(pages.kontakt, { role: 'Kartlegger', kommune: 'Gjesdal', instans: 'Gjesdal NAV' });
    secrets.kari = await registerVia(pages.kari, kariLink, people.kari);
    await loginAs(pages.kari, people.kari, secrets.kari);
    // synthetic surveys with plausible answers (a share with errors), and one just begun
    bpadm('demo', '--owner', people.kari.email, '--surveys', '8');
    await pages.kari.goto(`${BASE}/cgi-bin/kartlegging`);
    await pages.kari.getByLabel('Fødselsnummer').fill(fnrFor('110392', 400));
    await pages.kari.getByRole('button', { name: 'Kartlegg bruker' }).click();
    await pages.kari.waitForLoadState();
    const before = await ownCounts(pages.kari);
    assert.equal(before.ok + before.errors, 9);
    assert.ok(before.ok > 0 && before.errors > 0, `some with errors, some without: ${JSON.stringify(before)}`);

    // the card, empty: no transfer yet
    const k = pages.kontakt;
    await card(k);
    assert.equal(await k.locator('h1').innerText(), '2026 Kartlegging: sluttdato og overføring');
    assert.match(await k.getByRole('region', { name: 'Overfør kommunens kartlegging til KORFOR' }).innerText(),
      /blir mulig når overføringsdatoen er satt/);
    await checkA11y(k, 'date card');

    // overføringsdato before sluttdato: refused, both dates kept, the field marked
    await saveDates(k, '2026-10-01', '2026-09-20');
    assert.match(await k.getByRole('alert').innerText(), /Noe må rettes/);
    const ov = k.getByLabel('Overføringsdato', { exact: true });
    assert.equal(await ov.getAttribute('aria-invalid'), 'true');
    assert.equal(await ov.inputValue(), '20.09.2026');
    assert.equal(await k.getByLabel('Sluttdato for kommunens kartlegging').inputValue(), '01.10.2026');
    await checkA11y(k, 'date card: refused dates');

    // a good pair, under 14 days apart: saved, with the warning
    await saveDates(k, '2026-10-01', '2026-10-08');
    const saved = (await k.getByRole('status').allInnerTexts()).join('\n');
    assert.match(saved, /Datoene er lagret\./);
    assert.match(saved, /mindre enn 14 dager/);
    await checkA11y(k, 'date card: saved');
    assert.match(await k.getByRole('region', { name: 'Overfør kommunens kartlegging til KORFOR' }).innerText(),
      /mulig på overføringsdatoen, 08\.10\.2026|mulig på overføringsdatoen, 2026-10-08/);

    // the kartlegger sees both dates in the menu and above the list
    const kari = pages.kari;
    await kari.goto(`${BASE}/cgi-bin/menu`);
    const menuText = await kari.locator('main').innerText();
    assert.match(menuText, /Sluttdato: (01\.10\.2026|2026-10-01)/);
    assert.match(menuText, /Overføringsdato: (08\.10\.2026|2026-10-08)/);

    // after sluttdato: locked, no new surveys; the card says so
    clock('2026-10-02 09:00');
    await loginAs(kari, people.kari, secrets.kari);
    await kari.goto(`${BASE}/cgi-bin/kartlegging`);
    assert.match(await kari.locator('main').innerText(), /Kartleggingen for kommunen er avsluttet.*Nye brukere kan ikke kartlegges/);
    await loginAs(k, people.kontakt, secrets.kontakt);
    await card(k);
    assert.match(await k.locator('main').innerText(), /Kartleggingen for kommunen er avsluttet/);
    await checkA11y(k, 'date card: locked');

    // on overføringsdato the transfer appears; without the checkbox it is refused
    clock('2026-10-08 08:00');
    await loginAs(k, people.kontakt, secrets.kontakt);
    await card(k);
    const transfer = k.getByRole('region', { name: 'Overfør kommunens kartlegging til KORFOR' });
    const facts = await transfer.locator('dd').allInnerTexts();
    assert.deepEqual(facts, [String(before.ok), String(before.errors)]);
    await checkA11y(k, 'date card: transfer due');
    const box = k.getByLabel('Jeg bekrefter at kartleggingen skal overføres');
    // the browser itself stops the form while the box is unticked
    await transfer.getByRole('button', { name: 'Overfør kartleggingen' }).click();
    assert.equal(await box.evaluate((el) => el.validity.valueMissing), true);
    assert.equal(await k.getByRole('alert').count(), 0, 'nothing was sent');
    // and the server refuses it too (a browser that does not check forms)
    await transfer.locator('form').evaluate((form) => { form.noValidate = true; });
    await transfer.getByRole('button', { name: 'Overfør kartleggingen' }).click();
    await k.waitForLoadState();
    assert.match(await k.getByRole('alert').innerText(), /Kryss av for at kartleggingen skal overføres/);
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    await checkA11y(k, 'date card: transfer not confirmed');

    // confirmed: the receipt
    await box.check();
    await k.getByRole('button', { name: 'Overfør kartleggingen' }).click();
    await k.waitForLoadState();
    assert.match(await k.getByRole('status').innerText(), /Kartleggingen er overført til KORFOR\./);
    const receipt = k.getByRole('region', { name: 'Kartleggingen er overført' });
    const got = await receipt.locator('dd').allInnerTexts();
    assert.deepEqual(got.slice(0, 2), [`${before.ok} kartlagte brukere`, String(before.errors)]);
    assert.match(got[2], /^(01\.10\.2026|2026-10-01)$/);
    assert.match(got[3], /^(08\.10\.2026|2026-10-08)$/);
    assert.equal(await k.getByRole('button', { name: 'Overfør kartleggingen' }).count(), 0, 'no second transfer');
    await checkA11y(k, 'date card: receipt');

    // the kartlegger's surveys are gone
    await loginAs(kari, people.kari, secrets.kari);
    await kari.goto(`${BASE}/cgi-bin/kartlegging`);
    assert.equal(await kari.locator('table.data tbody tr').count(), 0);

    // KORFOR: the transfer in the registry, and its CSV
    const f = pages.korfor;
    await loginAs(f, people.korfor, secrets.korfor);
    await f.goto(`${BASE}/cgi-bin/menu`);
    await f.getByRole('navigation', { name: 'Hovedmeny' })
      .getByRole('link', { name: 'Overførte kartlegginger (CSV)' }).click();
    await f.waitForLoadState();
    assert.equal(await f.locator('h1').innerText(), 'Overførte kartlegginger');
    const row = f.locator('table.data tbody tr', { hasText: 'Gjesdal' });
    assert.equal(await row.count(), 1);
    const cells = await row.locator('td').allInnerTexts();
    assert.equal(cells[0], '2026');
    assert.equal(cells[2], String(before.ok));
    assert.equal(cells[3], String(before.errors));
    await checkA11y(f, 'KORFOR: transfers');
    const [download] = await Promise.all([
      f.waitForEvent('download'),
      row.getByRole('link', { name: /Last ned CSV/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeff'), 'UTF-8 with a byte order mark');
    const lines = csv.slice(1).trim().split(/\r\n/);
    assert.match(lines[0], /^pseudonym,aar,kommune,/);
    assert.equal(lines.length - 1, before.ok, 'one row per error-free survey');
    assert.ok(!/\b\d{11}\b/.test(csv), 'no fødselsnummer in the CSV');

    // the refused dates and the unconfirmed transfer were answered 400; nothing else failed
    const refused = 'Failed to load resource: the server responded with a status of 400 (Bad Request)';
    assert.deepEqual(k.consoleErrors, [refused, refused]);
    k.consoleErrors = [];
    for (const [who, page] of Object.entries(pages))
      assert.deepEqual(page.consoleErrors, [], `no console errors for ${who}`);
  } finally {
    bpadm('clock', '--reset');
    await browser.close();
  }
});
