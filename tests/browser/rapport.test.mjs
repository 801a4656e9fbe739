// Reports through the browser: a kommunekontakt opens the Kommunerapport from the menu,
// sees every section with a chart (inline SVG, a title for screen readers) and a table
// beside it, changes the year with the form, prints it (print stylesheet: the form
// hidden); KORFOR opens the national report. axe-core on each, also at 320 px. Hidden
// cells show ":" with its legend, never "<5". The page has no script:
// it works the same without JavaScript.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, checkA11y, bpadm, registerVia, loginAs, inviteLink } from './lib.mjs';

const PW = 'et langt passord for rapportene';
const people = {
  korfor: { name: 'Rita KORFOR', email: 'rita@korfor.no', password: PW },
  kontakt: { name: 'Roar Kontakt', email: 'roar@sola.kommune.no', password: PW },
};
const sections = ['Kategori', 'Kjønn', 'Aldersgrupper', 'Levekårsområder', 'Levekårsindeks',
  'Bostedsløse og hvor lenge', 'Bosituasjon ellers', 'Meningsfull aktivitet', 'Kilde til livsopphold',
  'Barn under 18 år', 'Vold og trusler siste 12 måneder', 'Selvmordsforsøk og overdose',
  'Planer og ansvarsgruppe', 'Tjenester', 'Samme personer i fjor og i år: levekårsindeks'];

