// Real-window E2E in keyring mode: scripts/test-all.sh runs the E2E inside a private D-Bus
// session with an unlocked gnome-keyring (REDRESS_KEYRING_EXPECT=available). The store is
// created with the keyring, opens with nothing typed, and survives a backup and a restore
// (through the same commands the Back up / Restore buttons call; the native file dialogs
// themselves cannot be driven by WebDriver).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Driver, startTauriDriver } from './webdriver.mjs';

const enabled = process.env.REDRESS_KEYRING_EXPECT === 'available';
const app = process.env.REDRESS_APP_BINARY;
const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-keyring-'));
let driverProcess;
const driver = new Driver('');

before(async () => {
  if (!enabled) return;
  assert.ok(app && existsSync(app), `REDRESS_APP_BINARY must name the built app, got ${app}`);
  const { child, base } = await startTauriDriver(4564, { ...process.env, REDRESS_DATA_DIR: dataDir });
  driverProcess = child;
  driver.base = base;
  await driver.start(app);
  await driver.until('the app', async () => (await driver.findAll('nav [data-screen]')).length >= 6);
});

after(async () => {
  await driver.stop();
  driverProcess?.kill();
});

async function visible(css) {
  return (await driver.findAll(css)).length > 0;
}

async function invoke(cmd, args) {
  return driver.execute(
    `const [cmd, args, done] = arguments;
     window.__TAURI_INTERNALS__.invoke(cmd, args).then((v) => done({ ok: v }), (e) => done({ err: e }));`,
    [cmd, args],
  );
}

test('keyring mode: create, add, lock, unlock with nothing typed, back up, restore', { skip: !enabled && 'needs the keyring session prepared by scripts/test-all.sh' }, async () => {
  await driver.click('[data-screen="people"]');
  await driver.until('the create form', () => visible('[data-testid="create-store"]'));
  await driver.click('[data-testid="mode-keyring"]');
  await driver.click('[data-testid="create-store"]');
  await driver.until('the profile form', () => visible('[data-testid="profile-form"]'), 20000);
  assert.equal(await driver.text('[data-testid="store-mode"]'), "this computer's keyring");

  await driver.type('[data-testid="field-name"]', 'Malik Benali');
  await driver.type('[data-testid="field-emails"]', 'malik@example.org');
  await driver.click('[data-testid="save-profile"]');
  await driver.until('Malik in the list', () => visible('[data-person-id="1"]'));

  await driver.click('[data-testid="lock-store"]');
  await driver.until('locked', async () => /locked/i.test(await driver.text('[data-testid="lock-state"]')));
  // The unlock screen opens a keyring store by itself.
  await driver.click('[data-screen="vendors"]');
  await driver.click('[data-screen="people"]');
  await driver.until('Malik again', () => visible('[data-person-id="1"]'), 20000);

  const backup = join(dataDir, 'people.backup');
  const written = await invoke('store_backup', { path: backup, passphrase: 'backup passphrase' });
  assert.ok(written.ok?.bytes > 0, JSON.stringify(written));
  const refused = await invoke('store_restore', { path: backup, backupPassphrase: 'wrong one!', mode: 'keyring', passphrase: null, overwrite: true });
  assert.equal(refused.err?.code, 'wrong_passphrase', JSON.stringify(refused));
  const restored = await invoke('store_restore', { path: backup, backupPassphrase: 'backup passphrase', mode: 'keyring', passphrase: null, overwrite: true });
  assert.equal(restored.ok?.unlocked, true, JSON.stringify(restored));
  const people = await invoke('profiles_list', {});
  assert.deepEqual(people.ok.map((p) => p.name), ['Malik Benali']);
});
