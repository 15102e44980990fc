/**
 * Excel's custom-functions metadata (functions.json), generated from the registry, in English and in
 * Chinese. The manifest names the English file and overrides it with the Chinese one for zh-CN.
 */
import type { Locale } from "../i18n/locale";
import { FUNCTIONS } from "./registry";
import type { FunctionSpec } from "./spec";

export interface MetadataParameter {
  name: string;
  description: string;
  type: string;
  dimensionality: string;
  optional?: boolean;
}

export interface MetadataFunction {
  id: string;
  name: string;
  description: string;
  helpUrl?: string;
  result: { type: string; dimensionality: string };
  parameters: MetadataParameter[];
}

export interface Metadata {
  allowErrorForDataTypeAny: boolean;
  functions: MetadataFunction[];
}

export function functionMetadata(spec: FunctionSpec, locale: Locale, helpBase?: string): MetadataFunction {
  const pick = (t: { en: string; zh: string }) => (locale === "zh-CN" ? t.zh : t.en);
  const out: MetadataFunction = {
    id: spec.id,
    name: spec.id,
    description: pick(spec.description),
    result: { type: spec.result.type, dimensionality: spec.result.dimensionality },
    parameters: spec.params.map((p) => {
      const m: MetadataParameter = { name: p.name, description: pick(p.description), type: p.type, dimensionality: p.dimensionality };
      if (p.optional) m.optional = true;
      return m;
    }),
  };
  if (helpBase) out.helpUrl = `${helpBase}#${spec.id.toLowerCase()}`;
  return out;
}

/**
 * The metadata document. `allowErrorForDataTypeAny` lets Excel pass error cells to `any` parameters so
 * that the rules can name the cell that holds the error.
 */
export function buildMetadata(locale: Locale, helpBase?: string): Metadata {
  return { allowErrorForDataTypeAny: true, functions: FUNCTIONS.map((f) => functionMetadata(f, locale, helpBase)) };
}
