// Strings of the reminders centre, the top bar's bell and desktop notifications.
export const remindersEn = {
  nav: 'Reminders',
  title: 'Reminders',
  subtitle_one: '{{count}} thing needs you',
  subtitle_other: '{{count}} things need you',
  subtitleOverdue_one: '{{total}} need you, {{count}} overdue: overdue first',
  subtitleOverdue_other: '{{total}} need you, {{count}} overdue: overdue first',
  bell_one: 'Reminders: {{count}} due',
  bell_other: 'Reminders: {{count}} due',
  emptyTitle: 'Nothing needs you now',
  emptyBody:
    'No acknowledgement or response is due soon on your cases or those escalated to you, no complainant is owed an update, and no enquiry or action is overdue. Reminders appear here, and as desktop notifications, as soon as one is due.',
  escalated: 'Escalated to you',
  overdue: 'Overdue',
  notifySummary_one: '{{count}} new reminder in Redress',
  notifySummary_other: '{{count}} new reminders in Redress',
  notifySummaryBody: 'Open Reminders to see what is due.',
  groups: {
    acknowledge: 'Acknowledgements due',
    holding: 'Holding replies due',
    final: 'Final responses due',
    'update-owed': 'Updates owed to complainants',
    enquiry: 'Internal enquiries overdue',
    action: 'Actions overdue',
  },
  kinds: {
    acknowledge: {
      due: 'acknowledge by {{when}}',
      overdue: 'acknowledgement overdue since {{when}}',
    },
    holding: {
      due: 'final response or holding reply due by {{when}}',
      overdue: 'final response or holding reply overdue since {{when}}',
    },
    final: { due: 'final response due by {{when}}', overdue: 'final response overdue since {{when}}' },
    'update-owed': {
      due: 'the complainant has had no news since {{when}}',
      overdue: 'the complainant has had no news since {{when}}',
    },
    enquiry: {
      due: 'answer from {{detail}} due {{when}}',
      overdue: 'answer from {{detail}} overdue since {{when}}',
    },
    action: { due: '“{{detail}}” due {{when}}', overdue: '“{{detail}}” overdue since {{when}}' },
  },
};
