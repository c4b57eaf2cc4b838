// Real-window E2E for Discover: scan a mailbox for a person, see the exposure board fill in
// (vendors that wrote, tools used to prospect, companies to ask), record a self-check, run the
// breach check against a local stand-in for Have I Been Pwned (127.0.0.1), and start the letters
// from the board.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const artifacts = join(root, 'tests/e2e/artifacts');
const mailFixtures = join(root, 'src-tauri/crates/redress-mail/tests/fixtures/mail');
const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-discover-'));
let driver;
let stop;
let hibp;
const hibpRequests = [];

const APOLLO = [{ Name: 'Apollo', Title: 'Apollo', Domain: 'apollo.io', BreachDate: '2018-07-23', PwnCount: 125929660, DataClasses: ['Email addresses', 'Employers'] }];

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  // The stand-in for HIBP: Camille's address is in the Apollo breach.
  hibp = createServer((req, res) => {
    hibpRequests.push({ url: req.url, key: req.headers['hibp-api-key'], agent: req.headers['user-agent'] });
    if (decodeURIComponent(req.url).includes('/breachedaccount/camille.martin@example.org?')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(APOLLO));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => hibp.listen(0, '127.0.0.1', ok));
  process.env.REDRESS_HIBP_URL = `http://127.0.0.1:${hibp.address().port}`;
  process.env.REDRESS_TEST_MODE = '1';
  ({ driver, stop } = await openApp(4594, dataDir));
  const created = await driver.invoke('store_create', { mode: 'passphrase', passphrase: 'discover e2e passphrase' });
  assert.equal(created.ok?.unlocked, true, JSON.stringify(created));
  const camille = {
    name: 'Camille Martin',
    address: ['3 place Bellecour', '69002 Lyon'],
    emails: ['camille.martin@example.org'],
    phones: [],
    employer: 'Example SA',
    linkedinUrl: null,
    lang: 'en',
    notes: null,
    actingFor: false,
  };
  assert.equal((await driver.invoke('profile_save', { id: null, input: camille })).ok?.id, 1);
});

after(async () => {
  await stop?.();
  hibp?.close();
});

const text = async (css) => (await driver.text(css)).replace(/\s+/g, ' ');
const status = async (vendor) =>
  driver.execute(`const done = arguments[arguments.length - 1]; done(document.querySelector('[data-vendor="${vendor}"]')?.dataset.status ?? null);`);

test('a scanned mailbox fills the board: vendors, prospecting tools, companies to ask', async () => {
  await driver.click('[data-screen="discover"]');
  await driver.until('the scan panel', async () => (await driver.findAll('[data-testid="drop-zone"]')).length === 1, 20000);
  // The file dialog (and a drop) hand their paths to the same command.
  const scanned = await driver.invoke('discover_scan', { profileId: 1, paths: [mailFixtures] });
  assert.equal(scanned.ok?.messages, 5, JSON.stringify(scanned).slice(0, 300));
  assert.equal(scanned.ok.companies.length, 2);

  await driver.click('[data-screen="vendors"]');
  await driver.click('[data-screen="discover"]');
  await driver.until('Kaspr confirmed', async () => (await status('kaspr')) === 'confirmed', 20000);
  assert.equal(await status('lemlist'), 'likely');
  const kaspr = await text('[data-vendor="kaspr"]');
  assert.match(kaspr, /Kaspr e-mailed you \(1 message\(s\), last on 2026-02-12\): it has your address\./);
  assert.match(await text('[data-testid="scan-headline"]'), /5 messages .*: 2 vendors, 3 tools, 2 companies to ask/);
  const companies = await text('[data-testid="companies"]');
  assert.match(companies, /northwind-sales\.example · 1 message via Mixmax · tom@northwind-sales\.example/);
  assert.match(companies, /acme-growth\.example/);
  const examples = await text('[data-testid="scan-examples"]');
  assert.match(examples, /email\.mixmax\.com\/api\/track/);
  await driver.painted();
  writeFileSync(join(artifacts, 'discover.png'), await driver.screenshot());
});

test('a self-check on the vendor page is recorded and moves the vendor', async () => {
  await driver.setValue('input[type="search"]', 'lusha');
  await driver.until('Lusha listed', async () => (await driver.findAll('[data-vendor="lusha"]')).length === 1);
  assert.equal(await status('lusha'), 'unknown');
  await driver.click('[data-testid="self-check-lusha"]');
  await driver.click('input[type="radio"][value="not-found"]');
  await driver.type('.self-check input[type="text"]', 'searched my work e-mail');
  await driver.click('[data-testid="record-self-check"]');
  await driver.until('Lusha says no data', async () => (await status('lusha')) === 'not-held');
  assert.match(await text('[data-vendor="lusha"]'), /showed nothing about you .*searched my work e-mail/);
  await driver.setValue('input[type="search"]', '');
});

