import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  approversAmong,
  caseSubject,
  may,
  visibleTo,
  type Action,
  type Actor,
  type CaseSubject,
  type PermissionRole,
  type ProposalSubject,
} from '../../../../src-shared/domain/permissions';

// What each role (and a few people holding two) may do, as the product owner wrote it:
//   all    — on every case (or, for an office-wide action, simply yes)
//   theirs — only on cases that are theirs: assigned to them, escalated to them, or logged by them
//   no     — not at all
const TABLE = `
  action                officer  investigator  manager  administrator  officer+investigator  manager+administrator  officer+administrator
  case.create           all      no            all      no             all                   all                    all
  case.view             all      all           all      no             all                   all                    all
  case.edit             theirs   no            all      no             theirs                all                    theirs
  case.transition       theirs   no            all      no             theirs                all                    theirs
  case.checklist        theirs   no            all      no             theirs                all                    theirs
  case.assign           no       no            all      no             no                    all                    no
  case.escalate         no       no            all      no             no                    all                    no
  case.restrict         no       no            all      no             no                    all                    no
  investigation.edit    theirs   theirs        all      no             theirs                all                    theirs
  communication.record  theirs   no            all      no             theirs                all                    theirs
  proposal.write        theirs   no            all      no             theirs                all                    theirs
  proposal.approve      no       no            all      no             no                    all                    no
  dashboard.view        all      all           all      no             all                   all                    all
  report.management     no       no            all      no             no                    all                    no
  report.case-export    theirs   theirs        all      no             theirs                all                    theirs
  export.batch          no       no            all      no             no                    all                    no
  retention.decide      no       no            all      no             no                    all                    no
  improvements.edit     no       no            all      no             no                    all                    no
  audit.verify          no       no            all      all            no                    all                    all
  settings.edit         no       no            no       all            no                    all                    all
  templates.edit        no       no            no       all            no                    all                    all
  taxonomy.edit         no       no            no       all            no                    all                    all
  regimes.edit          no       no            no       all            no                    all                    all
  users.manage          no       no            no       all            no                    all                    all
  backups.manage        no       no            no       all            no                    all                    all
  case.legal-hold       no       no            all      no             no                    all                    no
  retention.policy      no       no            all      all            no                    all                    all
  backups.run           no       no            all      all            no                    all                    all
  case.import           no       no            all      all            no                    all                    all
  returns.view          no       no            all      no             no                    all                    no
`;

type Expected = 'all' | 'theirs' | 'no';
const [header, ...lines] = TABLE.trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/));
const people = header!.slice(1);
const rows = lines.map(([action, ...answers]) => ({
  action: action as Action,
  answers: answers as Expected[],
}));
const cells = rows.flatMap(({ action, answers }) =>
  people.map((person, i) => [person, action, answers[i]!] as const),
);

const ME = 'me';
const actor = (person: string, extra: Partial<Actor> = {}): Actor => ({
  id: ME,
  roles: person.split('+') as PermissionRole[],
  ...extra,
});
const mine: CaseSubject = { assigneeId: ME, escalationOwnerId: null, createdById: 'someone' };
const someoneElses: CaseSubject = { assigneeId: 'other', escalationOwnerId: null, createdById: 'other' };

describe('who may do what', () => {
  it('the table has one row per action and one answer per person', () => {
    expect(rows.map((r) => r.action)).toEqual([...ACTIONS]);
    for (const r of rows) expect(r.answers).toHaveLength(people.length);
  });

  it.each(cells)('%s, %s: %s', (person, action, expected) => {
    const who = actor(person);
    const onMine = may(who, action, { case: mine });
    const onOthers = may(who, action, { case: someoneElses });
    if (expected === 'no') {
      expect(may(who, action)).toMatchObject({ ok: false, code: 'role' });
      expect(onMine).toMatchObject({ ok: false, code: 'role' });
      expect(onOthers).toMatchObject({ ok: false, code: 'role' });
    } else {
      // Without a case, the answer is whether to offer the action at all.
      expect(may(who, action)).toEqual({ ok: true });
      expect(onMine).toEqual({ ok: true });
      expect(onOthers).toEqual(
        expected === 'all' ? { ok: true } : expect.objectContaining({ ok: false, code: 'not-assigned' }),
      );
    }
  });

  it.each([
    ['officer', 'proposal.approve', 'Only a manager can decide on a resolution that needs approval.'],
    [
      'administrator',
      'dashboard.view',
      'Only an officer, an investigator or a manager can see the dashboard.',
    ],
    ['manager', 'settings.edit', 'Only an administrator can change the office settings.'],
    ['officer', 'audit.verify', 'Only a manager or an administrator can verify the audit trail.'],
    ['administrator', 'case.view', 'Only an officer, an investigator or a manager can see cases.'],
    ['investigator', 'case.create', 'Only an officer or a manager can log complaints.'],
  ] as const)('%s, %s: “%s”', (person, action, message) => {
    expect(may(actor(person), action)).toEqual({ ok: false, code: 'role', message });
  });

  it('a case is theirs when assigned to them, escalated to them or logged by them', () => {
    const officer = actor('officer');
    const escalated: CaseSubject = { ...someoneElses, escalationOwnerId: ME };
    const logged: CaseSubject = { ...someoneElses, createdById: ME };
    const unassigned: CaseSubject = { assigneeId: '', escalationOwnerId: null, createdById: 'other' };
    expect(may(officer, 'case.transition', { case: escalated }).ok).toBe(true);
    expect(may(officer, 'case.transition', { case: logged }).ok).toBe(true);
    expect(may(officer, 'case.transition', { case: unassigned })).toEqual({
      ok: false,
      code: 'not-assigned',
      message: 'This case is not assigned to you; a manager can assign it to you.',
    });
  });

  it('answers questions about people rather than one case', () => {
    const people = [
      { name: 'Priya', roles: ['officer' as const] },
      { name: 'Lukasz', roles: ['investigator' as const] },
      { name: 'Morgan', roles: ['manager' as const] },
      { name: 'Ada', roles: ['administrator' as const] },
      { name: 'Kai', roles: ['officer' as const, 'manager' as const] },
    ];
    expect(approversAmong(people).map((p) => p.name)).toEqual(['Morgan', 'Kai']);
  });
});

