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
