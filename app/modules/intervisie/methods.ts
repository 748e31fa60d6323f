// Intervision method templates: ordered, timed steps with the roles that act in them
// (docs/domain.md §8). Shared by server and browser code.
// Every session starts with a look back ("terugblik") and ends with an evaluation.

export const sessionRoles = [
  { key: "facilitator", nl: "Gespreksleider", en: "Facilitator" },
  { key: "caseOwner", nl: "Inbrenger", en: "Case owner" },
  { key: "timekeeper", nl: "Tijdbewaker", en: "Timekeeper" },
  { key: "noteTaker", nl: "Notulist", en: "Note-taker" },
] as const;

export type SessionRoleKey = (typeof sessionRoles)[number]["key"];

export interface MethodStep {
  key: string;
  nl: string;
  en: string;
  minutes: number;
  /** Roles that lead this step; "all" means every participant. */
  who: readonly (SessionRoleKey | "all")[];
  instructionNl: string;
  instructionEn: string;
}

export interface Method {
  key: string;
  nl: string;
  en: string;
  summaryNl: string;
  summaryEn: string;
  /** Knowledge questions (carriers, OOC, AVG) or relational ones. */
  suitedFor: "knowledge" | "relational" | "start";
  minGroupSize: number;
  roles: readonly SessionRoleKey[];
  steps: readonly MethodStep[];
  source: string;
}

const lookBack: MethodStep = {
  key: "terugblik",
  nl: "Terugblik",
  en: "Looking back",
  minutes: 10,
  who: ["facilitator", "all"],
  instructionNl: "Wat is er gedaan met de adviezen van de vorige keer? Ieder kort aan het woord.",
  instructionEn: "What was done with last time's advice? Everyone briefly.",
};

const evaluation: MethodStep = {
  key: "evaluatie",
  nl: "Evaluatie en afspraken",
  en: "Evaluation and agreements",
  minutes: 10,
  who: ["facilitator", "noteTaker"],
  instructionNl:
    "Hoe ging het? De inbrenger zegt wat hij of zij meeneemt; de notulist legt acties vast. Spreek de volgende datum en inbrenger af.",
  instructionEn:
    "How did it go? The case owner says what they take away; the note-taker records actions. Agree on the next date and case owner.",
};

