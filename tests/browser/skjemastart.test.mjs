// A new survey's first minutes (issue 17 §11): unvisited tabs stay grey and the Feil tab
// says what is left to answer, not a red "Feil (17)"; mandatory questions are marked in
// text and as required; the tab one is on turns green or red as one answers (JavaScript),
// or when it is saved (without); Feil names each question's tab and section, so the two
// "Utskrevet?" of TSB and psykisk helsevern differ. axe-core at 320 px, with and without
// JavaScript (axe runs where scripts do: the no-script page is checked as the same HTML).
// And the help the kartlegger opens without JavaScript (issue 17 §12): "Slik kartlegger du"
// and a service's four answer combinations.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink, fnrFor } from './lib.mjs';

const PW = 'et langt passord for skjemastarten';
const people = {
  korfor: { name: 'Kjell KORFOR', email: 'kjell.skjemastart@korfor.no', password: PW },
  js: { name: 'Siri Script', email: 'siri.skjemastart@sola.kommune.no', password: PW, tjenestetype: 'NAV' },
  plain: { name: 'Per Plain', email: 'per.skjemastart@sola.kommune.no', password: PW, tjenestetype: 'NAV' },
};
const withJs = fnrFor('030377', 300);
const withoutJs = fnrFor('040478', 300);

// [{ id, state }]: each tab's data-tab and its colour class
async function tabs(page) {
  return page.locator('nav.tabs .tab').evaluateAll((ts) => ts.map((t) => ({
    id: t.getAttribute('data-tab'),
    state: (t.className.match(/tab-(grey|green|red|feil|ubesvart|obs|logg)/) || [])[1],
    text: t.childNodes[0].textContent.trim(),
  })));
}

async function start(page, fnr) {
  await page.goto(`${BASE}/cgi-bin/kartlegging`);
  await page.getByLabel('Fødselsnummer').fill(fnr);
  await page.getByRole('button', { name: 'Kartlegg bruker' }).click();
  await page.waitForLoadState();
}

async function greeting(page) {
  const t = await tabs(page);
  assert.deepEqual(t.slice(0, 6).map((x) => x.state), Array(6).fill('grey'), 'every form tab grey');
  const feil = t.find((x) => x.id === 'feil');
  assert.equal(feil.state, 'ubesvart', 'the Feil tab is not red');
  assert.match(feil.text, /^Feil \(\d+ ubesvart\)$/);
  assert.equal(await page.locator('nav.tabs .tab-red, nav.tabs .tab-feil').count(), 0);
  assert.equal(await page.locator('#fanefeil').count(), 0, 'no error summary before a save');
  // mandatory: said in the legend, and a required radiogroup
  const kategori = page.getByRole('radiogroup', { name: 'Kategori (obligatorisk)' });
  assert.equal(await kategori.getAttribute('aria-required'), 'true');
  assert.equal(await page.locator('#lg-kognitive_vansker, label[for="f-kognitive_vansker-ja"] .required').count(), 0,
    'a question that is not mandatory is not marked');
}

