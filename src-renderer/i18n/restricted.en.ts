// Strings of restricted cases (staff complaints, whistleblowing).
export const restrictedEn = {
  intake: {
    restricted: 'Restricted (staff complaint, whistleblowing)',
    restrictedHelp:
      'Only the officer it is assigned to, its escalation owner and managers will see it, and every view is recorded. Only a manager can lift this.',
  },
  case: {
    restricted: 'Restricted',
    restrictedTip:
      'Only its assignee, its escalation owner and managers see this case; every view is recorded.',
    restrict: 'Restrict access…',
    restrictTitle: 'Restrict access to this case',
    restrictIntro:
      'Only its assignee, its escalation owner and managers will see it, in lists, search, the dashboard and reports. Every view is recorded in its timeline.',
    restrictConfirm: 'Restrict access',
    lift: 'Lift restriction…',
    liftTitle: 'Lift the restriction',
    liftIntro: 'Every case worker will see this case again.',
    liftConfirm: 'Lift restriction',
    cannotSee: 'You can’t see this case.',
  },
  action: {
    restrict: 'Access restricted',
    unrestrict: 'Restriction lifted',
    view: 'Viewed (restricted case)',
  },
};
