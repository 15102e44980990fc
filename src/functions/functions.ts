/**
 * The custom-functions entry point (dist/functions.js). Excel loads it in the shared runtime and calls
 * the functions by the ids in functions.json; both come from the registry.
 */
import { excelFunction } from "./excel";
import { FUNCTIONS } from "./registry";

for (const spec of FUNCTIONS) CustomFunctions.associate(spec.id, excelFunction(spec));
