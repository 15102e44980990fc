/*
 * The six-plant tables of docs/rules.md, as Markdown, from examples/six-plants.json (the paper's Tables 1-5 as
 * printed). The test test/docs.test.ts checks that docs/rules.md holds exactly these tables.
 *
 *   node scripts/rules-tables.js      prints them
 */
const path = require("path");
const fs = require("fs");

const DATA = path.join(__dirname, "..", "examples", "six-plants.json");

/** A printed cell: null is '/', "-" stays "-", numbers as printed. */
const cell = (v) => (v === null || v === undefined ? "/" : String(v));
const volume = (m3) => `${Number((m3 / 1e9).toFixed(4))}×10⁹`;
const row = (cells) => `| ${cells.join(" | ")} |`;
const table = (head, rows) => [row(head), row(head.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(row)].join("\n");

function sixPlantTables(data = JSON.parse(fs.readFileSync(DATA, "utf8"))) {
  const plants = data.table3_phased.plants;
  const out = {};
  out.table1 = table(
    ["Plant 排污单位", "Phase 工程", "Units 机组", "Flue gas m3/a 年排放烟气量", "SO2 limit mg/m3", "NOx limit mg/m3", "SO2 t/a", "NOx t/a"],
    data.table1_performance.map((r) => [r.plant, r.phase, r.units, volume(r.volume_m3), r.so2_limit, r.nox_limit, r.so2_t, r.nox_t].map(cell)),
  );
  const t2 = data.table2_eia_approved;
  out.table2 = table(
    ["Plant 排污单位", "SO2 phase 1", "SO2 phase 2", "SO2 phase 3", "NOx phase 1", "NOx phase 2", "NOx phase 3"],
    plants.map((p) => {
      const so2 = t2.so2[String(p)];
      const nox = t2.nox[String(p)];
      const three = (xs) => [0, 1, 2].map((i) => (i < so2.length ? cell(xs[i]) : "/"));
      return [String(p), ...three(so2), ...three(nox)];
    }),
  );
  const t3 = data.table3_phased;
  const t3rows = [];
  for (const [pol, name] of [["so2", "SO2"], ["nox", "NOx"]]) {
    [1, 2, 3].forEach((k) => {
      const ph = t3[pol][`phase${k}`];
      t3rows.push([`${name} phase ${k} EIA 环评`, ...ph.eia.map(cell)]);
      t3rows.push([`${name} phase ${k} performance 绩效`, ...ph.performance.map(cell)]);
      t3rows.push([`${name} phase ${k} right 初始权`, ...ph.right.map(cell)]);
    });
    t3rows.push([`**${name} total right 总排污权**`, ...t3[pol].total_right.map((v) => `**${cell(v)}**`)]);
  }
  out.table3 = table(["", ...plants.map((p) => `Plant ${p}`)], t3rows);
  const t4 = data.table4_total;
  out.table4 = table(
    ["", ...plants.map((p) => `Plant ${p}`)],
    [
      ["SO2 EIA total 总环评", ...t4.so2.total_eia.map(cell)],
      ["SO2 performance total 总绩效", ...t4.so2.total_performance.map(cell)],
      ["**SO2 right 总排污权**", ...t4.so2.right.map((v) => `**${cell(v)}**`)],
      ["NOx EIA total 总环评", ...t4.nox.total_eia.map(cell)],
      ["NOx performance total 总绩效", ...t4.nox.total_performance.map(cell)],
      ["**NOx right 总排污权**", ...t4.nox.right.map((v) => `**${cell(v)}**`)],
    ],
  );
  const t5 = data.table5_comparison;
  out.table5 = table(
    ["", ...plants.map((p) => `Plant ${p}`)],
    [
      ["SO2 phased 分期对比", ...t5.so2.phased.map(cell)],
      ["SO2 total 合计对比", ...t5.so2.total.map(cell)],
      ["SO2 difference 相差", ...t5.so2.difference.map(cell)],
      ["NOx phased 分期对比", ...t5.nox.phased.map(cell)],
      ["NOx total 合计对比", ...t5.nox.total.map(cell)],
      ["NOx difference 相差", ...t5.nox.difference.map(cell)],
    ],
  );
  out.inconsistencies = data.known_inconsistencies_in_print.map((x) => `- ${x}`).join("\n");
  return out;
}

module.exports = { sixPlantTables };

if (require.main === module) {
  const t = sixPlantTables();
  for (const [k, v] of Object.entries(t)) console.log(`<!-- ${k} -->\n${v}\n`);
}
