/**
 * The custom-functions entry point (dist/functions.js). Excel loads it in the shared runtime and calls
 * the functions by the ids in functions.json; both come from the registry (this bundle takes the rules
 * only, without their help: ./rules.ts).
 */
import { excelFunction } from "./excel";
import { RULES } from "./rules";

for (const spec of RULES) CustomFunctions.associate(spec.id, excelFunction(spec));
