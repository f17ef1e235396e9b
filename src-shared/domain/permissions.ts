// Every "may this person do this?" question, answered in one place for both processes. Screens ask
// it to decide what to offer; repositories ask it again before they write. Pure: the caller passes
// the facts a rule needs (the case, the proposal) as the subject. Messages are plain English for
// the complaints officer, like the workflow's.
import { formatMoney, type Money } from './money';

export const PERMISSION_ROLES = ['officer', 'investigator', 'manager', 'administrator'] as const;
export type PermissionRole = (typeof PERMISSION_ROLES)[number];

/** Who is asking. A person may hold several roles; what any one of them allows, they may do. */
export interface Actor {
  id: string;
  roles: readonly PermissionRole[];
  /** The most this person may approve in any one currency; null or absent: no personal limit. */
  approvalLimit?: number | null;
}

/**
 * The signed-in person as the repositories receive them: who the audit trail names (id, name) and
 * what the permission rules ask about (roles, approval limit). Store only `personOf(it)` in records.
 */
export interface ActingPerson extends Actor {
  name: string;
}

/** The id and name to store in a record or an audit entry (never the roles or limit). */
export const personOf = (p: { id: string; name: string }): { id: string; name: string } => ({
  id: p.id,
  name: p.name,
});

/** What the case rules need to know about a case. */
export interface CaseSubject {
  /** '' while unassigned. */
  assigneeId: string;
  escalationOwnerId?: string | null;
  /** Who logged the complaint: it stays theirs to work on, unless the case is restricted. */
  createdById?: string | null;
  /** Staff complaints, whistleblowing: only the assignee, the escalation owner and managers see it. */
  restricted?: boolean;
  /** Its personal details were removed (retention or erasure): it can be read, never changed again. */
  anonymised?: boolean;
}

/** A stored case as the case rules see it (a case without the restricted mark is not restricted). */
export const caseSubject = (c: {
  assigneeId: string;
  escalation: { owner: { id: string } } | null;
  createdBy: { id: string };
  restricted?: boolean;
  anonymised?: unknown;
}): CaseSubject => ({
  assigneeId: c.assigneeId,
  escalationOwnerId: c.escalation?.owner.id ?? null,
  createdById: c.createdBy.id,
  restricted: c.restricted ?? false,
  ...(c.anonymised ? { anonymised: true } : {}),
});

/** What the approval rules need to know about a proposal. */
export interface ProposalSubject {
  createdById: string;
  /** Everyone who changed the proposal after it was written. */
  editedByIds: readonly string[];
  /** What it pays, per currency (never added across currencies). */
  totals: readonly Money[];
}

export interface Subject {
  case?: CaseSubject;
  proposal?: ProposalSubject;
  /** The office's locale, for money in messages (default en-GB). */
  locale?: string;
}

export const ACTIONS = [
  'case.create',
  'case.view',
  'case.edit',
  'case.transition',
  'case.checklist',
  'case.assign',
  'case.escalate',
  'case.restrict',
  'investigation.edit',
  'communication.record',
  'proposal.write',
  'proposal.approve',
  'dashboard.view',
  'report.management',
  'report.case-export',
  'export.batch',
  'retention.decide',
  'improvements.edit',
  'audit.verify',
  'settings.edit',
  'templates.edit',
  'taxonomy.edit',
  'regimes.edit',
  'users.manage',
  'backups.manage',
  'case.legal-hold',
  'retention.policy',
  'backups.run',
  'case.import',
  'returns.view',
] as const;
export type Action = (typeof ACTIONS)[number];

export type PermissionCode =
  'role' | 'anonymised' | 'not-assigned' | 'restricted' | 'own-proposal' | 'edited-proposal' | 'over-limit';
export type Permission = { ok: true } | { ok: false; code: PermissionCode; message: string };

/**
 * Where a role may do an action: on every case ('all'), or only on cases that are theirs
 * ('theirs': assigned to them, escalated to them, or logged by them). Office-wide actions use 'all'.
 */
type Reach = 'all' | 'theirs';

interface Rule {
  /** Finishes "Only a manager can …". */
  what: string;
  /** The action is about one case: pass it as `subject.case` to have it checked. */
  onCase: boolean;
  /** It only reads the case (seeing, exporting): still allowed once the case is anonymised. */
  reads?: true;
  roles: Partial<Record<PermissionRole, Reach>>;
}

