import { describe, expect, it } from 'vitest';
import type { CaseDto } from '../ipc/bindings';
import { deadlineLabel, groupCases, groupOf, nextActions } from './present';

function make(over: Partial<CaseDto>): CaseDto {
  return {
    id: 1, profileId: 1, vendorId: 'kaspr', vendorName: 'Kaspr', kind: 'access', status: 'sent', answer: null,
    statusLabel: 'sent', holidayCountry: 'FR', due: '2025-04-07', daysLeft: 6, overdue: false, deadlineSteps: [], timeline: [], files: [], checklist: [],
    ...over,
  };
}

describe('groups', () => {
  it.each([
    [{ status: 'draft', due: null, daysLeft: null }, 'draft'],
    [{ status: 'sent' }, 'waiting'],
    [{ status: 'sent', overdue: true, daysLeft: -3 }, 'overdue'],
    [{ status: 'answered', answer: 'incomplete', daysLeft: null }, 'followup'],
    [{ status: 'answered', answer: 'refused', daysLeft: null }, 'followup'],
    [{ status: 'answered', answer: 'complete', daysLeft: null }, 'done'],
    [{ status: 'closed', daysLeft: null }, 'done'],
    [{ status: 'not-delivered', due: null, daysLeft: null }, 'undelivered'],
  ] as const)('%o → %s', (over, group) => expect(groupOf(make(over as Partial<CaseDto>))).toBe(group));

  it('puts what needs the user first and leaves out empty groups', () => {
    const groups = groupCases([make({ id: 1 }), make({ id: 2, overdue: true, daysLeft: -1 }), make({ id: 3, status: 'draft', due: null, daysLeft: null })]);
    expect(groups.map((g) => g.id)).toEqual(['overdue', 'waiting', 'draft']);
    const back = groupCases([make({ id: 1 }), make({ id: 2, status: 'not-delivered', due: null, daysLeft: null })]);
    expect(back.map((g) => g.id)).toEqual(['undelivered', 'waiting']);
  });
});

describe('deadlineLabel', () => {
  it.each([
    [{ daysLeft: 6 }, 'Due Mon 7 Apr 2025 · 6 days left'],
    [{ daysLeft: 1 }, 'Due Mon 7 Apr 2025 · 1 day left'],
    [{ daysLeft: 0 }, 'Due today, Mon 7 Apr 2025'],
    [{ daysLeft: -1, overdue: true }, 'Due Mon 7 Apr 2025 · 1 day late'],
    [{ daysLeft: -12, overdue: true }, 'Due Mon 7 Apr 2025 · 12 days late'],
    [{ daysLeft: null, status: 'answered' }, 'Was due Mon 7 Apr 2025'],
    [{ due: null, daysLeft: null, status: 'draft' }, 'Not sent yet: no deadline'],
  ] as const)('%o → %s', (over, label) => expect(deadlineLabel(make(over as Partial<CaseDto>))).toBe(label));
});

describe('nextActions', () => {
  it('suggests a reminder and a complaint when late', () => {
    expect(nextActions(make({ overdue: true, daysLeft: -2 }))).toEqual(['Send a reminder.', 'File a complaint with the authority.']);
    expect(nextActions(make({ status: 'closed', daysLeft: null }))).toEqual([]);
  });
});
