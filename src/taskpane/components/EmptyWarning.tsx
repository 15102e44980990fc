/**
 * The guard against empty cells in ER ranges: Excel on Windows and Mac may pass an empty cell to a custom
 * function as 0, so an empty EIA cell becomes an approval of 0 t/a and a right of 0. The pane lists the ER
 * formulas of the sheet that read empty cells and asks for '-' or '/'.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { EmptyInRange } from "../actions";
import { erName } from "../../sheet/er";
import { rangeAddress } from "../../sheet/rect";
import type { RangeRef } from "../host/types";
import { usePane, useStyles } from "./common";

const MAX_LISTED = 6;

export function EmptyWarning({ items, unchecked = 0, onSelect }: { items: readonly EmptyInRange[]; unchecked?: number; onSelect: (r: RangeRef) => void }) {
  const { t, f } = usePane();
  const s = useStyles();
  if (items.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" aria-label={t.emptyHeading}>
      <MessageBarBody>
        <MessageBarTitle>{t.emptyHeading}</MessageBarTitle>
        {t.emptyText}
        <ul className={s.list}>
          {items.slice(0, MAX_LISTED).map((it) => {
            const cells = it.cells.map((c) => (c.sheet === it.sheet ? rangeAddress(c) : `${c.sheet}!${rangeAddress(c)}`));
            return (
              <li key={`${it.at}-${it.name}`}>
                {f("emptyItem", { formula: `${it.at} (${erName(it.name)})`, cells: cells.join(", ") })}{" "}
                <Button size="small" appearance="transparent" onClick={() => onSelect(it.cells[0])} aria-label={f("selectCells", { cells: cells.join(", ") })}>
                  {f("selectCells", { cells: cells[0] })}
                </Button>
              </li>
            );
          })}
        </ul>
        {unchecked > 0 && f("emptyUnchecked", { count: unchecked })}
      </MessageBarBody>
    </MessageBar>
  );
}
