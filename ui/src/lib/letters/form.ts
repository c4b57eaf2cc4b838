// The Letters screen's model: which kinds exist, which options each takes, and the request the
// Rust side composes from. Pure functions, tested in form.test.ts.
import type { AccessItem, Lang, LetterKind, LetterRequestDto, RequestKind } from '../ipc/bindings';

export type { LetterKind };

export interface KindInfo {
  id: LetterKind;
  label: string;
  /** What the letter does, in plain words first, the article second. */
  purpose: string;
}

export const KINDS: readonly KindInfo[] = [
  { id: 'combined', label: 'Access + objection + erasure', purpose: 'The usual first letter: what do you hold, stop using it, then delete it (Art. 15, 21, 17).' },
  { id: 'access', label: 'Access', purpose: 'What do you hold about me, where did you get it, who did you give it to (Art. 15).' },
  { id: 'objection', label: 'Objection', purpose: 'Stop using my data for marketing, or for the reasons I give (Art. 21).' },
  { id: 'erasure', label: 'Erasure', purpose: 'Delete my data and tell everyone you passed it to (Art. 17 and 19).' },
  { id: 'source-inquiry', label: 'Where did you get my data?', purpose: 'To a company that called or e-mailed you: name your source, and stop (Art. 14, 15, 21).' },
  { id: 'reminder', label: 'Reminder', purpose: 'The deadline passed or the answer was incomplete: list what is missing (Art. 12(3)).' },
  { id: 'mandate', label: 'Mandate', purpose: 'The power of attorney an advocate needs to act for someone (Art. 80(1)).' },
];

export const LANGS: readonly { id: Lang; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'fr', label: 'Français' },
  { id: 'de', label: 'Deutsch' },
];

/** Whether the kind carries an objection, whose grounds the user chooses. */
export const takesObjection = (k: LetterKind) => k === 'objection' || k === 'erasure' || k === 'combined';
/** Whether the kind goes to a chosen vendor list (a reminder goes to its case's vendor). */
export const takesVendors = (k: LetterKind) => k !== 'reminder';
/** Whether the letter needs an advocate. */
export const needsAgent = (k: LetterKind) => k === 'mandate';

export interface LetterForm {
  kind: LetterKind;
  profileId: number | null;
  agentProfileId: number | null;
  vendorIds: string[];
  allVendors: boolean;
  /** Source inquiry to a company outside the registry. */
  useCompany: boolean;
  companyName: string;
  companyEmail: string;
  lang: Lang;
  place: string;
  registered: boolean;
  directMarketing: boolean;
  /** Art. 21(1) reasons; paragraphs separated by blank lines. */
  reasons: string;
  caseId: number | null;
  missing: AccessItem[];
}

export function emptyForm(): LetterForm {
  return {
    kind: 'combined',
    profileId: null,
    agentProfileId: null,
    vendorIds: [],
    allVendors: false,
    useCompany: false,
    companyName: '',
    companyEmail: '',
    lang: 'en',
    place: '',
    registered: false,
    directMarketing: true,
    reasons: '',
    caseId: null,
    missing: [],
  };
}

/** What stops the form from making a letter, in words; null when it can. */
export function blocker(f: LetterForm): string | null {
  if (f.profileId === null) return 'Choose the person the letter is for (add one on the People screen).';
  if (needsAgent(f.kind) && f.agentProfileId === null) return 'A mandate names the advocate: choose who acts for the person.';
  if (f.agentProfileId !== null && f.agentProfileId === f.profileId) return 'The advocate and the person must be two different people.';
  if (f.kind === 'reminder' && f.caseId === null) return 'Choose the case this reminder chases.';
  if (f.kind === 'source-inquiry' && f.useCompany && !f.companyName.trim()) return "Enter the company's name.";
  if (takesVendors(f.kind) && !(f.kind === 'source-inquiry' && f.useCompany) && !f.allVendors && f.vendorIds.length === 0) {
    return 'Choose at least one vendor.';
  }
  if (takesObjection(f.kind) && !f.directMarketing && !f.reasons.trim()) {
    return 'An objection needs a ground: direct marketing, or your reasons.';
  }
  return null;
}

/** The request for the Rust side. Only call when `blocker(f)` is null. */
export function toRequest(f: LetterForm): LetterRequestDto {
  const company = f.kind === 'source-inquiry' && f.useCompany;
  return {
    kind: f.kind,
    profileId: f.profileId ?? 0,
    agentProfileId: f.agentProfileId,
    vendorIds: company || f.kind === 'reminder' ? [] : f.vendorIds,
    allVendors: !company && f.kind !== 'reminder' && f.allVendors,
    company: company ? { name: f.companyName.trim(), email: f.companyEmail.trim() || null } : null,
    lang: f.lang,
    place: f.place.trim() || null,
    registered: f.registered,
    directMarketing: f.directMarketing,
    reasons: f.reasons
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0),
    caseId: f.kind === 'reminder' ? f.caseId : null,
    missing: f.kind === 'reminder' ? f.missing : [],
  };
}

/** Adds or removes a vendor from the selection, keeping the order of selection. */
export function toggle<T extends string>(ids: readonly T[], id: T): T[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}

/** The case kinds letters can open cases for (reminders and mandates are not requests). */
export function caseKind(k: LetterKind): RequestKind | null {
  return k === 'reminder' || k === 'mandate' ? null : k;
}

/** Lowercase without accents, so "societe" finds "Société". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The vendors whose name, legal entity or id contains the search text. */
export function filterVendors<T extends { id: string; name: string; legalEntity: string | null }>(vendors: readonly T[], text: string): T[] {
  const q = fold(text.trim());
  return q ? vendors.filter((v) => fold(`${v.name} ${v.legalEntity ?? ''} ${v.id}`).includes(q)) : [...vendors];
}

export type BlockGroup = { kind: 'paragraph' | 'heading'; text: string } | { kind: 'list'; items: string[] };

/** Consecutive list items become one list, so the preview renders them as <ul>. */
export function groupBlocks(blocks: readonly { kind: string; text: string }[]): BlockGroup[] {
  const out: BlockGroup[] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (b.kind === 'item') {
      if (last && last.kind === 'list') last.items.push(b.text);
      else out.push({ kind: 'list', items: [b.text] });
    } else {
      out.push({ kind: b.kind === 'heading' ? 'heading' : 'paragraph', text: b.text });
    }
  }
  return out;
}

/** The letter language of a vendor's country, when Redress writes it: French for France,
 *  Belgium, Luxembourg, Monaco; German for Germany, Austria, Liechtenstein, Switzerland. */
export function countryLang(country: string | null): Lang | null {
  if (!country) return null;
  const c = country.toUpperCase();
  if (['FR', 'BE', 'LU', 'MC'].includes(c)) return 'fr';
  if (['DE', 'AT', 'LI', 'CH'].includes(c)) return 'de';
  return null;
}
