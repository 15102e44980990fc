/** Formulas as the user typed them: src/sheet/er.ts (`typedFormula`); recalc and audit import it from here until they import src/sheet. */
export { typedFormula } from "../sheet/er";
