// Real-window E2E for letters: pick a person, a kind and a vendor, see the live preview in the
// person's language, switch language, save a real PDF and a batch of e-mails, and be told what
// is missing before a mandate can be written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp } from './webdriver.mjs';

const artifacts = join(resolve(import.meta.dirname, '../..'), 'tests/e2e/artifacts');
const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-letters-'));
// One fixed moment for the app (it inherits the environment) and the CLI: the letters' dates and
// the PDFs' timestamps then match, so their bytes can be compared.
process.env.REDRESS_NOW = '2026-10-06T10:00:00+02:00[Europe/Paris]';
let driver;
let stop;

const person = (name, extra) => ({
  name,
  address: [],
  emails: [],
  phones: [],
  employer: null,
  linkedinUrl: null,
  lang: 'fr',
  notes: null,
  actingFor: false,
  ...extra,
});

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  ({ driver, stop } = await openApp(4584, dataDir));
  const created = await driver.invoke('store_create', { mode: 'passphrase', passphrase: 'letters e2e passphrase' });
  assert.equal(created.ok?.unlocked, true, JSON.stringify(created));
  const zoe = person('Zoé Martin', {
    address: ['12 rue de la République', '69002 Lyon'],
    emails: ['zoe@example.fr'],
    phones: ['+33 6 12 34 56 78'],
    linkedinUrl: 'https://www.linkedin.com/in/zoe-martin',
  });
  assert.equal((await driver.invoke('profile_save', { id: null, input: zoe })).ok?.id, 1);
  const malik = person('Malik Benali', { emails: ['malik@donnees-libres.example'], employer: 'Données Libres' });
  assert.equal((await driver.invoke('profile_save', { id: null, input: malik })).ok?.id, 2);
});

after(async () => stop?.());

// Whitespace collapsed: the preview is wrapped text, and a name may span two lines.
const text = async (css) => (await driver.text(css)).replace(/\s+/g, ' ');

const request = (over) => ({
  kind: 'access',
  profileId: 1,
  agentProfileId: null,
  vendorIds: ['kaspr'],
  allVendors: false,
  company: null,
  lang: 'fr',
  place: 'Lyon',
  registered: false,
  directMarketing: true,
  reasons: [],
  caseId: null,
  missing: [],
  ...over,
});

test('choose a kind and a vendor, and the preview follows, in the chosen language', async () => {
  await driver.click('[data-screen="vendors"]');
  await driver.click('[data-screen="letters"]');
  await driver.until('the letter form', async () => (await driver.findAll('[data-testid="letter-person"] option')).length === 2, 20000);
  assert.match(await text('[data-testid="letter-blocker"]'), /Choose at least one vendor/);

  await driver.click('[data-testid="kind-access"]');
  await driver.setValue('[data-testid="letter-vendor-search"]', 'kaspr');
  await driver.until('kaspr in the list', async () => (await driver.findAll('[data-vendor-id="kaspr"]')).length === 1);
  await driver.click('[data-vendor-id="kaspr"]');
  await driver.until('the French preview', async () => (await text('[data-testid="letter-text"]')).includes("Demande d'accès"));
  const letter = await text('[data-testid="letter-text"]');
  for (const expected of ['Zoé Martin', 'KASPR SAS', 'article 15', 'C-154/21', 'SAN-2024-020', 'https://www.linkedin.com/in/zoe-martin']) {
    assert.ok(letter.includes(expected), `${expected} missing from the preview`);
  }
  assert.match(await text('[data-testid="letter-to"]'), /KASPR SAS.*privacy@kaspr\.io/);
  await driver.painted();
  writeFileSync(join(artifacts, 'letters.png'), await driver.screenshot());

  await driver.setValue('[data-testid="letter-lang"]', 'de');
  await driver.until('the German preview', async () => (await text('[data-testid="letter-text"]')).includes('Auskunftsersuchen'));
  // Kaspr is French: its language is offered back.
  await driver.until("the vendor's language offered", async () => (await driver.findAll('[data-testid="vendor-lang"]')).length === 1);
  await driver.click('[data-testid="vendor-lang"]');
  await driver.until('French again', async () => (await text('[data-testid="letter-text"]')).includes("Demande d'accès"));
  assert.equal((await driver.findAll('[data-testid="vendor-lang"]')).length, 0, 'no offer once the letter is in French');

  // Saving goes through the same command as the buttons (the file dialog itself is the system's).
  const path = join(dataDir, 'kaspr.pdf');
  const saved = await driver.invoke('letters_save', { request: request({ registered: true }), format: 'pdf', path });
  assert.deepEqual(saved.ok, [path], JSON.stringify(saved));
  const pdf = spawnSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  assert.equal(pdf.status, 0, `pdftotext failed (install poppler-utils): ${pdf.stderr}`);
  const words = pdf.stdout.replace(/\s+/g, ' ');
  for (const expected of ['Zoé Martin', 'KASPR SAS', 'Lettre recommandée avec avis de réception', 'Objet']) {
    assert.ok(words.includes(expected), `${expected} missing from the PDF`);
  }
});

