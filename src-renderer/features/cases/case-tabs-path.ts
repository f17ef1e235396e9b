// A case tab's route, apart from the tab registry so any screen can link to a tab without
// importing every tab's component.
export const caseTabPath = (caseId: string, tab: string) =>
  tab === 'overview' ? `/cases/${caseId}` : `/cases/${caseId}/${tab}`;
