// Small management report and letter inputs for the PDF tests.
import type { LetterPdfData, ManagementReportData } from '../../../../../src-shared/ipc/channels/reports';

export const management = (withRows: boolean): ManagementReportData => ({
  context: {
    officeName: 'Office',
    locale: 'en-GB',
    timeZone: 'Europe/London',
    generatedAt: '2026-01-05T10:00:00.000Z',
    generatedBy: 'Priya Shah',
  },
  range: { from: '2025-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' },
  filtersLabel: withRows ? 'Category: Billing' : '',
  kpis: {
    received: 10,
    closed: 6,
    openAtEnd: 4,
    acknowledgedWithinTargetPct: 90,
    finalResponseOnTimePct: withRows ? 80 : null,
    medianDaysToResolve: 12.5,
    p90DaysToResolve: null,
    upheldRatePct: 50,
    averageSatisfaction: 4.2,
    satisfactionResponses: 5,
    reopenedPct: 0,
  },
  byMonth: withRows ? [{ month: '2025-01', received: 4, closed: 2 }] : [],
  byCategory: withRows ? [{ category: 'Billing', count: 7 }] : [],
  rootCauses: withRows ? [{ cause: 'Process', count: 3, cumulativePct: 100 }] : [],
  slaTrend: withRows
    ? [{ month: '2025-01', responses: 3, withinDeadline: 2, pct: 66.7, acknowledgedOnTimePct: 100 }]
    : [],
  topIssues: withRows ? [{ issue: 'Late payment', count: 3, open: 1 }] : [],
  improvements: withRows
    ? [
        {
          title: 'Fix the queue tool',
          owner: 'Priya Shah',
          status: 'Open',
          dueAt: '2026-02-01',
          linkedCases: 2,
        },
      ]
    : [],
});

export const letter = (reference: string): LetterPdfData => ({
  letterhead: {
    officeName: 'Office',
    address: '1 High Street',
    footer: 'Registered office',
    logoDataUrl: null,
  },
  locale: 'en-GB',
  timeZone: 'Europe/London',
  recipient: { name: 'Zoë Đặng', address: '12 Rue des Étoiles' },
  date: '2026-01-05T10:00:00.000Z',
  reference,
  subject: '',
  body: 'Dear Zoë,\n\nThank you.',
});
