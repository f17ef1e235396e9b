import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relaunchArgs, resolveDataDir, resolveLaunch } from '../../../../src-main/config/data-dir';

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

describe('resolveLaunch', () => {
  const userData = '/home/user/.config/Redress';
  it.each([
    [['electron', '.'], {}, userData, false],
    [['electron', '.', '--training'], {}, `${userData}/training`, true],
    [['electron', '.', '--training', '--data-dir=/data/a'], {}, '/data/a/training', true],
    [['electron', '.', '--training'], { REDRESS_DATA_DIR: '/data/b' }, '/data/b/training', true],
    // Only the flag itself: a folder that happens to be called --training-notes is no request.
    [['electron', '.', '--data-dir', '/data/--training-notes'], {}, '/data/--training-notes', false],
  ])('%j with %j → %s (training asked: %s)', (argv, env, dataDir, trainingRequested) => {
    expect(resolveLaunch(argv, env, userData)).toEqual({ dataDir, trainingRequested });
  });
});

describe('relaunchArgs', () => {
  it.each([
    [['/opt/Redress/redress'], 'training', ['--training']],
    [['/opt/Redress/redress', '--data-dir=/d'], 'training', ['--data-dir=/d', '--training']],
    [['/opt/Redress/redress', '--data-dir=/d', '--training'], 'training', ['--data-dir=/d', '--training']],
    [['/opt/Redress/redress', '--training', '--data-dir=/d'], 'live', ['--data-dir=/d']],
  ] as const)('%j as %s → %j', (argv, profile, expected) => {
    expect(relaunchArgs(argv, profile)).toEqual(expected);
  });
});
