// The demo staff are made by the main process, through the same account service as real people, and
// only in a training profile (main refuses them in a live one): an account per demo person, unless
// the office already has someone of that name (then that account is used, so there is never a
// second "Priya Shah").
import type { Actor } from '../../../src-shared/domain/case';
import { api, call } from '../../api/client';

/** The demo people as accounts, in DEMO_USERS order, and the password given to those added now. */
export async function ensureDemoAccounts(
  onProgress?: (done: number, total: number) => void,
): Promise<{ people: Actor[]; password: string | null }> {
  onProgress?.(0, 1);
  const made = await call(api().training.demoAccounts());
  onProgress?.(1, 1);
  return made;
}
