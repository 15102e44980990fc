/**
 * Measures calls per second in a process of its own (see calls.ts): first with the bundle run as a script
 * in this process's global scope, then loaded in a vm context.
 *
 * Usage: node calls-run.js <bundle.js> <plants> <seed> [repetitions] [seconds]. Prints one JSON line:
 * {"script": CallsResult, "vmContext": CallsResult}.
 */
import { measureCalls } from "./calls";
import { generatePlants } from "./workbook";

function main(): void {
  const [bundle, plantsText, seedText, repText, secText] = process.argv.slice(2);
  const plants = generatePlants(Math.min(Number(plantsText), 4096), Number(seedText));
  const reps = repText === undefined ? 5 : Number(repText);
  const seconds = secText === undefined ? 0.4 : Number(secText);
  const vmContext = measureCalls(bundle, plants, "vm-context", Math.max(1, Math.ceil(reps / 2)), seconds / 2);
  const script = measureCalls(bundle, plants, "script", reps, seconds);
  process.stdout.write(`${JSON.stringify({ script, vmContext })}\n`);
}

main();
