/**
 * The shape of a function in the registry. One entry drives the Excel metadata (functions.json and its
 * zh-CN twin), the Excel runtime association, the headless engine's plugin and the function reference.
 */

/** A text in both of the add-in's languages. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

export interface ParamSpec {
  readonly name: string;
  /** Excel's metadata type. `any` lets the rule read marks ('-', '/') and numeric text itself. */
  readonly type: "any" | "number" | "string" | "boolean";
  /** `matrix` for ranges (Excel passes rows of cells), `scalar` for one value. */
  readonly dimensionality: "scalar" | "matrix";
  readonly optional?: boolean;
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

export interface FunctionSpec {
  /** The id registered with CustomFunctions.associate and the name shown in Excel (namespace ER). */
  readonly id: string;
  readonly description: Bilingual;
  readonly params: readonly ParamSpec[];
  readonly result: { readonly type: "number" | "string" | "any"; readonly dimensionality: "scalar" | "matrix" };
  readonly examples: readonly Example[];
  /**
   * The rule, with arguments as Excel passes them (ranges as rows of cells, empty cells as null).
   * Throws a RuleError for bad input.
   */
  readonly impl: (...args: unknown[]) => Scalar | Scalar[][];
}
