// The training channels: the demo staff as accounts, and the wipe. Both ask the profile main opened
// the folder as, so a live office's accounts never gain a "Priya Shah" from the demo and its data
// is never wiped, whatever the renderer believes.
import { randomInt } from 'node:crypto';
import { ConflictError } from '../../../src-shared/errors';
import { findAccountByName } from '../../../src-shared/domain/accounts';
import { DEMO_USERS } from '../../../src-shared/demo/generate';
import type { Handlers } from '../../../src-shared/ipc/contract';
import type { ProfileKind, TrainingChannel } from '../../../src-shared/ipc/channels/training';
import type { AuthService } from '../accounts/auth';
import { requireTraining, wipeTrainingFolder } from '../profile/profile';

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
export function demoPassword(random: (n: number) => number = randomInt): string {
  const pick = () => WORDS[random(WORDS.length)]!;
  return `${pick()}-${pick()}-${pick()}-${100 + random(900)}`;
}

export interface TrainingOptions {
  dataDir: string;
  profile: () => Promise<ProfileKind>;
  auth: AuthService;
  /** Names in the data folder the wipe leaves alone besides the marker (the browser's own files). */
  keepOnWipe?: readonly string[];
  /** Restarts the app on the training profile (Electron); absent in the test harness. */
  openTraining?: () => void;
}

export const START_WITH_TRAINING = 'Start Redress with --training to open the training profile.';

export function trainingHandlers(opts: TrainingOptions): Pick<Handlers, TrainingChannel> {
  return {
    'training:demo-accounts': async () => {
      requireTraining(await opts.profile());
      const { accounts } = await opts.auth.list();
      const password = demoPassword();
      let added = false;
      const people: { id: string; name: string }[] = [];
      for (const u of DEMO_USERS) {
        // Someone of that name already has an account: use it, so there is never a second one.
        const found = findAccountByName(accounts, u.name);
        if (found) {
          people.push({ id: found.id, name: found.name });
          continue;
        }
        const account = await opts.auth.add({
          name: u.name,
          roles: [u.role],
          password,
          // Demo managers may approve what the demo proposals pay.
          approvalLimit: u.role === 'manager' ? 10_000 : null,
        });
        added = true;
        people.push({ id: account.id, name: account.name });
      }
      return { people, password: added ? password : null };
    },
    'training:wipe': async () => {
      requireTraining(await opts.profile());
      // The accounts go with the folder: nobody stays signed in to one that no longer exists.
      await opts.auth.signOut();
      await wipeTrainingFolder(opts.dataDir, opts.keepOnWipe);
      return { wiped: true };
    },
    'training:open': async () => {
      if (!opts.openTraining) throw new ConflictError(START_WITH_TRAINING);
      opts.openTraining();
      return { opening: true };
    },
  };
}
