import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../../src-main/config/data-dir';

describe('resolveDataDir', () => {
  it.each([
    [['electron', '.', '--data-dir=/data/a'], { REDRESS_DATA_DIR: '/data/b' }, '/data/a'],
    [['electron', '.', '--data-dir', '/data/c'], {}, '/data/c'],
    [['electron', '.'], { REDRESS_DATA_DIR: '/data/b' }, '/data/b'],
    [['electron', '.'], {}, '/home/user/.config/Redress'],
    [['electron', '.'], { REDRESS_DATA_DIR: '  ' }, '/home/user/.config/Redress'],
    [['electron', '.', '--data-dir=portable-data'], {}, resolve('portable-data')],
  ])('%j with %j → %s', (argv, env, expected) => {
    expect(resolveDataDir(argv, env, '/home/user/.config/Redress')).toBe(expected);
  });
});
