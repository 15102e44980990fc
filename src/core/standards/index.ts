/**
 * The limit tables the add-in knows. Add a standard by writing its table (the shape of ./types.ts) in a
 * file of this folder and listing it here; the lookup, the messages and the tests read this list.
 */
import { GB13223_2011 } from "./gb13223-2011";
import type { StandardTable } from "./types";

export type { Choice, Effective, EquipmentChoice, LimitRow, ShownName, StandardTable, UnitAge } from "./types";
export { GB13223_2011 } from "./gb13223-2011";

export const STANDARDS: readonly StandardTable[] = [GB13223_2011];