describe('separation of duties in approving a proposal', () => {
  const proposal = (over: Partial<ProposalSubject> = {}): ProposalSubject => ({
    createdById: 'priya',
    editedByIds: ['sam'],
    totals: [{ amount: 756.2, currency: 'GBP' }],
    ...over,
  });
  const manager = (id: string, approvalLimit?: number | null): Actor => ({
    id,
    roles: ['manager'],
    ...(approvalLimit === undefined ? {} : { approvalLimit }),
  });
  const approve = (who: Actor, p = proposal(), locale = 'en-GB') =>
    may(who, 'proposal.approve', { proposal: p, locale });

  it('the manager who proposed it may not approve it', () => {
    expect(approve(manager('priya'))).toEqual({
      ok: false,
      code: 'own-proposal',
      message: 'You proposed this remedy; another manager must approve it.',
    });
  });

  it('nor may a manager who edited it', () => {
    expect(approve(manager('sam'))).toEqual({
      ok: false,
      code: 'edited-proposal',
      message: 'You edited this proposal; another manager must approve it.',
    });
  });

  it('a second manager may, without a personal limit (absent or null)', () => {
    expect(approve(manager('morgan'))).toEqual({ ok: true });
    expect(approve(manager('morgan', null))).toEqual({ ok: true });
    expect(
      approve(manager('morgan', null), proposal({ totals: [{ amount: 1e6, currency: 'GBP' }] })),
    ).toEqual({
      ok: true,
    });
  });

  it('a limit exactly equal to the total is enough', () => {
    expect(approve(manager('morgan', 756.2))).toEqual({ ok: true });
  });

  it('a total above the limit is refused, with both amounts in the office’s money format', () => {
    expect(approve(manager('morgan', 500))).toEqual({
      ok: false,
      code: 'over-limit',
      message:
        'This remedy (£756.20) is above your approval limit of £500.00; a manager with a higher limit must approve it.',
    });
  });

  it('the limit applies to each currency’s total: above it in another currency is refused in that currency', () => {
    const mixed = proposal({
      totals: [
        { amount: 120, currency: 'GBP' },
        { amount: 756.2, currency: 'EUR' },
      ],
    });
    expect(approve(manager('morgan', 500), mixed)).toMatchObject({
      code: 'over-limit',
      message:
        'This remedy (€756.20) is above your approval limit of €500.00; a manager with a higher limit must approve it.',
    });
    expect(approve(manager('morgan', 500), mixed, 'de-DE')).toMatchObject({
      message: expect.stringContaining(
        'This remedy (756,20\u00a0€) is above your approval limit of 500,00\u00a0€;',
      ),
    });
  });

  it('being the author is the reason given first; being no manager comes before all', () => {
    expect(approve(manager('priya', 100))).toMatchObject({ code: 'own-proposal' });
    expect(approve({ id: 'zoe', roles: ['officer'] })).toMatchObject({ code: 'role' });
    expect(approve({ id: 'ada', roles: ['administrator'] })).toMatchObject({ code: 'role' });
  });
});

