/**
 * The names the engine knows: HyperFormula's built-in functions and the registry's ER functions; which
 * defined names look like cells.
 */
import { HyperFormula } from "hyperformula";
import { parseCell } from "../sheet/address";
import { erFunctionNames, registerErFunctions } from "./plugin";

let bare: ReadonlySet<string> | undefined;
let known: ReadonlySet<string> | undefined;

/** Upper-case names of every function the engine computes ("SUM", "ER.INITIAL_RIGHT", ...). */
export function knownFunctionNames(): ReadonlySet<string> {
  if (!known) {
    registerErFunctions();
    known = new Set(HyperFormula.getRegisteredFunctionNames("enGB").map((n) => n.toUpperCase()));
  }
  return known;
}

/** Registry ids that may be written without "ER." (those that are not also a built-in function's name). */
export function bareFunctionNames(): ReadonlySet<string> {
  if (!bare) {
    const all = knownFunctionNames();
    bare = new Set(
      erFunctionNames()
        .map((n) => n.slice(n.indexOf(".") + 1))
        .filter((id) => !all.has(id)),
    );
  }
  return bare;
}

/** A defined name shaped like a cell address ("D1", "R1C2"): formulas that write it mean the name, not the cell. */
export function isCellShaped(name: string): boolean {
  return parseCell(name) !== undefined || /^[Rr]\d*[Cc]\d*$/.test(name);
}
