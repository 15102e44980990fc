/**
 * The function names the engine knows: HyperFormula's built-ins and the registry's ER functions.
 */
import { HyperFormula } from "hyperformula";
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
