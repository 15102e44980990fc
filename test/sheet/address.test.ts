import {
  columnToIndex,
  formatCell,
  formatRange,
  formatReference,
  indexToColumn,
  parseCell,
  parseRange,
  parseReference,
  quoteSheetName,
  rangeSize,
  sheetNeedsQuotes,
} from "../../src/sheet/address";

describe("column letters", () => {
  test.each([
    ["A", 0],
    ["Z", 25],
    ["AA", 26],
    ["AZ", 51],
    ["BA", 52],
    ["ZZ", 701],
    ["AAA", 702],
    ["XFD", 16383],
  ])("%s <-> %i", (letters, index) => {
    expect(columnToIndex(letters)).toBe(index);
    expect(columnToIndex(letters.toLowerCase())).toBe(index);
    expect(indexToColumn(index)).toBe(letters);
  });

  test("every index round-trips", () => {
    for (let i = 0; i < 16384; i++) expect(columnToIndex(indexToColumn(i))).toBe(i);
  });

  test.each(["", "XFE", "AAAA", "A1", "-", "Ä"])("%j is not a column", (s) => expect(columnToIndex(s)).toBe(-1));
  test.each([-1, 16384, 1.5])("index %p is refused", (i) => expect(() => indexToColumn(i)).toThrow(RangeError));
});

describe("cells", () => {
  test.each([
    ["A1", 0, 0],
    ["B3", 2, 1],
    ["xfd1048576", 1048575, 16383],
  ])("%s", (text, row, col) => {
    expect(parseCell(text)).toMatchObject({ row, col });
    expect(formatCell(row, col)).toBe(text.toUpperCase());
  });

  test("absolute markers are kept", () => {
    expect(parseCell("$B$3")).toEqual({ row: 2, col: 1, rowAbsolute: true, colAbsolute: true });
    expect(parseCell("B$3")).toEqual({ row: 2, col: 1, rowAbsolute: true });
    expect(formatCell(2, 1, true)).toBe("$B$3");
  });

  test.each(["A0", "A1048577", "XFE1", "1A", "A", "", "A1:B2"])("%j is not a cell", (s) => expect(parseCell(s)).toBeUndefined());
});

describe("ranges", () => {
  test("a range, its size, and back", () => {
    const r = parseRange("B2:C4");
    expect(r).toEqual({ start: { row: 1, col: 1 }, end: { row: 3, col: 2 } });
    expect(rangeSize(r!)).toEqual({ rows: 3, cols: 2 });
    expect(formatRange(r!)).toBe("B2:C4");
  });
  test("a single cell is a one-cell range", () => {
    expect(formatRange(parseRange("D7")!)).toBe("D7");
    expect(rangeSize(parseRange("D7")!)).toEqual({ rows: 1, cols: 1 });
  });
  test("corners in any order are put top-left first", () => {
    expect(parseRange("C4:B2")).toEqual({ start: { row: 1, col: 1 }, end: { row: 3, col: 2 } });
  });
  test("absolute ranges keep their markers", () => expect(formatRange(parseRange("$A$1:$B$3")!)).toBe("$A$1:$B$3"));
  test.each(["A1:", ":B2", "A1:B", "A1-B2"])("%j is not a range", (s) => expect(parseRange(s)).toBeUndefined());
});

describe("sheet names and references", () => {
  test.each([
    ["Sheet1", false],
    ["Data_2", false],
    ["Sheet 1", true],
    ["表1", true],
    ["表3 分期对比 Table 3", true],
    ["A1", true],
    ["R1C1", true],
    ["2019", true],
    ["It's", true],
    ["TRUE", true],
  ])("%j needs quotes: %p", (name, needs) => expect(sheetNeedsQuotes(name)).toBe(needs));

  test("quotes are doubled inside a quoted name", () => expect(quoteSheetName("It's")).toBe("'It''s'"));

  test.each([
    ["A1", undefined, "A1"],
    ["Sheet1!A1:B2", "Sheet1", "A1:B2"],
    ["'Sheet name'!$A$1:$B$3", "Sheet name", "$A$1:$B$3"],
    ["'It''s'!C3", "It's", "C3"],
    ["表1!B2", "表1", "B2"],
    ["'表3 分期对比 Table 3'!C4:E4", "表3 分期对比 Table 3", "C4:E4"],
  ])("%s", (text, sheet, range) => {
    const ref = parseReference(text)!;
    expect(ref.sheet).toBe(sheet);
    expect(formatRange(ref.range)).toBe(range);
  });

  test("formatting round-trips through parsing", () => {
    for (const sheet of ["Sheet1", "Sheet name", "It's", "表1", "A1"]) {
      const text = formatReference(sheet, parseRange("B2:C4")!);
      expect(parseReference(text)).toEqual({ sheet, range: parseRange("B2:C4") });
    }
  });

  test.each(["'unclosed!A1", "Sheet 1!A1", "!A1", "Sheet1!", "Sheet1!ZZZZ1"])("%j is not a reference", (s) => expect(parseReference(s)).toBeUndefined());
});