test('rapport: the kommunekontakt reads the Kommunerapport, KORFOR the national one', async () => {
  const browser = await launch();
  try {
    bpadm('demo-registry', '--year', '2026', '--kommune', '1124', '--count', '45');
    bpadm('demo-registry', '--year', '2025', '--kommune', '1124', '--count', '30');
    const pages = { korfor: await newPage(browser), kontakt: await newPage(browser) };
    const secrets = {};
    for (const p of Object.values(pages)) p.setDefaultTimeout(20000);
    secrets.korfor = await registerVia(pages.korfor, bpadm('invite', '--role', 'korfor'), people.korfor);
    await loginAs(pages.korfor, people.korfor, secrets.korfor);
    const link = await inviteLink(pages.korfor, { role: 'Kommune', kommune: 'Sola' });
    secrets.kontakt = await registerVia(pages.kontakt, link, people.kontakt);
    await loginAs(pages.kontakt, people.kontakt, secrets.kontakt);

    // from the menu, then 2026 chosen in the form
    const k = pages.kontakt;
    await k.goto(`${BASE}/cgi-bin/menu`);
    await k.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Rapporter' }).click();
    await k.waitForLoadState();
    await k.getByLabel('År', { exact: true }).fill('2026');
    await k.getByRole('button', { name: 'Vis rapport' }).click();
    await k.waitForLoadState();
    assert.equal(await k.locator('h1').innerText(), 'Rapport 2026: Sola');
    assert.match(k.url(), /omrade=k-1124&aar=2026$/);
    assert.deepEqual(await k.locator('main h2').allInnerTexts(), ['Om rapporten', ...sections]);
    assert.match(await k.locator('main').innerText(), /Sola\s+45 kartlagte brukere/);
    // one area to choose: its own kommune (Sola has no bydeler)
    assert.deepEqual(await k.getByLabel('Område', { exact: true }).locator('option').allInnerTexts(), ['1124 Sola']);
    // a chart per section but the followed persons (the services: one per group), each
    // with its title, and a table per section
    const charts = k.locator('svg.chart[role="img"]');
    assert.equal(await charts.count(), sections.length - 2 + 10);
    for (let i = 0; i < await charts.count(); i++) {
      const id = await charts.nth(i).getAttribute('aria-labelledby');
      assert.match(await k.locator(`[id="${id}"]`).textContent(), /diagram/);
    }
    assert.equal(await k.locator('table.report').count(), sections.length);
    // no count under 5 in any table
    const cells = await k.locator('table.report td').allInnerTexts();
    assert.ok(cells.length > 500);
    assert.deepEqual(cells.filter((c) => /^[0-4]$/.test(c.trim())), []);
    // every hidden cell shows ":" (never "<5"), with its legend on the page
    assert.ok(cells.includes(':'));
    assert.deepEqual(cells.filter((c) => c.includes('<')), []);
    assert.equal(await k.locator('#h-om ~ p.legend').innerText(), ': Vises ikke av personvernhensyn');
    assert.ok(await k.locator('.report-section p.legend').count() > 0, 'a legend under the tables with hidden cells');
    await checkA11y(k, 'Kommunerapport');
    // at 320 px: still axe-clean, the legend shown
    await k.setViewportSize({ width: 320, height: 800 });
    assert.equal(await k.locator('#h-om ~ p.legend').isVisible(), true);
    // nothing makes the page scroll sideways: a wide table scrolls in its own box, which
    // takes the keyboard's focus
    assert.ok(await k.evaluate(() => document.documentElement.scrollWidth) <= 320, 'no sideways scrolling at 320 px');
    assert.equal(await k.locator('div.table-scroll[tabindex="0"][role="region"] > table.report').count(), sections.length);
    await checkA11y(k, 'Kommunerapport at 320 px');
    // the charts at 320 px (issue 17 §15): each fits its container, its text is read at
    // 9.5 px or more, every text box lies inside the chart, and no text box overlaps
    // another text box or a shape (bars, swatches, legends each in their own place)
    const layout = await k.locator('svg.chart').evaluateAll((svgs) => svgs.map((svg) => {
      const vb = svg.viewBox.baseVal;
      const box = svg.getBoundingClientRect();
      const scale = box.width / vb.width;
      const texts = [...svg.querySelectorAll('text')].map((t) => ({ b: t.getBBox(), s: t.textContent, fs: +t.getAttribute('font-size') }));
      const rects = [...svg.querySelectorAll('rect')].map((r) => ({ b: r.getBBox(), s: 'rect' }));
      const meet = (p, q) => p.x < q.x + q.width - 0.5 && q.x < p.x + p.width - 0.5 &&
        p.y < q.y + q.height - 0.5 && q.y < p.y + p.height - 0.5;
      const problems = [];
      texts.forEach((t, i) => {
        if (t.b.x < -0.5 || t.b.y < -0.5 || t.b.x + t.b.width > vb.width + 0.5 || t.b.y + t.b.height > vb.height + 0.5)
          problems.push(`"${t.s}" outside the chart`);
        for (const u of [...texts.slice(i + 1), ...rects])
          if (meet(t.b, u.b)) problems.push(`"${t.s}" overlaps "${u.s}"`);
      });
      return { id: svg.getAttribute('aria-labelledby'), texts: texts.length, problems,
        fits: box.width <= svg.parentElement.clientWidth + 0.5 && box.right <= document.documentElement.clientWidth + 0.5,
        smallest: Math.min(...texts.map((t) => t.fs)) * scale };
    }));
    assert.equal(layout.length, sections.length - 2 + 10);
    for (const c of layout) {
      assert.ok(c.texts > 3, `${c.id}: has its texts`);
      assert.deepEqual(c.problems, [], `${c.id}: text boxes`);
      assert.ok(c.fits, `${c.id}: fits its container at 320 px`);
      assert.ok(c.smallest >= 9.5, `${c.id}: smallest text ${c.smallest.toFixed(1)} px at 320 px`);
    }
    // a long label wraps onto more lines rather than being cut
    const long = k.locator('svg.chart text.label', { hasText: 'Både rusmiddelproblemer' });
    assert.equal(await long.count(), 1);
    assert.ok(await k.locator('svg.chart').first().locator('text.label').count() > 3, 'the kategori labels wrapped');
    await k.setViewportSize({ width: 1280, height: 720 });
    // print: the chooser is not printed, the charts are
    await k.emulateMedia({ media: 'print' });
    assert.equal(await k.locator('form[aria-label="Velg rapport"]').isVisible(), false);
    assert.equal(await charts.first().isVisible(), true);
    await k.emulateMedia({ media: 'screen' });
    // the PDF and the CSV are links on the page
    assert.equal(await k.getByRole('link', { name: 'PDF' }).getAttribute('href'),
      '/cgi-bin/rapport?omrade=k-1124&aar=2026&format=pdf');

    // KORFOR: the national report by default
    const f = pages.korfor;
    await f.goto(`${BASE}/cgi-bin/rapport?aar=2026`);
    assert.equal(await f.locator('h1').innerText(), 'Rapport 2026: Hele landet');
    assert.ok(await f.getByLabel('Område', { exact: true }).locator('option').count() > 300, 'every kommune to choose');
    await checkA11y(f, 'national report');
    for (const p of Object.values(pages)) assert.deepEqual(p.consoleErrors, []);
  } finally {
    await browser.close();
  }
});
