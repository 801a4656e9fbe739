// Endringslogger through the browser: a kommunekontakt reads the lines of a kartlegger's
// survey, filters by kartlegger and by a bad date (a field error), with axe-core on each.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink, fnrFor } from './lib.mjs';

const PW = 'et langt passord for endringsloggene';
const people = {
  korfor: { name: 'Eva KORFOR', email: 'eva@korfor.no', password: PW },
  kontakt: { name: 'Knut Kontakt', email: 'knut@time.kommune.no', password: PW },
  live: { name: 'Live Lund', email: 'live@time.kommune.no', password: PW, tjenestetype: 'NAV' },
};
const person = fnrFor('050594', 300);

test('endringslogger: the kommunekontakt reads and filters the kommune\'s logs', async () => {
  const browser = await launch();
  try {
    const pages = {};
    const secrets = {};
    for (const who of ['korfor', 'kontakt', 'live']) pages[who] = await newPage(browser);
    secrets.korfor = await registerVia(pages.korfor, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(pages.korfor, people.korfor, secrets.korfor);
    const kontaktLink = await inviteLink(pages.korfor, { role: 'Kommune', kommune: 'Time' });
    secrets.kontakt = await registerVia(pages.kontakt, kontaktLink, people.kontakt);
    await loginAs(pages.kontakt, people.kontakt, secrets.kontakt);
    const liveLink = await inviteLink(pages.kontakt, { role: 'Kartlegger', kommune: 'Time', instans: 'Time helsestasjon' });
    secrets.live = await registerVia(pages.live, liveLink, people.live);
    await loginAs(pages.live, people.live, secrets.live);

    // Live surveys a person
    const l = pages.live;
    await l.goto(`${BASE}/cgi-bin/kartlegging`);
    await l.getByLabel('Fødselsnummer').fill(person);
    await l.getByRole('button', { name: 'Kartlegg bruker' }).click();
    await l.waitForLoadState();
    assert.match(l.url(), /\/cgi-bin\/skjema\?id=[0-9a-f]{32}&fane=bruker$/);

    // the kommunekontakt opens Endringslogger from the menu
    const k = pages.kontakt;
    await k.goto(`${BASE}/cgi-bin/menu`);
    await k.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Endringslogger' }).click();
    await k.waitForLoadState();
    assert.match(await k.locator('h1').innerText(), /^Endringslogger \d{4}$/);
    const rows = k.locator('table.data tbody tr');
    assert.equal(await rows.count(), 1);
    const cells = await rows.first().locator('td').allInnerTexts();
    assert.match(cells[0], /^\d\d\.\d\d\.\d{4} kl\. \d\d:\d\d$/);
    assert.match(cells[1], /^K-[0-9a-f]{8}$/);
    assert.deepEqual(cells.slice(2), ['Live Lund', 'Time helsestasjon', 'Opprettet']);
    assert.ok(!(await k.locator('main').innerText()).includes(person), 'no fødselsnummer on the page');
    await checkA11y(k, 'Endringslogger');

    // by kartlegger: the select, then Vis (a GET: the filter is in the URL, no number is)
    await k.getByLabel('Kartlegger').selectOption({ label: 'Live Lund (Time helsestasjon)' });
    await k.getByRole('button', { name: 'Vis' }).click();
    await k.waitForLoadState();
    assert.match(k.url(), /kartlegger=[0-9a-f]{32}/);
    assert.equal(await rows.count(), 1);
    await checkA11y(k, 'Endringslogger: by kartlegger');

    // a bad date typed into the URL: a field error, tied to its field
    await k.goto(`${BASE}/cgi-bin/endringslogger?fra=2026-02-30`);
    assert.match(await k.getByRole('alert').innerText(), /Skriv fra-datoen som dd.mm.åååå/);
    assert.equal(await k.getByLabel('Fra og med dato').getAttribute('aria-invalid'), 'true');
    await checkA11y(k, 'Endringslogger: bad date');

    for (const [who, page] of Object.entries(pages))
      assert.deepEqual(page.consoleErrors, [], `no console errors for ${who}`);
  } finally {
    await browser.close();
  }
});
