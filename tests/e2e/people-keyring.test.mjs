// Real-window E2E in keyring mode: scripts/test-all.sh runs the E2E inside a private D-Bus
// session with an unlocked gnome-keyring (REDRESS_KEYRING_EXPECT=available). The store is
// created with the keyring, opens with nothing typed, and survives a backup and a restore
// (through the same commands the Back up / Restore buttons call; the native file dialogs
// themselves cannot be driven by WebDriver).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from './webdriver.mjs';

const enabled = process.env.REDRESS_KEYRING_EXPECT === 'available';
const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-keyring-'));
let driver;
let stop;

before(async () => {
  if (enabled) ({ driver, stop } = await openApp(4564, dataDir));
});

after(async () => stop?.());

async function visible(css) {
  return (await driver.findAll(css)).length > 0;
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
  const written = await driver.invoke('store_backup', { path: backup, passphrase: 'backup passphrase' });
  assert.ok(written.ok?.bytes > 0, JSON.stringify(written));
  const refused = await driver.invoke('store_restore', { path: backup, backupPassphrase: 'wrong one!', mode: 'keyring', passphrase: null, overwrite: true });
  assert.equal(refused.err?.code, 'wrong_passphrase', JSON.stringify(refused));
  const restored = await driver.invoke('store_restore', { path: backup, backupPassphrase: 'backup passphrase', mode: 'keyring', passphrase: null, overwrite: true });
  assert.equal(restored.ok?.unlocked, true, JSON.stringify(restored));
  const people = await driver.invoke('profiles_list', {});
  assert.deepEqual(people.ok.map((p) => p.name), ['Malik Benali']);
});
