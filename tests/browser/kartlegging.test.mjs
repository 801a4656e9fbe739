// Kartlegging through the browser (issue 4): a complete survey until every tab is green,
// a contradiction in Feil, follow-up questions live, a person under 25, a duplicate in the
// kommune, a stale form, the endringslogg, the list with search and delete, and the same
// survey made without JavaScript; axe-core on every tab.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink, fnrFor } from './lib.mjs';

const PW = 'et langt passord for kartleggeren';
const people = {
  korfor: { name: 'Kristin KORFOR', email: 'kristin@korfor.no', password: PW },
  anne: { name: 'Anne Aasen', email: 'anne@stavanger.kommune.no', password: PW, tjenestetype: 'NAV' },
  bjorn: { name: 'Bjørn Berg', email: 'bjorn@stavanger.kommune.no', password: PW, tjenestetype: 'Fastlege' },
  nina: { name: 'Nina Nilsen', email: 'nina@stavanger.kommune.no', password: PW, tjenestetype: 'NAV' },
};
const FORM_TABS = ['Bruker', 'Barn', 'Planer/samarbeid', 'Levekår', 'Tjenester 1', 'Tjenester 2'];
const adult = fnrFor('150385');		// a man born 1985 (odd ninth digit)
const adult2 = fnrFor('220790', 200);
const young = fnrFor('100605', 500);	// 21 in 2026: the under-25 questions
const child = fnrFor('010112', 500);	// 14: may not be surveyed

// The tab bar: [{ name, state }] with state grey|green|red (the class of each tab).
async function tabStates(page) {
  return page.locator('nav.tabs .tab').evaluateAll((tabs) => tabs.map((t) => ({
    name: t.childNodes[0].textContent.trim(),
    state: (t.className.match(/tab-(grey|green|red|feil|obs|logg)/) || [])[1],
  })));
}

async function gotoTab(page, name) {
  const re = new RegExp(`^${name.replace(/[()/]/g, '\\$&')}`);
  const current = page.locator('nav.tabs [aria-current]');
  if ((await current.count()) && re.test((await current.innerText()).trim())) return;
  await page.locator('nav.tabs').locator('button, a', { hasText: re }).click();
  await page.waitForLoadState();
}

const kjonn = (fnr) => (Number(fnr[8]) % 2 ? 'Mann' : 'Kvinne');

// Answer every shown mandatory question left open with its first option, as a hurried
// but careful kartlegger would; without JavaScript follow-ups show after each save.
async function answerMandatory(page, js) {
  for (let round = 0; round < 6; round++) {
    const open = await page.evaluate(() => [...document.querySelectorAll('.item[data-mandatory]')]
      .filter((it) => it.offsetParent !== null)
      .filter((it) => !it.querySelector('input:checked') &&
        ![...it.querySelectorAll('select, input[type=text]')].some((e) => e.value !== ''))
      .map((it) => {
        const sel = it.querySelector('select');
        const first = it.querySelector('input[type=radio], input[type=checkbox]');
        return sel ? { select: sel.id } : { input: first.id };
      }));
    if (open.length === 0) return;
    for (const o of open) {
      if (o.select) await page.locator(`#${o.select}`).selectOption({ index: 1 });
      else await page.locator(`#${o.input}`).check();
    }
    if (!js) {
      await page.getByRole('button', { name: 'Lagre', exact: true }).first().click();
      await page.waitForLoadState();
    }
  }
  throw new Error('mandatory questions keep appearing');
}

// Every input's state on every form tab: the record as the form shows it.
async function formState(page) {
  const state = {};
  for (const tab of FORM_TABS) {
    await gotoTab(page, tab);
    state[tab] = await page.evaluate(() => [...document.querySelectorAll('#skjema input, #skjema select')]
      .filter((e) => !['csrf', 'id', 'versjon', 'fane'].includes(e.name) && e.name)
      .filter((e) => e.closest('[hidden]') === null)
      .map((e) => `${e.name}=${(e.type === 'radio' || e.type === 'checkbox') ? (e.checked ? e.value : '-') : e.value}`)
      .sort());
  }
  return state;
}

