import { describe, expect, it } from 'vitest';
import { categoryLabel, countryName, formatSiren, isSafeExternalUrl, referenceLabel, stepSelection, yesNoUnknown } from './present';

describe('categoryLabel', () => {
  it.each([
    ['b2b-contact-data', 'B2B contact data'],
    ['email-finder', 'E-mail finder'],
    ['linkedin-scraping', 'LinkedIn scraping'],
    ['address-or-data-broker', 'Address or data broker'],
  ])('%s → %s', (slug, label) => expect(categoryLabel(slug)).toBe(label));
});

describe('countryName', () => {
  it.each([
    ['FR', 'France'],
    ['de', 'Germany'],
    [null, 'Unknown country'],
    ['unknown', 'Unknown country'],
  ])('%s → %s', (code, name) => expect(countryName(code)).toBe(name));
  it('speaks French when asked', () => expect(countryName('DE', 'fr')).toBe('Allemagne'));
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://www.kaspr.io/privacy-policy', true],
    ['http://www.acxiom.de/', true],
    ['mailto:privacy@kaspr.io', true],
    ['mailto:not-an-address', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['datenanfragen/data@0a29c3d6feee:companies/kaspr.json', false],
    ['https://localhost/', false],
    ['', false],
  ])('%s → %s', (url, ok) => expect(isSafeExternalUrl(url)).toBe(ok));
});

describe('referenceLabel', () => {
  it.each([
    ['https://www.kaspr.io/privacy-policy', 'kaspr.io/privacy-policy'],
    ['https://cnil.fr/', 'cnil.fr'],
    ['datenanfragen/data@0a29c3d6feee:companies/kaspr.json', 'datenanfragen/data@0a29c3d6feee:companies/kaspr.json'],
  ])('%s → %s', (ref, label) => expect(referenceLabel(ref)).toBe(label));
});

describe('small formats', () => {
  it('groups a SIREN in threes and leaves other text alone', () => {
    expect(formatSiren('843898396')).toBe('843 898 396');
    expect(formatSiren('RCS 12')).toBe('RCS 12');
  });
  it('says unknown for null', () => {
    expect(yesNoUnknown(null)).toBe('unknown');
    expect(yesNoUnknown(true)).toBe('yes');
    expect(yesNoUnknown(false)).toBe('no');
  });
});

describe('stepSelection', () => {
  const ids = ['a', 'b', 'c'];
  it.each([
    [null, 'ArrowDown', 'a'],
    ['a', 'ArrowDown', 'b'],
    ['c', 'ArrowDown', 'c'],
    ['b', 'ArrowUp', 'a'],
    ['a', 'ArrowUp', 'a'],
    ['b', 'End', 'c'],
    ['c', 'Home', 'a'],
    ['b', 'x', 'b'],
  ] as const)('%s + %s → %s', (current, key, expected) => expect(stepSelection(ids, current, key)).toBe(expected));
  it('has nothing to select in an empty list', () => expect(stepSelection([], null, 'ArrowDown')).toBeNull());
});
