// Real-window E2E for cases: open a case against Kaspr, mark it sent, see the deadline counted
// and the case overdue, be refused an impossible step, record an incomplete answer, import the
// vendors' replies, tick what an answer lacks, and build the complaint file from it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp } from './webdriver.mjs';

const artifacts = join(resolve(import.meta.dirname, '../..'), 'tests/e2e/artifacts');
const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-cases-'));
let driver;
let stop;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  ({ driver, stop } = await openApp(4574, dataDir));
  // A passphrase store with one person, made through the same commands the screens use.
  const created = await driver.invoke('store_create', { mode: 'passphrase', passphrase: 'cases e2e passphrase' });
  assert.equal(created.ok?.unlocked, true, JSON.stringify(created));
  const person = await driver.invoke('profile_save', {
    id: null,
    input: { name: 'Zoé Martin', address: [], emails: ['zoe@example.fr'], phones: [], employer: null, linkedinUrl: null, lang: 'fr', notes: null, actingFor: false },
  });
  assert.equal(person.ok?.id, 1, JSON.stringify(person));
});

after(async () => stop?.());

const text = (css) => driver.text(css);

test('open a case, mark it sent, see the deadline and the status change', async () => {
  // The nav's lock state was read at start; reload the screens' view of the store.
  await driver.click('[data-screen="vendors"]');
  await driver.click('[data-screen="cases"]');
  await driver.until('the case form', async () => (await driver.findAll('[data-testid="open-case"]')).length > 0, 20000);
  await driver.until('the vendor list', async () => (await driver.findAll('[data-testid="case-vendor"] option')).length > 100);
  await driver.setValue('[data-testid="case-vendor"]', 'kaspr');
  await driver.click('[data-testid="open-case"]');
  await driver.until('the new case', async () => (await driver.findAll('[data-case-id="1"]')).length === 1);
  assert.match(await text('[data-testid="case-status"]'), /draft/);

  // Answered before sent: refused, with what to do.
  await driver.setValue('[data-testid="case-event"]', 'answered');
  await driver.click('[data-testid="record-event"]');
  await driver.until('the refusal', async () => (await text('[data-testid="record-problem"]')).includes('mark it sent first'));

  await driver.setValue('[data-testid="case-event"]', 'sent');
  await driver.setValue('[data-testid="case-on"]', '2025-03-05');
  await driver.setValue('[data-testid="case-channel"]', 'email');
  await driver.click('[data-testid="record-event"]');
  await driver.until('the deadline', async () => (await text('[data-testid="case-status"]')).includes('Due Mon 7 Apr 2025'));
  assert.match(await text('[data-testid="case-status"]'), /Overdue/, 'March 2025 is long past');
  assert.match(await text('[data-testid="case-detail"]'), /Saturday 5 April 2025 is a weekend day/);
  assert.match(await text('[data-testid="case-timeline"]'), /2025-03-05 marked sent · by email/);
  await driver.painted();
  writeFileSync(join(artifacts, 'cases.png'), await driver.screenshot());

  await driver.setValue('[data-testid="case-event"]', 'answered');
  await driver.setValue('[data-testid="case-on"]', '2025-04-02');
  await driver.setValue('[data-testid="case-answer"]', 'incomplete');
  await driver.click('[data-testid="record-event"]');
  await driver.until('the answer', async () => (await text('[data-testid="case-status"]')).includes('answered (incomplete)'));
  assert.match(await text('[data-testid="case-detail"]'), /Send a reminder listing what is missing/);
});

