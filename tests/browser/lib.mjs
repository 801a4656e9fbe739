// lib.mjs: shared helpers for the browser tests. Debian's Chromium (never a downloaded
// browser) driven by playwright-core; axe-core for WCAG 2.1 AA; TOTP computed here,
// independently of the server's liboath.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const BASE = process.env.BP_URL;
if (!BASE) throw new Error('BP_URL is not set: run tests/browser/run.sh');

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page that fails the test on any console error: a CSP violation shows up there.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'nb-NO', ...options });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => page.consoleErrors.push(String(err)));
  return page;
}

// axe-core over the whole page, WCAG 2.0/2.1 A and AA rules: zero violations.
export async function checkA11y(page, label) {
  const has = await page.evaluate('typeof window.axe !== "undefined"');
  if (!has) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const found = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(found, [], `axe violations on ${label}`);
  return result.passes.length;
}

export function bpadm(...args) {
  return execFileSync(process.env.BP_BPADM, ['-c', process.env.BP_CONF, ...args],
    { encoding: 'utf8' }).trim();
}

// RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 secret.
export function totp(secretBase32, when = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`bad base32 character ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(when / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const off = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// The test clock's offset in ms (bpadm clock), so codes match the server's "now".
export function clockOffset() {
  const out = bpadm('clock');
  const m = out.match(/forskjøvet (-?\d+) sekunder/);
  return m ? Number(m[1]) * 1000 : 0;
}

// Register through an invitation link as a person would; returns the TOTP secret.
export async function registerVia(page, link, who, a11y = null) {
  await page.goto(link);
  if (a11y) await checkA11y(page, `${a11y}: registration`);
  await page.getByLabel('Fullt navn').fill(who.name);
  await page.getByLabel('E-postadresse').fill(who.email);
  await page.getByLabel('Passord', { exact: true }).fill(who.password);
  await page.getByLabel('Gjenta passordet').fill(who.password);
  if (who.bydel) await page.getByLabel('Bydel').selectOption({ label: who.bydel });
  if (who.tjenestetype) await page.getByLabel('Tjenestetype').selectOption({ label: who.tjenestetype });
  await page.getByLabel(/Jeg har lest og godtar/).check();
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.waitForLoadState();
  const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
  await page.getByLabel('Engangskode fra appen').fill(totp(secret, Date.now() + clockOffset()));
  await page.getByRole('button', { name: 'Fullfør registreringen' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('status').innerText(), /Registreringen er fullført/);
  return secret;
}

// Log in; the code is for the next 30 s step (registration spent the current one).
export async function loginAs(page, who, secret, stepsAhead = 1) {
  await page.goto(`${BASE}/cgi-bin/login`);
  await page.getByLabel('E-post').fill(who.email);
  await page.getByLabel('Passord').fill(who.password);
  await page.getByLabel('Engangskode').fill(totp(secret, Date.now() + clockOffset() + 30000 * stepsAhead));
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForLoadState();
}

// "Inviter til Brukerplan": one link for role with the given choices; returns it.
export async function inviteLink(page, { role, region, kommune, instans }, a11y = null) {
  await page.goto(`${BASE}/cgi-bin/invite`);
  if (a11y) await checkA11y(page, `${a11y}: invite form`);
  const select = page.getByLabel(/^Tilhørighet/);
  if (await select.count()) await select.selectOption({ label: role });
  if (region) await page.getByLabel(/^KORUS-region/).selectOption({ label: region });
  if (kommune) await page.getByLabel(/^Kommune\/bydel/).selectOption({ label: kommune });
  if (instans) await page.getByLabel(/^Instans/).fill(instans);
  await page.getByRole('button', { name: 'Lag registreringslenker' }).click();
  await page.waitForLoadState();
  const links = await page.locator('section.created code').allInnerTexts();
  assert.equal(links.length, 1, 'one new link is shown');
  if (a11y) await checkA11y(page, `${a11y}: new link`);
  return links[0];
}

// A valid fødselsnummer born ddmmyy (the rules in cgi-bin/lib/fnr.c): the first individnummer
// from `from` whose control digits exist. Synthetic test numbers: add 80 to the month.
export function fnrFor(ddmmyy, from = 100) {
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const control = (digits, w) => {
    const k = (11 - (w.reduce((s, x, i) => s + x * Number(digits[i]), 0) % 11)) % 11;
    return k === 10 ? null : String(k);
  };
  for (let i = from; i < 1000; i++) {
    const nine = ddmmyy + String(i).padStart(3, '0');
    const k1 = control(nine, w1);
    const k2 = k1 && control(nine + k1, w2);
    if (k2) return nine + k1 + k2;
  }
  throw new Error(`no number for ${ddmmyy}`);
}
