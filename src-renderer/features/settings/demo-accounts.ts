// The demo staff are made through the same account service as real people: an account per demo
// person, unless the office already has someone of that name (then that account is used, so there
// is never a second "Priya Shah").
import { findAccountByName } from '../../../src-shared/domain/accounts';
import type { Actor } from '../../../src-shared/domain/case';
import { DEMO_USERS } from '../../../src-shared/demo/generate';
import { api, call } from '../../api/client';

const WORDS = [
  'harbour',
  'lantern',
  'orchard',
  'meadow',
  'copper',
  'willow',
  'granite',
  'tidal',
  'amber',
  'cobalt',
];

/** A password the demo people share, made of random words (shown once to the administrator). */
export function demoPassword(random: (n: number) => number = secureRandom): string {
  const pick = () => WORDS[random(WORDS.length)]!;
  return `${pick()}-${pick()}-${pick()}-${100 + random(900)}`;
}

function secureRandom(n: number): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! % n;
}

/** The demo people as accounts, in DEMO_USERS order, and the password given to those added now. */
export async function ensureDemoAccounts(
  onProgress?: (done: number, total: number) => void,
): Promise<{ people: Actor[]; password: string | null }> {
  const { accounts } = await call(api().accounts.list());
  const password = demoPassword();
  let added = false;
  const people: Actor[] = [];
  for (const [i, u] of DEMO_USERS.entries()) {
    onProgress?.(i, DEMO_USERS.length);
    const found = findAccountByName(accounts, u.name);
    if (found) {
      people.push({ id: found.id, name: found.name });
      continue;
    }
    const account = await call(
      api().accounts.add({
        name: u.name,
        roles: [u.role],
        password,
        // Demo managers may approve what the demo proposals pay.
        approvalLimit: u.role === 'manager' ? 10_000 : null,
      }),
    );
    added = true;
    people.push({ id: account.id, name: account.name });
  }
  onProgress?.(DEMO_USERS.length, DEMO_USERS.length);
  return { people, password: added ? password : null };
}
