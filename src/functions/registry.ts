/**
 * Every ER function, in one list: the single source of the Excel metadata, the Excel runtime, the
 * headless engine and the reference docs. Add a function by adding a spec to one of the lists below.
 */
import type { FunctionSpec } from "./spec";
import { EXPLAIN_FUNCTIONS } from "./specs/explain";
import { LIMIT_FUNCTIONS } from "./specs/limits";
import { PERMIT_FUNCTIONS } from "./specs/permits";
import { RIGHTS_FUNCTIONS } from "./specs/rights";

export type { FunctionSpec } from "./spec";

export const FUNCTIONS: readonly FunctionSpec[] = [...RIGHTS_FUNCTIONS, ...EXPLAIN_FUNCTIONS, ...LIMIT_FUNCTIONS, ...PERMIT_FUNCTIONS];

/** The namespace Excel shows before every function name; it is set in manifest.xml. */
export const NAMESPACE = "ER";

export function findFunction(id: string): FunctionSpec | undefined {
  const upper = id.toUpperCase();
  return FUNCTIONS.find((f) => f.id === upper);
}
