// Every schema of the contract can be used: zod builds some checks lazily (a discriminated union's
// map of values) and throws on the first parse when they are wrong, which no type check sees. One
// such output schema made every evidence upload of team mode fail at the IPC boundary.
import { describe, expect, it } from 'vitest';
import { contract } from '../../../../src-shared/ipc/contract';

describe('the IPC contract’s schemas', () => {
  it.each(Object.entries(contract))(
    '%s: its input and output schemas parse without throwing',
    (_name, channel) => {
      for (const schema of [channel.input, channel.output]) {
        expect(() => schema.safeParse(undefined)).not.toThrow();
        expect(() => schema.safeParse({ online: true })).not.toThrow();
      }
    },
  );
});
