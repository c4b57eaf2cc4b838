import { describe, expect, it } from 'vitest';
import { emptyForm, formHints, fromProfile, passphraseProblem, sizeLabel, splitLines, toInput } from './form';
import type { ProfileDto } from '../ipc/bindings';

describe('toInput', () => {
  it('splits lists, trims and turns blanks into null', () => {
    const input = toInput({
      ...emptyForm('fr'),
      name: '  Zoé Martin ',
      emails: 'zoe@example.fr, zoe@perso.example\n\n',
      phones: '+33 6 12 34 56 78; 04 78 00 00 00',
      address: '12 rue de la République\n69002 Lyon\n',
      employer: '  ',
    });
    expect(input).toEqual({
      name: 'Zoé Martin',
      emails: ['zoe@example.fr', 'zoe@perso.example'],
      phones: ['+33 6 12 34 56 78', '04 78 00 00 00'],
      address: ['12 rue de la République', '69002 Lyon'],
      employer: null,
      linkedinUrl: null,
      lang: 'fr',
      notes: null,
      actingFor: false,
    });
  });

  it('keeps commas inside address lines', () => {
    expect(splitLines('Bât. B, 2e étage\n1 place Bellecour')).toEqual(['Bât. B, 2e étage', '1 place Bellecour']);
  });
});

describe('fromProfile', () => {
  it('round-trips through the form', () => {
    const p: ProfileDto = {
      id: 3, name: 'Malik', address: ['1 rue X', '75001 Paris'], emails: ['m@example.org'], phones: [],
      employer: null, linkedinUrl: 'https://www.linkedin.com/in/malik', lang: 'fr', notes: null, actingFor: true,
      mandate: null, createdAt: '', updatedAt: '',
    };
    const back = toInput(fromProfile(p));
    expect(back).toMatchObject({ name: 'Malik', address: p.address, emails: p.emails, phones: [], linkedinUrl: p.linkedinUrl, actingFor: true });
  });
});

describe('hints and passphrases', () => {
  it('asks for a name', () => {
    expect(formHints(emptyForm())).toHaveLength(1);
    expect(formHints({ ...emptyForm(), name: 'Anna' })).toEqual([]);
  });
  it.each([
    ['short', 'short', 'Use at least 8 characters.'],
    ['long enough', 'long enougH', 'The two passphrases differ.'],
    ['long enough', 'long enough', null],
    ['ééééééé', 'ééééééé', 'Use at least 8 characters.'],
  ])('%s / %s → %s', (a, b, expected) => expect(passphraseProblem(a, b)).toBe(expected));
  it('labels sizes', () => {
    expect(sizeLabel(512)).toBe('512 bytes');
    expect(sizeLabel(20 * 1024)).toBe('20 kB');
    expect(sizeLabel(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