// The same answers, given by anyone: some beyond the mandatory ones, then the rest.
async function survey(page, js, a11y = null) {
  await gotoTab(page, 'Bruker');
  await page.getByRole('group', { name: 'Kategori' }).getByLabel('Samtidige rusmiddelproblemer og psykiske helseproblemer').check();
  await page.getByLabel('Kognitive vansker').check();
  await page.getByRole('group', { name: 'Arbeidserfaring' }).getByLabel('Fra 1 til 5 år').check();
  if (js) {
    // a follow-up question appears at once
    await page.getByRole('group', { name: 'Hvor lenge siden forrige arbeidsforhold?' }).waitFor();
  }
  await answerMandatory(page, js);
  if (a11y) await checkA11y(page, `${a11y}: Bruker`);
  await gotoTab(page, 'Barn');
  await page.getByRole('group', { name: 'Hvem bor brukeren sammen med?' }).getByLabel('Alene').check();
  await page.locator('#f-barn_samvaer_egne').fill('2');
  await answerMandatory(page, js);
  if (a11y) await checkA11y(page, `${a11y}: Barn`);
  await gotoTab(page, 'Planer/samarbeid');
  await page.getByRole('group', { name: 'Planer/samarbeid' }).getByLabel('Individuell plan').check();
  if (a11y) await checkA11y(page, `${a11y}: Planer/samarbeid`);
  await gotoTab(page, 'Levekår');
  await answerMandatory(page, js);
  if (a11y) await checkA11y(page, `${a11y}: Levekår`);
  await gotoTab(page, 'Tjenester 1');
  const svc = page.getByRole('group', { name: 'Råd/veiledning', exact: true });
  await svc.getByRole('radiogroup', { name: /hatt tjenesten/ }).getByLabel('Ja').check();
  await svc.getByRole('radiogroup', { name: /fortsette/ }).getByLabel('Ja').check();
  await answerMandatory(page, js);
  if (a11y) await checkA11y(page, `${a11y}: Tjenester 1`);
  await gotoTab(page, 'Tjenester 2');
  await answerMandatory(page, js);
  if (a11y) await checkA11y(page, `${a11y}: Tjenester 2`);
  await page.getByRole('button', { name: 'Lagre', exact: true }).first().click();
  await page.waitForLoadState();
}

async function startSurvey(page, fnr) {
  await page.goto(`${BASE}/cgi-bin/kartlegging`);
  await page.getByLabel('Fødselsnummer').fill(fnr);
  await page.getByRole('button', { name: 'Kartlegg bruker' }).click();
  await page.waitForLoadState();
}

