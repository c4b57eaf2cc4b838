// The Complaint screen's model: which cases can go into one complaint. Pure, tested.
import type { CaseDto } from '../ipc/bindings';

/** Cases that went out (a draft has nothing to complain about yet). */
const sent = (c: CaseDto) => c.status !== 'draft';

/** The vendors a person has sent requests to, each once, by name. */
export function vendorsOf(cases: readonly CaseDto[], personId: number | null): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const c of cases) if (c.profileId === personId && sent(c)) seen.set(c.vendorId, c.vendorName);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The person's sent cases against one vendor, oldest first. */
export function casesFor(cases: readonly CaseDto[], personId: number | null, vendorId: string): CaseDto[] {
  return cases.filter((c) => c.profileId === personId && c.vendorId === vendorId && sent(c)).sort((a, b) => a.id - b.id);
}

/** Why a complaint may be premature, in words; null when a deadline has passed or an answer fell short. */
export function prematureNote(chosen: readonly CaseDto[]): string | null {
  if (chosen.length === 0) return null;
  const ripe = chosen.some((c) => c.overdue || c.answer === 'incomplete' || c.answer === 'refused' || c.status === 'reminded' || c.status === 'overdue');
  return ripe ? null : 'None of these requests is late or answered badly yet. The CNIL expects the company to have had its month to answer (Art. 12(3)).';
}
