// Demo complainants: UK, Australian and US names (many with letters beyond ASCII), contact details in
// the ranges set aside for fiction (Ofcom 07700 900xxx, ACMA 0491 570 xxx, US 555-01xx, example.* mail
// domains), postal addresses and account references. Pure data and pure functions.
import type { ContactMethod } from '../domain/case';
import { rngFor, type Rng } from './rng';

export const LOCALES = ['uk', 'au', 'us'] as const;
export type Locale = (typeof LOCALES)[number];

const GIVEN: Record<Locale, readonly string[]> = {
  uk: [
    'Oliver',
    'Amelia',
    'Harry',
    'Isla',
    'George',
    'Ava',
    'Jack',
    'Sophie',
    'Charlotte',
    'Mohammed',
    'Fatima',
    'Priya',
    'Rhys',
    'Cerys',
    'Siobhán',
    'Aoife',
    'Niamh',
    'Eilidh',
    'Callum',
    'Ewan',
    'Zoë',
    'Dylan',
    'Gareth',
    'Margaret',
    'Brian',
    'Susan',
    'Derek',
    'Imran',
    'Aaliyah',
    'Seren',
    'Rónán',
    'Bethan',
    'Kwame',
    'Joanne',
  ],
  au: [
    'Jack',
    'Olivia',
    'Noah',
    'Charlotte',
    'William',
    'Mia',
    'Lachlan',
    'Matilda',
    'Harper',
    'Archie',
    'Chloe',
    'Hamish',
    'Bronwyn',
    'Kylie',
    'Darren',
    'Sharon',
    'Mai',
    'Minh',
    'Arjun',
    'Aroha',
    'Giorgos',
    'Tāne',
    'Jarrah',
    'Kirra',
    'Narelle',
    'Bao',
    'Anh',
    'Sione',
    'Mele',
    'Rangi',
  ],
  us: [
    'James',
    'Mary',
    'Michael',
    'Jennifer',
    'Robert',
    'Linda',
    'David',
    'María',
    'José',
    'Luis',
    'DeShawn',
    'Latoya',
    'Emily',
    'Ethan',
    'Madison',
    'Tyler',
    'Ana',
    'Sofía',
    'Wei',
    'Hyun-woo',
    'Darnell',
    'Brianna',
    'Guadalupe',
    'Ramón',
    'Keisha',
    'Connor',
    'Aiyana',
    'Dakota',
  ],
};

const FAMILY: Record<Locale, readonly string[]> = {
  uk: [
    'Smith',
    'Jones',
    'Williams',
    'Taylor',
    'Brown',
    'Davies',
    'Evans',
    'Wilson',
    'Thomas',
    'Roberts',
    'Patel',
    'Khan',
    'Begum',
    'Ahmed',
    "O'Connor",
    'MacDonald',
    'Ó Súilleabháin',
    'Fitzgerald',
    'Hughes',
    'Lewis',
    'Campbell',
    'Murphy',
    'Kowalski',
    'Nowak',
    'Mensah',
    'Okafor',
    'Singh',
    'Ní Bhriain',
    'Llewellyn',
    'Pritchard',
  ],
  au: [
    'Nguyen',
    'Tran',
    'Smith',
    'Jones',
    'Williams',
    'Brown',
    'Wilson',
    'Taylor',
    'Singh',
    'Kaur',
    'Papadopoulos',
    'Rossi',
    'Kelly',
    'Ryan',
    "O'Brien",
    'Walker',
    'Le',
    'Chen',
    'Wang',
    'Ngata',
    'Fifita',
    'Tuilagi',
    'Kovačević',
    'Nikolaidis',
    'Anderson',
    'Thompson',
    'McKenzie',
  ],
  us: [
    'Johnson',
    'Williams',
    'Garcia',
    'Martinez',
    'Hernández',
    'Rodríguez',
    'Lopez',
    'Washington',
    'Jackson',
    'Kim',
    'Lee',
    'Nguyen',
    'Miller',
    'Davis',
    'Wilson',
    'Anderson',
    'Thompson',
    'Rivera',
    "O'Neill",
    'Begay',
    'Yazzie',
    'Castillo',
    'Peña',
    'Muñoz',
    'Okafor',
    'Schmidt',
    'Kowalczyk',
  ],
};

