// Organisation through the browser: KORFOR -> KORUS -> kommunekontakt -> kartlegger by
// invitation links, hand-over of surveys, suspension, the autorisasjonsregister and the
// velkomstmelding; one registration without JavaScript; axe-core on every new page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink } from './lib.mjs';

const PW = 'et langt passord for nettleseren';
const people = {
  korfor: { name: 'Katharina KORFOR', email: 'katharina@korfor.no', password: PW },
  korus: { name: 'Karl KORUS', email: 'karl@korus.no', password: PW },
  kontakt: { name: 'Cecilie Davidsen', email: 'cecilie@stavanger.kommune.no', password: PW },
  petter: { name: 'Petter Borge', email: 'petter@stavanger.kommune.no', password: PW,
    bydel: 'Hundvåg', tjenestetype: 'NAV' },
  caroline: { name: 'Caroline Finstad', email: 'caroline@stavanger.kommune.no', password: PW,
    tjenestetype: 'NAV' },
};

async function menuEntries(page) {
  return page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link').allInnerTexts();
}

test('the invitation chain, hand-over, suspension, register and velkomstmelding', async () => {
  const browser = await launch();
  try {
    const secrets = {};
    const pages = {};
    for (const who of Object.keys(people)) pages[who] = await newPage(browser);
    // Caroline's browser has no JavaScript: everything must work without it
    await pages.caroline.context().close();
    pages.caroline = await newPage(browser, { javaScriptEnabled: false });

    // KORFOR: the bootstrap link, then a KORUS link
    secrets.korfor = await registerVia(pages.korfor, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(pages.korfor, people.korfor, secrets.korfor);
    // KORFOR and KORUS own no surveys: no survey items, and "Invitere" (issue 17 §5)
    assert.deepEqual(await menuEntries(pages.korfor), ['Invitere', 'Administrer kartleggere',
      'Autorisasjonsregister', 'Velkomstmelding', 'Overførte kartlegginger (CSV)', 'Rapporter',
      'Informasjonsskriv', 'Tilgangslogg']);
    assert.doesNotMatch(await pages.korfor.locator('#konto').locator('..').innerText(), /Instans/);
    await checkA11y(pages.korfor, 'KORFOR menu');
    const korusLink = await inviteLink(pages.korfor, { role: 'KORUS', region: 'KoRus Vest Stavanger' }, 'KORFOR');

    // KORUS registers (its region is fixed by the link) and invites a kommunekontakt
    await pages.korus.goto(korusLink);
    assert.match(await pages.korus.locator('dl.facts').innerText(), /KoRus Vest Stavanger/);
    secrets.korus = await registerVia(pages.korus, korusLink, people.korus);
    await loginAs(pages.korus, people.korus, secrets.korus);
    assert.deepEqual(await menuEntries(pages.korus), ['Invitere', 'Administrer kartleggere',
      'Autorisasjonsregister', 'Rapporter', 'Informasjonsskriv', 'Tilgangslogg']);
    const kontaktLink = await inviteLink(pages.korus, { role: 'Kommune', kommune: 'Stavanger' }, 'KORUS');

    // the kommunekontakt invites two kartleggere in one instans
    secrets.kontakt = await registerVia(pages.kontakt, kontaktLink, people.kontakt, 'kommunekontakt');
    await loginAs(pages.kontakt, people.kontakt, secrets.kontakt);
    await checkA11y(pages.kontakt, 'kommunekontakt menu');
    const petterLink = await inviteLink(pages.kontakt,
      { role: 'Kartlegger', kommune: 'Stavanger', instans: 'Testinstans' }, 'kommunekontakt');
    const carolineLink = await inviteLink(pages.kontakt,
      { role: 'Kartlegger', kommune: 'Stavanger', instans: 'Testinstans' });
    // the kommune's links: both of hers, and the one KORUS made for her (spent)
    const rows = pages.kontakt.locator('table.data tbody tr');
    const mine = rows.filter({ has: pages.kontakt.locator('td:first-child', { hasText: /^Deg$/ }) });
    assert.equal(await mine.count(), 2, 'both links listed');
    assert.match(await rows.filter({ hasText: 'Karl KORUS' }).innerText(), /Brukt opp/);

    // kartleggere: one with a bydel, one without JavaScript
    secrets.petter = await registerVia(pages.petter, petterLink, people.petter, 'kartlegger');
    await loginAs(pages.petter, people.petter, secrets.petter);
    assert.deepEqual(await menuEntries(pages.petter),
      ['Kartlegge brukere', 'Invitere kartleggere', 'Overfør kartleggingene dine', 'Reservasjoner',
        'Informasjonsskriv']);
    assert.match(await pages.petter.locator('main').innerText(), /Stavanger, bydel Hundvåg/);
    assert.match(await pages.petter.locator('main').innerText(), /Testinstans/);
    await checkA11y(pages.petter, 'kartlegger menu');
    secrets.caroline = await registerVia(pages.caroline, carolineLink, people.caroline);
    await loginAs(pages.caroline, people.caroline, secrets.caroline);
    assert.match(await pages.caroline.locator('h1').innerText(), /Kartlegging/);

    // Petter's surveys (made in the store) go to Caroline, by the kommunekontakt
    bpadm('demo', '--owner', people.petter.email, '--surveys', '3');
    await pages.petter.reload();
    assert.match(await pages.petter.locator('.year-card').innerText(), /3 kartlagte brukere/);
    const k = pages.kontakt;
    await k.goto(`${BASE}/cgi-bin/menu`);
    await k.getByRole('link', { name: 'Administrer kartleggere' }).click();
    assert.equal(await k.locator('h1').innerText(), 'Kartleggere i Stavanger');
    await checkA11y(k, 'Administrer kartleggere');
    await k.getByRole('link', { name: 'Overfør kartlegginger fra Petter Borge' }).click();
    await checkA11y(k, 'hand-over: choose');
    await k.getByLabel('Til kartlegger').selectOption({ label: 'Caroline Finstad (Testinstans)' });
    await k.getByRole('button', { name: 'Flytt kartlegginger' }).click();
    assert.match(await k.locator('main').innerText(), /Du er i ferd med å overføre alle kartlegginger \(3\) fra Petter Borge til Caroline Finstad/);
    await checkA11y(k, 'hand-over: confirm');
    await k.getByLabel('Jeg bekrefter flytting av kartleggingene nevnt over').check();
    await k.getByRole('button', { name: 'Flytt kartlegginger' }).click();
    assert.match(await k.getByRole('status').innerText(),
      /Overføring av kartleggingene fra Petter Borge \(Testinstans\) til Caroline Finstad \(Testinstans\) var vellykket!/);
    await checkA11y(k, 'hand-over: done');
    await pages.caroline.goto(`${BASE}/cgi-bin/menu`);
    assert.match(await pages.caroline.locator('.year-card').innerText(), /3 kartlagte brukere/);

    // suspension, confirmed by name; Petter can no longer log in
    await k.goto(`${BASE}/cgi-bin/admin`);
    await k.getByRole('link', { name: 'Suspender Petter Borge' }).click();
    assert.match(await k.locator('main').innerText(), /Vil du virkelig suspendere kartleggeren «Petter Borge»/);
    await checkA11y(k, 'suspend: confirm');
    await k.getByRole('button', { name: 'Suspender Petter Borge' }).click();
    assert.match(await k.getByRole('status').innerText(), /Kontoen er suspendert/);
    assert.match(await k.locator('table.data').innerText(), /Suspendert \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d/);
    await pages.petter.goto(`${BASE}/cgi-bin/menu`);
    assert.equal(await pages.petter.locator('h1').innerText(), 'Logg inn', 'the session ended');
    bpadm('clock', '--advance', '60');
    await loginAs(pages.petter, people.petter, secrets.petter, 0);
    assert.match(await pages.petter.getByRole('alert').innerText(), /Kontoen din er suspendert/);

    // the autorisasjonsregister shows innvilget and tilbakekalt
    await k.goto(`${BASE}/cgi-bin/autorisasjon`);
    const register = await k.locator('table.data').innerText();
    assert.match(register, /Petter Borge\tTestinstans\tKartlegger\tCecilie Davidsen, \d\d\.\d\d\.\d{4}\t\d\d\.\d\d\.\d{4} kl\. \d\d:\d\d\t\d\d\.\d\d\.\d{4} kl\. \d\d:\d\d\t\s*Tilbakekalt \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d av Cecilie Davidsen/);
    assert.match(register, /Caroline Finstad\tTestinstans\tKartlegger\tCecilie Davidsen, \d\d\.\d\d\.\d{4}\t\d\d\.\d\d\.\d{4} kl\. \d\d:\d\d\tNei/);
    await checkA11y(k, 'autorisasjonsregister');

    // the velkomstmelding: written by KORFOR, seen once at the next login
    const f = pages.korfor;
    await f.goto(`${BASE}/cgi-bin/welcome`);
    await checkA11y(f, 'velkomstmelding form');
    await f.getByLabel('Velkomstmelding').fill('Velkommen til kartleggingen 2026!\nHusk fristen.');
    await f.getByRole('button', { name: 'Lagre velkomstmeldingen' }).click();
    assert.match(await f.getByRole('status').innerText(), /Velkomstmeldingen er lagret/);
    await pages.caroline.goto(`${BASE}/cgi-bin/menu`);
    await pages.caroline.getByRole('button', { name: 'Logg ut' }).click();
    bpadm('clock', '--advance', '120');
    await loginAs(pages.caroline, people.caroline, secrets.caroline, 0);
    assert.match(await pages.caroline.locator('.welcome').innerText(), /Velkommen til kartleggingen 2026!/);
    await pages.caroline.goto(`${BASE}/cgi-bin/menu`);
    assert.equal(await pages.caroline.locator('.welcome').count(), 0, 'shown once only');

    // the terms of use
    await f.goto(`${BASE}/cgi-bin/register/vilkar`);
    await checkA11y(f, 'terms of use');

    // the suspended login is answered with 403 on purpose; nothing else may show
    pages.petter.consoleErrors = pages.petter.consoleErrors.filter((e) => !/status of 403/.test(e));
    for (const [who, page] of Object.entries(pages))
      assert.deepEqual(page.consoleErrors, [], `no console errors for ${who}`);
  } finally {
    bpadm('clock', '--reset');
    await browser.close();
  }
});
