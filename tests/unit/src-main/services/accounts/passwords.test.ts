import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  KEY_BYTES,
  PRODUCTION_SCRYPT,
  SALT_BYTES,
  SCRYPT_MAXMEM,
  createPasswordHasher,
  parsePhc,
} from '../../../../../src-main/services/accounts/passwords';
import { TEST_SCRYPT } from './fixtures';

const fromB64 = (s: string) => Buffer.from(s, 'base64');
const weak = createPasswordHasher({ insecureTestParams: TEST_SCRYPT });

describe('password hashes at the production cost', () => {
  it('uses scrypt N = 2^17, r = 8, p = 1 unless a test asks otherwise', () => {
    expect(PRODUCTION_SCRYPT).toEqual({ ln: 17, r: 8, p: 1 });
    expect(createPasswordHasher().params).toEqual({ ln: 17, r: 8, p: 1 });
  });

  it('stores PHC text with those parameters, a 16-byte salt and a 32-byte key, off the event loop', async () => {
    const hasher = createPasswordHasher();
    let loopTurned = false;
    setImmediate(() => (loopTurned = true));
    const phc = await hasher.hash('tidal harbour lantern');
    // scryptSync would have held the loop until the hash was done.
    expect(loopTurned).toBe(true);

    // Base64 without padding, as PHC writes it: the pattern admits no '='.
    const m = /^\$scrypt\$ln=17,r=8,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
    expect(m, phc).not.toBeNull();
    const salt = fromB64(m![1]!);
    const key = fromB64(m![2]!);
    expect(salt).toHaveLength(SALT_BYTES);
    expect(key).toHaveLength(KEY_BYTES);
    // The key is what scrypt gives at exactly those parameters.
    const expected = scryptSync('tidal harbour lantern', salt, 32, {
      N: 2 ** 17,
      r: 8,
      p: 1,
      maxmem: SCRYPT_MAXMEM,
    });
    expect(key.equals(expected)).toBe(true);
    expect(await hasher.verify('tidal harbour lantern', phc)).toEqual({ valid: true, needsRehash: false });
  }, 60_000); // three hashes at the production cost: seconds on a busy machine
});

describe('checking a password', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const phc = await weak.hash('correct plum kettle');
    expect(await weak.verify('correct plum kettle', phc)).toEqual({ valid: true, needsRehash: false });
    expect(await weak.verify('correct plum kettlE', phc)).toEqual({ valid: false, needsRehash: false });
    expect(await weak.verify('', phc)).toEqual({ valid: false, needsRehash: false });
  });

  it('salts each hash, so the same password never hashes the same twice', async () => {
    expect(await weak.hash('same words here')).not.toBe(await weak.hash('same words here'));
  });

  it('compares passwords in NFKC, so a ligature or full-width character matches its plain twin', async () => {
    const phc = await weak.hash('ﬁsh ＆ chips 2026');
    expect((await weak.verify('fish & chips 2026', phc)).valid).toBe(true);
  });

  it('refuses a tampered hash, salt or parameter', async () => {
    const phc = await weak.hash('correct plum kettle');
    const parts = phc.split('$'); // ['', 'scrypt', params, salt, hash]
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const tampered = [
      [...parts.slice(0, 4), flip(parts[4]!)].join('$'),
      [...parts.slice(0, 3), flip(parts[3]!), parts[4]].join('$'),
      phc.replace(`ln=${TEST_SCRYPT.ln}`, `ln=${TEST_SCRYPT.ln + 1}`),
      phc.replace(`r=${TEST_SCRYPT.r}`, `r=${TEST_SCRYPT.r + 1}`),
    ];
    for (const bad of tampered) {
      expect(await weak.verify('correct plum kettle', bad), bad).toEqual({
        valid: false,
        needsRehash: false,
      });
    }
  });

  it('matches no password with a malformed PHC string', async () => {
    const salt = 'c2FsdHNhbHRzYWx0c2FsdA';
    const key = Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '');
    const malformed = [
      '',
      'correct plum kettle',
      '$scrypt$',
      `$argon2id$v=19$m=65536,t=3,p=4$${salt}$${key}`,
      `$scrypt$ln=17,r=8,p=1$${salt}`,
      `$scrypt$ln=17,r=8,p=1$${salt}$${key}$extra`,
      `$scrypt$ln=17,r=8,p=1$${salt}==$${key}`,
      `$scrypt$ln=17,r=8,p=1$${salt}$${key}=`,
      `$scrypt$ln=17,r=8,p=1$sa-lt_$${key}`,
      `$scrypt$ln=17,r=8,p=1$$${key}`,
      `$scrypt$ln=17,r=8$${salt}$${key}`,
      `$scrypt$r=8,ln=17,p=1$${salt}$${key}`,
      `$scrypt$ln=0,r=8,p=1$${salt}$${key}`,
      `$scrypt$ln=17,r=0,p=1$${salt}$${key}`,
      // Too costly: a tampered file must not make each sign-in hash for minutes or exhaust memory.
      `$scrypt$ln=40,r=8,p=1$${salt}$${key}`,
      `$scrypt$ln=20,r=8,p=1$${salt}$${key}`,
      `$scrypt$ln=17,r=8,p=999$${salt}$${key}`,
      `$scrypt$ln=17,r=8,p=1$c2FsdA$${key}`, // 4-byte salt
      `$scrypt$ln=17,r=8,p=1$${salt}$AAAA`, // 3-byte key
      ` $scrypt$ln=17,r=8,p=1$${salt}$${key}`,
      `$scrypt$ln=17,r=8,p=1$${salt}$${key}\n`,
    ];
    for (const phc of malformed) {
      expect(parsePhc(phc), JSON.stringify(phc)).toBeNull();
      expect(await weak.verify('correct plum kettle', phc), JSON.stringify(phc)).toEqual({
        valid: false,
        needsRehash: false,
      });
    }
  });

  it('checks a hash made with other parameters, and says it should be made again', async () => {
    const older = createPasswordHasher({ insecureTestParams: { ln: TEST_SCRYPT.ln - 1, r: 1, p: 1 } });
    const phc = await older.hash('correct plum kettle');
    expect(await weak.verify('correct plum kettle', phc)).toEqual({ valid: true, needsRehash: true });
    // Only the right password earns the upgrade.
    expect(await weak.verify('wrong plum kettle', phc)).toEqual({ valid: false, needsRehash: false });
    const again = await weak.hash('correct plum kettle');
    expect(parsePhc(again)?.params).toEqual(TEST_SCRYPT);
    expect(await weak.verify('correct plum kettle', again)).toEqual({ valid: true, needsRehash: false });
  });

  it('has a dummy hash at its own cost that matches no password', async () => {
    expect(parsePhc(weak.dummyHash)?.params).toEqual(TEST_SCRYPT);
    expect(parsePhc(createPasswordHasher().dummyHash)?.params).toEqual(PRODUCTION_SCRYPT);
    expect(await weak.verify('', weak.dummyHash)).toMatchObject({ valid: false });
    expect(await weak.verify('password', weak.dummyHash)).toMatchObject({ valid: false });
  });
});
