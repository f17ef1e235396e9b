import { describe, expect, it } from 'vitest';
import { seesCase, viewCheck, viewScope } from '../../../../src-shared/domain/case-visibility';
import type { Actor, CaseSubject, PermissionRole } from '../../../../src-shared/domain/permissions';

const person = (...roles: PermissionRole[]): Actor => ({ id: 'me', roles });
const subject = (over: Partial<CaseSubject> = {}): CaseSubject => ({
  assigneeId: 'someone',
  escalationOwnerId: null,
  createdById: 'someone',
  restricted: false,
  ...over,
});

describe('viewScope', () => {
  it.each([
    [['manager'], 'all'],
    [['manager', 'administrator'], 'all'],
    [['officer'], 'restricted'],
    [['investigator'], 'restricted'],
    [['officer', 'investigator'], 'restricted'],
    [['administrator'], 'none'],
    [[], 'none'],
  ] as [PermissionRole[], string][])('%j: %s', (roles, scope) => {
    expect(viewScope(person(...roles))).toBe(scope);
  });
});

describe('viewCheck', () => {
  // Facts with the subject beside a restricted flag, as the dashboard keeps them.
  const rows = [
    { name: 'open', s: subject() },
    { name: 'restricted, someone else’s', s: subject({ restricted: true }) },
    { name: 'restricted, mine', s: subject({ restricted: true, assigneeId: 'me' }) },
    { name: 'restricted, escalated to me', s: subject({ restricted: true, escalationOwnerId: 'me' }) },
    { name: 'restricted, logged by me', s: subject({ restricted: true, createdById: 'me' }) },
  ];
  const shown = (viewer: Actor) => {
    const check = viewCheck(
      viewer,
      (r: (typeof rows)[number]) => r.s,
      (r) => !!r.s.restricted,
    );
    return (check ? rows.filter(check) : rows).map((r) => r.name);
  };

  it('needs no check for a manager', () => {
    expect(
      viewCheck(
        person('manager'),
        (r: CaseSubject) => r,
        () => true,
      ),
    ).toBeNull();
  });

  it('lets an officer see open cases and the restricted ones given to them, as the rule says', () => {
    expect(shown(person('officer'))).toEqual(['open', 'restricted, mine', 'restricted, escalated to me']);
    for (const r of rows) {
      expect(shown(person('officer')).includes(r.name)).toBe(seesCase(person('officer'), r.s));
    }
  });

  it('shows nothing to someone who works no cases', () => {
    expect(shown(person('administrator'))).toEqual([]);
  });
});