// Names with letters beyond ASCII, found in every office's post: they test matching, sorting and fonts.
const GIVEN_WORLD = [
  'Zoë',
  'Łukasz',
  'Ngũgĩ',
  'Siobhán',
  'Søren',
  'Björn',
  'Małgorzata',
  'Grzegorz',
  'Jiří',
  'Kateřina',
  'François',
  'Hélène',
  'Anaïs',
  'Renée',
  'João',
  'Ayşe',
  'Çağla',
  'Thảo',
  'Dương',
  'Ngozi',
  'Chidi',
  'Oluwaseun',
  'Saoirse',
  'Eoghan',
  'Tāmati',
  'Åsa',
  'Jürgen',
  'Zoltán',
  'Ingrid',
  'Wanjiru',
  'Nnamdi',
  'Bình',
  'Mihály',
  'Dóra',
];
const FAMILY_WORLD = [
  'Nowak',
  'Wójcik',
  'Kowalczyk',
  'Dvořák',
  'Novotná',
  'Müller',
  'Schäfer',
  'Lindqvist',
  'Ångström',
  'Øvergaard',
  'Ó Briain',
  'Ní Mhaoláin',
  'Đặng',
  'Nguyễn',
  'Phạm',
  'Trần',
  'Kamau',
  'Okonkwo',
  'Adébáyọ̀',
  'Yılmaz',
  'Öztürk',
  'Gonçalves',
  'Peña',
  'Muñoz',
  'Fernández',
  'Lefèvre',
  'Brontë',
  'Szabó',
  'Nagy',
  'Mwangi',
  'Ağaoğlu',
];

interface Town {
  town: string;
  /** UK postcode area, AU state, US state. */
  region: string;
  /** AU/US postcode; UK builds one from the area. */
  code: string;
}
const TOWNS: Record<Locale, readonly Town[]> = {
  uk: [
    { town: 'Leeds', region: 'LS', code: '' },
    { town: 'Manchester', region: 'M', code: '' },
    { town: 'Bristol', region: 'BS', code: '' },
    { town: 'Cardiff', region: 'CF', code: '' },
    { town: 'Glasgow', region: 'G', code: '' },
    { town: 'Belfast', region: 'BT', code: '' },
    { town: 'Norwich', region: 'NR', code: '' },
    { town: 'Sheffield', region: 'S', code: '' },
    { town: 'Brighton', region: 'BN', code: '' },
    { town: 'Swansea', region: 'SA', code: '' },
    { town: 'Aberdeen', region: 'AB', code: '' },
    { town: 'Derry', region: 'BT', code: '' },
  ],
  au: [
    { town: 'Parramatta', region: 'NSW', code: '2150' },
    { town: 'Geelong', region: 'VIC', code: '3220' },
    { town: 'Townsville', region: 'QLD', code: '4810' },
    { town: 'Hobart', region: 'TAS', code: '7000' },
    { town: 'Fremantle', region: 'WA', code: '6160' },
    { town: 'Ballarat', region: 'VIC', code: '3350' },
    { town: 'Newcastle', region: 'NSW', code: '2300' },
    { town: 'Cairns', region: 'QLD', code: '4870' },
    { town: 'Wollongong', region: 'NSW', code: '2500' },
    { town: 'Toowoomba', region: 'QLD', code: '4350' },
    { town: 'Alice Springs', region: 'NT', code: '0870' },
  ],
  us: [
    { town: 'Columbus', region: 'OH', code: '43215' },
    { town: 'Tucson', region: 'AZ', code: '85701' },
    { town: 'Albuquerque', region: 'NM', code: '87102' },
    { town: 'Richmond', region: 'VA', code: '23219' },
    { town: 'Spokane', region: 'WA', code: '99201' },
    { town: 'Madison', region: 'WI', code: '53703' },
    { town: 'Boise', region: 'ID', code: '83702' },
    { town: 'Savannah', region: 'GA', code: '31401' },
    { town: 'Tulsa', region: 'OK', code: '74103' },
    { town: 'El Paso', region: 'TX', code: '79901' },
  ],
};
const STREETS = [
  'Acacia',
  'Wattle',
  'Maple',
  'Station',
  'Church',
  'Victoria',
  'King',
  'Queen',
  'High',
  'Mill',
  'Elm',
  'Jacaranda',
  'Banksia',
  'Oak',
  'Cedar',
  'Park',
  'Lake',
  'River',
  'Orchard',
  'Heather',
  'Willow',
  'Brunswick',
  'Hillcrest',
];
const STREET_TYPES: Record<Locale, readonly string[]> = {
  uk: ['Street', 'Road', 'Avenue', 'Lane', 'Close', 'Crescent', 'Way', 'Terrace'],
  au: ['Street', 'Road', 'Avenue', 'Parade', 'Crescent', 'Court', 'Drive', 'Place'],
  us: ['Street', 'Avenue', 'Drive', 'Road', 'Lane', 'Court', 'Boulevard', 'Way'],
};
const MAIL_DOMAINS: Record<Locale, readonly string[]> = {
  uk: ['example.co.uk', 'example.com', 'example.org.uk', 'example.net'],
  au: ['example.com.au', 'example.com', 'example.net.au', 'example.net'],
  us: ['example.com', 'example.org', 'example.net', 'example.us'],
};

