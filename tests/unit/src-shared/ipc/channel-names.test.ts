import { describe, expect, expectTypeOf, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../../../src-shared/ipc/channel-names';
import { contract, type Channel } from '../../../../src-shared/ipc/contract';

describe('the preload’s channel names', () => {
  it('name every channel of the contract, and only those', () => {
    const contractKeys = Object.keys(contract);
    expect(CHANNEL_NAMES.filter((name) => !contractKeys.includes(name))).toEqual([]);
    expect(contractKeys.filter((key) => !(CHANNEL_NAMES as readonly string[]).includes(key))).toEqual([]);
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
  });

  it('have the contract’s channel type (checked by the type checker)', () => {
    expectTypeOf<ChannelName>().toEqualTypeOf<Channel>();
  });
});
