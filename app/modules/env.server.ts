import { isIP } from "node:net";
import { z } from "zod";
import { passwordProblem } from "./auth/password.server.ts";

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An IP address, an address range in CIDR notation, or one of express's named ranges. */
function isProxyAddress(item: string): boolean {
  if (PROXY_NAMES.has(item)) return true;
  const [address, bits, ...rest] = item.split("/");
  if (rest.length || !address) return false;
  const version = isIP(address);
  if (!version) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

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
  /**
   * Which proxies in front of the app may say who the client is (X-Forwarded-For/-Proto/-Host):
   * unset or "" means none (the socket's address counts), a number the count of proxy hops, or a
   * comma-separated list of proxy addresses or ranges (such as "10.0.0.1, 10.1.0.0/16", or the
   * express names "loopback", "linklocal", "uniquelocal"). Never "true": then any client could
   * choose the address its login attempts are counted under.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): number | string[] | false => {
      if (!value) return false;
      if (/^\d+$/.test(value)) {
        const hops = Number(value);
        if (hops > 10) ctx.addIssue({ code: "custom", message: "hooguit 10 proxy's" });
        return hops === 0 ? false : hops;
      }
      const list = value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
      for (const item of list) {
        if (!isProxyAddress(item)) {
          ctx.addIssue({
            code: "custom",
            message: `"${item}" is geen aantal, IP-adres of bereik; gebruik bijvoorbeeld 1 of 10.0.0.1 of 10.1.0.0/16`,
          });
        }
      }
      return list;
    }),
  /** How many search results the postgres engine remembers until the index changes (0: none). */
  SEARCH_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(500),
  /** "1": the postgres engine leaves ranking to PostgreSQL (search/rank-cd.ts; for comparisons). */
  SEARCH_RANK_IN_DATABASE: z.enum(["0", "1"], { message: "gebruik 0 of 1" }).default("0"),
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
  // The first admin's password meets the same rules as anyone's, checked before the database is
  // opened, so a refused one stops the start before anything is written (issue #24, finding 17).
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = result.data;
  if (ADMIN_PASSWORD) {
    const problem = passwordProblem(ADMIN_PASSWORD, ["Beheerder", ADMIN_EMAIL ?? ""]);
    if (problem)
      throw new EnvError(`Ongeldige configuratie (omgevingsvariabelen):\n  - ADMIN_PASSWORD: ${problem}`);
  }
  return result.data;
}