export const methods: readonly Method[] = [
  {
    key: "vijfstappen",
    nl: "Vijfstappenmethode",
    en: "Five-step method",
    summaryNl: "Kort en probleemoplossend; geschikt voor nieuwe groepen en kennisvragen.",
    summaryEn: "Short and problem-solving; suits new groups and knowledge questions.",
    suitedFor: "knowledge",
    minGroupSize: 3,
    roles: ["facilitator", "caseOwner", "timekeeper", "noteTaker"],
    source: "lessonup; bpopleidingen.nl; podopost.nl (basisintervisiemethode)",
    steps: [
      lookBack,
      {
        key: "vraag",
        nl: "Vraagintroductie",
        en: "Introducing the question",
        minutes: 10,
        who: ["caseOwner"],
        instructionNl: "De inbrenger schetst de casus en stelt de vraag in de ik-vorm.",
        instructionEn: "The case owner sketches the case and asks the question in the first person.",
      },
      {
        key: "verkenning",
        nl: "Probleemverkenning",
        en: "Exploring the problem",
        minutes: 20,
        who: ["all"],
        instructionNl:
          "Open vragen (wie, wat, waar, wanneer, hoe), nog geen adviezen. De gespreksleider vat samen.",
        instructionEn:
          "Open questions (who, what, where, when, how), no advice yet. The facilitator summarises.",
      },
      {
        key: "kern",
        nl: "Kern van het probleem",
        en: "The core of the problem",
        minutes: 15,
        who: ["caseOwner", "facilitator"],
        instructionNl: "De inbrenger formuleert, met hulp van de groep, wat de kern van het probleem is.",
        instructionEn: "The case owner, helped by the group, puts the core of the problem into words.",
      },
      {
        key: "advies",
        nl: "Adviesronde",
        en: "Advice round",
        minutes: 15,
        who: ["all"],
        instructionNl:
          "Ieder geeft ten minste één advies; de inbrenger luistert en zegt daarna welke adviezen aanspreken en waarom.",
        instructionEn:
          "Everyone gives at least one piece of advice; the case owner listens, then says which appeal and why.",
      },
      evaluation,
    ],
  },
  {
    key: "incident",
    nl: "Incidentmethode",
    en: "Incident method",
    summaryNl: "Een concreet voorval uit het werk; kan zonder externe begeleider.",
    summaryEn: "A concrete incident from work; works without an outside facilitator.",
    suitedFor: "knowledge",
    minGroupSize: 4,
    roles: ["facilitator", "caseOwner", "timekeeper", "noteTaker"],
    source: "Hendriksen, Intervisie bij werkproblemen (2000); fotoscholing.nl (getimede variant)",
    steps: [
      lookBack,
      {
        key: "inbrengen",
        nl: "Incidenten inbrengen en kiezen",
        en: "Bringing in and choosing incidents",
        minutes: 10,
        who: ["all", "facilitator"],
        instructionNl: "Wie wil een incident inbrengen? Ieder in maximaal drie zinnen; kies er samen één.",
        instructionEn:
          "Who wants to bring an incident? Each in at most three sentences; choose one together.",
      },
      {
        key: "schets",
        nl: "Situatieschets",
        en: "Sketching the situation",
        minutes: 10,
        who: ["caseOwner"],
        instructionNl: "De inbrenger beschrijft de situatie tot het beslismoment, zonder de afloop.",
        instructionEn:
          "The case owner describes the situation up to the moment of decision, without the outcome.",
      },
      {
        key: "vragen",
        nl: "Informatieronde",
        en: "Information round",
        minutes: 15,
        who: ["all"],
        instructionNl: "Iedereen stelt informatieve vragen; de inbrenger antwoordt kort.",
        instructionEn: "Everyone asks questions for information; the case owner answers briefly.",
      },
      {
        key: "analyse",
        nl: "Analyse en wat zou ik doen",
        en: "Analysis and what would I do",
        minutes: 15,
        who: ["all"],
        instructionNl: "Ieder schrijft op wat hij of zij zou doen, daarna worden de standpunten gedeeld.",
        instructionEn: "Everyone writes down what they would do, then the positions are shared.",
      },
      {
        key: "afloop",
        nl: "Wat deed de inbrenger?",
        en: "What did the case owner do?",
        minutes: 10,
        who: ["caseOwner"],
        instructionNl: "De inbrenger vertelt wat er werkelijk gebeurde; korte nabespreking.",
        instructionEn: "The case owner tells what actually happened; a short discussion.",
      },
      evaluation,
    ],
  },
  {
    key: "roddel",
    nl: "Roddelmethode",
    en: "Gossip method",
    summaryNl:
      "De inbrenger luistert mee terwijl de groep over de casus praat; voor groepen die elkaar kennen.",
    summaryEn: "The case owner listens while the group discusses the case; for groups that know each other.",
    suitedFor: "relational",
    minGroupSize: 4,
    roles: ["facilitator", "caseOwner", "timekeeper", "noteTaker"],
    source: "lancelots.nl; bpopleidingen.nl; me-we-elearning.com",
    steps: [
      lookBack,
      {
        key: "vraag",
        nl: "Vraag introduceren",
        en: "Introducing the question",
        minutes: 10,
        who: ["caseOwner"],
        instructionNl: "De inbrenger vertelt de casus en de vraag.",
        instructionEn: "The case owner tells the case and the question.",
      },
      {
        key: "verkenning",
        nl: "Verkenning",
        en: "Exploration",
        minutes: 15,
        who: ["all"],
        instructionNl: "Ieder stelt drie open vragen.",
        instructionEn: "Everyone asks three open questions.",
      },
      {
        key: "roddel",
        nl: "Roddelronde",
        en: "Gossip round",
        minutes: 20,
        who: ["all"],
        instructionNl:
          "De inbrenger zit buiten de kring (online: camera uit, microfoon dicht) en maakt aantekeningen; de anderen praten in de derde persoon over achtergrond, oorzaken en oplossingen.",
        instructionEn:
          "The case owner sits outside the circle (online: camera off, muted) and takes notes; the others discuss background, causes and solutions in the third person.",
      },
      {
        key: "oogst",
        nl: "Oogst",
        en: "Harvest",
        minutes: 15,
        who: ["caseOwner"],
        instructionNl: "De inbrenger komt terug en zegt wat opviel en welk advies past.",
        instructionEn: "The case owner returns and says what struck them and which advice fits.",
      },
      evaluation,
    ],
  },
  {
    key: "eerste",
    nl: "Eerste bijeenkomst",
    en: "First meeting",
    summaryNl: "Kennismaken, doelen en spelregels afspreken, data plannen.",
    summaryEn: "Getting acquainted, agreeing goals and ground rules, planning dates.",
    suitedFor: "start",
    minGroupSize: 2,
    roles: ["facilitator", "timekeeper", "noteTaker"],
    source: "mycameleon.jimdo.com; intervisie-toolkit",
    steps: [
      {
        key: "kennismaken",
        nl: "Kennismaken",
        en: "Introductions",
        minutes: 30,
        who: ["all"],
        instructionNl: "Waarom doe ik mee, wat wil ik leren, wat kan ik bieden?",
        instructionEn: "Why do I take part, what do I want to learn, what can I offer?",
      },
      {
        key: "doelen",
        nl: "Gezamenlijke doelen",
        en: "Shared goals",
        minutes: 15,
        who: ["facilitator", "all"],
        instructionNl: "Welke onderwerpen willen we samen oppakken? Begin bij de gedeelde behoeften.",
        instructionEn: "Which topics do we want to take up together? Start from the shared needs.",
      },
      {
        key: "spelregels",
        nl: "Spelregels",
        en: "Ground rules",
        minutes: 15,
        who: ["facilitator"],
        instructionNl:
          "Vertrouwelijkheid, aanwezigheid, voorbereiding, hoe casussen worden ingebracht, vragen vóór adviezen.",
        instructionEn:
          "Confidentiality, attendance, preparation, how cases are brought in, questions before advice.",
      },
      {
        key: "planning",
        nl: "Methoden en data",
        en: "Methods and dates",
        minutes: 20,
        who: ["facilitator", "noteTaker"],
        instructionNl: "Kies methoden en plan de bijeenkomsten voor een jaar (elke 6 tot 8 weken).",
        instructionEn: "Choose methods and plan the meetings for a year (every 6 to 8 weeks).",
      },
      evaluation,
    ],
  },
];

export function findMethod(key: string): Method | undefined {
  return methods.find((m) => m.key === key);
}

export function methodMinutes(method: Method): number {
  return method.steps.reduce((sum, step) => sum + step.minutes, 0);
}
