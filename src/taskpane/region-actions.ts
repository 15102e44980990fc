/**
 * What the Region view writes into a workbook, over the WorkbookHost interface (Excel or the in-memory
 * workbook): the allocation of a cut, as a new sheet of live formulas. The user's table is not written. The
 * sheet is removed again by the pane's own mechanism for the sheets it adds (removeComparison in actions.ts:
 * not when it was edited since, or something refers to it); a write that fails half-way is rolled back.
 */
import type { Locale } from "../i18n/locale";
import { uiText } from "../i18n/ui";
import { WriteFailed, type Inserted } from "./actions";
import type { WorkbookHost } from "./host/types";
import { blockWrite, uniqueSheetName } from "./model/plan";
import { planCutSheet, tonnesFormat, type CutRequest, type PollutantSummary, type RegionAnalysis } from "./model/region";

export interface CutWritten extends Inserted {
  /** The sheet the holders were read from. */
  readonly source: string;
  /** The cell of ER.ALLOCATE_CUT, e.g. "C6". */
  readonly at: string;
  readonly removed?: boolean;
  /** Why Remove left the sheet in place. */
  readonly kept?: { reason: "edited" | "referenced" | "unchecked"; where?: string };
}

/** Adds the allocation sheet and shows it: one batch, two syncs. */
export async function writeCut(host: WorkbookHost, region: RegionAnalysis, summary: PollutantSummary, request: CutRequest, locale: Locale): Promise<CutWritten> {
  let name: string | undefined;
  try {
    return await host.run(async (tx) => {
      const sheets = tx.sheetNames();
      await tx.sync();
      name = uniqueSheetName(uiText(locale).cutSheet, sheets.value);
      const plan = planCutSheet(region, summary, request, locale, name);
      const write = blockWrite(plan.block);
      const fmt = tonnesFormat(request.decimals);
      // Tonnes at the decimals: the permits and the results (and their totals), not the weights.
      const tonnes = new Set([1, request.method !== "proportional" && request.weights ? 3 : 2]);
      const formats = write.inputs.map((line, i) => line.map((_, j) => (i >= 5 && i < 5 + summary.holders.length + 1 && tonnes.has(j) ? fmt : null)));
      tx.addSheet(name);
      tx.write({ ...write, formats });
      tx.autofitColumns(plan.fit);
      tx.select({ sheet: name, row: 0, col: 0, rows: 1, cols: 1 });
      await tx.sync();
      return { sheet: name, formulas: plan.formulas, block: plan.block, source: region.sheet, at: plan.at };
    });
  } catch (e) {
    if (name === undefined) throw e;
    const added = name;
    const undone = await host
      .run(async (tx) => {
        const sheets = tx.sheetNames();
        await tx.sync();
        if (sheets.value.includes(added)) tx.deleteSheet(added);
        await tx.sync();
      })
      .then(
        () => true,
        () => false,
      );
    throw new WriteFailed(e instanceof Error ? e.message : String(e), undone);
  }
}
