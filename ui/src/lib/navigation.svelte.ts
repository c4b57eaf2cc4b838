// Which screen is shown, and a letter another screen prepared for the Letters screen to open
// with (the Discover screen's "ask all unknown and likely vendors", "ask this company").
import type { LetterForm } from './letters/form';
import type { ScreenId } from './screens';

export const nav: { current: ScreenId; letterDraft: Partial<LetterForm> | null } = $state({ current: 'vendors', letterDraft: null });

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
