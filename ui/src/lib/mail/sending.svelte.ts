// The batch of letters being sent, shared by the screens that start it (Letters, Cases) and the
// send list that shows it: its progress as it happens, each case's outcome, and Cancel.
import { ipc, type CaseDto, type SendOutcomeDto } from '../ipc';
import { explain } from '../errors';

export interface Batch {
  running: boolean;
  cancelling: boolean;
  /** The letter being handed to the server: "2 of 5, to dpo@…". */
  current: { number: number; total: number; recipient: string } | null;
  /** A temporary failure being retried. */
  retrying: string | null;
  outcomes: SendOutcomeDto[];
  /** The sender profile (an advocate's), or null: each case's person. */
  from: number | null;
  problem: string | null;
  /** Cases marked sent by hand from the list (by post, web form). */
  marked: number[];
  /** Bumped when cases changed, so the screens reload them. */
  changed: number;
}

export const batch: { current: Batch | null } = $state({ current: null });

/** Sends the cases' letters and fills the send list as it goes. */
export async function sendCases(caseIds: number[], from: number | null): Promise<void> {
  if (batch.current?.running) return;
  const b: Batch = { running: true, cancelling: false, current: null, retrying: null, outcomes: [], from, problem: null, marked: [], changed: 0 };
  batch.current = b;
  const live = batch.current;
  try {
    const outcomes = await ipc.mailSend(caseIds, from, (p) => {
      if (p.kind === 'sending') {
        live.current = { number: p.number, total: p.total, recipient: p.recipient };
        live.retrying = null;
      } else if (p.kind === 'retrying') {
        live.retrying = `${p.says} (trying again in ${p.waitSeconds} s)`;
      } else {
        const i = live.outcomes.findIndex((o) => o.caseId === p.outcome.caseId);
        if (i >= 0) live.outcomes[i] = p.outcome;
        else live.outcomes.push(p.outcome);
      }
    });
    // The final list is the use case's own, in its order.
    live.outcomes = outcomes;
  } catch (e) {
    live.problem = explain(e);
  } finally {
    live.running = false;
    live.cancelling = false;
    live.current = null;
    live.retrying = null;
    live.changed += 1;
  }
}

/** Stops the batch before its next letter. */
export async function cancelSending(): Promise<void> {
  if (!batch.current?.running) return;
  batch.current.cancelling = true;
  try {
    await ipc.mailSendCancel();
  } catch (e) {
    batch.current.problem = explain(e);
  }
}

/** Marks a case of the list sent by hand (by post, web form): the Cases screen's own event. */
export async function markSent(c: CaseDto, event: Parameters<typeof ipc.caseRecord>[1]): Promise<void> {
  const b = batch.current;
  if (!b) return;
  try {
    await ipc.caseRecord(c.id, event);
    b.marked.push(c.id);
    b.changed += 1;
    b.problem = null;
  } catch (e) {
    b.problem = explain(e);
  }
}

export function closeBatch(): void {
  if (!batch.current?.running) batch.current = null;
}
