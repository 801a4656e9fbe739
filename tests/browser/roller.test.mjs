// Screens that fit the role (issue "Skjermene" §4, §5, §10, §16): the year card counts what
// each role answers for (a kartlegger its own, the kommunekontakt the kommune's with how many
// without errors, KORUS its region, KORFOR the country), in the right number ("1 kartlagt
// bruker"); kommune lists are alphabetical and all 357 are offered; the link list shows the
// bydel; dates are shown and typed as dd.mm.åååå; a refusal is not "Noe må rettes";
// dangerous buttons are outlined, not filled like Lagre. axe-core at 320 px.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink, fnrFor }
  from './lib.mjs';

const PW = 'et langt passord for rolletesten';
const people = {
  korfor: { name: 'Randi KORFOR', email: 'randi.roller@korfor.no', password: PW },
  korus: { name: 'Rolf KORUS', email: 'rolf.roller@korus.no', password: PW },
  kontakt: { name: 'Unni Utsira', email: 'unni.roller@utsira.kommune.no', password: PW },
  kari: { name: 'Ulrik Kartlegger', email: 'ulrik.roller@utsira.kommune.no', password: PW,
    tjenestetype: 'NAV' },
};

// the number after a label on the year card ("Kommunen: 3 kartlagte brukere")
function countAfter(text, label) {
  const m = text.match(new RegExp(`${label}: (\\d+) kartlagte? brukere?`));
  assert.ok(m, `"${label}" on the year card: ${text}`);
  return Number(m[1]);
}

test('the public statements: open without login, linked from every page, axe-clean at 320 px', async () => {
  const browser = await launch();
  try {
    const p = await newPage(browser, { viewport: { width: 320, height: 800 } });
    p.setDefaultTimeout(20000);
    await p.goto(`${BASE}/cgi-bin/login`);
    await p.getByRole('link', { name: 'Tilgjengelighetserklæring' }).click();
    await p.waitForLoadState();
    assert.equal(await p.locator('h1').innerText(), 'Tilgjengelighetserklæring for Brukerplan');
    for (const h of ['Status', 'Avvik fra kravene', 'Slik har vi testet', 'Tilbakemelding og kontakt', 'Tilsyn og klage'])
      assert.equal(await p.getByRole('heading', { name: h, level: 2 }).count(), 1, h);
    await checkA11y(p, 'Tilgjengelighetserklæring at 320 px');
    await p.getByRole('link', { name: 'Personvernerklæring' }).click();
    await p.waitForLoadState();
    assert.equal(await p.locator('h1').innerText(), 'Personvernerklæring for Brukerplan');
    assert.match(await p.locator('main').innerText(), /Forskrift om Brukerplan/);
    await checkA11y(p, 'Personvernerklæring at 320 px');
    assert.deepEqual(p.consoleErrors, []);
  } finally {
    await browser.close();
  }
});

