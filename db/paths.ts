import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A folder of the source tree (migrations, seed content, the source registry), found beside the
 * module that reads it. The production server runs as one bundle (`build/server.mjs`, made by
 * `npm run build`), where every module's `import.meta.url` is the bundle's: there the folder is
 * taken from the project root, the working directory of `npm run serve`.
 */
export function sourceFolder(moduleUrl: string, beside: string, fromRoot: string): string {
  const near = fileURLToPath(new URL(beside, moduleUrl));
  return existsSync(near) ? near : path.resolve(fromRoot);
}
