// A case report input with personal data planted everywhere people really type it: a witness
// name as first typed and later corrected, file names, health needs in the audit's field dumps,
// a street in a summary long enough to be shortened, a postcode and street written apart from the
// address, the name in lower case and without accents, people in "others present", family in free
// text, a customer file number, a staff name typed into a note, and CJK, Arabic and Hebrew names.
import type { CaseReportData } from '../../../../src-shared/ipc/channels/reports';
import { caseReportFixture } from './case-report-fixture';

/** Every planted datum, and the forms of it that must not survive (parts, lower case, no accents). */
export const PLANTED = {
  complainant: ['Zoë Đặng', 'Zoe Dang', 'zoë', 'Zoë', 'Đặng', 'Dang'],
  firstTypedWitness: ['Dimitri Volkow', 'Dimitri', 'Volkow'],
  witness: ['Dmitri Volkov', 'Dmitri', 'Volkov'],
  evidenceFile: ['zoe_dang_passport_scan.jpg', 'passport_scan'],
  needs: ['Registered blind', 'bereavement', 'anxiety'],
  street: ['14 Larkspur Road', 'Larkspur'],
  postcode: ['LS6 2QT'],
  othersPresent: ['Aisha Rahman', 'Rahman', 'Aisha', 'Tomás Ferreira', 'Ferreira', 'Tomas'],
  family: ['Lan Nguyễn', 'Nguyễn', 'Nguyen'],
  fileNumber: ['ZD-4471'],
  staffInText: ['Marcus Bellweather', 'Bellweather'],
  cjk: ['王小明'],
  arabic: ['فاطمة الزهراء', 'فاطمة'],
  hebrew: ['דוד כהן', 'כהן'],
  usAddress: ['221 Pine Avenue', 'IL 62704', '62704'],
  auAddress: ['5 George Street', 'NSW 2000'],
  card: ['4539 1488 0343 6467', '4539148803436467'],
  dateOfBirth: ['03/03/1984', '3 March 1984'],
  email: ['zoe.dang@example.org', 'dmitri.volkov@example.net'],
  phone: ['+44 7700 900123', '07700 900456'],
  // As people write numbers: dots, narrow no-break spaces, non-breaking hyphens.
  phoneWritten: ['+44.7700.900.123', '07700.900.456', '07700\u202F900\u202F456', '07700‑900‑456'],
  // Inside brackets the writer typed (a Markdown link's text, an aside).
  bracketed: ['07911 123987', 'mei.t@example.net'],
  // A term added at review, written across a line break in the text.
  addedTerm: ['Oak Tree Farm'],
  // Given the escalation, never acting on the case.
  escalationOwner: ['Morwenna Tregarthen', 'Tregarthen', 'Morwenna'],
} as const;

const LONG_ADDRESS = `Flat 3, Harbour View House, 14 Larkspur Road, Leeds LS6 2QT, West Yorkshire, United Kingdom (ring twice, side door)`;

