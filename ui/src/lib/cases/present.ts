// How cases are grouped and their deadlines worded. Pure functions, tested in present.test.ts.
import type { AnswerKind, CaseDto, Channel, EventKind, RequestKind } from '../ipc/bindings';

export type GroupId = 'overdue' | 'undelivered' | 'waiting' | 'draft' | 'followup' | 'done';

export interface Group {
  id: GroupId;
  title: string;
  cases: CaseDto[];
}

/** Where a case belongs on the dashboard: what needs the user first comes first. */
export function groupOf(c: CaseDto): GroupId {
  if (c.overdue) return 'overdue';
  if (c.status === 'not-delivered') return 'undelivered';
  if (c.status === 'draft') return 'draft';
  if (c.status === 'answered' && (c.answer === 'incomplete' || c.answer === 'refused')) return 'followup';
  if (['sent', 'acknowledged', 'reminded'].includes(c.status)) return 'waiting';
  return 'done';
}

const TITLES: Record<GroupId, string> = {
  overdue: 'Overdue: the deadline has passed',
  undelivered: 'Came back undelivered: send another way',
  followup: 'Answered badly: follow up',
  waiting: 'Waiting for an answer',
  draft: 'Not sent yet',
  done: 'Answered, escalated or closed',
};

export function groupCases(cases: readonly CaseDto[]): Group[] {
  const order: GroupId[] = ['overdue', 'undelivered', 'followup', 'waiting', 'draft', 'done'];
  return order
    .map((id) => ({ id, title: TITLES[id], cases: cases.filter((c) => groupOf(c) === id) }))
    .filter((g) => g.cases.length > 0);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-04-07" → "Mon 7 Apr 2025", the same on every system (no locale data involved). */
export function dayLabel(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "Due Mon 7 Apr 2025 · 6 days left" in plain words. */
export function deadlineLabel(c: CaseDto): string {
  if (!c.due) return 'Not sent yet: no deadline';
  const due = dayLabel(c.due);
  if (c.daysLeft === null) return `Was due ${due}`;
  if (c.daysLeft < 0) return `Due ${due} · ${-c.daysLeft} day${c.daysLeft === -1 ? '' : 's'} late`;
  if (c.daysLeft === 0) return `Due today, ${due}`;
  return `Due ${due} · ${c.daysLeft} day${c.daysLeft === 1 ? '' : 's'} left`;
}

/** What the user can do next, in the order a person would. */
export function nextActions(c: CaseDto): string[] {
  switch (groupOf(c)) {
    case 'draft':
      return ['Send the letter, then mark the case sent.'];
    case 'overdue':
      return ['Send a reminder.', 'File a complaint with the authority.'];
    case 'undelivered':
      return ['Send it again by post, on the web form or to another address, then mark it sent.'];
    case 'followup':
      return ['Send a reminder listing what is missing.', 'File a complaint with the authority.'];
    case 'waiting':
      return ['Record the answer when it arrives.'];
    default:
      return [];
  }
}

// The words for each value. A Record over the generated union: a value added on the Rust side
// fails the type check here until it has its words.
export const KIND_LABELS: Record<RequestKind, string> = {
  access: 'Access (Art. 15)',
  objection: 'Objection (Art. 21)',
  erasure: 'Erasure (Art. 17)',
  combined: 'Access + objection + erasure',
  'source-inquiry': 'Source inquiry (Art. 14/15)',
};

export const EVENT_LABELS: Record<EventKind, string> = {
  sent: 'Sent',
  acknowledged: 'Acknowledged',
  'extension-announced': 'Extension announced (two more months)',
  answered: 'Answered',
  'marked-overdue': 'No answer in time',
  reminded: 'Reminder sent',
  escalated: 'Complaint filed',
  closed: 'Closed',
  'not-delivered': 'Not delivered (it came back)',
};

/** An event as the timeline words it, once it happened. */
export const TIMELINE_LABELS: Record<EventKind, string> = {
  sent: 'marked sent',
  acknowledged: 'acknowledged',
  'extension-announced': 'extended',
  answered: 'answered',
  'marked-overdue': 'marked overdue',
  reminded: 'reminded',
  escalated: 'escalated',
  closed: 'closed',
  'not-delivered': 'marked not delivered',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'E-mail',
  'registered-post': 'Registered letter',
  'web-form': 'Web form',
};

export const ANSWER_LABELS: Record<AnswerKind, string> = {
  complete: 'Complete',
  incomplete: 'Incomplete',
  'no-data-held': 'No data held',
  refused: 'Refused',
};

/** A label table as the options of a select, in the table's order. */
export function options<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}
