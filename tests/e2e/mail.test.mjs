// Real-window E2E for sending through the person's own mailbox, against a real Dovecot and
// Postfix on 127.0.0.1 (tests/mail-servers): connect the mailbox in its panel (a wrong password
// and a missing certificate authority each named for what they are, then the test CA), send
// letters from the Letters screen (one delivered, one refused with the server's words, one
// cancelled in the outbox, one for a web form marked sent by hand) and one from a case, then
// find both delivered letters in the vendor's Maildir and their cases sent.
//
// scripts/test-all.sh starts the servers and passes their folder in REDRESS_MAIL_SERVERS_DIR;
// run alone (as root), the test starts and stops an instance of its own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp } from './webdriver.mjs';

const root = resolve(import.meta.dirname, '../..');
const artifacts = join(root, 'tests/e2e/artifacts');
const script = join(root, 'tests/mail-servers/mail-servers.sh');
const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-mail-'));
let servers = process.env.REDRESS_MAIL_SERVERS_DIR ?? null;
const ownServers = servers === null;
let env;
let driver;
let stop;

function mailServers(...args) {
  const run = spawnSync(script, args, { encoding: 'utf8' });
  assert.equal(run.status, 0, `mail-servers.sh ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
}

/** The letters in a mailbox's INBOX, oldest first, as Dovecot stored them. */
function delivered(name) {
  const box = env[`MAILDIR_${name}`];
  const files = ['new', 'cur'].flatMap((sub) => {
    try {
      return readdirSync(join(box, sub)).map((f) => join(box, sub, f));
    } catch {
      return [];
    }
  });
  return files.sort().map((f) => readFileSync(f, 'utf8'));
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  if (ownServers) {
    // Short: Dovecot's socket paths must fit.
    servers = mkdtempSync('/tmp/rms-e2e-');
    mailServers('start', servers);
  }
  env = Object.fromEntries(
    readFileSync(join(servers, 'env'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  ({ driver, stop } = await openApp(4604, dataDir));
  const created = await driver.invoke('store_create', { mode: 'passphrase', passphrase: 'mail e2e passphrase' });
  assert.equal(created.ok?.unlocked, true, JSON.stringify(created));
  const input = { name: 'Zoé Martin', address: [], emails: [env.USER_PERSON], phones: [], employer: null, linkedinUrl: null, lang: 'en', notes: null, actingFor: false };
  assert.equal((await driver.invoke('profile_save', { id: null, input })).ok?.id, 1);
  // Made-up vendors whose privacy addresses are mailboxes of the test servers (the file dialog is the system's).
  const imported = await driver.invoke('registry_import', { path: join(root, 'tests/cli/fixtures/mail-vendors.json') });
  assert.ok(imported.ok, JSON.stringify(imported).slice(0, 300));
});

after(async () => {
  await stop?.();
  if (ownServers && servers) mailServers('stop', servers);
});

const text = async (css) => (await driver.text(css)).replace(/\s+/g, ' ');
const count = async (css) => (await driver.findAll(css)).length;

test('connect the mailbox: each failure says which server and what to do, then both servers accept', async () => {
  await driver.click('[data-screen="vendors"]');
  await driver.click('[data-screen="people"]');
  await driver.until('the mailbox panel', async () => (await count('[data-testid="mailbox-address"]')) === 1, 20000);
  // The profile's address is proposed; the provider list does not know the test domain.
  await driver.until('the advice for an unknown provider', async () => (await text('[data-testid="mailbox-advice"]')).includes('type them below'));
  await driver.setValue('[data-testid="imap-host"]', env.HOST);
  await driver.setValue('[data-testid="imap-port"]', env.IMAPS_PORT);
  await driver.setValue('[data-testid="smtp-host"]', env.HOST);
  await driver.setValue('[data-testid="smtp-port"]', env.SMTPS_PORT);

  // A wrong password: the incoming server is named, and the password field is emptied.
  await driver.setValue('[data-testid="mailbox-ca"]', env.CA_FILE);
  await driver.setValue('[data-testid="mailbox-password"]', 'not the password');
  await driver.click('[data-testid="mailbox-connect"]');
  await driver.until('the login refusal', async () => (await text('[data-testid="mailbox-problem"]')).includes(`incoming mail server (IMAP, ${env.HOST}:${env.IMAPS_PORT}) refused the login`));
  assert.match(await text('[data-testid="mailbox-problem"]'), /app password.*Nothing was saved/);
  assert.equal(await driver.execute('arguments[0](document.querySelector(\'[data-testid="mailbox-password"]\').value)'), '');

  // The right password without the private CA: the certificate is refused, and the panel says where to give it.
  await driver.setValue('[data-testid="mailbox-ca"]', '');
  await driver.setValue('[data-testid="mailbox-password"]', env.PASS_PERSON);
  await driver.click('[data-testid="mailbox-connect"]');
  await driver.until('the certificate refusal', async () => (await text('[data-testid="mailbox-problem"]')).includes('choose its certificate file below'));
  assert.equal((await driver.invoke('mail_status', {})).ok?.accounts.length, 0, 'nothing saved after two failures');

  await driver.setValue('[data-testid="mailbox-ca"]', env.CA_FILE);
  await driver.setValue('[data-testid="mailbox-password"]', env.PASS_PERSON);
  await driver.click('[data-testid="mailbox-connect"]');
  await driver.until('the connected mailbox', async () => (await text('[data-testid="mailbox-connected"]')).includes(env.USER_PERSON), 30000);
  assert.match(await text('[data-testid="mailbox-done"]'), /both servers accepted the login.*“Sent” folder.*inside your encrypted store/);
  assert.equal(await count('[data-testid="mailbox-password"]'), 0, 'the password field is gone once connected');
  const status = await driver.invoke('mail_status', {});
  assert.equal(status.ok?.accounts[0]?.passwordIn, 'store');
  assert.ok(!JSON.stringify(status).includes(env.PASS_PERSON), 'the password never comes back to the window');
  await driver.painted();
  writeFileSync(join(artifacts, 'mailbox-connected.png'), await driver.screenshot());
});

test('send from the Letters screen and from a case: the letters arrive and their cases are sent', async () => {
  await driver.click('[data-screen="letters"]');
  await driver.until('the letter form', async () => (await count('[data-testid="kind-access"]')) === 1, 20000);
  await driver.click('[data-testid="kind-access"]');
  await driver.setValue('[data-testid="letter-vendor-search"]', 'mailtest');
  await driver.until('the test vendors', async () => (await count('[data-vendor-id^="mailtest-"]')) >= 4);
  // In this order the batch is: delivered, refused (5xx), then the busy one, cancelled before its turn.
  for (const id of ['mailtest-kaspr', 'mailtest-refuses', 'mailtest-busy', 'mailtest-webform']) await driver.click(`[data-vendor-id="${id}"]`);
  await driver.until('the send button', async () => (await text('[data-testid="letters-send"]')).includes('Send 4 by e-mail'));
  await driver.click('[data-testid="letters-send"]');

  await driver.until('the first letter sent', async () => (await count('[data-result="sent"]')) === 1, 30000);
  assert.match(await text('[data-testid="send-progress"]'), /Letter [12] of 3: to /);
  await driver.painted();
  writeFileSync(join(artifacts, 'send-progress.png'), await driver.screenshot());
  // The refusal comes after the 10 s pace; Cancel during the next pause leaves the busy one queued.
  await driver.until('the refusal', async () => (await count('[data-result="refused"]')) === 1, 30000);
  await driver.click('[data-testid="send-cancel"]');
  await driver.until('the end of the batch', async () => (await text('[data-testid="send-summary"]')).length > 0, 30000);
  assert.equal(await text('[data-testid="send-summary"]'), '1 sent · 1 to send yourself · 2 not sent');
  const row = (id) => text(`[data-outcome-case="${id}"]`);
  const cases = (await driver.invoke('cases_list', {})).ok;
  const caseOf = (vendor) => cases.find((c) => c.vendorId === vendor).id;
  assert.match(await row(caseOf('mailtest-refuses')), /Refused by the server.*“.*550.*Mailbox unavailable.*”/);
  assert.match(await row(caseOf('mailtest-busy')), /Waiting in the outbox.*Send again/);
  assert.match(await row(caseOf('mailtest-webform')), /Web form.*Open the web form.*Mark sent \(web form\)/);
  await driver.painted();
  writeFileSync(join(artifacts, 'send-list.png'), await driver.screenshot());

  // The web form's case, marked sent from the list.
  await driver.click(`[data-outcome-case="${caseOf('mailtest-webform')}"] [data-testid="mark-sent"]`);
  await driver.until('the web form marked sent', async () => (await row(caseOf('mailtest-webform'))).includes('Marked sent'));
  await driver.click('[data-testid="send-close"]');

  // A second request to the same vendor, sent from its case.
  await driver.click('[data-screen="cases"]');
  await driver.until('the case form', async () => (await count('[data-testid="case-vendor"] option[value="mailtest-kaspr"]')) === 1, 20000);
  await driver.setValue('[data-testid="case-vendor"]', 'mailtest-kaspr');
  await driver.click('[data-testid="open-case"]');
  await driver.until('the new case', async () => (await count('[data-case-id="5"]')) === 1);
  await driver.until('its send button', async () => (await count('[data-testid="case-send"]')) === 1);
  await driver.click('[data-testid="case-send"]');
  await driver.until('the case sent', async () => (await text('[data-testid="case-timeline"]')).includes('marked sent · by email'), 30000);
  await driver.until('the outbox', async () => (await text('[data-testid="outbox"]')).includes('2 sent'));
  assert.match(await text('[data-testid="outbox"]'), /1 failed.*1 queued.*2 sent/);
  await driver.painted();
  writeFileSync(join(artifacts, 'cases-outbox.png'), await driver.screenshot());

  // Both letters are in the vendor's mailbox, each with the Message-ID its case records.
  const letters = delivered('DPO');
  assert.equal(letters.length, 2, 'two letters delivered to dpo@kaspr.test');
  const after = (await driver.invoke('cases_list', {})).ok;
  const outbox = (await driver.invoke('mail_status', {})).ok.outbox.filter((e) => e.state === 'sent');
  assert.equal(outbox.length, 2);
  for (const e of outbox) {
    assert.ok(letters.some((l) => l.includes(`Message-ID: ${e.messageId}`)), `${e.messageId} delivered`);
    const c = after.find((x) => x.id === e.caseId);
    assert.equal(c.status, 'sent', `case ${c.id} is sent`);
    assert.ok(c.timeline.some((t) => t.what === 'sent' && (t.details ?? '').includes(e.messageId)), JSON.stringify(c.timeline));
  }
  assert.ok(letters.every((l) => l.includes(`From: Zoé Martin <${env.USER_PERSON}>`) || l.includes(env.USER_PERSON)));
  assert.equal(after.find((c) => c.vendorId === 'mailtest-webform').status, 'sent');
  assert.equal(after.find((c) => c.vendorId === 'mailtest-refuses').status, 'draft', 'a refused letter marks nothing');
  assert.equal(after.find((c) => c.vendorId === 'mailtest-busy').status, 'draft', 'a cancelled letter marks nothing');
});
