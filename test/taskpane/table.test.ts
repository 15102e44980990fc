/**
 * Reading tables laid out in different ways (the paper's Tables 1-3, plants across with English headers, a
 * bare selection) and comparing the two methods with the core rules: the numbers of the paper's Table 5.
 */
import { compareGroup, formatTonnes, isEmptyCell } from "../../src/taskpane/model/compare";
import { analyzeTable } from "../../src/taskpane/model/table";
import { sixPlants } from "../helpers";
import { plantsAcross, rangeData, table1, table2, table3 } from "./layouts";

const T5 = sixPlants.table5_comparison;
const POL = ["so2", "nox"] as const;

function table5Of(rows: Parameters<typeof rangeData>[1], sheet = "T") {
  const a = analyzeTable(rangeData(sheet, rows));
  const out: Record<string, { phased: number[]; total: number[]; difference: number[] }> = {};
  for (const r of a.groups.map(compareGroup)) {
    if (r.phased === undefined) continue;
    const t = (out[r.group.pollutant] ??= { phased: [], total: [], difference: [] });
    t.phased.push(r.phased);
    t.total.push(r.total!.right);
    t.difference.push(r.difference!);
  }
  return { a, out };
}

describe("the whole-table comparison gives the paper's Table 5", () => {
  test("from Table 3 as printed (plants across; pollutant, phase and 环评/绩效/初始权 down; merged cells blank)", () => {
    const { a, out } = table5Of(table3());
    expect(a.plants.map((p) => p.plant)).toEqual(["排污单位 1", "排污单位 2", "排污单位 3", "排污单位 4", "排污单位 5", "排污单位 6"]);
    for (const p of POL) expect(out[p]).toEqual(T5[p]);
    expect(a.totalsMethod).toBe("phased");
    expect(a.lines.map((l) => [l.text, l.role])).toEqual([
      ["环评", "eia"],
      ["绩效", "performance"],
      ["初始权", "right"],
      ["总排污权", "right"],
    ]);
  });

  test("from the plants-across layout (English headers, phases across, Total columns, '-' marks)", () => {
    const { a, out } = table5Of(plantsAcross());
    for (const p of POL) expect(out[p]).toEqual(T5[p]);
    const g = a.groups.find((x) => x.plant === "Plant 2" && x.pollutant === "nox")!;
    expect(g.phases.map((p) => p.eia?.cell.value)).toEqual(["-", "-", 1938]);
    expect(g.phases.map((p) => p.volume?.cell.value)).toEqual([20.76, 41.52, 9.45]);
    expect(g.phases.map((p) => p.volume?.scale)).toEqual([1e9, 1e9, 1e9]);
    expect(g.phases.map((p) => p.limit?.cell.value)).toEqual([200, 200, 100]);
    expect(Object.keys(g.totals).sort()).toEqual(["eia", "performance", "phased"]);
  });

  test("Table 2 alone (EIA approvals only, two blocks of plants) is read as EIA by its title, and is incomplete", () => {
    const a = analyzeTable(rangeData("T2", table2()));
    expect(a.suggestedEmission).toBe("eia");
    const r = a.groups.map(compareGroup);
    expect(r).toHaveLength(12);
    expect(r.every((x) => x.incomplete === "performance")).toBe(true);
    const p4 = a.groups.find((g) => g.plant === "排污单位 4" && g.pollutant === "so2")!;
    expect(p4.phases.map((p) => p.eia?.cell.value)).toEqual([1245.65, 1246.65, 1780]);
  });

  test("Table 1 alone (performance from volume and limit) has no EIA: incomplete, with volumes and limits matched", () => {
    const a = analyzeTable(rangeData("T1", table1()));
    expect(a.suggestedEmission).toBe("performance");
    const g = a.groups.find((x) => x.plant === "排污单位 2" && x.pollutant === "nox")!;
    expect(g.phases.map((p) => [p.performance?.cell.value, p.volume?.cell.value, p.limit?.cell.value])).toEqual([
      [4152, 20.76e9, 200],
      [8303, 41.52e9, 200],
      [945, 9.45e9, 100],
    ]);
    expect(compareGroup(g).incomplete).toBe("eia");
  });
});

