// The Discover screen's presentation logic: status words, what the board shows, the letters its
// actions prepare. Pure functions, tested in present.test.ts.
import type { Exposure, ExposureRowDto, Lang, ProspectorDto, ScanDto } from '../ipc/bindings';
import type { LetterForm } from '../letters/form';

export type Status = Exposure;

export const STATUS_ORDER: readonly Status[] = ['confirmed', 'likely', 'unknown', 'not-held', 'erased'];

export const STATUS_LABELS: Record<Status, { label: string; meaning: string }> = {
  confirmed: { label: 'Has your data', meaning: 'A fact shows it: it wrote to you, answered with data, leaked your address, or showed it to you.' },
  likely: { label: 'Likely', meaning: 'Something points to it, such as a cold e-mail sent through its own tool.' },
  unknown: { label: 'Unknown', meaning: 'Nothing recorded yet: ask it (Art. 15) or look on its own page.' },
  'not-held': { label: 'Says no data', meaning: 'It answered, or its page showed, that it holds nothing about you.' },
  erased: { label: 'Erased', meaning: 'It confirmed your erasure request.' },
};

/** How many vendors are in each status. */
export function statusCounts(rows: readonly ExposureRowDto[]): Record<Status, number> {
  const counts: Record<Status, number> = { confirmed: 0, likely: 0, unknown: 0, 'not-held': 0, erased: 0 };
  for (const r of rows) counts[r.status] += 1;
  return counts;
}

/**
 * The rows the board shows: everything with a recorded fact, plus the unknown vendors when asked
 * for (there are over a hundred). A search narrows by name.
 */
export function visibleRows(rows: readonly ExposureRowDto[], showUnknown: boolean, search = ''): ExposureRowDto[] {
  const needle = search.trim().toLowerCase();
  return rows.filter((r) => {
    if (needle && !r.name.toLowerCase().includes(needle) && !r.vendor.includes(needle)) return false;
    return showUnknown || needle !== '' || r.status !== 'unknown' || r.reasons.length > 0;
  });
}

/** One line about a scan: "1,204 messages (38.2 MB): 3 vendors, 2 tools, 4 companies to ask". */
export function scanHeadline(scan: ScanDto): string {
  const vendors = scan.tools.filter((t) => t.kind === 'contact-data-vendor').length;
  const tools = scan.tools.length - vendors;
  const parts = [plural(vendors, 'vendor'), plural(tools, 'tool'), plural(scan.companies.length, 'company to ask', 'companies to ask')];
  const extra = scan.problems > 0 ? `; ${plural(scan.problems, 'message')} could not be read` : '';
  const size = scan.megabytes < 0.1 ? 'under 0.1 MB' : `${scan.megabytes} MB`;
  return `${plural(scan.messages, 'message').replace(/^\d+/, scan.messages.toLocaleString('en'))} (${size}): ${parts.join(', ')}${extra}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Companies from every scan, merged by domain, most messages first. Scans come newest first; a
 * mailbox scanned again counts once (its newest scan).
 */
export function mergeCompanies(scans: readonly ScanDto[]): ProspectorDto[] {
  const byDomain = new Map<string, ProspectorDto>();
  const labels = new Set<string>();
  for (const s of scans) {
    if (labels.has(s.label)) continue;
    labels.add(s.label);
    for (const c of s.companies) {
      const known = byDomain.get(c.domain);
      if (!known) byDomain.set(c.domain, { ...c, tools: [...c.tools] });
      else {
        known.messages += c.messages;
        for (const t of c.tools) if (!known.tools.includes(t)) known.tools.push(t);
        known.senderAddress ??= c.senderAddress;
        known.senderName ??= c.senderName;
      }
    }
  }
  return [...byDomain.values()].sort((a, b) => b.messages - a.messages || a.domain.localeCompare(b.domain));
}

/** The letter "ask all unknown and likely vendors" prepares. */
export function accessDraft(profileId: number, lang: Lang, vendorIds: readonly string[]): Partial<LetterForm> {
  return { kind: 'access', profileId, lang, vendorIds: [...vendorIds], allVendors: false, useCompany: false };
}

/** The source-inquiry letter to a company that prospected the person through a tool. */
export function sourceInquiryDraft(profileId: number, lang: Lang, company: ProspectorDto): Partial<LetterForm> {
  return {
    kind: 'source-inquiry',
    profileId,
    lang,
    useCompany: true,
    companyName: company.domain,
    companyEmail: company.senderAddress ?? '',
    vendorIds: [],
    allVendors: false,
  };
}

/** Mail files the scan reads, for the dialog's filter and the drop check. */
export const MAIL_EXTENSIONS = ['mbox', 'mbx', 'eml', 'txt'];