test('the breach check asks the local stand-in with the key from the keyring', async () => {
  if (process.env.REDRESS_KEYRING_EXPECT !== 'available') {
    // Without a Secret Service the key cannot be kept; the command says so.
    const refused = await driver.invoke('hibp_set_key', { key: '0123456789abcdef0123456789abcdef' });
    assert.equal(refused.err?.code, 'keyring_unavailable', JSON.stringify(refused));
    return;
  }
  const saved = await driver.invoke('hibp_set_key', { key: '0123456789abcdef0123456789abcdef' });
  assert.ok('ok' in saved, JSON.stringify(saved));
  await driver.click('[data-screen="vendors"]');
  await driver.click('[data-screen="discover"]');
  await driver.until('the check button', async () => (await driver.findAll('[data-testid="hibp-check"]')).length === 1, 20000);
  assert.equal(hibpRequests.length, 0, 'nothing is sent before the button is pressed');
  await driver.click('[data-testid="hibp-check"]');
  await driver.until('the result', async () => (await text('[data-testid="discover-notice"]')).includes('1 breach from the B2B data trade'), 20000);
  assert.equal(hibpRequests.length, 1);
  assert.equal(hibpRequests[0].key, '0123456789abcdef0123456789abcdef');
  assert.match(hibpRequests[0].agent, /^Redress\//);
  // The notice and the list of checks are drawn from two answers: wait for the list too.
  const listed = /camille\.martin@example\.org .*from the B2B trade: Apollo/;
  await driver.until('the check listed', async () => (await driver.findAll('[data-testid="breach-checks"]')).length === 1 && listed.test(await text('[data-testid="breach-checks"]')), 20000);
  await driver.until('Apollo confirmed', async () => (await status('apollo')) === 'confirmed');
  assert.equal((await driver.invoke('hibp_forget_key', {})).ok, null);
});

test('the board starts the letters: all unknown and likely vendors, and a company to ask', async () => {
  const board = await driver.invoke('discover_board', { profileId: 1 });
  const targets = board.ok.requestTargets;
  assert.ok(targets.includes('lemlist') && targets.includes('zoominfo') && !targets.includes('kaspr') && !targets.includes('lusha'));
  await driver.click('[data-testid="ask-all"]');
  await driver.until('the Letters screen with the targets', async () => (await driver.findAll('[data-testid="letter-to"]')).length === 1, 20000);
  await driver.until('the batch', async () => (await text('[data-testid="letter-to"]')).includes(`${targets.length} letters`));

  await driver.click('[data-screen="discover"]');
  await driver.until('the companies', async () => (await driver.findAll('[data-testid="ask-northwind-sales.example"]')).length === 1, 20000);
  await driver.click('[data-testid="ask-northwind-sales.example"]');
  await driver.until('the source inquiry', async () => (await text('[data-testid="letter-text"]')).includes('northwind-sales.example'), 20000);
  const letter = await text('[data-testid="letter-text"]');
  assert.match(letter, /Camille Martin/);
  assert.match(letter, /Article 14/i);
});

test("a company's answer naming its source leads to a case against that vendor", async () => {
  const answer = join(dataDir, 'northwind-answer.eml');
  writeFileSync(
    answer,
    'From: Tom Baker <tom@northwind-sales.example>\r\nTo: camille.martin@example.org\r\nSubject: Re: Where did you get my data?\r\n' +
      'Date: Mon, 16 Nov 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' +
      'Hello Camille,\r\nyour business e-mail and phone number came from our ZoomInfo subscription.\r\nTom\r\n',
  );
  // The dialog hands the chosen file to this command.
  const named = await driver.invoke('discover_read_answer', { path: answer });
  assert.deepEqual(named.ok?.map((m) => m.vendor), ['zoominfo'], JSON.stringify(named));
  assert.match(named.ok[0].excerpt, /came from our ZoomInfo subscription/);
  const opened = await driver.invoke('case_open', { profileId: 1, vendorId: 'zoominfo', kind: 'combined' });
  assert.equal(typeof opened.ok?.id, 'number', JSON.stringify(opened));
  const board = await driver.invoke('discover_board', { profileId: 1 });
  assert.equal(board.ok.rows.find((r) => r.vendor === 'zoominfo').caseId, opened.ok.id);
  assert.ok(!board.ok.requestTargets.includes('zoominfo'), 'a vendor with a case is not asked twice');
  const scan = await driver.invoke('discover_read_answer', { path: join(mailFixtures, 'missing.pdf') });
  assert.equal(scan.err?.code, 'not_found', JSON.stringify(scan));
});
