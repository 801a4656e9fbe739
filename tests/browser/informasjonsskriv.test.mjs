// The informasjonsskriv through the browser: KORFOR opens it from the menu, is told what a
// refused text lacks (at the field), saves a text and goes back to the default; a
// kommunekontakt sets the overføringsdato; a kartlegger, at 320 px, sees the kommune's
// letter with its deadline, and without JavaScript downloads the PDF. axe-core on each page
// and state where JavaScript runs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink,
  clockOffset } from './lib.mjs';

const PW = 'et langt passord for informasjonsskrivet';
const people = {
  korfor: { name: 'Ingrid KORFOR', email: 'ingrid.skriv@korfor.no', password: PW },
  kontakt: { name: 'Kjell Karmøy', email: 'kjell.skriv@karmoy.kommune.no', password: PW },
  kari: { name: 'Kari Karmøy', email: 'kari.skriv@karmoy.kommune.no', password: PW, tjenestetype: 'NAV' },
  nils: { name: 'Nils Karmøy', email: 'nils.skriv@karmoy.kommune.no', password: PW, tjenestetype: 'NAV' },
};

test('informasjonsskriv: KORFOR edits, the kommune sets its date, a kartlegger downloads', async () => {
  const browser = await launch();
  try {
    const year = new Date(Date.now() + clockOffset()).getUTCFullYear();
    const f = await newPage(browser);
    f.setDefaultTimeout(20000);
    const secret = await registerVia(f, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(f, people.korfor, secret);

    // KORFOR: from the menu to the text
    await f.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Informasjonsskriv' }).click();
    await f.waitForLoadState();
    assert.equal(await f.locator('h1').innerText(), 'Informasjonsskriv');
    assert.match(await f.locator('section.letter').innerText(), /«Kommunenavn» kommune er ansvarlig/);
    await checkA11y(f, 'Informasjonsskriv, KORFOR');
    const field = f.getByLabel('Informasjonsskrivet');
    assert.match(await field.inputValue(), /\{overføringsdato\}/);

    // a text without the deadline: said at the field, the text kept
    await field.fill('# Informasjon fra {kommune}\n\nUten frist.');
    await f.getByRole('button', { name: 'Lagre informasjonsskrivet' }).click();
    await f.waitForLoadState();
    assert.match(await f.getByRole('alert').innerText(), /må ha \{overføringsdato\}/);
    assert.equal(await f.getByLabel('Informasjonsskrivet').getAttribute('aria-invalid'), 'true');
    assert.match(await f.getByLabel('Informasjonsskrivet').inputValue(), /Uten frist\./);
    await checkA11y(f, 'Informasjonsskriv, a refused text');

    // a good one, then back to the default
    await f.getByLabel('Informasjonsskrivet').fill(
      '# Informasjon fra {kommune}\n\n## Frist\n\nSi fra før {overføringsdato}.');
    await f.getByRole('button', { name: 'Lagre informasjonsskrivet' }).click();
    await f.waitForLoadState();
    assert.match(await f.getByRole('status').first().innerText(), /Informasjonsskrivet er lagret/);
    assert.match(await f.locator('section.letter').innerText(), /Si fra før «dd\.mm\.åååå»\./);
    await checkA11y(f, 'Informasjonsskriv, saved');
    await f.getByRole('button', { name: 'Bruk standardteksten' }).click();
    await f.waitForLoadState();
    assert.match(await f.getByRole('status').first().innerText(), /standardteksten igjen/);
    assert.match(await f.locator('section.letter').innerText(), /Dine rettigheter/);

    // the kommunekontakt of Karmøy sets the dates
    const k = await newPage(browser);
    k.setDefaultTimeout(20000);
    const kLink = await inviteLink(f, { role: 'Kommune', kommune: 'Karmøy' });
    const kSecret = await registerVia(k, kLink, people.kontakt);
    await loginAs(k, people.kontakt, kSecret);
    await k.goto(`${BASE}/cgi-bin/overforing`);
    await k.getByLabel('Sluttdato for kommunens kartlegging').fill(`${year}-12-31`);
    await k.getByLabel('Overføringsdato', { exact: true }).fill(`${year}-12-31`);
    await k.getByRole('button', { name: 'Lagre datoene' }).click();
    await k.waitForLoadState();

    // a kartlegger at 320 px: the kommune's letter and its deadline
    const t = await newPage(browser, { viewport: { width: 320, height: 800 } });
    t.setDefaultTimeout(20000);
    const tLink = await inviteLink(f, { role: 'Kartlegger', kommune: 'Karmøy', instans: 'NAV Karmøy' });
    const tSecret = await registerVia(t, tLink, people.kari);
    await loginAs(t, people.kari, tSecret);
    await t.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Informasjonsskriv' }).click();
    await t.waitForLoadState();
    assert.match(await t.locator('dl.facts').innerText(), new RegExp(`31\\.12\\.${year}`));
    assert.match(await t.locator('section.letter').innerText(),
      new RegExp(`Karmøy kommune er ansvarlig for opplysningene frem til 31\\.12\\.${year}`));
    const width = await t.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`);
    await checkA11y(t, 'Informasjonsskriv, kartlegger, 320 px');

    // without JavaScript the download is a link like any other
    const n = await newPage(browser, { javaScriptEnabled: false, acceptDownloads: true });
    n.setDefaultTimeout(20000);
    const nLink = await inviteLink(f, { role: 'Kartlegger', kommune: 'Karmøy', instans: 'NAV Karmøy' });
    const nSecret = await registerVia(n, nLink, people.nils);
    await loginAs(n, people.nils, nSecret);
    await n.goto(`${BASE}/cgi-bin/informasjonsskriv`);
    const [download] = await Promise.all([
      n.waitForEvent('download'),
      n.getByRole('link', { name: 'Last ned informasjonsskrivet (PDF)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `informasjonsskriv-${year}-1149.pdf`);
    const file = readFileSync(await download.path());
    assert.equal(file.subarray(0, 5).toString(), '%PDF-');
    assert.ok(file.includes('/Lang (nb-NO)'), 'the letter is in bokmål');

    // the refused text was answered 400, as it should be: the only error
    assert.deepEqual(f.consoleErrors,
      ['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    for (const p of [k, t, n]) assert.deepEqual(p.consoleErrors, []);
  } finally {
    await browser.close();
  }
});
