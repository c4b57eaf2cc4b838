// The mailbox panel's and the send list's model: what the provider list's answer tells the
// person, the servers' form, which cases a "Send" sends, and the words of every outcome. Pure
// functions, tested in present.test.ts.
import type {
  CaseDto,
  CaseEventInputDto,
  Channel,
  LetterRequestDto,
  MailProposalDto,
  MailSecurityDto,
  MailServerDto,
  OutboxEntryDto,
  OutboxStateDto,
  RequestKind,
  SendOutcomeDto,
  SendResultCode,
} from '../ipc/bindings';

export const SECURITY_LABELS: Record<MailSecurityDto, string> = {
  tls: 'TLS (encrypted from the start)',
  starttls: 'STARTTLS (encrypted after hello)',
  plain: 'None (this computer only)',
};

/** One server as the form edits it (the port as typed). */
export interface ServerForm {
  host: string;
  port: string;
  security: MailSecurityDto;
}

export interface MailboxForm {
  address: string;
  login: string;
  imap: ServerForm;
  smtp: ServerForm;
  caFile: string | null;
}

export function emptyMailboxForm(address = ''): MailboxForm {
  return {
    address,
    login: '',
    imap: { host: '', port: '993', security: 'tls' },
    smtp: { host: '', port: '465', security: 'tls' },
    caFile: null,
  };
}

function serverForm(s: MailServerDto): ServerForm {
  return { host: s.host, port: String(s.port), security: s.security };
}

/** The form with what the provider list proposes filled in (the person may still edit it). */
export function applyProposal(f: MailboxForm, p: MailProposalDto): MailboxForm {
  if (p.kind !== 'found' || !p.imap || !p.smtp) return f;
  return { ...f, imap: serverForm(p.imap), smtp: serverForm(p.smtp), login: p.login ?? f.login };
}

/** The form of a connected account, to check or change it (never its password). */
export function fromAccount(a: { address: string; login: string; imap: MailServerDto; smtp: MailServerDto }): MailboxForm {
  return { address: a.address, login: a.login, imap: serverForm(a.imap), smtp: serverForm(a.smtp), caFile: null };
}

/** What the provider list's answer means for the person, in plain words; null when all is well. */
export function proposalAdvice(p: MailProposalDto): string | null {
  switch (p.kind) {
    case 'found':
      return null;
    case 'unknown':
      return 'Redress does not know this provider’s servers: type them below. Your provider’s help pages give them (often imap.… and smtp.…).';
    case 'oauth-only':
      return p.appPasswordPage
        ? `${p.provider} signs in with its own sign-in page (OAuth2) only, which Redress does not do: your usual password will not work here. An app password may: make one at ${p.appPasswordPage}, then type it below with the servers’ names.`
        : `${p.provider} signs in with its own sign-in page (OAuth2) only, which Redress does not do: a password will not work. Connect another mailbox to send from (Gmail, Orange, Free, Yahoo, Fastmail and most others take an app password), or save the letters as e-mails (.eml) on the Letters screen and send them from your mail program.`;
    case 'unusable':
      return `${p.provider} cannot send these letters: ${p.why}. Connect another mailbox, or save the letters as e-mails (.eml) on the Letters screen and send them from your mail program.`;
  }
}

/** The port, or null when it is not one (1–65535). */
export function port(text: string): number | null {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : null;
}

/** The usual port of each security, so changing one follows the other. */
export function usualPort(which: 'imap' | 'smtp', security: MailSecurityDto): string {
  if (which === 'imap') return security === 'tls' ? '993' : '143';
  return security === 'tls' ? '465' : '587';
}

/** What stops the form from connecting, in words; null when it can. */
export function mailboxBlocker(f: MailboxForm, password: string): string | null {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(f.address.trim())) return 'Type the mailbox’s e-mail address.';
  if (!f.imap.host.trim()) return 'Type the incoming (IMAP) server’s name.';
  if (port(f.imap.port) === null) return 'The incoming server’s port is a number from 1 to 65535 (usually 993).';
  if (!f.smtp.host.trim()) return 'Type the outgoing (SMTP) server’s name.';
  if (port(f.smtp.port) === null) return 'The outgoing server’s port is a number from 1 to 65535 (usually 465 or 587).';
  if (!password) return 'Type the password (or the app password your provider made for Redress).';
  return null;
}

export function toServer(s: ServerForm): MailServerDto {
  return { host: s.host.trim(), port: port(s.port) ?? 0, security: s.security };
}

export const OUTBOX_LABELS: Record<OutboxStateDto, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
};

