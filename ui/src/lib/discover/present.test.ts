import { describe, expect, it } from 'vitest';
import type { Exposure, ProspectorDto, ExposureRowDto, ScanDto } from '../ipc/bindings';
import { accessDraft, mergeCompanies, scanHeadline, sourceInquiryDraft, statusCounts, visibleRows } from './present';

const row = (vendor: string, status: Exposure, reasons: string[] = []): ExposureRowDto => ({
  vendor,
  name: vendor.toUpperCase(),
  status,
  reasons,
  selfCheckUrl: null,
  vendorBreaches: [],
  caseId: null,
});

const company = (domain: string, messages: number, tools: string[], senderAddress: string | null = null): ProspectorDto => ({
  domain,
  messages,
  senderName: null,
  senderAddress,
  tools,
});

const scan = (over: Partial<ScanDto>): ScanDto => ({
  id: 1,
  scannedAt: '2026-11-25T10:00:00Z',
  label: 'Inbox.mbox',
  messages: 1204,
  megabytes: 38.2,
  problems: 0,
  ownMessages: 0,
  messagesWithFindings: 9,
  tools: [],
  companies: [],
  examples: [],
  ...over,
});

describe('the exposure board', () => {
  const rows = [row('kaspr', 'confirmed', ['e-mailed you']), row('lemlist', 'likely', ['tool']), row('zoominfo', 'unknown'), row('apollo', 'unknown', ['weak link']), row('lusha', 'not-held', ['no data'])];

  it('counts each status', () => {
    expect(statusCounts(rows)).toEqual({ confirmed: 1, likely: 1, unknown: 2, 'not-held': 1, erased: 0 });
  });

  it('hides unknown vendors without any fact unless asked or searched for', () => {
    expect(visibleRows(rows, false).map((r) => r.vendor)).toEqual(['kaspr', 'lemlist', 'apollo', 'lusha']);
    expect(visibleRows(rows, true)).toHaveLength(5);
    expect(visibleRows(rows, false, 'zoom').map((r) => r.vendor)).toEqual(['zoominfo']);
  });
});

describe('scans', () => {
  it('sum up in one line', () => {
    const s = scan({
      tools: [
        { tool: 'kaspr', toolName: 'Kaspr', kind: 'contact-data-vendor', vendor: 'kaspr', messages: 2, confidence: 'high', firstDate: null, lastDate: null },
        { tool: 'mixmax', toolName: 'Mixmax', kind: 'sales-engagement', vendor: null, messages: 1, confidence: 'high', firstDate: null, lastDate: null },
      ],
      companies: [company('acme.example', 1, ['Mixmax'])],
      problems: 2,
    });
    expect(scanHeadline(s)).toBe('1,204 messages (38.2 MB): 1 vendor, 1 tool, 1 company to ask; 2 messages could not be read');
  });

  it('say when a mailbox is tiny', () => {
    expect(scanHeadline(scan({ messages: 1, megabytes: 0 }))).toBe('1 message (under 0.1 MB): 0 vendors, 0 tools, 0 companies to ask');
  });

  it('merge companies across scans, a mailbox scanned again counting once', () => {
    const merged = mergeCompanies([
      scan({ label: 'Inbox.mbox', companies: [company('a.example', 1, ['lemlist']), company('b.example', 5, ['Mixmax'])] }),
      scan({ label: 'Work.mbox', companies: [company('a.example', 6, ['Mixmax'], 'tom@a.example')] }),
      scan({ label: 'Inbox.mbox', companies: [company('b.example', 5, ['Mixmax'])] }),
    ]);
    expect(merged.map((c) => [c.domain, c.messages, c.tools.join('+'), c.senderAddress])).toEqual([
      ['a.example', 7, 'lemlist+Mixmax', 'tom@a.example'],
      ['b.example', 5, 'Mixmax', null],
    ]);
  });
});

describe('letters prepared from the board', () => {
  it('asks every target vendor for access', () => {
    expect(accessDraft(3, 'fr', ['kaspr', 'lusha'])).toEqual({ kind: 'access', profileId: 3, lang: 'fr', vendorIds: ['kaspr', 'lusha'], allVendors: false, useCompany: false });
  });

  it('asks a company for its source, at the address it wrote from', () => {
    const draft = sourceInquiryDraft(1, 'en', company('northwind.example', 2, ['Mixmax'], 'tom@northwind.example'));
    expect(draft).toMatchObject({ kind: 'source-inquiry', useCompany: true, companyName: 'northwind.example', companyEmail: 'tom@northwind.example' });
  });
});