describe("comparing a selection", () => {
  const data = rangeData("T3", table3());
  // Table 3 rows 3..22 (0-based 2..21), column E = plant 2: both pollutants, phases down, roles interleaved.
  test("one plant's column of Table 3: per phase EIA, performance, right and which binds", () => {
    const a = analyzeTable(data, { sheet: "T3", row: 2, col: 4, rows: 20, cols: 1 });
    const [so2, nox] = a.groups.map(compareGroup);
    expect(so2.group.plant).toBe("排污单位 2");
    expect(so2.phases.map((p) => [p.eia, p.performance, p.right, p.binds])).toEqual([
      [4014, 4152, 4014, "eia"],
      [12042, 8303, 8303, "performance"],
      [2220, 1890, 1890, "performance"],
    ]);
    expect([so2.phased, so2.total?.right, so2.difference]).toEqual([14207, 14345, 138]);
    expect(nox.phases.map((p) => p.binds)).toEqual(["no-eia", "no-eia", "performance"]);
    expect(nox.total?.binds).toBe("no-eia");
    expect([nox.phased, nox.total?.right, nox.difference]).toEqual([13399.5, 13399.5, 0]);
  });

  test("only the EIA and performance rows of one pollutant and phase 1-2 of plant 1", () => {
    const a = analyzeTable(data, { sheet: "T3", row: 12, col: 3, rows: 5, cols: 1 });
    const [r] = a.groups.map(compareGroup);
    expect(r.group.pollutant).toBe("nox");
    expect(r.phases.map((p) => [p.phase, p.right])).toEqual([
      [1, 907.2],
      [2, 2320],
    ]);
    expect(r.phased).toBe(3227.2);
  });

  test("a bare block without headers: two rows are EIA then performance, one column per phase", () => {
    const bare = rangeData("S", [[null], [null, 907.2, 8000], [null, 1134, 2320]]);
    const a = analyzeTable(bare, { sheet: "S", row: 1, col: 1, rows: 2, cols: 2 });
    expect(a.byPosition).toBe(true);
    const [r] = a.groups.map(compareGroup);
    expect([r.phased, r.total?.right, r.difference]).toEqual([3227.2, 3454, 226.8]);
  });

  test("a bare block of two columns: EIA left, performance right, one row per phase", () => {
    const bare = rangeData("S", [[7765, 1890], [1515, 1730]]);
    const a = analyzeTable(bare, { sheet: "S", row: 0, col: 0, rows: 2, cols: 2 });
    // two rows also read as rows: EIA 7765 1890, performance 1515 1730 (the user chose rows by selecting 2 rows)
    expect(a.byPosition).toBe(true);
    const tall = analyzeTable(rangeData("S", [[7765, 1890], [1515, 1730], ["/", "/"]]), { sheet: "S", row: 0, col: 0, rows: 3, cols: 2 });
    const [r] = tall.groups.map(compareGroup);
    expect(r.phases.map((p) => p.binds)).toEqual(["performance", "eia", "absent"]);
    expect(r.phased).toBe(3405);
  });

  test("a truly empty EIA cell is read as no figure, and flagged", () => {
    const rows = table3();
    rows[12][4] = null; // plant 2, NOx phase 1 EIA ('-' in the paper) left empty
    const a = analyzeTable(rangeData("T3", rows), { sheet: "T3", row: 12, col: 4, rows: 9, cols: 1 });
    const [r] = a.groups.map(compareGroup);
    expect(r.empties.map((e) => [e.row, e.col])).toEqual([[12, 4]]);
    expect(isEmptyCell(r.empties[0].cell)).toBe(true);
    expect(r.phases[0].binds).toBe("no-eia");
    expect(r.phased).toBe(13399.5);
  });

  test("a cell the rules cannot read gives the rule's message with the cell's address", () => {
    const rows = table3();
    rows[2][3] = "1,562";
    const a = analyzeTable(rangeData("T3", rows), { sheet: "T3", row: 2, col: 3, rows: 9, cols: 1 });
    const [r] = a.groups.map(compareGroup);
    expect(r.problem).toMatchObject({ address: "D3", code: "#VALUE!", key: "commaInNumber" });
  });
});

describe("the user's corrections", () => {
  test("a header given another role, and numbers without a role taken as performance", () => {
    const data = rangeData("T3", table3());
    const a = analyzeTable(data, undefined, { roles: { "row:初始权": "ignore" } });
    expect(a.groups[0].phases[0].right).toBeUndefined();
    expect(a.lines.find((l) => l.key === "row:初始权")?.role).toBe("ignore");
    const t2 = analyzeTable(rangeData("T2", table2()), undefined, { emission: "ignore" });
    expect(t2.groups).toHaveLength(0);
    const t3 = analyzeTable(data, undefined, { totalsMethod: "total" });
    expect(Object.keys(t3.groups[0].totals)).toEqual(["totalMethod"]);
  });
});

test("formatTonnes prints tonnes as the paper does", () => {
  expect([4271.3, 13399.5, 6901.88, 0, 138, 8602.300000000001, null].map(formatTonnes)).toEqual(["4271.3", "13399.5", "6901.88", "0", "138", "8602.3", "—"]);
});