/** The outbox's entries per state, in the order the person acts on them. */
export function outboxCounts(entries: readonly OutboxEntryDto[]): { state: OutboxStateDto; label: string; count: number }[] {
  const order: OutboxStateDto[] = ['failed', 'sending', 'queued', 'sent'];
  return order
    .map((state) => ({ state, label: OUTBOX_LABELS[state], count: entries.filter((e) => e.state === state).length }))
    .filter((c) => c.count > 0);
}

export const RESULT_LABELS: Record<SendResultCode, string> = {
  sent: 'Sent',
  'found-in-sent': 'Sent (found in your Sent folder)',
  'already-sent': 'Already sent',
  'by-post': 'By post',
  'web-form': 'Web form',
  refused: 'Refused by the server',
  waiting: 'Waiting in the outbox',
};

/** The colour family of an outcome (always shown with its words). */
export function resultTone(r: SendResultCode): 'done' | 'waiting' | 'problem' | 'todo' {
  if (r === 'sent' || r === 'found-in-sent' || r === 'already-sent') return 'done';
  if (r === 'refused') return 'problem';
  if (r === 'waiting') return 'waiting';
  return 'todo';
}

/** What the outcome means and what to do next, in plain words. */
export function resultAdvice(o: SendOutcomeDto): string {
  switch (o.result) {
    case 'sent':
      return `Sent to ${o.recipient}. The case is marked sent today; the exact e-mail is kept as the proof.`;
    case 'found-in-sent':
      return 'It had gone out before Redress was interrupted (it is in your Sent folder): the case is marked sent, nothing was sent twice.';
    case 'already-sent':
      return 'The case was already marked sent: nothing was sent again.';
    case 'by-post':
      return 'This vendor has no known e-mail address for requests. Print the letter, send it by registered post, then mark it sent.';
    case 'web-form':
      return 'This vendor takes requests on its web form only. Open the form, paste the letter’s text, then mark it sent.';
    case 'refused':
      return `The server said: “${o.says ?? 'no reason given'}”. Nothing was sent and the case stays not sent. Check the address on the Vendors screen, or send it by post.`;
    case 'waiting':
      return o.says
        ? `Not sent yet: “${o.says}”. It stays in the outbox; press “Send again” later.`
        : 'Not sent yet (the batch stopped before its turn). It stays in the outbox; press “Send again”.';
  }
}

/** How a case marked sent by hand went: the channel its outcome calls for. */
export function manualChannel(r: SendResultCode): Channel {
  return r === 'web-form' ? 'web-form' : 'registered-post';
}

/** The "mark sent" event of today for `channel`, as the Cases screen records it. */
export function sentToday(channel: Channel, today: string): CaseEventInputDto {
  return { event: 'sent', on: today, channel, receivedOn: null, reference: null, answer: null, note: null };
}

/**
 * The cases a Letters-screen "Send" sends: for each vendor, the person's case of that kind not
 * sent yet if there is one, else a vendor to open a case for.
 */
export function casesToSend(
  cases: readonly CaseDto[],
  profileId: number,
  kind: RequestKind,
  vendorIds: readonly string[],
): { reuse: number[]; open: string[] } {
  const reuse: number[] = [];
  const open: string[] = [];
  for (const v of vendorIds) {
    const draft = cases.find((c) => c.profileId === profileId && c.vendorId === v && c.kind === kind && c.status === 'draft');
    if (draft) reuse.push(draft.id);
    else open.push(v);
  }
  return { reuse, open };
}

/** The letter of a case, to save as a PDF to print (registered post). */
export function postalLetter(c: CaseDto, lang: LetterRequestDto['lang'], agentProfileId: number | null): LetterRequestDto {
  return {
    kind: c.kind,
    profileId: c.profileId,
    agentProfileId,
    vendorIds: [c.vendorId],
    allVendors: false,
    company: null,
    lang,
    place: null,
    registered: true,
    directMarketing: true,
    reasons: [],
    caseId: null,
    missing: [],
  };
}

/** "1 of 2 letters sent" and the like, for the send list's heading. */
export function batchSummary(outcomes: readonly SendOutcomeDto[]): string {
  const sent = outcomes.filter((o) => resultTone(o.result) === 'done').length;
  const todo = outcomes.filter((o) => o.result === 'by-post' || o.result === 'web-form').length;
  const problems = outcomes.filter((o) => o.result === 'refused' || o.result === 'waiting').length;
  const parts = [`${sent} sent`];
  if (todo) parts.push(`${todo} to send yourself`);
  if (problems) parts.push(`${problems} not sent`);
  return parts.join(' · ');
}
