// The whole schema, one file per module. drizzle-kit reads this file (drizzle.config.ts).

export * from "./auth.ts";
export * from "./content.ts";
export * from "./dragers.ts";
export * from "./intervisie.ts";
export * from "./kennisbank.ts";
export * from "./search.ts";
export * from "./survey.ts";
export * from "./taxonomy.ts";
