// Screens that prevent expensive mistakes (issue "Skjermene"): a sluttdato of today asks
// "Kartleggingen låses i dag" first; the menu's cards say what each is for, so that handing
// surveys to a colleague and transferring to KORFOR cannot be confused; axe-core on each,
// at 320 px width.
// (Reserver's confirmation is in reservasjon.test.mjs.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink } from './lib.mjs';

const PW = 'et langt passord for skjermtesten';
const people = {
  korfor: { name: 'Sverre KORFOR', email: 'sverre.skjerm@korfor.no', password: PW },
  kontakt: { name: 'Solveig Klepp', email: 'solveig.skjerm@klepp.kommune.no', password: PW },
};

test('a sluttdato of today asks first', async () => {
  const browser = await launch();
  try {
    const f = await newPage(browser);
    const k = await newPage(browser, { viewport: { width: 320, height: 800 } });
    for (const page of [f, k]) page.setDefaultTimeout(20000);
    const secretF = await registerVia(f, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(f, people.korfor, secretF);
    const link = await inviteLink(f, { role: 'Kommune', kommune: 'Klepp' });
    const secretK = await registerVia(k, link, people.kontakt);
    await loginAs(k, people.kontakt, secretK);

    // the menu: a line under each card; the hand-over is not the transfer
    await k.goto(`${BASE}/cgi-bin/menu`);
    const cards = k.getByRole('navigation', { name: 'Hovedmeny' }).locator('li');
    const n = await cards.count();
    assert.ok(n >= 6, 'the kommunekontakt has its cards');
    for (let i = 0; i < n; i++)
      assert.ok((await cards.nth(i).locator('.menu-desc').innerText()).length > 20, 'a description');
    assert.match(await cards.filter({ hasText: 'Overfør kartleggingene dine' }).innerText(),
      /kollega.*Ikke overføring til KORFOR/s);
    assert.match(await cards.filter({ hasText: 'Sluttdato og overføring til KORFOR' }).innerText(),
      /overfør kommunens kartlegginger til KORFOR/);
    await checkA11y(k, 'menu at 320 px');

    // the server's day, as the test clock has it (Oslo time)
    const today = bpadm('clock').match(/\d{4}-\d\d-\d\d/)[0];
    const year = today.slice(0, 4);
    await k.goto(`${BASE}/cgi-bin/overforing`);
    await k.getByLabel('Sluttdato for kommunens kartlegging').fill(today);
    await k.getByLabel('Overføringsdato', { exact: true }).fill(`${year}-12-31`);
    await k.getByRole('button', { name: 'Lagre datoene' }).click();
    await k.waitForLoadState();
    assert.equal(await k.getByRole('heading', { name: 'Kartleggingen låses i dag' }).count(), 1);
    assert.equal(await k.getByRole('status').count(), 0, 'nothing saved yet');
    await checkA11y(k, 'Kartleggingen låses i dag, at 320 px');
    await k.getByRole('link', { name: 'Avbryt' }).click();
    await k.waitForLoadState();
    assert.equal(await k.getByLabel('Sluttdato for kommunens kartlegging').inputValue(), '');

    await k.getByLabel('Sluttdato for kommunens kartlegging').fill(today);
    await k.getByLabel('Overføringsdato', { exact: true }).fill(`${year}-12-31`);
    await k.getByRole('button', { name: 'Lagre datoene' }).click();
    await k.waitForLoadState();
    await k.getByRole('button', { name: 'Lås kartleggingen i dag' }).click();
    await k.waitForLoadState();
    assert.match(await k.getByRole('status').innerText(), /Datoene er lagret/);
    assert.match(await k.locator('main').innerText(), /Kartleggingen for kommunen er avsluttet/);

    // a locked survey reads as locked (issue 17 §1): its inputs disabled, no Lagre, until
    // "Rett etter krav fra bruker" (a link: it works without JavaScript too)
    bpadm('demo', '--owner', people.kontakt.email, '--surveys', '1');
    await k.goto(`${BASE}/cgi-bin/kartlegging`);
    await k.locator('table.data tbody a[aria-label^="Endre"]').first().click();
    await k.waitForLoadState();
    assert.match(await k.locator('.notice.locked').innerText(), /låst fra sluttdato/);
    assert.ok(await k.locator('input[name="kategori"]').first().isDisabled(), 'inputs disabled');
    assert.equal(await k.getByRole('button', { name: 'Lagre', exact: true }).count(), 0);
    await checkA11y(k, 'a locked tab, read only, at 320 px');
    await k.getByRole('link', { name: 'Rett etter krav fra bruker' }).click();
    await k.waitForLoadState();
    assert.ok(await k.locator('input[name="kategori"]').first().isEnabled(), 'open for a retting');
    assert.match(await k.locator('.notice.locked').innerText(), /retter kartleggingen etter krav fra brukeren/);
    assert.equal(await k.getByRole('button', { name: 'Lagre', exact: true }).count(), 2);
    await checkA11y(k, 'a locked tab opened for a retting, at 320 px');

    // KORFOR's overview of the year in each kommune with accounts (issue 17 §7)
    await f.goto(`${BASE}/cgi-bin/admin`);
    const klepp = await f.locator('table.data tbody tr', { hasText: 'Klepp' }).innerText();
    assert.match(klepp, new RegExp(`Klepp\t1\t${today.slice(8, 10)}\\.${today.slice(5, 7)}\\.${year}\t31\\.12\\.${year}\t1\t[01]\tNei`));
    await checkA11y(f, 'KORFOR: the year in each kommune');
    for (const page of [f, k]) assert.deepEqual(page.consoleErrors, []);
  } finally {
    await browser.close();
  }
});
