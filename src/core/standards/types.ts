/**
 * The shape of an emission standard's limit table. A standard is data: its names, the pollutants,
 * the kinds of unit (boiler, turbine) and of region it distinguishes, the date that divides new units
 * from existing ones, and its rows of limits, each with the clause it comes from. The lookup
 * (src/core/limits.ts) reads any table of this shape; adding a standard is adding a file like
 * gb13223-2011.ts and listing it in ./index.ts.
 */

/** A name shown to users (in messages listing accepted values), in English and Chinese. */
export interface ShownName {
  readonly en: string;
  readonly zh: string;
}

/** One value a parameter may take (a pollutant, a kind of unit, a kind of region). */
export interface Choice {
  /** A stable identifier, the same in every language. */
  readonly id: string;
  /** Names shown to users; each is also accepted as input. */
  readonly names: readonly ShownName[];
  /** Further spellings accepted as input (matched ignoring case, spaces, hyphens and brackets). */
  readonly aliases: readonly string[];
}

/** A kind of unit; `fuel` groups kinds for messages and tests. */
export interface EquipmentChoice extends Choice {
  readonly fuel: "coal" | "oil" | "gas";
  /** The reference oxygen content (%) measured concentrations are converted to for this kind of unit. */
  readonly referenceO2: number;
}

/** Whether the standard counts a unit as new or existing (by its date, see `StandardTable.newFrom`). */
export type UnitAge = "new" | "existing";

/**
 * One row of a limit table. A row applies to a unit when every condition it states holds; the first
 * row of the table that applies gives the limit, so a note's exception comes before the general row
 * it overrides.
 */
export interface LimitRow {
  /** Where the row comes from, as the standard numbers it, e.g. "GB13223-2011 表1 注(2)". */
  readonly clause: string;
  /** A pollutant id. */
  readonly pollutant: string;
  /** The kinds of unit (equipment ids) the row applies to. */
  readonly equipment: readonly string[];
  /** The kinds of region (region ids) the row applies to. */
  readonly regions: readonly string[];
  /** Only new, or only existing units; absent: both. */
  readonly age?: UnitAge;
  /** Only units whose date is on or before this ISO date (inclusive). */
  readonly onOrBefore?: string;
  /** Only units whose date is on or after this ISO date (inclusive). */
  readonly onOrAfter?: string;
  /** The limit, in the table's unit. */
  readonly limit: number;
  /**
   * How the row was checked: "text" when read against a copy of the standard's own text, "secondary"
   * when only a secondary source confirms it, "recalled" when it rests on memory of the standard and
   * still needs reading against the text.
   */
  readonly checked: "text" | "secondary" | "recalled";
}

/** From when a row's limits apply (the standard's transition clauses). */
export interface Effective {
  readonly from: string;
  readonly clause: string;
  /** Applies to these pollutants only; absent: all. */
  readonly pollutants?: readonly string[];
  /** Applies to new or to existing units only; absent: both. */
  readonly age?: UnitAge;
  /** Applies to these regions only; absent: all. */
  readonly regions?: readonly string[];
}

export interface StandardTable {
  /** The standard's number, e.g. "GB13223-2011". */
  readonly id: string;
  readonly title: ShownName;
  /** Other ways users write the standard's number or name. */
  readonly aliases: readonly string[];
  /** The unit of every limit in `rows`. */
  readonly unit: string;
  /** Units whose date is on or after this ISO date are new, earlier ones existing. */
  readonly newFrom: string;
  /** The date the standard took effect (ISO): before it, no limit of this table applied to any unit. */
  readonly takesEffect: string;
  /** The standard it replaces, which applied to a unit until this one did ("GB13223-2003"). */
  readonly predecessor: string;
  /** The clause that defines new and existing units. */
  readonly ageClause: string;
  readonly pollutants: readonly Choice[];
  readonly equipment: readonly EquipmentChoice[];
  /** Where the reference oxygen contents of `equipment` come from, and how they were checked. */
  readonly referenceO2: { readonly clause: string; readonly checked: LimitRow["checked"] };
  /** The equipment id used when the boiler argument is left out. */
  readonly defaultEquipment: string;
  readonly regions: readonly Choice[];
  /** The region id used when the region argument is left out. */
  readonly defaultRegion: string;
  readonly effective: readonly Effective[];
  readonly rows: readonly LimitRow[];
}