// Officers take complaints in and work their own cases; investigators work the investigation of
// the cases assigned to them; managers see and decide on every case; administrators run the
// office's set-up and are not managers unless they also hold that role.
const RULES: Record<Action, Rule> = {
  'case.create': { what: 'log complaints', onCase: false, roles: { officer: 'all', manager: 'all' } },
  // Every case worker sees the office's cases (a restricted case only if it is theirs).
  'case.view': {
    what: 'see cases',
    onCase: true,
    reads: true,
    roles: { officer: 'all', investigator: 'all', manager: 'all' },
  },
  'case.edit': { what: 'change a case', onCase: true, roles: { officer: 'theirs', manager: 'all' } },
  'case.transition': {
    what: 'move a case on',
    onCase: true,
    roles: { officer: 'theirs', manager: 'all' },
  },
  'case.checklist': {
    what: 'tick a case’s checklist',
    onCase: true,
    roles: { officer: 'theirs', manager: 'all' },
  },
  'case.assign': { what: 'assign or reassign cases', onCase: true, roles: { manager: 'all' } },
  'case.escalate': { what: 'escalate cases', onCase: true, roles: { manager: 'all' } },
  'case.restrict': { what: 'restrict who sees a case', onCase: true, roles: { manager: 'all' } },
  'investigation.edit': {
    what: 'record the investigation',
    onCase: true,
    // An officer often investigates the cases they handle; an investigator only those assigned.
    roles: { officer: 'theirs', investigator: 'theirs', manager: 'all' },
  },
  'communication.record': {
    what: 'record communications and letters',
    onCase: true,
    roles: { officer: 'theirs', manager: 'all' },
  },
  'proposal.write': {
    what: 'write a proposed resolution',
    onCase: true,
    roles: { officer: 'theirs', manager: 'all' },
  },
  'proposal.approve': {
    what: 'decide on a resolution that needs approval',
    onCase: true,
    roles: { manager: 'all' },
  },
  // The dashboard counts only the cases the person may see (restricted ones are left out).
  'dashboard.view': {
    what: 'see the dashboard',
    onCase: false,
    roles: { officer: 'all', investigator: 'all', manager: 'all' },
  },
  'report.management': { what: 'run management reports', onCase: false, roles: { manager: 'all' } },
  'report.case-export': {
    what: 'export a case report',
    onCase: true,
    reads: true,
    roles: { officer: 'theirs', investigator: 'theirs', manager: 'all' },
  },
  'export.batch': { what: 'export cases in bulk', onCase: false, roles: { manager: 'all' } },
  'retention.decide': {
    what: 'decide which cases are kept or deleted',
    onCase: false,
    roles: { manager: 'all' },
  },
  // The register is what the office changed because of complaints: managers decide and keep it.
  'improvements.edit': {
    what: 'change the improvement register',
    onCase: false,
    roles: { manager: 'all' },
  },
  'audit.verify': {
    what: 'verify the audit trail',
    onCase: false,
    roles: { manager: 'all', administrator: 'all' },
  },
  'settings.edit': { what: 'change the office settings', onCase: false, roles: { administrator: 'all' } },
  'templates.edit': { what: 'edit letter templates', onCase: false, roles: { administrator: 'all' } },
  'taxonomy.edit': {
    what: 'edit categories and root causes',
    onCase: false,
    roles: { administrator: 'all' },
  },
  'regimes.edit': { what: 'edit regulatory regimes', onCase: false, roles: { administrator: 'all' } },
  'users.manage': { what: 'manage users', onCase: false, roles: { administrator: 'all' } },
  'backups.manage': { what: 'manage backups', onCase: false, roles: { administrator: 'all' } },
  // A hold keeps a case past its retention for a claim or an investigation: a manager's decision.
  'case.legal-hold': {
    what: 'place or lift a legal hold',
    onCase: true,
    roles: { manager: 'all' },
  },
  'retention.policy': {
    what: 'change how long cases are kept',
    onCase: false,
    roles: { manager: 'all', administrator: 'all' },
  },
  // The Backups screen and "Back up now"; restoring and the passphrase stay with administrators.
  'backups.run': {
    what: 'make backups',
    onCase: false,
    roles: { manager: 'all', administrator: 'all' },
  },
  // Bringing in a legacy system's complaints is part of setting the office up, or a manager's.
  'case.import': {
    what: 'import complaints from a spreadsheet',
    onCase: false,
    roles: { manager: 'all', administrator: 'all' },
  },
  'returns.view': { what: 'produce the regulators’ returns', onCase: false, roles: { manager: 'all' } },
};