const LETTERS = 'ABCDEFGHJKLMNPRSTUWXYZ';
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => rng.int(0, 9)).join('');

/** Spells a name in plain ASCII for an email address: Łukasz → lukasz, Ngũgĩ → ngugi. */
export function asciiFold(value: string): string {
  const special: Record<string, string> = {
    Ł: 'L',
    ł: 'l',
    Đ: 'D',
    đ: 'd',
    Ø: 'O',
    ø: 'o',
    ß: 'ss',
    Æ: 'AE',
    æ: 'ae',
    ı: 'i',
  };
  return value
    .replace(/[ŁłĐđØøßÆæı]/g, (ch) => special[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

export interface DemoPerson {
  locale: Locale;
  name: string;
  email: string;
  phone: string;
  address: string;
  preferredContact: ContactMethod;
  vulnerable: boolean;
  needs: string;
  consentToContact: boolean;
  /** The accounts or policies this person holds; repeat complaints reuse them. */
  accountRefs: string[];
}

const VULNERABLE_NEEDS = [
  'Hearing impaired: please contact by email or letter, not by phone.',
  'Recently bereaved (spouse passed away last month); please be patient and avoid calling before 10am.',
  'Needs large-print letters (at least 16 point).',
  'English is a second language; has asked for a Polish interpreter on calls.',
  'Has a carer, Mrs Doyle, with authority on file to speak on their behalf.',
  'In financial hardship; currently receiving Centrelink payments.',
  'Mental health condition: prefers written contact and time to reply.',
  'Uses a screen reader: please send accessible PDFs or plain email.',
  'Recovering from surgery; limited mobility, cannot visit a branch.',
  'Experiencing domestic abuse: do not send post to the home address, email only.',
  'Aged 87 and lives alone; daughter helps with correspondence.',
  'Dyslexic: short letters with plain wording, please.',
];
const OTHER_NEEDS = [
  'Prefers contact after 5pm.',
  'Works night shifts: email is best.',
  'Please use their Welsh-language preference for letters.',
];

/** The person with this id in a seeded data set: the same id always gives the same person. */
export function demoPerson(seed: number, personId: number): DemoPerson {
  const rng = rngFor(seed, personId, 0x9e0);
  const locale = rng.weighted<Locale>({ uk: 50, au: 28, us: 22 });
  const world = rng.chance(0.18);
  const given = rng.pick(world && rng.chance(0.6) ? GIVEN_WORLD : GIVEN[locale]);
  const family = rng.pick(world ? FAMILY_WORLD : FAMILY[locale]);
  const name = rng.chance(0.04) ? `${given} ${rng.pick(GIVEN[locale])} ${family}` : `${given} ${family}`;

  const hasEmail = rng.chance(0.88);
  const local = asciiFold(`${given}.${family}`)
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '');
  const email = hasEmail
    ? `${rng.chance(0.5) ? local : local.replace('.', '')}${rng.chance(0.35) ? rng.int(1, 99) : ''}@${rng.pick(MAIL_DOMAINS[locale])}`
    : '';
  const hasPhone = rng.chance(0.8) || !hasEmail;
  const phone = !hasPhone
    ? ''
    : locale === 'uk'
      ? `+44 7700 900${digits(rng, 3)}`
      : locale === 'au'
        ? `+61 491 570 ${digits(rng, 3)}`
        : `+1 (${rng.pick(['202', '312', '415', '512', '614'])}) 555-01${digits(rng, 2)}`;

  const town = rng.pick(TOWNS[locale]);
  const street = `${rng.int(1, 240)} ${rng.pick(STREETS)} ${rng.pick(STREET_TYPES[locale])}`;
  const address =
    locale === 'uk'
      ? `${rng.chance(0.2) ? `Flat ${rng.int(1, 30)}, ` : ''}${street}\n${town.town}\n${town.region}${rng.int(1, 28)} ${rng.int(1, 9)}${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`
      : locale === 'au'
        ? `${rng.chance(0.25) ? `Unit ${rng.int(1, 40)}/` : ''}${street}\n${town.town} ${town.region} ${town.code}`
        : `${street}${rng.chance(0.2) ? `, Apt ${rng.int(1, 900)}` : ''}\n${town.town}, ${town.region} ${town.code}`;

  const vulnerable = rng.chance(0.08);
  const needs = vulnerable ? rng.pick(VULNERABLE_NEEDS) : rng.chance(0.03) ? rng.pick(OTHER_NEEDS) : '';
  const preferredContact: ContactMethod = !hasEmail
    ? hasPhone && rng.chance(0.6)
      ? 'phone'
      : 'letter'
    : rng.weighted<ContactMethod>({ email: 68, phone: hasPhone ? 20 : 0, letter: 12 });

  const accountCount = rng.weighted({ 1: 60, 2: 30, 3: 10 } as Record<string, number>);
  const accountRefs = Array.from({ length: Number(accountCount) }, () => accountRef(rng, locale));
  return {
    locale,
    name,
    email,
    phone,
    address,
    preferredContact,
    vulnerable,
    needs,
    consentToContact: rng.chance(0.97),
    accountRefs,
  };
}

function accountRef(rng: Rng, locale: Locale): string {
  switch (rng.weighted({ bank: 45, card: 20, loan: 15, policy: 20 })) {
    case 'bank':
      return locale === 'uk'
        ? `${digits(rng, 2)}-${digits(rng, 2)}-${digits(rng, 2)} ${digits(rng, 8)}`
        : locale === 'au'
          ? `BSB ${digits(rng, 3)}-${digits(rng, 3)} ACC ${digits(rng, 8)}`
          : `CHK-${digits(rng, 10)}`;
    case 'card':
      return `Card ending ${digits(rng, 4)}`;
    case 'loan':
      return `LN-${digits(rng, 8)}`;
    default:
      return `POL-${digits(rng, 4)}-${digits(rng, 5)}`;
  }
}
