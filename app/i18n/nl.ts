// Dutch is the source language: every key starts here, en.ts must have the same keys.
export const nl = {
  "site.name": "AV-Kennisnet",
  "site.tagline": "Kennis en intervisie voor audiovisuele collecties",
  "skip.toContent": "Ga naar de inhoud",
  "nav.label": "Hoofdnavigatie",
  "nav.home": "Home",
  "nav.kennisbank": "Kennisbank",
  "nav.dragers": "Dragers",
  "nav.intervisie": "Intervisie",
  "nav.trends": "Trends",
  "nav.beheer": "Beheer",
  "lang.switchTo": "English",
  "lang.switchLabel": "Switch to English",
  "footer.about":
    "AV-Kennisnet is een platform voor archieven, musea, omroepen en andere instellingen die film, video en geluid bewaren.",
  "footer.source": "Gebaseerd op de TrendMonitor Audiovisuele Collecties in Nederland 2024.",
  "home.title": "Kennis over audiovisuele collecties, van en voor de sector",
  "home.intro":
    "Bij de meeste erfgoedinstellingen werkt hooguit één persoon aan audiovisueel materiaal. AV-Kennisnet bundelt wat je dan nodig hebt: praktische kennis over oude dragers en de juridische vragen, en collega's van vergelijkbare organisaties om mee te sparren.",
  "home.kennisbank.title": "Kennisbank",
  "home.kennisbank.text":
    "Gidsen over dragers als U-matic, spoelbanden en 16mm-film, over de Out-of-Commerce-convenanten en de AVG, en over opslag, uitbesteden en born-digital materiaal.",
  "home.dragers.title": "Dragers",
  "home.dragers.text":
    "Welke drager heb ik in handen, hoe urgent is het en wat digitaliseer ik eerst? Herkennen, plannen en samen digitaliseren.",
  "home.intervisie.title": "Intervisie",
  "home.intervisie.text":
    "Intervisiegroepen met collega's van vergelijkbare instellingen en gedeelde vragen, samengesteld op basis van de TrendMonitor.",
  "home.trends.title": "Trends",
  "home.trends.text":
    "De cijfers van de TrendMonitor: wie bewaart wat, hoe ver is de digitalisering, wat is er nodig.",
  "home.why.title": "Waarom dit platform",
  "home.why.1":
    "Er is geen centrale, toegankelijke kennisbron over oudere dragers zoals U-matic of spoelbanden.",
  "home.why.2":
    "Juridische vragen over auteursrecht, de OOC-convenanten en de AVG houden kleine instellingen tegen om materiaal online te zetten.",
  "home.why.3": "Instellingen willen vooral intervisie met collega's van vergelijkbare organisaties.",
  "page.comingSoon": "Dit onderdeel is in opbouw.",
  "kennisbank.title": "Kennisbank",
  "kennisbank.intro": "Gidsen over dragers, auteursrecht en OOC, de AVG en de praktijk van AV-beheer.",
  "dragers.title": "Dragers",
  "dragers.intro": "Herkennen, risico's inschatten en digitalisering plannen.",
  "intervisie.title": "Intervisie",
  "intervisie.intro": "Intervisiegroepen met collega's van vergelijkbare instellingen.",
  "trends.title": "Trends",
  "trends.intro": "Cijfers uit de TrendMonitor Audiovisuele Collecties.",
  "error.404.title": "Pagina niet gevonden",
  "error.404.text": "Deze pagina bestaat niet (meer). Controleer het adres, of ga terug naar de homepagina.",
  "error.403.title": "Geen toegang",
  "error.403.text": "Je hebt geen toegang tot deze pagina.",
  "error.400.title": "Ongeldig verzoek",
  "error.400.text": "Het verzoek kon niet worden verwerkt. Controleer wat je hebt ingevuld.",
  "error.500.title": "Er ging iets mis",
  "error.500.text": "Er ging aan onze kant iets mis. Probeer het later opnieuw; het is gemeld.",
  "error.backHome": "Naar de homepagina",
} as const;

export type MessageKey = keyof typeof nl;