export function leakFixture(): CaseReportData {
  const d = structuredClone(caseReportFixture());
  const staff = 'Marcus Bellweather';
  d.complainant = {
    ...d.complainant,
    name: 'Zoë Đặng',
    email: 'zoe.dang@example.org',
    phone: '+44 7700 900123',
    address: LONG_ADDRESS,
    needs: 'Registered blind; anxiety after a bereavement',
    vulnerable: true,
  };
  d.case.accountRef = '40302011223344';
  d.case.description =
    'I am Zoë Đặng. My customer file is ZD-4471 and my card 4539 1488 0343 6467 was charged twice. ' +
    'I was born on 3 March 1984 (DOB: 03/03/1984). Write to me at Larkspur Road, postcode LS6 2QT.';
  d.case.desiredOutcome = 'zoë wants the fee back; Zoe Dang asked for an apology by phone on 07700 900456.';
  d.investigation.notes = [
    {
      at: d.investigation.notes[0]!.at,
      author: 'Priya Shah',
      text: `Spoke to Marcus Bellweather on the front desk. Lan Nguyễn (sister) will attend with her. Her brother lives at 221 Pine Avenue, Springfield, IL 62704 and her aunt at 5 George Street, Sydney NSW 2000.`,
    },
    {
      at: d.investigation.notes[0]!.at,
      author: 'Priya Shah',
      // Pasted from an HTML e-mail: invisible joiners inside the witness's name.
      text:
        'Dmi\u200Dtri Volk\u2060ov called back from +44.7700.900.123 [or 07911 123987, mei.t@example.net]. ' +
        'Zoë’s other numbers: 07700.900.456, 07700\u202F900\u202F456 and 07700‑900‑456. She keeps horses at Oak Tree\nFarm.',
    },
  ];
  d.case.escalation = 'Morwenna Tregarthen: needs senior review';
  d.investigation.interviews[0] = {
    ...d.investigation.interviews[0]!,
    interviewee: 'Dmitri Volkov',
    role: 'Witness',
    contact: 'dmitri.volkov@example.net',
    othersPresent: 'Aisha Rahman and Tomás Ferreira',
    followUpActions: ['Ask Lan Nguyễn (sister) to confirm the date of the call'],
    statement:
      'Witness Dmitri Volkov said the customer zoë was upset. Others present: Aisha Rahman and Tomás Ferreira.',
    keyPoints: ['Dimitri Volkow (as first noted) confirmed the queue was stuck'],
    addenda: [],
  };
  d.investigation.interviews.push({
    ...d.investigation.interviews[0]!,
    interviewee: '王小明',
    role: 'Branch adviser',
    statement: '王小明说付款被延迟了。 Also present: דוד כהן.',
    contact: '07700 900456',
    othersPresent: 'דוד כהן',
    followUpActions: [],
    keyPoints: [],
  });
  d.investigation.enquiries[0] = {
    ...d.investigation.enquiries[0]!,
    department: 'Ms فاطمة الزهراء, Customer Relations',
  };
  d.evidence = [
    {
      ...d.evidence[0]!,
      name: 'zoe_dang_passport_scan.jpg',
      type: 'image/jpeg',
      description: 'Passport scan',
    },
  ];
  d.timeline = [
    {
      at: d.timeline[0]!.at,
      actor: staff,
      event: 'Interview updated',
      detail:
        'intervieweeName: Dimitri Volkow → Dmitri Volkov; othersPresent: — → Aisha Rahman, Tomás Ferreira',
      reason: 'Name corrected',
    },
    {
      at: d.timeline[0]!.at,
      actor: 'Priya Shah',
      event: 'Case updated',
      // The renderer shortens long values: the street is cut, which once left "14 Larksp…" behind.
      detail: `complainant.address: — → ${LONG_ADDRESS.slice(0, 40)}…`,
      reason: '',
    },
  ];
  d.audit = [
    {
      ...d.audit[0]!,
      actor: staff,
      changes:
        'complainant.needs: — → Registered blind; anxiety after a bereavement; complainant.vulnerable: false → true',
    },
    {
      ...d.audit[1]!,
      changes: `intervieweeName: Dimitri Volkow → Dmitri Volkov; othersPresent: — → Aisha Rahman, Tomás Ferreira, דוד כהן`,
    },
    {
      ...d.audit[2]!,
      changes: `evidence.name: — → zoe_dang_passport_scan.jpg; complainant.name: Zoe Dang → Zoë Đặng`,
    },
  ];
  d.communications = [
    {
      ...d.communications[0]!,
      to: 'zoe.dang@example.org',
      text: 'Dear Ms Đặng, we have your complaint ZD-4471.',
    },
  ];
  d.redaction = {
    history: [
      { kind: 'complainant', value: 'Zoe Dang', sameAs: '' },
      { kind: 'witness', value: 'Dimitri Volkow', sameAs: 'Dmitri Volkov' },
      { kind: 'person', value: 'Aisha Rahman, Tomás Ferreira, דוד כהן', sameAs: '' },
      { kind: 'needs', value: 'Registered blind; anxiety after a bereavement', sameAs: '' },
      { kind: 'staff', value: 'Morwenna Tregarthen', sameAs: '' },
    ],
    added: ['Oak Tree Farm'],
    // The office's default pattern for customer file numbers.
    patterns: ['(?<![\\p{L}\\p{N}-])[A-Z]{2,3}-\\d{3,}(?![\\p{L}\\p{N}-])'],
  };
  return d;
}