test('a new survey: grey tabs, what is left to answer, mandatory marked, live colour', async () => {
  const browser = await launch();
  try {
    const f = await newPage(browser);
    const s = await newPage(browser, { viewport: { width: 320, height: 900 } });
    const p = await newPage(browser, { viewport: { width: 320, height: 900 }, javaScriptEnabled: false });
    for (const page of [f, s, p]) page.setDefaultTimeout(20000);
    const secretF = await registerVia(f, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(f, people.korfor, secretF);
    for (const [page, who] of [[s, people.js], [p, people.plain]]) {
      const link = await inviteLink(f, { role: 'Kartlegger', kommune: 'Sola', instans: 'NAV Sola skjemastart' });
      await loginAs(page, who, await registerVia(page, link, who));
    }

    // with JavaScript
    await start(s, withJs);
    await greeting(s);
    await checkA11y(s, 'a new survey at 320 px');
    const current = s.locator('nav.tabs [aria-current]');
    await s.getByRole('radiogroup', { name: 'Kategori (obligatorisk)' }).getByLabel('Rusmiddelproblemer, men ikke psykiske helseproblemer').check();
    // answered in part: the tab one is on turns red at once, the others stay grey
    assert.match(await current.getAttribute('class'), /tab-red/);
    assert.match(await current.locator('.tab-state').innerText(), /mangler svar eller har feil/);
    assert.deepEqual((await tabs(s)).slice(1, 6).map((x) => x.state), Array(5).fill('grey'));
    await checkA11y(s, 'a tab turned red live, at 320 px');
    // every mandatory question of the tab answered: green, before any save
    for (let round = 0; round < 4; round++) {
      const open = await s.evaluate(() => [...document.querySelectorAll('.item[data-mandatory]')]
        .filter((it) => it.offsetParent !== null && !it.querySelector('input:checked'))
        .map((it) => it.querySelector('input[type=radio], input[type=checkbox]').id));
      if (open.length === 0) break;
      for (const id of open) await s.locator(`#${id}`).check();
    }
    assert.match(await current.getAttribute('class'), /tab-green/);
    assert.match(await current.locator('.tab-state').innerText(), /ferdig/);
    await s.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await s.waitForLoadState();
    assert.equal((await tabs(s))[0].state, 'green');
    // the same label twice: Feil names the section of each
    await s.locator('nav.tabs').getByRole('button', { name: /^Tjenester 2/ }).click();
    await s.waitForLoadState();
    for (const g of ['Tjenester i TSB', 'Tjenester i psykisk helsevern']) {
      const dogn = s.getByRole('region', { name: g }).getByRole('group', { name: 'Døgnbehandling', exact: true });
      await dogn.getByRole('radiogroup', { name: /hatt tjenesten/ }).getByLabel('Ja').check();
    }
    assert.match(await s.locator('nav.tabs [aria-current]').getAttribute('class'), /tab-red/,
      'a follow-up left open: red at once');
    await s.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await s.waitForLoadState();
    const summary = await s.locator('#fanefeil').innerText();
    assert.match(summary, /Tjenester i TSB – Tilleggsspørsmål om døgnbehandling: «Utskrevet\?» mangler svar/);
    assert.match(summary, /Tjenester i psykisk helsevern – Tilleggsspørsmål om døgnbehandling: «Utskrevet\?» mangler svar/);
    await checkA11y(s, 'Tjenester 2 with its summary, at 320 px');
    await s.locator('nav.tabs').getByRole('button', { name: /^Feil/ }).click();
    await s.waitForLoadState();
    const feil = await s.locator('main').innerText();
    assert.match(feil, /Obligatoriske spørsmål uten svar \(\d+\)/);
    assert.doesNotMatch(feil, /Svar som er feil eller motsier hverandre/, 'nothing wrong yet, only unanswered');
    assert.match(feil, /Tjenester 2 – Tjenester i TSB – Tilleggsspørsmål om døgnbehandling: «Utskrevet\?» mangler svar/);
    await checkA11y(s, 'Feil at 320 px');

    // without JavaScript: the same greeting; a tab's colour comes with its save
    await start(p, withoutJs);
    await greeting(p);
    await p.getByRole('radiogroup', { name: 'Kategori (obligatorisk)' }).getByLabel('Rusmiddelproblemer, men ikke psykiske helseproblemer').check();
    assert.match(await p.locator('nav.tabs [aria-current]').getAttribute('class'), /tab-grey/,
      'no script: grey until saved');
    await p.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await p.waitForLoadState();
    const after = await tabs(p);
    assert.equal(after[0].state, 'red', 'saved with answers missing: red');
    assert.deepEqual(after.slice(1, 6).map((x) => x.state), Array(5).fill('grey'));
    assert.match(await p.locator('#fanefeil').innerText(), /mangler svar/);
    // help opens without JavaScript (issue 17 §12): the guidance, and a service's answers
    const guide = p.locator('details.guidance', { hasText: 'Slik kartlegger du' });
    assert.equal(await guide.getByText(/vet ikke\/ukjent kun når/).isVisible(), false, 'closed at first');
    await guide.locator('summary').click();
    assert.equal(await guide.getByText(/vet ikke\/ukjent kun når du ikke har noen informasjon/).isVisible(), true);
    assert.equal(await guide.getByText(/de siste 1–2 kontaktene/).isVisible(), true);
    await p.locator('nav.tabs').getByRole('button', { name: /^Tjenester 1/ }).click();
    await p.waitForLoadState();
    const combos = p.locator('details.guidance', { hasText: 'Slik svarer du for hver tjeneste' });
    await combos.locator('summary').click();
    assert.equal(await combos.getByRole('table', { name: 'Fire mulige svarkombinasjoner for hver tjeneste' })
      .getByRole('row').count(), 5, 'a header and four combinations');
    // axe needs scripts: the page the script-less browser got, checked in one that runs them
    const html = await p.content();
    const check = await newPage(browser, { viewport: { width: 320, height: 900 } });
    await check.route('**/js/skjema.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    await check.goto(`${BASE}/css/bp.css`);
    await check.setContent(html, { waitUntil: 'load' });
    await checkA11y(check, 'Tjenester 1 without JavaScript, its help open, at 320 px');
  } finally {
    bpadm('clock', '--reset');
    await browser.close();
  }
});