test('the app and the CLI write the same letters and complaint, byte for byte: one use case behind both', async () => {
  const cli = process.env.REDRESS_CLI_BINARY;
  assert.ok(cli, 'REDRESS_CLI_BINARY must name the built `redress` (scripts/test-all.sh sets it)');
  // The CLI opens the same store (the app keeps it open; SQLite lets a second reader in), at
  // the same fixed moment (REDRESS_NOW, set above for the app too).
  const passFile = join(dataDir, 'pass.txt');
  writeFileSync(passFile, 'letters e2e passphrase\n');
  const redress = (args) => {
    const run = spawnSync(cli, ['--data-dir', dataDir, '--passphrase-file', passFile, ...args], { encoding: 'utf8', env: process.env });
    assert.equal(run.status, 0, `redress ${args.join(' ')}: ${run.stderr}`);
  };
  // A case sent a month ago, for the reminder and the complaint.
  const opened = await driver.invoke('case_open', { profileId: 1, vendorId: 'kaspr', kind: 'access' });
  const caseId = opened.ok?.id;
  assert.ok(caseId, JSON.stringify(opened));
  const sent = { event: 'sent', on: '2026-09-01', channel: 'email', receivedOn: null, reference: null, answer: null, note: null };
  assert.ok('ok' in (await driver.invoke('case_record', { id: caseId, input: sent })));
  const kinds = [
    ['access', {}, []],
    ['objection', {}, []],
    ['erasure', {}, []],
    ['combined', {}, []],
    ['source-inquiry', { vendorIds: [], company: { name: 'Prospect SAS', email: 'dpo@prospect.example' } }, ['--company', 'Prospect SAS', '--company-email', 'dpo@prospect.example']],
    ['mandate', { agentProfileId: 2 }, ['--vendor', 'kaspr', '--agent-profile', '2']],
    ['reminder', { vendorIds: [], caseId }, ['--case', String(caseId)]],
  ];
  mkdirSync(join(dataDir, 'app'), { recursive: true });
  mkdirSync(join(dataDir, 'cli'), { recursive: true });
  for (const [kind, over, args] of kinds) {
    for (const format of ['txt', 'pdf']) {
      const name = `${kind}.${format}`;
      const saved = await driver.invoke('letters_save', { request: request({ kind, registered: true, ...over }), format, path: join(dataDir, 'app', name) });
      assert.ok(saved.ok, `${kind} ${format}: ${JSON.stringify(saved)}`);
      const vendor = kind === 'access' || kind === 'objection' || kind === 'erasure' || kind === 'combined' ? ['--vendor', 'kaspr'] : [];
      redress(['letter', kind, ...vendor, ...args, '--profile', '1', '--lang', 'fr', '--place', 'Lyon', '--registered', '--format', format, '-o', join(dataDir, 'cli', name)]);
      const fromApp = readFileSync(join(dataDir, 'app', name));
      assert.ok(fromApp.length > 500, `${name} is written`);
      assert.ok(fromApp.equals(readFileSync(join(dataDir, 'cli', name))), `the app and the CLI wrote different ${name}`);
    }
  }
  const complaint = await driver.invoke('dossier_save', {
    request: { caseIds: [caseId], agentProfileId: null, neverInformed: true, observations: ['Observation.'], authorityId: null },
    path: join(dataDir, 'app', 'plainte-kaspr.pdf'),
  });
  assert.ok(complaint.ok, JSON.stringify(complaint));
  redress(['dossier', '--case', String(caseId), '--never-informed', '--observation', 'Observation.', '-o', join(dataDir, 'cli', 'plainte-kaspr.pdf')]);
  const fromApp = readFileSync(join(dataDir, 'app', 'plainte-kaspr.pdf'));
  assert.ok(fromApp.equals(readFileSync(join(dataDir, 'cli', 'plainte-kaspr.pdf'))), 'the app and the CLI wrote different complaints');
});

