// Reservasjoner through the browser: a kartlegger checks a number, reserves it (which
// deletes another kartlegger's survey of the person and says so), is told it is reserved,
// cannot survey the person, and deletes the reservasjon; a bad number is a field error.
// axe-core on the page in each state.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink, fnrFor } from './lib.mjs';

const PW = 'et langt passord for reservasjonene';
const people = {
  korfor: { name: 'Randi KORFOR', email: 'randi@korfor.no', password: PW },
  siri: { name: 'Siri Solberg', email: 'siri@sandnes.kommune.no', password: PW, tjenestetype: 'NAV' },
  ola: { name: 'Ola Opsahl', email: 'ola@sandnes.kommune.no', password: PW, tjenestetype: 'Fastlege' },
};
const person = fnrFor('030487', 300);
const other = fnrFor('121281', 300);

// one of the page's three forms, by its heading
function form(page, heading) {
  return page.getByRole('region', { name: heading });
}

async function send(page, heading, fnr, button) {
  const f = form(page, heading);
  await f.getByLabel('Fødselsnummer').fill(fnr);
  await f.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
}

test('reservasjon: check, reserve (deleting a survey), refused survey, delete', async () => {
  const browser = await launch();
  try {
    const pages = {};
    const secrets = {};
    for (const who of ['korfor', 'siri', 'ola']) pages[who] = await newPage(browser);
    secrets.korfor = await registerVia(pages.korfor, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(pages.korfor, people.korfor, secrets.korfor);
    for (const [who, instans] of [['siri', 'NAV Sandnes'], ['ola', 'Sandnes legesenter']]) {
      const link = await inviteLink(pages.korfor, { role: 'Kartlegger', kommune: 'Sandnes', instans });
      secrets[who] = await registerVia(pages[who], link, people[who]);
      await loginAs(pages[who], people[who], secrets[who]);
    }
    const s = pages.siri;
    const o = pages.ola;

    // Ola surveys the person first
    await o.goto(`${BASE}/cgi-bin/kartlegging`);
    await o.getByLabel('Fødselsnummer').fill(person);
    await o.getByRole('button', { name: 'Kartlegg bruker' }).click();
    await o.waitForLoadState();
    assert.match(o.url(), /\/cgi-bin\/skjema\?id=[0-9a-f]{32}&fane=bruker$/);

    // Siri opens Reservasjoner from the menu
    await s.goto(`${BASE}/cgi-bin/menu`);
    await s.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Reservasjoner' }).click();
    await s.waitForLoadState();
    assert.equal(await s.locator('h1').innerText(), 'Reservasjoner');
    await checkA11y(s, 'Reservasjoner');

    await send(s, 'Sjekk reservasjon', person, 'Sjekk');
    assert.equal(await s.getByRole('status').innerText(), `Fødselsnummeret "${person}" er ikke reservert.`);
    assert.ok(!s.url().includes(person), 'the number is not in the URL');
    await checkA11y(s, 'Reservasjoner: checked');

    // "Reserver" asks first, saying how many of the kommune's surveys go (never whose)
    await send(s, 'Lag reservasjon', person, 'Reserver');
    assert.equal(await s.locator('h2').first().innerText(), 'Bekreft reservasjonen');
    assert.match(await s.locator('main').innerText(), /1 kartlegging i kommunen blir slettet\. Det kan ikke angres\./);
    assert.doesNotMatch(await s.locator('main').innerText(), /Ola|legesenter/);
    await checkA11y(s, 'Reservasjoner: confirm');
    await s.getByRole('button', { name: 'Reserver og slett 1 kartlegging' }).click();
    await s.waitForLoadState();
    assert.equal(await s.getByRole('status').innerText(),
      `Fødselsnummeret "${person}" er nå reservert. 1 kartlegging ble slettet.`);
    assert.ok(!s.url().includes(person), 'the number is not in the URL');
    await checkA11y(s, 'Reservasjoner: reserved');

    await send(s, 'Sjekk reservasjon', person, 'Sjekk');
    assert.equal(await s.getByRole('status').innerText(), `Fødselsnummeret "${person}" er reservert.`);

    // Ola's survey is gone, and the person cannot be surveyed again
    await o.goto(`${BASE}/cgi-bin/kartlegging`);
    assert.match(await o.locator('main').innerText(), /Ingen kartlagte brukere/);
    await o.getByLabel('Fødselsnummer').fill(person);
    await o.getByRole('button', { name: 'Kartlegg bruker' }).click();
    await o.waitForLoadState();
    assert.match(await o.getByRole('alert').innerText(), /reservert seg mot kartlegging/);

    // a bad number: the error belongs to the field of its own form
    const bad = other.slice(0, 10) + String((Number(other[10]) + 1) % 10);
    await send(s, 'Lag reservasjon', bad, 'Reserver');
    assert.match(await s.getByRole('alert').innerText(), /Kontrollsifrene stemmer ikke/);
    const field = form(s, 'Lag reservasjon').getByLabel('Fødselsnummer');
    assert.equal(await field.inputValue(), bad);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await form(s, 'Sjekk reservasjon').getByLabel('Fødselsnummer').inputValue(), '');
    await checkA11y(s, 'Reservasjoner: invalid number');

    await send(s, 'Lag reservasjon', other, 'Reserver');
    assert.match(await s.locator('main').innerText(), /Ingen kartlegginger i kommunen blir slettet\./);
    await s.getByRole('button', { name: 'Reserver', exact: true }).click();
    await s.waitForLoadState();
    assert.equal(await s.getByRole('status').innerText(),
      `Fødselsnummeret "${other}" er nå reservert. Ingen kartlegginger ble slettet.`);
    await send(s, 'Slett reservasjon', person, 'Slett');
    assert.equal(await s.getByRole('status').innerText(),
      `Reservasjonen av fødselsnummeret "${person}" er slettet.`);
    await checkA11y(s, 'Reservasjoner: deleted');
    await send(s, 'Sjekk reservasjon', person, 'Sjekk');
    assert.equal(await s.getByRole('status').innerText(), `Fødselsnummeret "${person}" er ikke reservert.`);

    for (const [who, page] of Object.entries(pages))
      assert.deepEqual(page.consoleErrors, [], `no console errors for ${who}`);
  } finally {
    await browser.close();
  }
});
