/**
 * Rectangles of cells with their owners (formula indices), to find the owners of the rectangles that meet a
 * given one: which formulas read a cell (closure.ts), whether a cell computed without the engine is read
 * where the engine spills (direct.ts). Pure.
 */
import type { FormulaArea } from "./formula";

/** Narrow areas of one column: short ones sorted by first row, tall ones in a list. */
interface Column {
  /** Added since the last sort: first row, last row, owner. */
  pending: number[];
  starts: Int32Array;
  ends: Int32Array;
  owners: Int32Array;
  /** The most rows a short area has. */
  height: number;
  /** Areas of more than TALL rows: first row, last row, owner. */
  readonly tall: number[];
}

/**
 * The areas formulas read, per sheet, to find the formulas that read a cell or a rectangle. Single cells
 * are kept by position; narrow areas (up to WIDE columns) per column, the short ones sorted by first row
 * (a query looks only at those that start at most their height above it: a column of 10,000 ranges of
 * three cells costs a binary search, not 10,000 comparisons), the tall ones (whole columns) in a list;
 * wider ones (whole rows) in one list.
 */
export class AreaIndex {
  private static readonly WIDE = 16;
  private static readonly TALL = 64;
  private readonly points = new Map<string, Map<number, number[]>>();
  private readonly narrow = new Map<string, Map<number, Column>>();
  private readonly wide = new Map<string, number[]>();
  private readonly stamp: Int32Array;
  private query = 0;

  constructor(owners: number) {
    this.stamp = new Int32Array(owners);
  }

  add(sheet: string, a: FormulaArea, owner: number): void {
    if (a.r1 === a.r2 && a.c1 === a.c2) {
      let p = this.points.get(sheet);
      if (!p) this.points.set(sheet, (p = new Map()));
      const key = a.r1 * 16384 + a.c1;
      const list = p.get(key);
      if (list) list.push(owner);
      else p.set(key, [owner]);
      return;
    }
    if (a.c2 - a.c1 + 1 > AreaIndex.WIDE) {
      let w = this.wide.get(sheet);
      if (!w) this.wide.set(sheet, (w = []));
      w.push(a.r1, a.c1, a.r2, a.c2, owner);
      return;
    }
    let cols = this.narrow.get(sheet);
    if (!cols) this.narrow.set(sheet, (cols = new Map()));
    const tall = a.r2 - a.r1 + 1 > AreaIndex.TALL;
    for (let c = a.c1; c <= a.c2; c++) {
      let b = cols.get(c);
      if (!b) cols.set(c, (b = { pending: [], starts: new Int32Array(0), ends: new Int32Array(0), owners: new Int32Array(0), height: 1, tall: [] }));
      if (tall) b.tall.push(a.r1, a.r2, owner);
      else {
        b.pending.push(a.r1, a.r2, owner);
        b.height = Math.max(b.height, a.r2 - a.r1 + 1);
      }
    }
  }

  /** Merges a column's pending short areas into its sorted ones. */
  private static sort(b: Column): void {
    const old = b.starts.length;
    const count = old + b.pending.length / 3;
    const order = new Int32Array(count);
    for (let k = 0; k < count; k++) order[k] = k;
    const start = (k: number) => (k < old ? b.starts[k] : b.pending[(k - old) * 3]);
    order.sort((x, y) => start(x) - start(y));
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    const owners = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      const i = order[k];
      if (i < old) {
        starts[k] = b.starts[i];
        ends[k] = b.ends[i];
        owners[k] = b.owners[i];
      } else {
        const j = (i - old) * 3;
        starts[k] = b.pending[j];
        ends[k] = b.pending[j + 1];
        owners[k] = b.pending[j + 2];
      }
    }
    b.starts = starts;
    b.ends = ends;
    b.owners = owners;
    b.pending = [];
  }

  /** Calls visit once for every owner of an area that meets the rectangle. */
  visit(sheet: string, r1: number, c1: number, r2: number, c2: number, visit: (owner: number) => void): void {
    const q = ++this.query;
    const each = (o: number) => {
      if (this.stamp[o] === q) return;
      this.stamp[o] = q;
      visit(o);
    };
    const p = this.points.get(sheet);
    if (p) {
      if ((r2 - r1 + 1) * (c2 - c1 + 1) <= Math.max(64, p.size)) {
        for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) p.get(r * 16384 + c)?.forEach(each);
      } else {
        for (const [key, list] of p) {
          const r = Math.floor(key / 16384);
          const c = key % 16384;
          if (r >= r1 && r <= r2 && c >= c1 && c <= c2) list.forEach(each);
        }
      }
    }
    const cols = this.narrow.get(sheet);
    if (cols) {
      const scan = (b: Column) => {
        if (b.pending.length > 0) AreaIndex.sort(b);
        // A short area that meets the rectangle starts at most its height above it, and not below it.
        const { starts, ends, owners } = b;
        const from = r1 - b.height + 1;
        let lo = 0;
        let hi = starts.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (starts[mid] < from) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < starts.length && starts[k] <= r2; k++) if (ends[k] >= r1) each(owners[k]);
        const t = b.tall;
        for (let k = 0; k < t.length; k += 3) if (t[k] <= r2 && t[k + 1] >= r1) each(t[k + 2]);
      };
      if (c2 - c1 + 1 <= cols.size) {
        for (let c = c1; c <= c2; c++) {
          const b = cols.get(c);
          if (b) scan(b);
        }
      } else for (const [c, b] of cols) if (c >= c1 && c <= c2) scan(b);
    }
    const w = this.wide.get(sheet);
    if (w) for (let k = 0; k < w.length; k += 5) if (w[k] <= r2 && w[k + 2] >= r1 && w[k + 1] <= c2 && w[k + 3] >= c1) each(w[k + 4]);
  }
}
