import { z } from "zod";

/**
 * The environment, read and validated once at start (docs/decisions/001 and the README's configuration table). Every variable
 * is listed in the README's configuration table.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "moet beginnen met postgres:// of postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().min(1).default("./data/pglite"),
  /** The public address, e.g. https://av-kennisnet.nl: links in e-mails and the origin check. */
  APP_ORIGIN: z
    .string()
    .url("moet een volledige URL zijn, zoals https://av-kennisnet.nl")
    .transform((u) => new URL(u).origin)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "moet beginnen met smtp:// of smtps://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default("AV-Kennisnet <noreply@av-kennisnet.nl>"),
  MAIL_DIR: z.string().min(1).default("./data/outbox"),
  ADMIN_EMAIL: z
    .string()
    .email("moet een e-mailadres zijn")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  ADMIN_PASSWORD: z.string().optional(),
  /** Meilisearch: when set, search goes there (falling back to postgres when it is down). */
  MEILI_URL: z
    .string()
    .url("moet een volledige URL zijn, zoals http://127.0.0.1:7700")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MEILI_API_KEY: z.string().optional(),
  /** How many search results the postgres engine remembers until the index changes (0: none). */
  SEARCH_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(500),
  /** Megabytes of rendered anonymous pages each app server keeps (app/server/http-cache.ts; 0: none). */
  RENDER_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Ongeldige configuratie (omgevingsvariabelen):\n${lines.join("\n")}`);
  }
  return result.data;
}
