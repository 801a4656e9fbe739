// Innsyn through the browser: the list's "Last ned PDF: Kartlegging | Endringslogg" links
// and the Logg tab's links download PDF files (their first bytes are %PDF-), and the list
// with its Innsyn column and the Logg tab pass axe-core.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink, fnrFor } from './lib.mjs';

const PW = 'et langt passord for innsynstesten';
const people = {
  korfor: { name: 'Ingrid KORFOR', email: 'ingrid@korfor.no', password: PW },
  kari: { name: 'Kari Ærø', email: 'kari@innsyn.stavanger.no', password: PW, tjenestetype: 'NAV' },
};
const fnr = fnrFor('030481', 300);

// click the link and wait for the file it sends; returns [file name, bytes]
async function download(page, link) {
  const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await dl.path();
  assert.ok(path, 'the download was saved');
  return [dl.suggestedFilename(), readFileSync(path), statSync(path).size];
}

test('innsyn: PDF downloads from the list and the Logg tab', async () => {
  const browser = await launch();
  try {
    const korfor = await newPage(browser);
    const kari = await newPage(browser, { acceptDownloads: true });
    const secret = await registerVia(korfor, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(korfor, people.korfor, secret);
    const link = await inviteLink(korfor, { role: 'Kartlegger', kommune: 'Stavanger', instans: 'Innsynstjenesten' });
    await loginAs(kari, people.kari, await registerVia(kari, link, people.kari));

    await kari.goto(`${BASE}/cgi-bin/kartlegging`);
    await kari.getByLabel('Fødselsnummer').fill(fnr);
    await kari.getByRole('button', { name: 'Kartlegg bruker' }).click();
    await kari.waitForLoadState();
    await kari.getByRole('group', { name: 'Kategori' }).getByLabel('Rusmiddelproblemer, men ikke psykiske helseproblemer').check();
    await kari.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await kari.waitForLoadState();

    // the list: an Innsyn column whose links name the person they are for
    await kari.goto(`${BASE}/cgi-bin/kartlegging`);
    const table = kari.locator('table.data');
    assert.deepEqual(await table.locator('thead th').allInnerTexts(),
      ['Fødselsnummer', 'Feil', 'Endret', 'Innsyn', 'Endre', 'Slett']);
    const row = table.locator('tbody tr', { hasText: fnr });
    assert.match(await row.locator('td').nth(2).innerText(), /^Last ned PDF: Kartlegging[^]*Endringslogg/);
    await checkA11y(kari, 'Kartlegging: the list with Innsyn');

    const [name, bytes, size] = await download(kari, row.getByRole('link', { name: `Kartlegging ${fnr}` }));
    assert.match(name, /^kartlegging-\d{4}-[0-9a-f]{8}\.pdf$/);
    assert.ok(!name.includes(fnr), 'no number in the file name');
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(size > 5000, `a PDF with the survey in it (${size} bytes)`);

    const [lname, lbytes, lsize] = await download(kari, row.getByRole('link', { name: `Endringslogg ${fnr}` }));
    assert.match(lname, /^endringslogg-\d{4}-[0-9a-f]{8}\.pdf$/);
    assert.equal(lbytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(lsize > 2000, `a PDF with the log in it (${lsize} bytes)`);

    // the Logg tab: both downloads listed, and its own two links
    await row.getByRole('link', { name: `Endre ${fnr}` }).click();
    await kari.waitForLoadState();
    await kari.locator('nav.tabs').locator('button, a', { hasText: /^Logg/ }).click();
    await kari.waitForLoadState();
    const log = await kari.locator('table.data tbody').innerText();
    assert.match(log, /Skrevet ut kartlegging \(innsyn\)/);
    assert.match(log, /Skrevet ut endringslogg \(innsyn\)/);
    await checkA11y(kari, 'Skjema: Logg with the innsyn links');
    const [gname, gbytes] = await download(kari, kari.getByRole('link', { name: 'Last ned kartlegging (PDF)' }));
    assert.match(gname, /^kartlegging-/);
    assert.equal(gbytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const [ename] = await download(kari, kari.getByRole('link', { name: 'Last ned endringslogg (PDF)' }));
    assert.match(ename, /^endringslogg-/);
    assert.deepEqual(kari.consoleErrors, []);
  } finally {
    await browser.close();
  }
});