test('deadlines of cases awaiting an answer go to a calendar file', async () => {
  const opened = await driver.invoke('case_open', { profileId: 1, vendorId: 'lusha', kind: 'access' });
  const id = opened.ok?.id;
  assert.equal(typeof id, 'number', JSON.stringify(opened));
  const input = { event: 'sent', on: '2026-11-20', channel: 'email', receivedOn: null, reference: null, answer: null, note: null };
  assert.equal((await driver.invoke('case_record', { id, input })).ok?.due, '2026-12-21');
  const path = join(dataDir, 'deadlines.ics');
  assert.equal((await driver.invoke('cases_export_ics', { path })).ok, 1, 'only the case awaiting an answer');
  const ics = readFileSync(path, 'utf8').replaceAll('\r\n ', '');
  assert.match(ics, /DTSTART;VALUE=DATE:20261221/);
  assert.match(ics, /SUMMARY:Lusha must answer Zoé Martin's request \(Art\. 12\(3\) GDPR\)/);
});

test('import a reply: it is kept with its case, and the checklist feeds the reminder', async () => {
  const fixture = join(resolve(import.meta.dirname, '../..'), 'tests/fixtures/replies/kaspr-incomplete-answer.eml');
  // The file dialog is the system's; the import goes through the same command as the button.
  const imported = await driver.invoke('case_import_reply', { path: fixture, id: null, answer: null });
  assert.equal(imported.ok?.case?.id, 1, JSON.stringify(imported).slice(0, 400));
  assert.match(imported.ok.linkedBecause.join(' '), /kaspr\.io/);
  assert.ok(imported.ok.hints.some((h) => h.item === 'source' && h.vague), 'the vague "public sources" is pointed out');

  await driver.click('[data-screen="vendors"]');
  await driver.click('[data-screen="cases"]');
  await driver.until('the case list', async () => (await driver.findAll('[data-case-id="1"]')).length === 1, 20000);
  await driver.click('[data-case-id="1"]');
  await driver.until('the reply in the case', async () => (await text('[data-testid="case-files"]')).includes('kaspr-incomplete-answer.eml'));
  assert.match(await text('[data-testid="case-files"]'), /from privacy@kaspr\.io · 2025-04-01/);

  await driver.click('[data-item="source-missing"]');
  await driver.click('[data-item="recipients-missing"]');
  await driver.click('[data-item="retention-present"]');
  await driver.until('two missing items', async () => (await text('[data-testid="case-detail"]')).includes('2 missing items will be listed in the reminder'));
  await driver.painted();
  writeFileSync(join(artifacts, 'cases-checklist.png'), await driver.screenshot());

  const request = { kind: 'reminder', profileId: 1, agentProfileId: null, vendorIds: [], allVendors: false, company: null, lang: 'en', place: null, registered: false, directMarketing: true, reasons: [], caseId: 1, missing: [] };
  const preview = await driver.invoke('letter_preview', { request });
  const letter = (preview.ok?.text ?? JSON.stringify(preview)).replace(/\s+/g, ' ');
  assert.match(letter, /It does not contain: - the identity of each recipient/);
  assert.match(letter, /the actual source of each item of my data/);
  assert.doesNotMatch(letter, /retention period/, 'what the answer contains is not chased');
});

test('a reply from the vendor that was waiting changes the case, in the window', async () => {
  const fixture = join(resolve(import.meta.dirname, '../..'), 'tests/fixtures/replies/lusha-no-data.eml');
  const imported = await driver.invoke('case_import_reply', { path: fixture, id: null, answer: 'no-data-held' });
  assert.equal(imported.ok?.case?.vendorId, 'lusha', JSON.stringify(imported).slice(0, 300));
  await driver.click('[data-screen="vendors"]');
  await driver.click('[data-screen="cases"]');
  await driver.until('the Lusha case', async () => (await driver.findAll('[data-case-id="2"]')).length === 1, 20000);
  await driver.click('[data-case-id="2"]');
  await driver.until('the new status', async () => (await text('[data-testid="case-status"]')).includes('answered (no data held)'));
  assert.match(await text('[data-testid="case-timeline"]'), /2026-11-23 answered · no data held/);
  assert.match(await text('[data-testid="case-files"]'), /lusha-no-data\.eml from privacy@lusha\.com/);
});

test('the complaint screen builds the CNIL file from the Kaspr case', async () => {
  await driver.click('[data-screen="complaint"]');
  await driver.until('the complaint preview', async () => (await text('[data-testid="complaint-preview"]')).includes('Plainte auprès de la CNIL'), 20000);
  const preview = (await text('[data-testid="complaint-preview"]')).replace(/\s+/g, ' ');
  for (const expected of [
    'KASPR SAS (SIREN 843 898 396)',
    "Réponse incomplète à ma demande d'accès",
    'SAN-2024-020',
    'Fin du délai de réponse (lundi 7 avril 2025)',
    'Réponse de la société du 1er avril 2025',
  ]) {
    assert.ok(preview.includes(expected), `${expected} missing from the complaint preview`);
  }
  await driver.painted();
  writeFileSync(join(artifacts, 'complaint.png'), await driver.screenshot());

  const path = join(dataDir, 'plainte-kaspr.pdf');
  const request = { caseIds: [1], agentProfileId: null, neverInformed: false, observations: [] };
  const saved = await driver.invoke('dossier_save', { request, path });
  assert.equal(saved.ok?.path, path, JSON.stringify(saved).slice(0, 300));
  assert.ok(saved.ok.pages >= 4, `${saved.ok.pages} pages`);
  const pdf = spawnSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  assert.equal(pdf.status, 0, `pdftotext failed (install poppler-utils): ${pdf.stderr}`);
  const words = pdf.stdout.replace(/\s+/g, ' ');
  for (const expected of ['Plainte auprès de la CNIL', 'Chronologie', 'Pièce n° 2', 'Ces données proviennent de sources publiques']) {
    assert.ok(words.includes(expected), `${expected} missing from the saved PDF`);
  }

  // Filed with a German authority instead: the complaint is written in German.
  await driver.setValue('[data-testid="complaint-authority"]', 'debfdi');
  await driver.until('the German complaint', async () => (await text('[data-testid="complaint-preview"]')).includes('Beschwerde'));
  assert.match(await text('[data-testid="complaint-preview"]'), /Art\. 15 Abs\. 1 lit\. g DSGVO/);
});
