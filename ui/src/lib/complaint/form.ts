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

const sentence = (s: string) => (s.length ? s.charAt(0).toUpperCase() + s.slice(1) + '.' : s);

/** Rust's "not ripe" refusal as a lead sentence and one line per case. */
export function prematureLines(message: string): { why: string; perCase: string[] } {
  const [why = '', ...perCase] = message.split('; ');
  return { why: sentence(why), perCase: perCase.map(sentence) };
}