describe('restricted cases', () => {
  // A staff complaint: logged by officer Olu, assigned to investigator Ines, escalated to officer Esme.
  const restricted: CaseSubject = {
    assigneeId: 'ines',
    escalationOwnerId: 'esme',
    createdById: 'olu',
    restricted: true,
  };
  const sees = (id: string, ...roles: PermissionRole[]) =>
    may({ id, roles }, 'case.view', { case: restricted });

  it.each([
    ['the assigned investigator', 'ines', ['investigator'], true],
    ['the escalation owner', 'esme', ['officer'], true],
    ['a manager', 'morgan', ['manager'], true],
    ['another officer', 'priya', ['officer'], false],
    ['the officer who logged it', 'olu', ['officer'], false],
    ['another investigator', 'lukasz', ['investigator'], false],
    ['an administrator', 'ada', ['administrator'], false],
  ] as const)('%s sees it: %s', (_who, id, roles, expected) => {
    expect(sees(id, ...roles).ok).toBe(expected);
  });

  it('says why to those who may see cases, but not this one', () => {
    expect(sees('priya', 'officer')).toEqual({
      ok: false,
      code: 'restricted',
      message: 'This case is restricted: only its assignee, its escalation owner and managers see it.',
    });
    expect(
      may({ id: 'olu', roles: ['officer'] }, 'communication.record', { case: restricted }),
    ).toMatchObject({
      code: 'restricted',
    });
    // Unrestricted, the officer who logged it still works on it.
    expect(
      may({ id: 'olu', roles: ['officer'] }, 'case.view', { case: { ...restricted, restricted: false } }),
    ).toEqual({ ok: true });
  });

  it('lists show nobody a case they may not see', () => {
    const cases = [
      { ref: 'C-1', subject: someoneElses },
      { ref: 'C-2', subject: restricted },
      { ref: 'C-3', subject: { ...someoneElses, assigneeId: 'priya' } },
      { ref: 'C-4', subject: { ...restricted, assigneeId: 'priya' } },
    ];
    const refs = (a: Actor) => visibleTo(a, cases, (c) => c.subject).map((c) => c.ref);
    // Everyone's open cases, and of the restricted ones only hers.
    expect(refs({ id: 'priya', roles: ['officer'] })).toEqual(['C-1', 'C-3', 'C-4']);
    expect(refs({ id: 'morgan', roles: ['manager'] })).toEqual(['C-1', 'C-2', 'C-3', 'C-4']);
    expect(refs({ id: 'ada', roles: ['administrator'] })).toEqual([]);
  });

  it('reads a stored case: no restricted mark means not restricted', () => {
    const stored = { assigneeId: 'ines', escalation: { owner: { id: 'esme' } }, createdBy: { id: 'olu' } };
    expect(caseSubject(stored)).toEqual({
      assigneeId: 'ines',
      escalationOwnerId: 'esme',
      createdById: 'olu',
      restricted: false,
    });
    expect(caseSubject({ ...stored, escalation: null, restricted: true })).toMatchObject({
      escalationOwnerId: null,
      restricted: true,
    });
  });
});

describe('anonymised cases', () => {
  // Withdrawn, then anonymised on an erasure request: the manager, its assignee and its creator alike.
  const stored = {
    assigneeId: ME,
    escalation: null,
    createdBy: { id: ME },
    anonymised: { at: '2027-01-10T00:00:00.000Z', recordId: 'disposal-1' },
  };
  const anonymised = caseSubject(stored);
  const manager = actor('manager');

  it('reads the anonymised mark off a stored case, and leaves it off one not anonymised', () => {
    expect(anonymised).toMatchObject({ anonymised: true });
    expect(caseSubject({ ...stored, anonymised: null })).not.toHaveProperty('anonymised');
  });

  it('nobody changes one, whatever their roles, and the case is the reason given', () => {
    const REFUSED = {
      ok: false,
      code: 'anonymised',
      message: 'This case was anonymised: it can no longer be changed.',
    };
    const before = caseSubject({ ...stored, anonymised: null });
    // Each action about the case is refused; an office-wide one does not look at it.
    const refused = ACTIONS.filter((action) => {
      const answer = may(manager, action, { case: anonymised });
      if (answer.ok || answer.code !== 'anonymised')
        expect(answer, action).toEqual(may(manager, action, { case: before }));
      else expect(answer, action).toEqual(REFUSED);
      return !answer.ok && answer.code === 'anonymised';
    });
    expect(refused).toEqual(
      expect.arrayContaining(['case.edit', 'case.transition', 'case.checklist', 'case.assign']),
    );
    expect(refused).toEqual(
      expect.arrayContaining(['investigation.edit', 'communication.record', 'proposal.write']),
    );
    // Not "only a manager can…" nor "not assigned to you": no one can, whoever asks.
    for (const person of people)
      for (const action of refused)
        expect(may(actor(person), action, { case: anonymised }), `${person} ${action}`).toEqual(REFUSED);
    // Without the case, the question is about the person's roles alone, as before.
    expect(may(manager, 'case.transition').ok).toBe(true);
  });

  it('it can still be read and exported', () => {
    expect(may(manager, 'case.view', { case: anonymised })).toEqual({ ok: true });
    expect(may(manager, 'report.case-export', { case: anonymised })).toEqual({ ok: true });
    expect(may(actor('officer'), 'report.case-export', { case: anonymised })).toEqual({ ok: true });
  });
});