test('the year card, lists, dates, refusals and buttons per role', async () => {
  const browser = await launch();
  try {
    const f = await newPage(browser);
    const r = await newPage(browser, { viewport: { width: 320, height: 800 } });
    const k = await newPage(browser, { viewport: { width: 320, height: 800 } });
    const u = await newPage(browser, { viewport: { width: 320, height: 800 } });
    for (const page of [f, r, k, u]) page.setDefaultTimeout(20000);

    const secretF = await registerVia(f, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(f, people.korfor, secretF);

    // §10: KORFOR chooses among all 357 kommuner, in Norwegian alphabetical order
    await f.goto(`${BASE}/cgi-bin/admin`);
    const names = (await f.locator('#f-kommune option').allInnerTexts()).filter((t) => t.trim());
    assert.equal(names.length, 357, 'every kommune is offered');
    const sorted = [...names].sort((a, b) => a.localeCompare(b, 'nb'));
    assert.deepEqual(names, sorted, 'alphabetical');
    assert.equal(names.at(-1), 'Åsnes');

    const korusLink = await inviteLink(f, { role: 'KORUS', region: 'KoRus Vest Stavanger' });
    const kontaktLink = await inviteLink(f, { role: 'Kommune', kommune: 'Utsira' });
    // a link for a bydel says which bydel in the list
    await inviteLink(f, { role: 'Kommune', kommune: 'Oslo – bydel Frogner' });
    const row = f.locator('table.data tbody tr', { hasText: 'bydel Frogner' });
    assert.equal(await row.count(), 1, 'the bydel of the link is shown');
    assert.match(await row.innerText(), /Oslo, bydel Frogner/);
    assert.match(await row.innerText(), /\d\d\.\d\d\.\d{4}/, 'made on a Norwegian date');

    const secretR = await registerVia(r, korusLink, people.korus);
    await loginAs(r, people.korus, secretR);
    const secretK = await registerVia(k, kontaktLink, people.kontakt);
    await loginAs(k, people.kontakt, secretK);
    const kariLink = await inviteLink(k, { role: 'Kartlegger', kommune: 'Utsira', instans: 'Utsira NAV' });
    const secretU = await registerVia(u, kariLink, people.kari);
    await loginAs(u, people.kari, secretU);

    // §5: the kartlegger's own count, in the right number
    await u.goto(`${BASE}/cgi-bin/menu`);
    assert.match(await u.locator('.year-card').innerText(), /Kartlegging – 0 kartlagte brukere\./);
    const person = fnrFor('150690', 300);
    await u.goto(`${BASE}/cgi-bin/kartlegging`);
    await u.getByLabel('Fødselsnummer').fill(person);
    await u.getByRole('button', { name: 'Kartlegg bruker' }).click();
    await u.waitForLoadState();

    // §4: Slett kartleggingen is outlined in red; Lagre is filled
    const style = (loc) => loc.evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, fg: s.color };
    });
    const lagre = await style(u.getByRole('button', { name: 'Lagre', exact: true }).first());
    const slett = await style(u.getByRole('button', { name: 'Slett kartleggingen' }));
    assert.equal(slett.bg, 'rgb(255, 255, 255)', 'Slett kartleggingen is not filled');
    assert.equal(slett.fg, 'rgb(176, 0, 32)', 'Slett kartleggingen is red');
    assert.notEqual(lagre.bg, slett.bg, 'Lagre looks like the main action, Slett does not');

    await u.goto(`${BASE}/cgi-bin/menu`);
    assert.match(await u.locator('.year-card').innerText(), /Kartlegging – 1 kartlagt bruker\./);
    await checkA11y(u, 'the kartlegger menu at 320 px');

    // §16: the list's Slett is outlined too, and its date is Norwegian
    await u.goto(`${BASE}/cgi-bin/kartlegging`);
    const listSlett = await style(u.locator('table.data button', { hasText: 'Slett' }).first());
    assert.equal(listSlett.bg, 'rgb(255, 255, 255)');
    assert.match(await u.locator('table.data tbody tr').first().innerText(),
      /\d\d\.\d\d\.\d{4} kl\. \d\d:\d\d/);

    // §16: the same person again is a refusal, not something to correct
    await u.getByLabel('Fødselsnummer').fill(person);
    await u.getByRole('button', { name: 'Kartlegg bruker' }).click();
    await u.waitForLoadState();
    const refusal = await u.getByRole('alert').innerText();
    assert.match(refusal, /Kan ikke gjøres/);
    assert.match(refusal, /Du har allerede kartlagt denne personen i år/);
    assert.doesNotMatch(refusal, /Noe må rettes/);
    await checkA11y(u, 'a refusal at 320 px');
    // a number typed wrong is something to correct
    await u.getByLabel('Fødselsnummer').fill('1234');
    await u.getByRole('button', { name: 'Kartlegg bruker' }).click();
    await u.waitForLoadState();
    assert.match(await u.getByRole('alert').innerText(), /Noe må rettes/);

    // two more surveys by bpadm (some may have errors)
    bpadm('demo', '--owner', people.kari.email, '--surveys', '2');

    // §5: the kommunekontakt counts the kommune, and how many have no errors
    await k.goto(`${BASE}/cgi-bin/menu`);
    const kCard = await k.locator('.year-card').innerText();
    assert.equal(countAfter(kCard, 'Kommunen'), 3, kCard);
    const ok = Number(kCard.match(/(\d+) uten feil/)[1]);
    assert.ok(ok >= 0 && ok <= 3, kCard);
    assert.match(kCard, /Dine egne: 0 kartlagte brukere/);
    await checkA11y(k, 'the kommunekontakt menu at 320 px');
    // the same numbers as Administrer kartleggere's totals
    await k.goto(`${BASE}/cgi-bin/admin`);
    assert.match(await k.locator('main').innerText(),
      new RegExp(`I alt 3 kartlagt i år, ${3 - ok} med feil`));

    // §16: dates typed and shown as dd.mm.åååå
    const today = bpadm('clock').match(/\d{4}-\d\d-\d\d/)[0];
    const year = Number(today.slice(0, 4));
    await k.goto(`${BASE}/cgi-bin/overforing`);
    const slutt = k.getByLabel('Sluttdato for kommunens kartlegging');
    assert.equal(await slutt.getAttribute('type'), 'text', 'a text field, in the Norwegian format');
    await slutt.fill(`30.12.${year}`);
    await k.getByLabel('Overføringsdato', { exact: true }).fill(`31.12.${year}`);
    await k.getByRole('button', { name: 'Lagre datoene' }).click();
    await k.waitForLoadState();
    assert.match((await k.getByRole('status').allInnerTexts()).join('\n'), /Datoene er lagret/);
    assert.equal(await slutt.inputValue(), `30.12.${year}`);
    await checkA11y(k, 'the date card at 320 px');
    await u.goto(`${BASE}/cgi-bin/menu`);
    const uCard = await u.locator('.year-card').innerText();
    assert.match(uCard, new RegExp(`Sluttdato: 30\\.12\\.${year}`));
    assert.match(uCard, new RegExp(`Overføringsdato: 31\\.12\\.${year}`));
    // a date that does not exist is kept as typed, at its field
    await k.goto(`${BASE}/cgi-bin/overforing`);
    await slutt.fill(`31.06.${year}`);
    await k.getByRole('button', { name: 'Lagre datoene' }).click();
    await k.waitForLoadState();
    assert.match(await k.getByRole('alert').innerText(), /Noe må rettes/);
    assert.equal(await slutt.inputValue(), `31.06.${year}`);

    // §5: KORUS its region, KORFOR the country: at least Utsira's three; no survey items
    await r.goto(`${BASE}/cgi-bin/menu`);
    const rCard = await r.locator('.year-card').innerText();
    assert.ok(countAfter(rCard, 'Regionen') >= 3, rCard);
    assert.match(rCard, /overført til KORFOR fra \d+ kommuner?/);
    assert.equal(await r.getByRole('link', { name: 'Kartlegge brukere' }).count(), 0);
    assert.equal(await r.getByText('Instans', { exact: true }).count(), 0, 'no Instans for KORUS');
    await checkA11y(r, 'the KORUS menu at 320 px');
    await f.goto(`${BASE}/cgi-bin/menu`);
    const fCard = await f.locator('.year-card').innerText();
    assert.ok(countAfter(fCard, 'Hele landet') >= countAfter(rCard, 'Regionen'), fCard);
    await checkA11y(f, 'the KORFOR menu');

    // Suspender and Trekk tilbake are outlined too
    await f.goto(`${BASE}/cgi-bin/invite`);
    const trekk = await style(f.getByRole('button', { name: /Trekk tilbake/ }).first());
    assert.equal(trekk.bg, 'rgb(255, 255, 255)');
    await k.goto(`${BASE}/cgi-bin/admin`);
    const susp = await style(k.getByRole('link', { name: /Suspender/ }).first());
    assert.equal(susp.bg, 'rgb(255, 255, 255)');
    assert.equal(susp.fg, 'rgb(176, 0, 32)');

    // the refused date was answered 400, as a form with errors is; nothing else went wrong
    k.consoleErrors = k.consoleErrors.filter((e) => !/status of 400/.test(e));
    for (const page of [f, r, k, u]) assert.deepEqual(page.consoleErrors, []);
  } finally {
    await browser.close();
  }
});
