// Types the sections of the pooling page share: the loader's data and the action's answer.

import type { useLoaderData } from "@remix-run/react";
import type { loader } from "./route.tsx";

export type PoolData = ReturnType<typeof useLoaderData<typeof loader>>;

export type PoolActionResult = { intent: string; errors: Record<string, string | undefined> };

/** The action's answer with its field errors, both absent before a post. */
export interface PoolFormState {
  result: PoolActionResult | undefined;
  errors: Record<string, string | undefined>;
}
