/**
 * Loads the built dist/functions.js the way Excel's runtime does: as a script in a fresh global scope
 * that provides `CustomFunctions`, and collects what it associates.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { createContext, runInContext } from "vm";
import { ROOT } from "../helpers";

export class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export type Fn = (...args: unknown[]) => unknown;

export interface LoadedBundle {
  functions: Map<string, Fn>;
  /** Calls a function and returns its value, or the StubError it threw. */
  call(id: string, ...args: unknown[]): unknown;
}

export function loadBundle(displayLanguage?: string): LoadedBundle {
  const code = readFileSync(join(ROOT, "dist", "functions.js"), "utf8");
  const functions = new Map<string, Fn>();
  const sandbox: Record<string, unknown> = {
    CustomFunctions: {
      associate(id: string, fn: Fn) {
        if (functions.has(id)) throw new Error(`${id} associated twice`);
        functions.set(id, fn);
      },
      Error: StubError,
      ErrorCode,
    },
    console,
  };
  if (displayLanguage) sandbox.Office = { context: { displayLanguage } };
  createContext(sandbox);
  runInContext(code, sandbox, { filename: "functions.js" });
  return {
    functions,
    call(id, ...args) {
      const fn = functions.get(id);
      if (!fn) throw new Error(`${id} is not associated`);
      try {
        return fn(...args);
      } catch (e) {
        // The bundle's StubError comes from this realm's class: compare by shape.
        if (e && typeof e === "object" && "code" in e) return e;
        throw e;
      }
    },
  };
}

export function metadata(name = "functions.json"): { functions: { id: string; name: string; parameters: { name: string; type: string; dimensionality: string; optional?: boolean }[]; result: unknown; description: string }[] } {
  return JSON.parse(readFileSync(join(ROOT, "dist", name), "utf8"));
}
