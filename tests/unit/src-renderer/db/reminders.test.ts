// Reminders in the office's time zone (London) on a computer that may keep another: what is due
// today, soon, or overdue on an officer's own cases and on those escalated to them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assignCase, createCase, setEscalation } from '../../../../src-renderer/db/cases';
import { addAction } from '../../../../src-renderer/db/follow-up';
import { addEnquiry } from '../../../../src-renderer/db/investigation';
import { escalatedTo, remindersFor } from '../../../../src-renderer/db/reminders';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { createBusinessCalendar, localDate, updateOwedBefore } from '../../../../src-shared/domain/deadlines';
import type { ReminderClock } from '../../../../src-shared/domain/reminders';
import { useFreshDb, intake, MANAGER, person, sendLetter, testRules } from './test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const sam = person('u2', 'Sam Lee', 'officer');
const rules = testRules();
const clockAt = (iso: string): ReminderClock => {
  const now = new Date(iso);
  return {
    now,
    today: localDate(now, 'Europe/London'),
    calendar: rules.calendar,
    dueSoonBusinessDays: 2,
    updateOwedBefore: updateOwedBefore(now, rules.calendar, 10),
  };
};
const summary = (list: Awaited<ReturnType<typeof remindersFor>>) =>
  list.map((r) => [r.kind, r.reference, r.overdue, r.escalated]);

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

async function mine(receivedAt: string, who = priya) {
  const c = await createCase(db, intake(receivedAt), priya, rules, new Date(receivedAt));
  return assignCase(db, c.id, { id: who.id, name: who.name }, MANAGER, { now: new Date(receivedAt) });
}

