import { describe, expect, it } from 'vitest';
import type { CaseDto } from '../ipc/bindings';
import { casesFor, prematureLines, vendorsOf } from './form';

const c = (id: number, over: Partial<CaseDto>): CaseDto => ({
  id, profileId: 1, vendorId: 'kaspr', vendorName: 'Kaspr', kind: 'access', status: 'sent', answer: null,
  statusLabel: 'sent', holidayCountry: 'FR', due: null, daysLeft: null, overdue: false, deadlineSteps: [], timeline: [],
  files: [], checklist: [], ...over,
});

describe('complaint scope', () => {
  const cases = [
    c(1, {}),
    c(2, { vendorId: 'lusha', vendorName: 'Lusha', status: 'draft' }),
    c(3, { vendorId: 'apollo', vendorName: 'Apollo' }),
    c(4, { profileId: 2 }),
    c(5, { kind: 'objection' }),
  ];
  it('lists the vendors a person wrote to, without drafts, by name', () => {
    expect(vendorsOf(cases, 1)).toEqual([{ id: 'apollo', name: 'Apollo' }, { id: 'kaspr', name: 'Kaspr' }]);
  });
  it('keeps one person and one vendor', () => {
    expect(casesFor(cases, 1, 'kaspr').map((x) => x.id)).toEqual([1, 5]);
  });
});

describe('a complaint asked for too early', () => {
  it('says why, then each case on its own line', () => {
    const said = prematureLines('nothing can be complained of yet: reasons; case 3: its period runs until 2026-12-24, a complaint becomes possible from 2026-12-25; case 4: not sent yet');
    expect(said.why).toBe('Nothing can be complained of yet: reasons.');
    expect(said.perCase).toEqual(['Case 3: its period runs until 2026-12-24, a complaint becomes possible from 2026-12-25.', 'Case 4: not sent yet.']);
  });
});
