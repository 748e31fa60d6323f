import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { issueMessage } from "../../app/lib/forms.ts";
import { type RegistrySource, registrySourceSchema } from "../../app/modules/kennisbank/sources.ts";
import { sourceFolder } from "../paths.ts";

export const sourcesDir = sourceFolder(import.meta.url, "./sources", "db/seed/sources");

/** Reads every `*.yaml` under db/seed/sources: a list of sources each; keys are unique across files. */
export function readSourceRegistry(dir = sourcesDir): Map<string, RegistrySource> {
  const registry = new Map<string, RegistrySource>();
  const problems: string[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".yaml")) continue;
    const list = parse(readFileSync(path.join(dir, file), "utf8")) ?? [];
    if (!Array.isArray(list)) {
      problems.push(`${file}: een lijst van bronnen verwacht`);
      continue;
    }
    list.forEach((item, i) => {
      const parsed = registrySourceSchema.safeParse(item);
      if (!parsed.success) {
        const where = (item as { key?: string })?.key ?? `nr. ${i + 1}`;
        for (const issue of parsed.error.issues) {
          problems.push(
            `${file} (${where}): ${issue.path.join(".") || "bron"}: ${issueMessage(issue, "nl")}`,
          );
        }
        return;
      }
      if (registry.has(parsed.data.key)) problems.push(`${file}: bron '${parsed.data.key}' staat er al`);
      registry.set(parsed.data.key, parsed.data);
    });
  }
  if (problems.length) throw new Error(`De bronnenlijst bevat fouten:\n  - ${problems.join("\n  - ")}`);
  return registry;
}