describe('reminders', () => {
  it('reminds of an acknowledgement on the day it is due, not before, and says when it is overdue', async () => {
    // Received Monday 30 Nov 2026, 16:00 London: acknowledge by the end of Tuesday 1 Dec.
    const c = await mine('2026-11-30T16:00:00Z');
    expect(summary(await remindersFor(db, priya, clockAt('2026-11-30T17:00:00Z')))).toEqual([]);
    expect(summary(await remindersFor(db, priya, clockAt('2026-12-01T08:00:00Z')))).toEqual([
      ['acknowledge', c.reference, false, false],
    ]);
    expect(summary(await remindersFor(db, priya, clockAt('2026-12-02T09:00:00Z')))).toEqual([
      ['acknowledge', c.reference, true, false],
    ]);
    // Sent: nothing more to remind.
    await sendLetter(db, c.id, 'acknowledgement', '2026-12-02T09:30:00Z');
    expect(summary(await remindersFor(db, priya, clockAt('2026-12-02T10:00:00Z')))).toEqual([]);
    // Nobody else is reminded of Priya's case.
    expect(await remindersFor(db, sam, clockAt('2026-12-01T08:00:00Z'))).toEqual([]);
  });

  it('reminds the escalation owner too, marked as escalated, and lists the case in their escalations', async () => {
    const c = await mine('2026-11-30T16:00:00Z');
    await setEscalation(
      db,
      c.id,
      { escalated: true, reason: 'Vulnerable customer', owner: { id: sam.id, name: sam.name } },
      MANAGER,
      new Date('2026-11-30T17:00:00Z'),
    );
    expect(summary(await remindersFor(db, sam, clockAt('2026-12-01T08:00:00Z')))).toEqual([
      ['acknowledge', c.reference, false, true],
    ]);
    expect((await escalatedTo(db, sam)).map((x) => x.reference)).toEqual([c.reference]);
    await setEscalation(db, c.id, { escalated: false }, MANAGER, new Date('2026-12-01T09:00:00Z'));
    expect(await escalatedTo(db, sam)).toEqual([]);
  });

  it('reminds of a final response due within the window, and of an update owed', async () => {
    // FCA general: 8 weeks from 5 Oct 2026 is 30 Nov 2026.
    const c = await mine('2026-10-05T09:00:00Z');
    await sendLetter(db, c.id, 'acknowledgement', '2026-10-05T10:00:00Z');
    const list = await remindersFor(db, priya, clockAt('2026-11-27T09:00:00Z'));
    expect(summary(list)).toEqual([
      ['update-owed', c.reference, true, false],
      ['final', c.reference, false, false],
    ]);
  });

  it('reminds of an enquiry and an action once past their due day', async () => {
    const c = await mine('2026-11-23T09:00:00Z');
    await sendLetter(db, c.id, 'acknowledgement', '2026-11-23T10:00:00Z');
    await addEnquiry(
      db,
      c.id,
      { recipient: 'Billing team', question: 'Why twice?', sentDate: '2026-11-23', dueDate: '2026-11-25' },
      priya,
      new Date('2026-11-23T11:00:00Z'),
    );
    await addAction(
      db,
      c.id,
      { title: 'Refund the fee', owner: { id: priya.id, name: priya.name }, dueAt: '2026-11-26' },
      priya,
      new Date('2026-11-23T11:00:00Z'),
    );
    expect(summary(await remindersFor(db, priya, clockAt('2026-11-25T12:00:00Z')))).toEqual([]);
    const later = await remindersFor(db, priya, clockAt('2026-11-27T12:00:00Z'));
    expect(later.map((r) => [r.kind, r.detail, r.due])).toEqual([
      ['enquiry', 'Billing team', '2026-11-25'],
      ['action', 'Refund the fee', '2026-11-26'],
    ]);
  });

  describe('in a Sydney office on a computer set to Los Angeles', () => {
    const sydney = testRules({
      calendar: createBusinessCalendar({ country: 'AU', region: 'NSW', timeZone: 'Australia/Sydney' }),
    });
    const sydneyClock = (iso: string): ReminderClock => {
      const now = new Date(iso);
      return {
        now,
        today: localDate(now, 'Australia/Sydney'),
        calendar: sydney.calendar,
        dueSoonBusinessDays: 2,
        updateOwedBefore: updateOwedBefore(now, sydney.calendar, 10),
      };
    };
    beforeEach(() => {
      // 19 hours behind Sydney in December: the computer's date is the day before the office's.
      vi.stubEnv('TZ', 'America/Los_Angeles');
    });
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it("turns at the office's midnight, not the computer's", async () => {
      // Received Monday 7 Dec 2026 at 23:30 Sydney (12:30 UTC; 04:30 that morning in Los Angeles).
      // ASIC RG 271: acknowledge by the end of the next business day, Tuesday 8 Dec 23:59 Sydney.
      const received = '2026-12-07T12:30:00Z';
      const created = await createCase(
        db,
        intake(received, { regime: 'au-asic-rg271' }),
        priya,
        sydney,
        new Date(received),
      );
      const c = await assignCase(db, created.id, { id: priya.id, name: priya.name }, MANAGER, {
        now: new Date(received),
      });
      const at = async (iso: string) => summary(await remindersFor(db, priya, sydneyClock(iso)));
      // Monday 23:45 Sydney: due tomorrow, no reminder yet.
      expect(await at('2026-12-07T12:45:00Z')).toEqual([]);
      // Tuesday 00:05 Sydney (still Monday 05:05 in Los Angeles): due today.
      expect(new Date('2026-12-07T13:05:00Z').getDate()).toBe(7);
      expect(await at('2026-12-07T13:05:00Z')).toEqual([['acknowledge', c.reference, false, false]]);
      // Tuesday 23:59 Sydney: still in time.
      expect(await at('2026-12-08T12:59:00Z')).toEqual([['acknowledge', c.reference, false, false]]);
      // Wednesday 00:01 Sydney (Tuesday 05:01 in Los Angeles): overdue.
      expect(await at('2026-12-08T13:01:00Z')).toEqual([['acknowledge', c.reference, true, false]]);
    });
  });
});
