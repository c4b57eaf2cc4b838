// The profile form's model and its conversions. Pure functions, tested in form.test.ts.
import type { LangDto, ProfileDto, ProfileInputDto } from '../ipc/bindings';

/** What the form edits: lists as one-entry-per-line text, as people type them. */
export interface ProfileForm {
  name: string;
  emails: string;
  phones: string;
  address: string;
  employer: string;
  linkedinUrl: string;
  lang: LangDto;
  notes: string;
  actingFor: boolean;
}

export function emptyForm(lang: LangDto = 'en'): ProfileForm {
  return { name: '', emails: '', phones: '', address: '', employer: '', linkedinUrl: '', lang, notes: '', actingFor: false };
}

/** One entry per line; commas and semicolons also separate e-mails and phones. */
export function splitLines(text: string, separators = /[\n]/): string[] {
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const optional = (s: string): string | null => (s.trim() === '' ? null : s.trim());

export function toInput(f: ProfileForm): ProfileInputDto {
  return {
    name: f.name.trim(),
    emails: splitLines(f.emails, /[\n,;]/),
    phones: splitLines(f.phones, /[\n,;]/),
    address: splitLines(f.address),
    employer: optional(f.employer),
    linkedinUrl: optional(f.linkedinUrl),
    lang: f.lang,
    notes: optional(f.notes),
    actingFor: f.actingFor,
  };
}

export function fromProfile(p: ProfileDto): ProfileForm {
  return {
    name: p.name,
    emails: p.emails.join('\n'),
    phones: p.phones.join('\n'),
    address: p.address.join('\n'),
    employer: p.employer ?? '',
    linkedinUrl: p.linkedinUrl ?? '',
    lang: p.lang,
    notes: p.notes ?? '',
    actingFor: p.actingFor,
  };
}

/** Problems worth saying before asking Rust (which checks everything again). */
export function formHints(f: ProfileForm): string[] {
  const hints: string[] = [];
  if (f.name.trim() === '') hints.push('Enter a name: the one the vendors know you by.');
  return hints;
}

/** Checks a new passphrase and its repetition; null when fine. */
export function passphraseProblem(first: string, second: string, min = 8): string | null {
  if ([...first].length < min) return `Use at least ${min} characters.`;
  if (first !== second) return 'The two passphrases differ.';
  return null;
}

/** "1.2 MB" for a byte count. */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
