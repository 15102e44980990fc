/**
 * The shape of a function in the registry. One entry drives the Excel metadata (functions.json and its
 * zh-CN twin), the Excel runtime association, the headless engine's plugin and the function reference.
 *
 * An entry is written in two parts that the registry joins by id and parameter name:
 * - the rule (`RuleSpec`, src/functions/specs/): the parameters' names and Excel types and the
 *   implementation, all that the Excel runtime needs (dist/functions.js bundles only these);
 * - its help (`FunctionHelp`, src/functions/help/): the descriptions and examples in both languages,
 *   for functions.json, the reference docs and the task pane. Keeping them out of the runtime bundle
 *   keeps dist/functions.js small; a test checks that every rule and every parameter has its help.
 */

/** A text in both of the add-in's languages. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** A parameter as the rule and Excel's runtime see it. */
export interface RuleParam {
  readonly name: string;
  /** Excel's metadata type. `any` lets the rule read marks ('-', '/') and numeric text itself. */
  readonly type: "any" | "number" | "string" | "boolean";
  /** `matrix` for ranges (Excel passes rows of cells), `scalar` for one value. */
  readonly dimensionality: "scalar" | "matrix";
  readonly optional?: boolean;
  /**
   * What a parameter reads, where it is more than a number: "keyword" (a word matched against its own
   * list, src/core/keywords.ts) or "date" (src/core/dates.ts). Tests enumerate the parameters by it, so
   * that every keyword and every date parameter of every function is checked.
   */
  readonly kind?: "keyword" | "date";
}

export interface ParamSpec extends RuleParam {
  readonly description: Bilingual;
}

export interface Example {
  /** A formula as typed in Excel, with the ER namespace. */
  readonly formula: string;
  /** What the formula shows, as text. */
  readonly result: string;
  readonly note: Bilingual;
}

export type Scalar = number | string | boolean;

/** A function as the Excel runtime and the headless engine run it. */
export interface RuleSpec {
  /** The id registered with CustomFunctions.associate and the name shown in Excel (namespace ER). */
  readonly id: string;
  readonly params: readonly RuleParam[];
  readonly result: { readonly type: "number" | "string" | "any"; readonly dimensionality: "scalar" | "matrix" };
  /**
   * The rule, with arguments as Excel passes them (ranges as rows of cells, empty cells as null).
   * Throws a RuleError for bad input. The registry applies the single-cell rule (src/core/cells.ts) to
   * every `scalar` parameter before it runs: a scalar argument reaches it as one value, never a range.
   */
  readonly impl: (...args: unknown[]) => Scalar | Scalar[][];
}

/** The help of one function: its description, its parameters' descriptions by name, its examples. */
export interface FunctionHelp {
  readonly description: Bilingual;
  readonly params: Readonly<Record<string, Bilingual>>;
  readonly examples: readonly Example[];
}

/** The help of a group of functions, by id. */
export type HelpTable = Readonly<Record<string, FunctionHelp>>;

/** A function with its help: what the metadata, the reference and the task pane read. */
export interface FunctionSpec extends RuleSpec {
  readonly description: Bilingual;
  readonly params: readonly ParamSpec[];
  readonly examples: readonly Example[];
}
