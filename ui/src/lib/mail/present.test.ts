import { describe, expect, it } from 'vitest';
import type { CaseDto, MailProposalDto, OutboxEntryDto, SendOutcomeDto } from '../ipc/bindings';
import {
  applyProposal,
  batchSummary,
  casesToSend,
  emptyMailboxForm,
  mailboxBlocker,
  manualChannel,
  outboxCounts,
  port,
  proposalAdvice,
  resultAdvice,
  usualPort,
} from './present';

const proposal = (over: Partial<MailProposalDto>): MailProposalDto => ({
  kind: 'found',
  provider: 'Orange',
  imap: { host: 'imap.orange.fr', port: 993, security: 'tls' },
  smtp: { host: 'smtp.orange.fr', port: 465, security: 'tls' },
  login: 'zoe@orange.fr',
  appPasswordPage: null,
  why: null,
  ...over,
});

const outcome = (over: Partial<SendOutcomeDto>): SendOutcomeDto => ({
  caseId: 1,
  vendor: 'Kaspr',
  recipient: 'dpo@kaspr.test',
  result: 'sent',
  messageId: '<a@b>',
  says: '250 OK',
  webForm: null,
  ...over,
});

describe('the mailbox form', () => {
  it('fills the servers the provider list proposes, and keeps the form when it knows none', () => {
    const f = applyProposal(emptyMailboxForm('zoe@orange.fr'), proposal({}));
    expect(f.imap).toEqual({ host: 'imap.orange.fr', port: '993', security: 'tls' });
    expect(f.smtp.host).toBe('smtp.orange.fr');
    expect(f.login).toBe('zoe@orange.fr');
    const blank = emptyMailboxForm('me@unknown.example');
    expect(applyProposal(blank, proposal({ kind: 'unknown', imap: null, smtp: null, login: null }))).toEqual(blank);
  });

  it('tells plainly what works instead of an OAuth2-only sign-in', () => {
    const withPage = proposalAdvice(proposal({ kind: 'oauth-only', provider: 'Yahoo', imap: null, smtp: null, appPasswordPage: 'https://login.yahoo.com/account/security' }));
    expect(withPage).toMatch(/Yahoo signs in with its own sign-in page \(OAuth2\) only/);
    expect(withPage).toMatch(/app password may: make one at https:\/\/login\.yahoo\.com/);
    const without = proposalAdvice(proposal({ kind: 'oauth-only', provider: 'Outlook.com (Microsoft)', imap: null, smtp: null }));
    expect(without).toMatch(/a password will not work/);
    expect(without).toMatch(/Connect another mailbox.*or save the letters as e-mails \(\.eml\)/);
    expect(proposalAdvice(proposal({}))).toBeNull();
    expect(proposalAdvice(proposal({ kind: 'unknown' }))).toMatch(/type them below/);
  });

  it('says what is missing before it connects', () => {
    const f = applyProposal(emptyMailboxForm('zoe@orange.fr'), proposal({}));
    expect(mailboxBlocker(f, '')).toMatch(/Type the password/);
    expect(mailboxBlocker(f, 'secret')).toBeNull();
    expect(mailboxBlocker({ ...f, address: 'zoe' }, 'secret')).toMatch(/e-mail address/);
    expect(mailboxBlocker({ ...f, imap: { ...f.imap, port: '99999' } }, 'secret')).toMatch(/incoming server’s port/);
    expect(mailboxBlocker({ ...f, smtp: { ...f.smtp, host: ' ' } }, 'secret')).toMatch(/outgoing \(SMTP\)/);
  });

  it('reads ports and follows the usual port of each encryption', () => {
    for (const [text, want] of [['993', 993], [' 465 ', 465], ['0', null], ['65536', null], ['99a', null], ['', null]] as const) {
      expect(port(text)).toBe(want);
    }
    expect([usualPort('imap', 'tls'), usualPort('imap', 'starttls'), usualPort('smtp', 'tls'), usualPort('smtp', 'starttls')]).toEqual(['993', '143', '465', '587']);
  });
});

describe('the send list', () => {
  it('gives the server’s words and the next step of each outcome', () => {
    expect(resultAdvice(outcome({ result: 'refused', says: '550 5.1.1 Mailbox unavailable' }))).toMatch(/“550 5\.1\.1 Mailbox unavailable”.*stays not sent/);
    expect(resultAdvice(outcome({ result: 'by-post' }))).toMatch(/registered post, then mark it sent/);
    expect(resultAdvice(outcome({ result: 'web-form' }))).toMatch(/Open the form/);
    expect(resultAdvice(outcome({ result: 'waiting', says: null }))).toMatch(/Send again/);
    expect(manualChannel('web-form')).toBe('web-form');
    expect(manualChannel('by-post')).toBe('registered-post');
  });

  it('sums a batch up', () => {
    const list = [outcome({}), outcome({ caseId: 2, result: 'web-form' }), outcome({ caseId: 3, result: 'refused' }), outcome({ caseId: 4, result: 'already-sent' })];
    expect(batchSummary(list)).toBe('2 sent · 1 to send yourself · 1 not sent');
  });

  it('sends the person’s unsent case of that kind when there is one, else opens one', () => {
    const c = (id: number, vendorId: string, over: Partial<CaseDto> = {}) => ({ id, profileId: 1, vendorId, kind: 'access', status: 'draft', ...over }) as CaseDto;
    const cases = [c(1, 'kaspr'), c(2, 'lusha', { status: 'sent' }), c(3, 'apollo', { kind: 'erasure' }), c(4, 'cognism', { profileId: 2 })];
    expect(casesToSend(cases, 1, 'access', ['kaspr', 'lusha', 'apollo', 'cognism'])).toEqual({ reuse: [1], open: ['lusha', 'apollo', 'cognism'] });
  });

  it('counts the outbox by state, failures first', () => {
    const e = (id: number, state: OutboxEntryDto['state']) => ({ id, state }) as OutboxEntryDto;
    expect(outboxCounts([e(1, 'sent'), e(2, 'failed'), e(3, 'sent'), e(4, 'queued')])).toEqual([
      { state: 'failed', label: 'Failed', count: 1 },
      { state: 'queued', label: 'Queued', count: 1 },
      { state: 'sent', label: 'Sent', count: 2 },
    ]);
  });
});