const ALLOWED: Permission = { ok: true };
/** Why nothing is offered on an anonymised case (its page says so once, above the tabs). */
const ANONYMISED = 'This case was anonymised: it can no longer be changed.';
const refuse = (code: PermissionCode, message: string): Permission => ({ ok: false, code, message });

const ROLE_NAME: Record<PermissionRole, string> = {
  officer: 'an officer',
  investigator: 'an investigator',
  manager: 'a manager',
  administrator: 'an administrator',
};
const orList = (names: string[]) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;

/** Is this case theirs? A restricted case is not its creator's unless assigned or escalated to them. */
function isTheirs(actorId: string, c: CaseSubject): boolean {
  if (isGivenTo(actorId, c)) return true;
  return !!actorId && !c.restricted && c.createdById === actorId;
}

/** Assigned or escalated to this person. */
const isGivenTo = (actorId: string, c: CaseSubject): boolean =>
  !!actorId && (c.assigneeId === actorId || c.escalationOwnerId === actorId);

/**
 * May this person do this? Without a case, a case action is answered for the person's roles alone
 * (to decide what to offer); with `subject.case`, for that case. Approving a proposal with
 * `subject.proposal` also applies the separation of duties and the approver's limit.
 */
export function may(actor: Actor, action: Action, subject: Subject = {}): Permission {
  const rule = RULES[action];
  const c = subject.case;
  // What anonymisation removed must not come back through a change: nobody changes such a case.
  if (rule.onCase && c?.anonymised && !rule.reads) return refuse('anonymised', ANONYMISED);
  const reaches = actor.roles.flatMap((r) => rule.roles[r] ?? []);
  if (!reaches.length) {
    const who = PERMISSION_ROLES.filter((r) => rule.roles[r]).map((r) => ROLE_NAME[r]);
    return refuse('role', `Only ${orList(who)} can ${rule.what}.`);
  }
  // A restricted case is out of reach for everyone but managers and the people it is given to.
  if (rule.onCase && c?.restricted && !actor.roles.includes('manager') && !isGivenTo(actor.id, c)) {
    return refuse(
      'restricted',
      'This case is restricted: only its assignee, its escalation owner and managers see it.',
    );
  }
  if (rule.onCase && c && !reaches.includes('all') && !isTheirs(actor.id, c)) {
    return refuse('not-assigned', 'This case is not assigned to you; a manager can assign it to you.');
  }
  if (action === 'proposal.approve' && subject.proposal)
    return approval(actor, subject.proposal, subject.locale ?? 'en-GB');
  return ALLOWED;
}

/** Nobody approves their own work, nor more than they are trusted with. */
function approval(actor: Actor, p: ProposalSubject, locale: string): Permission {
  if (p.createdById === actor.id)
    return refuse('own-proposal', 'You proposed this remedy; another manager must approve it.');
  if (p.editedByIds.includes(actor.id))
    return refuse('edited-proposal', 'You edited this proposal; another manager must approve it.');
  const limit = actor.approvalLimit ?? null;
  if (limit === null) return ALLOWED;
  const over = p.totals.find((t) => t.amount > limit);
  if (!over) return ALLOWED;
  return refuse('over-limit', overLimitMessage(over, limit, locale));
}

/**
 * Why a total above the person's approval limit (in the total's currency) is refused, with the
 * money in the office's locale: the desk's own check and the team server's refusal say it alike.
 */
export const overLimitMessage = (over: Money, limit: number, locale: string): string =>
  `This remedy (${formatMoney(over, locale)}) is above your approval limit of ${formatMoney(
    { amount: limit, currency: over.currency },
    locale,
  )}; a manager with a higher limit must approve it.`;

/** The cases of `cases` this person may see: lists, search, drill-downs and exports show no others. */
export const visibleTo = <C>(actor: Actor, cases: readonly C[], subjectOf: (c: C) => CaseSubject): C[] =>
  cases.filter((c) => may(actor, 'case.view', { case: subjectOf(c) }).ok);

// ── Questions about people rather than one case ────────────────────────────────────────────────
/** The people who can decide on a proposal waiting for approval (whom to escalate a rejection to). */
export const approversAmong = <P extends { roles: readonly PermissionRole[] }>(people: readonly P[]): P[] =>
  people.filter((p) => may({ id: '', roles: p.roles }, 'proposal.approve').ok);
