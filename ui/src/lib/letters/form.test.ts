import { describe, expect, it } from 'vitest';
import { blocker, caseKind, countryLang, emptyForm, filterVendors, groupBlocks, toRequest, toggle, type LetterForm } from './form';

const ready = (over: Partial<LetterForm> = {}): LetterForm => ({ ...emptyForm(), profileId: 1, vendorIds: ['kaspr'], ...over });

describe('what stops a letter', () => {
  const cases: [string, Partial<LetterForm>, string | null][] = [
    ['a complete access letter', { kind: 'access' }, null],
    ['no person', { profileId: null }, 'Choose the person'],
    ['no vendor', { vendorIds: [] }, 'at least one vendor'],
    ['all vendors instead of a list', { vendorIds: [], allVendors: true }, null],
    ['mandate without advocate', { kind: 'mandate' }, 'names the advocate'],
    ['advocate is the person', { kind: 'mandate', agentProfileId: 1 }, 'two different people'],
    ['reminder without case', { kind: 'reminder', vendorIds: [] }, 'Choose the case'],
    ['reminder with case', { kind: 'reminder', vendorIds: [], caseId: 3 }, null],
    ['company without name', { kind: 'source-inquiry', useCompany: true, vendorIds: [] }, "company's name"],
    ['company with name', { kind: 'source-inquiry', useCompany: true, companyName: 'Acme', vendorIds: [] }, null],
    ['objection without ground', { kind: 'objection', directMarketing: false, reasons: '  ' }, 'needs a ground'],
    ['objection with reasons only', { kind: 'objection', directMarketing: false, reasons: 'I get calls.' }, null],
  ];
  for (const [what, over, expected] of cases) {
    it(what, () => {
      const b = blocker(ready(over));
      if (expected === null) expect(b).toBeNull();
      else expect(b).toContain(expected);
    });
  }
});

describe('the request sent to Rust', () => {
  it('splits reasons into paragraphs and trims the place', () => {
    const r = toRequest(ready({ kind: 'objection', reasons: 'First.\n\n\nSecond\nline.\n', place: ' Lyon ' }));
    expect(r.reasons).toEqual(['First.', 'Second\nline.']);
    expect(r.place).toBe('Lyon');
  });
  it('sends the company, not vendors, for a source inquiry to a company', () => {
    const r = toRequest(ready({ kind: 'source-inquiry', useCompany: true, companyName: ' Acme ', companyEmail: '' }));
    expect(r.company).toEqual({ name: 'Acme', email: null });
    expect(r.vendorIds).toEqual([]);
    expect(r.allVendors).toBe(false);
  });
  it('sends the case and missing items only for a reminder', () => {
    expect(toRequest(ready({ kind: 'access', caseId: 4, missing: ['source'] }))).toMatchObject({ caseId: null, missing: [] });
    expect(toRequest(ready({ kind: 'reminder', caseId: 4, missing: ['source'] }))).toMatchObject({ caseId: 4, missing: ['source'], vendorIds: [] });
  });
});

describe('selection and cases', () => {
  it('toggles vendors in and out', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });
  it('maps letter kinds to case kinds', () => {
    expect(caseKind('source-inquiry')).toBe('source-inquiry');
    expect(caseKind('reminder')).toBeNull();
    expect(caseKind('mandate')).toBeNull();
  });
});

describe('vendor search', () => {
  const vendors = [
    { id: 'kaspr', name: 'Kaspr', legalEntity: 'KASPR SAS' },
    { id: 'societe-info', name: 'Société.info', legalEntity: null },
  ];
  it('finds by name, entity or id, ignoring case and accents', () => {
    expect(filterVendors(vendors, 'SOCIETE').map((v) => v.id)).toEqual(['societe-info']);
    expect(filterVendors(vendors, 'sas').map((v) => v.id)).toEqual(['kaspr']);
    expect(filterVendors(vendors, '  ')).toHaveLength(2);
  });
});

describe('preview blocks', () => {
  it('groups consecutive items into one list', () => {
    const groups = groupBlocks([
      { kind: 'paragraph', text: 'Dear' },
      { kind: 'item', text: 'a' },
      { kind: 'item', text: 'b' },
      { kind: 'heading', text: 'H' },
      { kind: 'item', text: 'c' },
    ]);
    expect(groups).toEqual([
      { kind: 'paragraph', text: 'Dear' },
      { kind: 'list', items: ['a', 'b'] },
      { kind: 'heading', text: 'H' },
      { kind: 'list', items: ['c'] },
    ]);
  });
});

describe("the vendor's language", () => {
  it('is offered for French- and German-speaking countries only', () => {
    expect(countryLang('FR')).toBe('fr');
    expect(countryLang('at')).toBe('de');
    expect(countryLang('US')).toBeNull();
    expect(countryLang(null)).toBeNull();
  });
});
