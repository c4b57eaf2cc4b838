// Which screen is shown, and what another screen asked it to open with: a letter prepared for
// the Letters screen (the Discover screen's "ask all unknown and likely vendors", "ask this
// company"), a case for the Cases screen, a person for the People screen (the send list's
// "open the case", the Letters screen's "connect a mailbox").
import type { LetterForm } from './letters/form';
import type { ScreenId } from './screens';

export const nav: {
  current: ScreenId;
  letterDraft: Partial<LetterForm> | null;
  caseId: number | null;
  personId: number | null;
} = $state({ current: 'vendors', letterDraft: null, caseId: null, personId: null });

export function goTo(screen: ScreenId) {
  nav.current = screen;
}

/** Opens the Letters screen with `draft` filled in. */
export function openLetter(draft: Partial<LetterForm>) {
  nav.letterDraft = draft;
  nav.current = 'letters';
}

/** The prepared letter, once: the Letters screen takes it when it opens. */
export function takeLetterDraft(): Partial<LetterForm> | null {
  const draft = nav.letterDraft;
  nav.letterDraft = null;
  return draft;
}

/** Opens the Cases screen on case `id`. */
export function openCase(id: number) {
  nav.caseId = id;
  nav.current = 'cases';
}

/** Opens the People screen on person `id` (their mailbox is in their panel). */
export function openPerson(id: number) {
  nav.personId = id;
  nav.current = 'people';
}

/** The case or person asked for, once. */
export function takeCaseFocus(): number | null {
  const id = nav.caseId;
  nav.caseId = null;
  return id;
}

export function takePersonFocus(): number | null {
  const id = nav.personId;
  nav.personId = null;
  return id;
}
