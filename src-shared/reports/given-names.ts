// A curated offline list of given names (folded: lower case, no accents), across the
// communities a complaints office serves. It finds people mentioned in free text who are in no
// field: a given name followed by a capitalised surname. Names that are also everyday English
// words (Will, May, Grace, Mark, Bill…) are left out on purpose: they would redact ordinary text.
export const GIVEN_NAMES: ReadonlySet<string> = new Set(
  `
aaron abdul abdullah abigail adam adebayo adriana agnieszka ahmed ahmet aidan aisha akira alan
alejandro aleksander alex alexander alexandra alexei alfie ali alice alicia alina alison amal
amanda amara amelia amina amir amit amy ana anastasia andrea andreas andrei andrew aneta angela
anil anita anna anne annie anthony antonio anya arjun arthur asha ashley aurelie ayesha barbara
beatriz ben benjamin bernard beth bethany bilal blessing bogdan brian bridget bruno caitlin
camila carl carla carlos carmen caroline catherine cecile charles charlie charlotte chen chidi
chloe chris christina christopher chukwuemeka ciaran claire clara colin connor craig dahlia
daniel daniela daniele danielle dariusz david deborah deepak dennis derek diana diego dimitri
dmitri dominika duc dung eduardo elena elif elizabeth ella ellie emeka emily emma emre eric erin
esther ethan eva evelyn ewa farah fatima fatma felix fernando fiona florian francesca francis
francisco franco freya gabriel gabriela gareth gary gemma george georgia gianni giovanni giulia
graham greg gregory hamid hana hannah hao harriet harry hassan hayley heather helen helena
henry hiroshi hoa hugo hung huong ian ibrahim ifeoma ines ingrid irina isaac isabel isabella
isla ivan jack jacob jakub james jamie jan jane janet jasmine jason javier jayden jennifer
jessica jiang joanna joao joe joel johan john jonathan jorge jose joseph joshua juan julia
julian julie justyna kamal karen karim karolina kate katarzyna katherine kathleen kayode keith
kelly kenji kevin khadija kieran kim krzysztof kwame laila lan laura lauren layla leah lei
leila leo leon liam lina linh lisa liu lucas lucia lucy luis luka lukasz magdalena mai maja
malgorzata manuel marcin marco marcus margaret maria mariam marie marina mario marta martin
mary maryam mateusz matteo matthew megan mehmet mei melissa mia michael michal michelle miguel
mihai mikhail milan minh mohamed mohammad mohammed monika muhammad nadia naomi natalia natasha
nathan neil nguyen nicola nicole nikhil nina noah noor nora oliver olivia omar oscar owen pablo
pamela patricia patrick paul paula pawel pedro peter philip pierre piotr pooja priya rachel
rahul raj rajesh ramon raphael rashid rebecca reza ricardo richard rita robert roberto rohan
rosa ruth ryan sadia samantha samir samuel sandra sanjay sara sarah sean sebastian selin
sergei shreya simon sinead siobhan sofia sophie stefan stephanie stephen steven susan suzanne
svetlana tanya tariq teresa thanh thi thomas tim timothy tomas tomasz tuan tyler valentina
vanessa victor victoria vikram vincent vivek wei wojciech xavier xin yan yasmin yusuf yuki
zainab zara zoe zofia
`
    .trim()
    .split(/\s+/),
);

/** Words that introduce a person by their relation, so the name after them is a person's. */
export const RELATIONS = [
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'sister',
  'brother',
  'mother',
  'father',
  'mum',
  'dad',
  'husband',
  'wife',
  'partner',
  'son',
  'daughter',
  'aunt',
  'uncle',
  'cousin',
  'neighbour',
  'neighbor',
  'carer',
  'friend',
];
