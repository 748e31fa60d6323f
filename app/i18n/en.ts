import type { MessageKey } from "./nl.ts";

export const en: Record<MessageKey, string> = {
  "site.name": "AV-Kennisnet",
  "site.tagline": "Knowledge and peer intervision for audiovisual collections",
  "skip.toContent": "Skip to content",
  "nav.label": "Main navigation",
  "nav.home": "Home",
  "nav.kennisbank": "Knowledge base",
  "nav.dragers": "Carriers",
  "nav.intervisie": "Intervision",
  "nav.trends": "Trends",
  "nav.beheer": "Admin",
  "lang.switchTo": "Nederlands",
  "lang.switchLabel": "Schakel naar Nederlands",
  "footer.about":
    "AV-Kennisnet is a platform for archives, museums, broadcasters and other institutions that keep film, video and sound.",
  "footer.source": "Based on the TrendMonitor Audiovisual Collections in the Netherlands 2024.",
  "home.title": "Knowledge about audiovisual collections, by and for the sector",
  "home.intro":
    "At most heritage institutions, at most one person works on audiovisual material. AV-Kennisnet brings together what that person needs: practical knowledge of old carriers and legal questions, and colleagues from comparable organisations to talk things through with.",
  "home.kennisbank.title": "Knowledge base",
  "home.kennisbank.text":
    "Guides on carriers such as U-matic, open reel tape and 16mm film, on the Out-of-Commerce agreements and the GDPR, and on storage, outsourcing and born-digital material.",
  "home.dragers.title": "Carriers",
  "home.dragers.text":
    "Which carrier am I holding, how urgent is it, and what should we digitise first? Identify, plan and digitise together.",
  "home.intervisie.title": "Intervision",
  "home.intervisie.text":
    "Peer intervision groups with colleagues from comparable institutions and shared questions, formed from the TrendMonitor results.",
  "home.trends.title": "Trends",
  "home.trends.text":
    "The TrendMonitor figures: who keeps what, how far digitisation has come, and what is needed.",
  "home.why.title": "Why this platform",
  "home.why.1":
    "There is no central, accessible source of knowledge on older carriers such as U-matic or open reel tape.",
  "home.why.2":
    "Legal questions about copyright, the OOC agreements and the GDPR keep small institutions from putting material online.",
  "home.why.3": "Above all, institutions want intervision with colleagues from comparable organisations.",
  "page.comingSoon": "This section is under construction.",
  "kennisbank.title": "Knowledge base",
  "kennisbank.intro":
    "Guides on carriers, copyright and OOC, the GDPR and the practice of AV collection care.",
  "dragers.title": "Carriers",
  "dragers.intro": "Identify carriers, assess risks and plan digitisation.",
  "intervisie.title": "Intervision",
  "intervisie.intro": "Peer intervision groups with colleagues from comparable institutions.",
  "trends.title": "Trends",
  "trends.intro": "Figures from the TrendMonitor Audiovisual Collections.",
  "error.404.title": "Page not found",
  "error.404.text": "This page does not exist (any more). Check the address, or go back to the home page.",
  "error.403.title": "Access denied",
  "error.403.text": "You do not have access to this page.",
  "error.400.title": "Bad request",
  "error.400.text": "The request could not be processed. Check what you entered.",
  "error.500.title": "Something went wrong",
  "error.500.text": "Something went wrong on our side. Please try again later; it has been reported.",
  "error.backHome": "Go to the home page",
};