test('kartlegging: complete, contradictions, under 25, duplicates, stale, list, no JavaScript', async () => {
  const browser = await launch();
  try {
    const pages = {};
    const secrets = {};
    for (const who of ['korfor', 'anne', 'bjorn']) pages[who] = await newPage(browser);
    pages.nina = await newPage(browser, { javaScriptEnabled: false });
    secrets.korfor = await registerVia(pages.korfor, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(pages.korfor, people.korfor, secrets.korfor);
    for (const [who, instans] of [['anne', 'Oppfølgingstjenesten'], ['bjorn', 'Legekontoret'], ['nina', 'Oppfølgingstjenesten']]) {
      const link = await inviteLink(pages.korfor, { role: 'Kartlegger', kommune: 'Stavanger', instans });
      secrets[who] = await registerVia(pages[who], link, people[who]);
      await loginAs(pages[who], people[who], secrets[who]);
    }
    const a = pages.anne;

    // "Kartlegg bruker": the number is checked before anything is stored
    await a.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Kartlegge brukere' }).click();
    assert.equal(await a.locator('h1').innerText(), 'Kartlegging 2026');
    await checkA11y(a, 'Kartlegging: start and list');
    await startSurvey(a, adult.slice(0, 10) + String((Number(adult[10]) + 1) % 10));
    assert.match(await a.getByRole('alert').innerText(), /Kontrollsifrene stemmer ikke/);
    await checkA11y(a, 'Kartlegging: invalid number');
    await startSurvey(a, child);
    assert.match(await a.getByRole('alert').innerText(), /ikke fylt 16 år/);

    // a complete survey: every tab green, no Feil tab, 0 errors in the list
    await startSurvey(a, adult);
    assert.equal(await a.locator('h1').innerText(), `Kartlegging 2026: ${kjonn(adult)}, 1985`);
    assert.deepEqual((await tabStates(a)).slice(0, 6).map((t) => t.state), Array(6).fill('grey'));
    assert.equal(await a.locator('#skjema .item[hidden]#i-fodeland_mor').count(), 1, 'no parents\' country at 41');
    await survey(a, true, 'complete survey');
    const states = await tabStates(a);
    assert.deepEqual(states.slice(0, 6), FORM_TABS.map((name) => ({ name, state: 'green' })));
    assert.ok(!states.some((t) => /^Feil/.test(t.name)), 'no Feil tab when there is nothing to correct');
    // the levekårsindeks: every area answered with its first colour, green
    await gotoTab(a, 'Levekår');
    assert.equal(await a.locator('#bp-index-value').innerText(), 'Grønt');
    // services default Nei/Nei: 62 for a person of 25 or more
    let services = 0;
    for (const tab of ['Tjenester 1', 'Tjenester 2']) {
      await gotoTab(a, tab);
      services += await a.locator('fieldset.service:visible').count();
    }
    assert.equal(services, 62);
    assert.equal(await a.getByRole('group', { name: 'LAR', exact: true }).getByRole('radiogroup', { name: /hatt/ })
      .getByLabel('Nei').isChecked(), true);

    // Obs (the first yes/no answers say "Ja": aktuell fare for overdose) and Logg
    await gotoTab(a, 'Obs');
    assert.match(await a.locator('main').innerText(), /Aktuell fare for overdose/);
    await checkA11y(a, 'Obs');
    await gotoTab(a, 'Logg');
    const log = await a.locator('table.data').innerText();
    assert.match(log, /Anne Aasen\tOpprettet/);
    assert.match(log, /Lagret\. Endret: Kategori, .*Kognitive vansker/);
    await checkA11y(a, 'Logg');

    // a contradiction: live in the form, then in Feil, the tab red; a link leads back
    await gotoTab(a, 'Levekår');
    const rus = a.getByRole('group', { name: 'Rusmiddelbruk' });
    await rus.getByLabel('Alkohol').check();
    await rus.getByLabel('Ingen rusmidler').check();
    assert.match(await a.locator('#l-rusmiddelbruk').innerText(), /«Ingen rusmidler» kan ikke kombineres/);
    assert.match(await a.locator('nav.tabs [aria-current]').getAttribute('class'), /tab-red/);
    await a.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await a.waitForLoadState();
    assert.match(await a.getByRole('status').first().innerText(), /Kartleggingen er lagret/);
    assert.deepEqual((await tabStates(a)).find((t) => t.name === 'Levekår').state, 'red');
    assert.match(await a.locator('#fanefeil').innerText(), /«Ingen rusmidler» kan ikke kombineres/);
    await checkA11y(a, 'Levekår with an error');
    await gotoTab(a, 'Feil');
    assert.match(await a.locator('main').innerText(), /Brukeren injiserer, men «Ingen rusmidler» er valgt/);
    await checkA11y(a, 'Feil');
    // the entry names its tab and section (issue 17 §11)
    await a.getByRole('link', { name: /Levekår – Tilleggsspørsmål rusmiddelproblemer: «Ingen rusmidler» kan ikke kombineres/ }).click();
    await a.waitForLoadState();
    assert.match(a.url(), /fane=levekar#f-rusmiddelbruk$/);
    await a.getByRole('group', { name: 'Rusmiddelbruk' }).getByLabel('Ingen rusmidler').uncheck();
    await a.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await a.waitForLoadState();
    assert.equal((await tabStates(a)).find((t) => t.name === 'Levekår').state, 'green');

    // unsaved changes: leaving asks first
    await a.getByRole('group', { name: 'Rusmiddelbruk' }).getByLabel('Cannabis').check();
    let asked = false;
    a.once('dialog', async (d) => { asked = d.type() === 'beforeunload'; await d.dismiss(); });
    await a.getByRole('link', { name: 'BRUKERPLAN' }).click({ noWaitAfter: true });
    await a.waitForTimeout(300);
    assert.ok(asked, 'a warning before unsaved changes are lost');
    assert.match(a.url(), /skjema/);

    // a stale form: saved elsewhere in between, refused with a message, answers kept
    const other = await newPage(browser);
    await other.context().addCookies(await a.context().cookies());
    await other.goto(a.url().replace(/#.*/, '').replace('fane=levekar', 'fane=barn'));
    await other.getByRole('group', { name: 'Hvem bor brukeren sammen med?' }).getByLabel('Vet ikke').check();
    await other.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await other.waitForLoadState();
    await a.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await a.waitForLoadState();
    assert.match(await a.getByRole('alert').first().innerText(), /Noen har lagret denne kartleggingen etter at du åpnet den/);
    assert.equal(await a.getByRole('group', { name: 'Rusmiddelbruk' }).getByLabel('Cannabis').isChecked(), true);
    await a.getByRole('button', { name: 'Lagre', exact: true }).first().click();
    await a.waitForLoadState();
    assert.match(await a.getByRole('status').first().innerText(), /Kartleggingen er lagret/);
    await gotoTab(a, 'Barn');
    assert.equal(await a.getByRole('group', { name: 'Hvem bor brukeren sammen med?' }).getByLabel('Vet ikke').isChecked(),
      true, 'the other save is kept');
    await other.context().close();

    // "Lagre og lukk": back to the list, with the number and 0 errors
    await a.getByRole('button', { name: 'Lagre og lukk' }).first().click();
    await a.waitForLoadState();
    assert.match(await a.getByRole('status').first().innerText(), /Kartleggingen er lagret/);
    const row = a.locator('table.data tbody tr', { hasText: adult });
    assert.match(await row.innerText(), new RegExp(`${adult}\\t0\\t\\d\\d\\.\\d\\d\\.\\d{4} kl\\. \\d\\d:\\d\\d`));

    // a duplicate in the kommune: another instans is told which instans, nothing more
    await startSurvey(pages.bjorn, adult);
    const dup = await pages.bjorn.getByRole('alert').innerText();
    assert.match(dup, /Personen er allerede kartlagt i kommunen i 2026, av instansen «Oppfølgingstjenesten»/);
    assert.doesNotMatch(dup, /Anne/);
    await checkA11y(pages.bjorn, 'duplicate refused');

    // under 25: the parents' countries, and 65 services
    await startSurvey(a, young);
    assert.equal(await a.locator('h1').innerText(), `Kartlegging 2026: ${kjonn(young)}, 2005`);
    await a.getByRole('group', { name: 'Mors fødeland' }).getByLabel('Norge', { exact: true }).check();
    await a.getByRole('group', { name: 'Fars fødeland' }).getByLabel('Afrika').check();
    services = 0;
    for (const tab of ['Tjenester 1', 'Tjenester 2']) {
      await gotoTab(a, tab);
      services += await a.locator('fieldset.service:visible').count();
    }
    assert.equal(services, 65);
    assert.ok(await a.getByRole('heading', { name: 'Barnevernstjenester for brukere under 25 år' }).isVisible());
    await gotoTab(a, 'Bruker');
    assert.equal(await a.getByRole('group', { name: 'Mors fødeland' }).getByLabel('Norge', { exact: true }).isChecked(), true);

    // the list: search by part of the number, then delete with a confirmation
    await a.goto(`${BASE}/cgi-bin/kartlegging`);
    assert.equal(await a.locator('table.data tbody tr').count(), 2);
    await checkA11y(a, 'Kartlegging: the list');
    await a.getByLabel('Søk blant dine kartlagte brukere').fill(young.slice(0, 6));
    await a.getByRole('button', { name: 'Søk' }).click();
    await a.waitForLoadState();
    assert.equal(await a.locator('table.data tbody tr').count(), 1);
    assert.doesNotMatch(a.url(), /\d{6}/, 'no number in the address');
    await a.getByRole('button', { name: `Slett ${young}` }).click();
    await a.waitForLoadState();
    assert.match(await a.locator('main').innerText(), new RegExp(`slette kartleggingen av ${young}`));
    await checkA11y(a, 'delete: confirm');
    await a.getByRole('button', { name: 'Slett kartleggingen' }).click();
    await a.waitForLoadState();
    assert.match(await a.getByRole('status').first().innerText(), /Kartleggingen er slettet/);
    assert.equal(await a.locator('table.data tbody tr').count(), 1);
    await a.goto(`${BASE}/cgi-bin/menu`);
    assert.match(await a.locator('.year-card').innerText(), /1 kartlagt bruker/);

    // without JavaScript: the same answers give the same record
    const n = pages.nina;
    await startSurvey(n, adult2);
    assert.equal(await n.locator('h1').innerText(), `Kartlegging 2026: ${kjonn(adult2)}, 1990`);
    await survey(n, false);	// (axe needs JavaScript: the tabs were checked above)
    assert.deepEqual((await tabStates(n)).slice(0, 6).map((t) => t.state), Array(6).fill('green'));
    const nina = await formState(n);
    await startSurvey(a, young);	// Anne surveys again, the same way, with JavaScript
    await survey(a, true);
    const anne = await formState(a);
    // the under-25 questions differ by age: compare what both were asked
    for (const tab of FORM_TABS) {
      const asked = new Set(nina[tab].map((s) => s.split('=')[0]));
      assert.deepEqual(anne[tab].filter((s) => asked.has(s.split('=')[0])), nina[tab], `tab ${tab}`);
    }

    // without JavaScript: Endre opens the survey, Slett asks first and then deletes
    await n.goto(`${BASE}/cgi-bin/kartlegging`);
    await n.getByRole('link', { name: `Endre ${adult2}` }).click();
    await n.waitForLoadState();
    assert.equal(await n.locator('h1').innerText(), `Kartlegging 2026: ${kjonn(adult2)}, 1990`);
    await n.goto(`${BASE}/cgi-bin/kartlegging`);
    await n.getByRole('button', { name: `Slett ${adult2}` }).click();
    await n.waitForLoadState();
    assert.match(await n.locator('main').innerText(), new RegExp(`slette kartleggingen av ${adult2}`));
    await n.getByRole('button', { name: 'Slett kartleggingen' }).click();
    await n.waitForLoadState();
    assert.match(await n.getByRole('status').first().innerText(), /Kartleggingen er slettet/);
    assert.equal(await n.locator('table.data tbody tr').count(), 0);

    // the stale save is answered with 409 on purpose; nothing else may show
    a.consoleErrors = a.consoleErrors.filter((e) => !/status of 409/.test(e));
    for (const [who, page] of Object.entries(pages))
      assert.deepEqual(page.consoleErrors, [], `no console errors for ${who}`);
  } finally {
    await browser.close();
  }
});
