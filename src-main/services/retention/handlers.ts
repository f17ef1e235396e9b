import type { PersonRef } from '../../../src-shared/domain/accounts';
import type { disposalsChannels } from '../../../src-shared/ipc/channels/disposals';
import type { Handlers } from '../../../src-shared/ipc/contract';
import type { DisposalLedger } from './disposal-ledger';

export function disposalsHandlers(
  ledger: DisposalLedger,
  actor: () => PersonRef | null,
): Pick<Handlers, keyof typeof disposalsChannels> {
  return {
    'disposals:record': async ({ entries }) => ({ recorded: await ledger.append(entries, actor()) }),
    'disposals:status': async () => {
      const { entries, problem } = await ledger.read();
      const cases = new Set(entries.flatMap((e) => (e.kind === 'case' ? [`${e.recordId}|${e.caseId}`] : [])));
      return { cases: cases.size, problem };
    },
  };
}