test('every vendor at once: one e-mail each, in a folder', async () => {
  await driver.click('[data-testid="all-vendors"]');
  await driver.until('the batch count', async () => /(\d{3}) letters, one per vendor/.test(await text('[data-testid="letter-to"]')));
  const count = Number((await text('[data-testid="letter-to"]')).match(/(\d{3}) letters/)[1]);
  const folder = join(dataDir, 'batch');
  const saved = await driver.invoke('letters_save', { request: request({ kind: 'objection', vendorIds: [], allVendors: true }), format: 'eml', path: folder });
  assert.equal(saved.ok?.length, count, JSON.stringify(saved).slice(0, 300));
  const files = readdirSync(folder);
  assert.equal(files.length, count);
  const kaspr = readFileSync(join(folder, 'kaspr-objection-fr.eml'), 'utf8');
  assert.match(kaspr, /^To: KASPR SAS <privacy@kaspr\.io>\r$/m);
});

test('a mandate needs the advocate, and then names both people', async () => {
  await driver.click('[data-testid="all-vendors"]');
  await driver.click('[data-testid="kind-mandate"]');
  await driver.until('what is missing', async () => (await text('[data-testid="letter-blocker"]')).includes('names the advocate'));
  await driver.setValue('[data-testid="letter-agent"]', '2');
  await driver.until('the mandate', async () => (await text('[data-testid="letter-text"]')).includes('Malik Benali'));
  const mandate = await text('[data-testid="letter-text"]');
  assert.match(mandate, /Zoé Martin/);
  assert.match(mandate, /article 80, § 1, du RGPD/, 'the letter language (French, chosen above) is kept');
  await driver.painted();
  writeFileSync(join(artifacts, 'letters-mandate.png'), await driver.screenshot());
});

test('a complaint before the company has had its month is refused in the window and the CLI, with the date it becomes possible', async () => {
  const opened = await driver.invoke('case_open', { profileId: 1, vendorId: 'lusha', kind: 'combined' });
  const id = opened.ok?.id;
  const sent = { event: 'sent', on: '2026-10-01', channel: 'email', receivedOn: null, reference: null, answer: null, note: null };
  assert.equal((await driver.invoke('case_record', { id, input: sent })).ok?.due, '2026-11-02');
  await driver.click('[data-screen="complaint"]');
  await driver.until('Lusha among the vendors', async () => (await driver.findAll('[data-testid="complaint-vendor"] option[value="lusha"]')).length === 1);
  await driver.setValue('[data-testid="complaint-vendor"]', 'lusha');
  await driver.until('the not-yet notice', async () => (await text('[data-testid="complaint-premature"]')).includes('a complaint becomes possible from 2026-11-03'), 20000);
  assert.equal((await driver.findAll('[data-testid="save-complaint"]')).length, 0, 'no PDF is offered');
  writeFileSync(join(artifacts, 'complaint-premature.png'), await driver.screenshot());
  const run = spawnSync(process.env.REDRESS_CLI_BINARY, ['--data-dir', dataDir, '--passphrase-file', join(dataDir, 'pass.txt'), 'dossier', '--case', String(id), '-o', join(dataDir, 'cli', 'too-early.pdf')], { encoding: 'utf8', env: process.env });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /case \d+: its period runs until 2026-11-02, a complaint becomes possible from 2026-11-03/);
});
