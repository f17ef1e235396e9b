import { describe, expect, it } from 'vitest';
import {
  MADE_BACKUP_NAME,
  backupBaseName,
  deskTagOf,
  madeBackupName,
  backupPassphraseProblem,
  dailyBackupDue,
} from '../../../../src-shared/domain/backup';

describe('dailyBackupDue', () => {
  it.each([
    // automatic, last backup, now, zone, due
    [true, null, '2026-12-03T09:00:00Z', 'Europe/London', true],
    [false, null, '2026-12-03T09:00:00Z', 'Europe/London', false],
    [true, '2026-12-03T00:30:00Z', '2026-12-03T23:30:00Z', 'Europe/London', false],
    [true, '2026-12-02T23:59:00Z', '2026-12-03T00:01:00Z', 'Europe/London', true],
    // Sydney's day began at 13:00 UTC the day before: 12:30 UTC and 13:30 UTC are two office days.
    [true, '2026-12-02T12:30:00Z', '2026-12-02T13:30:00Z', 'Australia/Sydney', true],
    [true, '2026-12-02T13:30:00Z', '2026-12-03T12:30:00Z', 'Australia/Sydney', false],
  ] as const)('automatic %s, last %s, now %s in %s: %s', (automatic, lastBackupAt, now, zone, due) => {
    expect(dailyBackupDue({ automatic, lastBackupAt }, new Date(now), zone)).toBe(due);
  });
});

describe('backupPassphraseProblem', () => {
  it('asks for 12 characters as a person counts them', () => {
    expect(backupPassphraseProblem('short one')).toBe(
      'Use at least 12 characters: a few words are easier to remember than symbols.',
    );
    expect(backupPassphraseProblem('😀'.repeat(11))).not.toBeNull();
    expect(backupPassphraseProblem('harbour lantern')).toBeNull();
  });
});

describe('backup file names', () => {
  it('say when (UTC) and why, and are what pruning recognises', () => {
    const name = backupBaseName(new Date('2026-12-03T09:05:07.123Z'), 'before-restore');
    expect(name).toBe('redress-20261203-090507Z-before-restore');
    expect(MADE_BACKUP_NAME.test(`${name}.redressbackup`)).toBe(true);
    expect(MADE_BACKUP_NAME.test(`${name}-2.redressbackup`)).toBe(true);
    expect(MADE_BACKUP_NAME.test('from-usb.redressbackup')).toBe(false);
  });

  it('name the installation that made them, and are told apart from names given before', () => {
    const desk = deskTagOf('0B5C3A52-9d1e-4f3a-8c4b-1234567890ab');
    expect(desk).toBe('0b5c3a52');
    const name = backupBaseName(new Date('2026-12-03T09:05:07.123Z'), 'before-restore', desk);
    expect(name).toBe('redress-20261203-090507Z-before-restore.desk-0b5c3a52');
    expect(madeBackupName(`${name}.redressbackup`)).toEqual({ stamp: '20261203-090507Z', n: 1, desk });
    expect(madeBackupName(`${name}-3.redressbackup`)).toEqual({ stamp: '20261203-090507Z', n: 3, desk });
    expect(madeBackupName('redress-20261203-090507Z-quit-2.redressbackup')).toEqual({
      stamp: '20261203-090507Z',
      n: 2,
      desk: null,
    });
    // A tag of digits alone is not taken for a counter, nor one of letters alone for a reason.
    expect(madeBackupName('redress-20261203-090507Z-daily.desk-12345678.redressbackup')?.desk).toBe(
      '12345678',
    );
    expect(madeBackupName('redress-20261203-090507Z-daily.desk-abcdefab.redressbackup')?.desk).toBe(
      'abcdefab',
    );
    expect(madeBackupName(`added-${name}.redressbackup`)).toBeNull();
    expect(madeBackupName(`${name}.redressbackup.unreadable`)).toBeNull();
    expect(madeBackupName('from-usb.redressbackup')).toBeNull();
  });
});
