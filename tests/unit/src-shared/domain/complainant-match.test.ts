import { describe, expect, it } from 'vitest';
import {
  accountMatchKey,
  emailKey,
  nameKey,
  personKeys,
  phoneMatchKey,
  sharedKinds,
} from '../../../../src-shared/domain/complainant-match';

const zoe = {
  name: 'Zoë Đặng',
  email: 'Zoe.Dang@Example.org',
  phone: '+44 7700 900123',
  accountRef: '40-30-20 11223344',
};

describe('recognising one complainant across cases', () => {
  it.each([
    ['Zoë Đặng', 'zoe dang'],
    ['ZOE DANG', 'zoe dang'],
    ['  Łukasz   Nowak-Wójcik ', 'lukasz nowak wojcik'],
    ['Siobhán Ó Briain', 'siobhan o briain'],
    ['Straße', 'strasse'],
    ['王小明', '王小明'],
  ])('folds the name %j to %j', (name, key) => expect(nameKey(name)).toBe(key));

  it('keys a phone by its last nine digits, with or without the country code or trunk 0', () => {
    expect(phoneMatchKey('+44 7700 900123')).toBe('700900123');
    expect(phoneMatchKey('07700 900123')).toBe('700900123');
    expect(phoneMatchKey('(0044) 7700-900-123')).toBe('700900123');
    expect(phoneMatchKey('ext. 4412')).toBe('');
  });

  it('keys an e-mail address in lower case, and ignores text that is not one', () => {
    expect(emailKey('  Zoe.Dang@Example.ORG ')).toBe('zoe.dang@example.org');
    expect(emailKey('no e-mail given')).toBe('');
  });

  it('keys an account reference by its letters and digits only', () => {
    expect(accountMatchKey('40-30-20 11223344')).toBe(accountMatchKey('403020 11223344'));
    expect(accountMatchKey('n/a')).toBe('');
  });

  it('gives one key per detail, and none for initials or a blank form', () => {
    expect(personKeys(zoe)).toEqual([
      'n:zoe dang',
      'e:zoe.dang@example.org',
      'p:700900123',
      'a:40302011223344',
    ]);
    expect(personKeys({ name: 'J K', email: '', phone: '', accountRef: '' })).toEqual([]);
  });

  it('says which details two cases share', () => {
    const other = personKeys({
      name: 'Zoe Dang-Smith',
      email: 'zoe.dang@example.org',
      phone: '07700 900123',
      accountRef: '',
    });
    expect(sharedKinds(personKeys(zoe), other)).toEqual(['email', 'phone']);
    expect(
      sharedKinds(personKeys(zoe), personKeys({ ...zoe, email: '', phone: '', accountRef: '' })),
    ).toEqual(['name']);
  });
});
