// Password hashing: scrypt, stored as a PHC string ($scrypt$ln=17,r=8,p=1$<salt>$<hash>).
// scrypt runs on libuv's thread pool through its callback, so hashing (about half a second at
// these costs) never stalls the main process's event loop; never use scryptSync here.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { normalizePassword } from '../../../src-shared/domain/accounts';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/** The production cost: N = 2^17, r = 8, p = 1 (OWASP's scrypt minimum), about 128 MiB per hash. */
export const PRODUCTION_SCRYPT: Readonly<ScryptParams> = Object.freeze({ ln: 17, r: 8, p: 1 });
export const SALT_BYTES = 16;
export const KEY_BYTES = 32;
/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below that at N = 2^17. */
export const SCRYPT_MAXMEM = 256 * 1024 * 1024;

export interface PasswordHasherOptions {
  /**
   * Tests only: a cheaper cost so a test suite can hash hundreds of passwords. The app never
   * passes it, so every hash it makes has the production cost.
   */
  insecureTestParams?: ScryptParams;
}

export interface VerifyResult {
  valid: boolean;
  /** The hash was made with other parameters than today's: hash the password again and store it. */
  needsRehash: boolean;
}

// Standard base64 without '=' padding, as PHC strings write it; the decoder accepts only that form.
const B64 = /^[A-Za-z0-9+/]+$/;
const toB64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');
function fromB64(text: string): Buffer | null {
  if (!B64.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64');
  return toB64(bytes) === text ? bytes : null;
}

const PHC_HEAD = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)$/;

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

// Bounds on what a stored hash may ask for, so that a tampered file can neither exhaust memory nor
// make each sign-in hash for minutes: at most twice today's work, within the memory cap.
const MAX_WORK = 2 * 2 ** PRODUCTION_SCRYPT.ln * PRODUCTION_SCRYPT.r * PRODUCTION_SCRYPT.p;
function paramsInBounds({ ln, r, p }: ScryptParams): boolean {
  const memory = 128 * r * (2 ** ln + 2 + p);
  return ln >= 1 && ln <= 20 && r >= 1 && p >= 1 && 2 ** ln * r * p <= MAX_WORK && memory <= SCRYPT_MAXMEM;
}

/** The parameters and salt of a PHC scrypt string without its hash (`$scrypt$ln=…,r=…,p=…$<salt>`). */
function parseHead(head: string): Omit<ParsedHash, 'hash'> | null {
  const m = PHC_HEAD.exec(head);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  const salt = fromB64(m[4]!);
  if (!paramsInBounds(params) || !salt || salt.length < 8) return null;
  return { params, salt };
}

const validKeyBytes = (n: number): boolean => Number.isInteger(n) && n >= 16 && n <= 64;

/** The parts of a PHC scrypt string, or null when it is not one this module can check. */
export function parsePhc(phc: string): ParsedHash | null {
  const cut = phc.lastIndexOf('$');
  const head = parseHead(phc.slice(0, cut));
  const hash = fromB64(phc.slice(cut + 1));
  if (!head || !hash || !validKeyBytes(hash.length)) return null;
  return { ...head, hash };
}

export const formatPhc = ({ params, salt, hash }: ParsedHash): string =>
  `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${toB64(salt)}$${toB64(hash)}`;

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** params.ln, r: params.r, p: params.p, maxmem: SCRYPT_MAXMEM };
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(normalizePassword(password), 'utf8'), salt, keyBytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * The key scrypt derives from `password` under a hash's parameters and salt
 * (`$scrypt$ln=…,r=…,p=…$<salt>`), base64 as PHC writes it: what a team server compares with the hash
 * it keeps (it never gives the hash out). Null when the parameters are not ones this module accepts,
 * so a server cannot make a desk hash for minutes.
 */
export async function scryptKeyFor(password: string, head: string, keyBytes: number): Promise<string | null> {
  const parsed = parseHead(head);
  if (!parsed || !validKeyBytes(keyBytes)) return null;
  return toB64(await derive(password, parsed.salt, parsed.params, keyBytes));
}

const sameParams = (a: ScryptParams, b: ScryptParams): boolean => a.ln === b.ln && a.r === b.r && a.p === b.p;

export function createPasswordHasher(options: PasswordHasherOptions = {}) {
  const params: ScryptParams = { ...(options.insecureTestParams ?? PRODUCTION_SCRYPT) };

  async function hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    return formatPhc({ params, salt, hash: await derive(password, salt, params, KEY_BYTES) });
  }

  async function verify(password: string, phc: string): Promise<VerifyResult> {
    const parsed = parsePhc(phc);
    // Fail closed: a hash that cannot be read matches no password.
    if (!parsed) return { valid: false, needsRehash: false };
    const candidate = await derive(password, parsed.salt, parsed.params, parsed.hash.length);
    const valid = timingSafeEqual(candidate, parsed.hash);
    const needsRehash =
      !sameParams(parsed.params, params) ||
      parsed.salt.length !== SALT_BYTES ||
      parsed.hash.length !== KEY_BYTES;
    return { valid, needsRehash: valid && needsRehash };
  }

  /**
   * A well-formed hash of no password at today's cost: checking a password against it takes as
   * long as checking a real one, so an unknown name answers no faster than a wrong password.
   */
  const dummyHash = formatPhc({
    params,
    salt: Buffer.alloc(SALT_BYTES, 0x5a),
    hash: Buffer.alloc(KEY_BYTES),
  });

  return { params: Object.freeze({ ...params }) as Readonly<ScryptParams>, hash, verify, dummyHash };
}
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
