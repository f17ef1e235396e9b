import { describe, expect, it } from 'vitest';
import {
  MADE_BACKUP_NAME,
  backupBaseName,
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
});
