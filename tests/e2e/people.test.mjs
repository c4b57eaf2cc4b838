// Real-window E2E for the encrypted store: create it with a passphrase, add people (and be
// refused bad input), lock, fail with a wrong passphrase, unlock, find everything again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const artifacts = join(root, 'tests/e2e/artifacts');
const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-people-'));
const PASS = 'e2e store passphrase';
let driver;
let stop;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  ({ driver, stop } = await openApp(4554, dataDir));
});

after(async () => stop?.());

async function clearAndType(css, text) {
  const id = await driver.find(css);
  await driver.call('POST', driver.s(`/element/${id}/clear`), {});
  await driver.call('POST', driver.s(`/element/${id}/value`), { text });
}

async function visible(css) {
  return (await driver.findAll(css)).length > 0;
}

test('a first-time user creates a passphrase store', async () => {
  await driver.click('[data-screen="people"]');
  await driver.until('the create form', () => visible('[data-testid="create-store"]'));
  await driver.click('[data-testid="mode-passphrase"]');
  await clearAndType('[data-testid="new-passphrase"]', PASS);
  await clearAndType('[data-testid="repeat-passphrase"]', 'something else');
  await driver.click('[data-testid="create-store"]');
  await driver.until('the mismatch message', async () => (await driver.text('[data-testid="unlock-problem"]')).includes('differ'));
  await clearAndType('[data-testid="repeat-passphrase"]', PASS);
  await driver.click('[data-testid="create-store"]');
  await driver.until('the profile form', () => visible('[data-testid="profile-form"]'), 20000);
  assert.ok(existsSync(join(dataDir, 'redress.db')), 'the store file exists');
});

test('people are added, and bad input is refused with the field named', async () => {
  await clearAndType('[data-testid="field-name"]', 'Zoé Martin');
  await clearAndType('[data-testid="field-emails"]', 'zoe@');
  await driver.click('[data-testid="save-profile"]');
  await driver.until('the e-mail problem', async () => (await driver.text('[data-testid="profile-problem"]')).includes('"zoe@" is not a well-formed e-mail address'));
  await clearAndType('[data-testid="field-emails"]', 'zoe.martin@example.fr, zoe@perso.example');
  await clearAndType('[data-testid="field-phones"]', '+33 6 12 34 56 78');
  // U+E007 is WebDriver's Enter key: a new line in the address, as a person types it.
  await clearAndType('[data-testid="field-address"]', '12 rue de la République\uE00769002 Lyon');
  await driver.click('[data-testid="save-profile"]');
  await driver.until('Zoé in the list', async () => (await driver.findAll('[data-person-id]')).length === 1);
  assert.match(await driver.text('[data-person-id="1"]'), /Zoé Martin/);
  assert.match(await driver.text('[data-person-id="1"]'), /zoe\.martin@example\.fr/);
  const raw = readFileSync(join(dataDir, 'redress.db'));
  assert.ok(!raw.includes(Buffer.from('Zoé Martin')), 'the name is not in the store file in clear');
  assert.ok(!raw.includes(Buffer.from('SQLite format 3')), 'the store file is not a plain SQLite file');
  await driver.painted();
  writeFileSync(join(artifacts, 'people.png'), await driver.screenshot());
});

test('locking forgets the key; a wrong passphrase changes nothing; the right one brings everything back', async () => {
  await driver.click('[data-testid="lock-store"]');
  await driver.until('the unlock form', () => visible('[data-testid="unlock-passphrase"]'));
  assert.match(await driver.text('[data-testid="lock-state"]'), /locked/i);
  await clearAndType('[data-testid="unlock-passphrase"]', 'not the passphrase');
  await driver.click('[data-testid="unlock-store"]');
  await driver.until('the wrong-passphrase message', async () => (await driver.text('[data-testid="unlock-problem"]')).includes('does not open'), 20000);
  await clearAndType('[data-testid="unlock-passphrase"]', PASS);
  await driver.click('[data-testid="unlock-store"]');
  await driver.until('Zoé again', async () => (await driver.findAll('[data-person-id="1"]')).length === 1, 20000);
  assert.equal(await driver.text('[data-testid="store-mode"]'), 'a passphrase');
});
