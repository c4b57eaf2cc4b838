// The navigation frame: every screen of the app, in journey order.

export type ScreenId = 'vendors' | 'people' | 'letters' | 'cases' | 'discover' | 'complaint';

export interface ScreenInfo {
  id: ScreenId;
  label: string;
  /** What the screen is for, in plain words: the nav tooltip. */
  purpose: string;
}

export const SCREENS: readonly ScreenInfo[] = [
  { id: 'vendors', label: 'Vendors', purpose: 'Who the contact-data vendors are and how to reach their privacy teams.' },
  { id: 'people', label: 'People', purpose: 'You and the people you act for: names, e-mails, phones, addresses and mandates, encrypted on this computer.' },
  { id: 'discover', label: 'Discover', purpose: 'Find out which vendors hold your data: scan your exported mail, check known breaches, use self-check pages.' },
  { id: 'letters', label: 'Letters', purpose: 'Write access, objection and erasure requests in English, French or German, as e-mail or PDF.' },
  { id: 'cases', label: 'Cases', purpose: 'Track every request: when it was sent, when the answer is due, and what the answer lacked.' },
  { id: 'complaint', label: 'Complaint', purpose: 'Build the complaint file for the CNIL when a vendor fails to answer.' },
];
