import { boundsOf, widest } from "../../src/sheet/rect";

describe("bounds and widths by a loop: as many cells and rows as a sheet holds, no stack overflow", () => {
  test("boundsOf", () => {
    expect(boundsOf([])).toEqual({ row: 0, col: 0, rows: 0, cols: 0 });
    expect(boundsOf([{ row: 4, col: 2 }, { row: 1, col: 7 }, { row: 9, col: 3 }])).toEqual({ row: 1, col: 2, rows: 9, cols: 6 });
    // 300,000 cells: Math.min(...cells.map(...)) throws RangeError at about 120,000 arguments.
    const many = Array.from({ length: 300000 }, (_, i) => ({ row: 5 + (i % 1000), col: 3 + Math.floor(i / 1000) }));
    expect(() => Math.min(...many.map((c) => c.row))).toThrow(RangeError);
    expect(boundsOf(many)).toEqual({ row: 5, col: 3, rows: 1000, cols: 300 });
  });

  test("widest", () => {
    expect(widest([])).toBe(0);
    expect(widest([[1], [1, 2, 3], []])).toBe(3);
    const rows = Array.from({ length: 300000 }, (_, i) => new Array<null>(i % 7).fill(null));
    expect(widest(rows)).toBe(6);
  });
});
