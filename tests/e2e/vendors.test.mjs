// Real-window E2E: the built Redress app under Xvfb, driven through tauri-driver and
// WebKitWebDriver. Run by scripts/test-all.sh inside xvfb-run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const artifacts = join(root, 'tests/e2e/artifacts');
const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-'));
let driver;
let stop;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  ({ driver, stop } = await openApp(4544, dataDir));
  await driver.until('the vendor list', async () => (await driver.findAll('[data-vendor-id]')).length > 100);
});

after(async () => stop?.());

test('the navigation frame offers every journey', async () => {
  const labels = [];
  for (const id of await driver.findAll('nav [data-screen]')) {
    labels.push(await driver.call('GET', driver.s(`/element/${id}/text`)));
  }
  for (const name of ['Vendors', 'Letters', 'Cases', 'Discover', 'Complaint']) {
    assert.ok(labels.some((l) => l.startsWith(name)), `nav lacks ${name}: ${labels}`);
  }
  await driver.click('[data-screen="discover"]');
  // Without a store yet, Discover asks for one first (the board is kept per person, encrypted).
  await driver.until('the Discover screen', async () => (await driver.findAll('[data-screen="discover"][aria-current="page"]')).length === 1);
  assert.doesNotMatch(await driver.text('main'), /soon/i);
  await driver.click('[data-screen="vendors"]');
  await driver.until('the Vendors screen', async () => (await driver.text('main h1')) === 'Vendors');
});

test('searching "kaspr" shows its privacy address and the CNIL', async () => {
  await driver.type('[data-testid="vendor-search"]', 'kaspr');
  await driver.until('one result', async () => (await driver.text('[data-testid="result-count"]')).startsWith('1 of'));
  await driver.until('the Kaspr detail', async () => (await driver.text('#vendor-name')) === 'Kaspr');
  assert.equal(await driver.text('[data-testid="privacy-email"]'), 'privacy@kaspr.io');
  assert.match(await driver.text('[data-testid="lead-authority"]'), /CNIL/);
  const detail = await driver.text('[data-testid="vendor-detail"]');
  assert.match(detail, /KASPR SAS/);
  assert.match(detail, /38 rue Dunois/);
  assert.match(detail, /843 898 396/);
  await driver.painted();
  writeFileSync(join(artifacts, 'vendors-kaspr.png'), await driver.screenshot());
});

test('a vendor nobody documented says "unknown" instead of guessing', async () => {
  const search = await driver.find('[data-testid="vendor-search"]');
  await driver.call('POST', driver.s(`/element/${search}/clear`), {});
  await driver.type('[data-testid="vendor-search"]', 'getprospect');
  await driver.until('the GetProspect detail', async () => (await driver.text('#vendor-name')) === 'GetProspect');
  assert.equal(await driver.text('[data-testid="privacy-email"]'), 'unknown');
  assert.match(await driver.text('[data-testid="lead-authority"]'), /unknown/);
});

test('the app imports a registry file, and refuses a broken one without changing anything', async () => {
  const broken = await driver.invoke('registry_import', { path: join(root, 'tests/cli/fixtures/broken-email.json') });
  assert.equal(broken.err?.code, 'invalid_input', JSON.stringify(broken));
  assert.match(broken.err.message, /vendor "broken-leads" \(vendors\[0\]\), field contacts\.privacy_email/);
  const info = await driver.invoke('registry_info', {});
  assert.equal(info.ok.vendors, 128);

  const good = await driver.invoke('registry_import', { path: join(root, 'tests/cli/fixtures/extension.json') });
  assert.deepEqual(good.ok?.vendorsAdded, ['acme-leads'], JSON.stringify(good));
  const saved = JSON.parse(readFileSync(join(dataDir, 'registry-imports.json'), 'utf8'));
  assert.equal(saved.vendors[0].id, 'acme-leads');

  const reset = await driver.invoke('registry_reset_imports', {});
  assert.equal(reset.ok.vendors, 128);
});

test('the window may use only what it needs: no window, path, app or shell API', async () => {
  for (const cmd of ['plugin:app|version', 'plugin:path|resolve_directory', 'plugin:window|close', 'plugin:shell|execute', 'plugin:fs|read_file']) {
    const answer = await driver.invoke(cmd, {});
    assert.ok('err' in answer, `${cmd} was allowed: ${JSON.stringify(answer)}`);
  }
  // What it needs still works: a Redress command.
  assert.equal((await driver.invoke('registry_info', {})).ok?.vendors, 128);
});
