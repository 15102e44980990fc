/**
 * The one list of pollutants (src/core/pollutants.ts): the permit paper's eight (3.2 (3)), in both
 * languages, read as a whole word (a cell, a parameter) and inside a header; GB13223-2011 takes its
 * pollutants from it.
 */
import { findPollutant, findStandard } from "../../src/core/limits";
import { findPollutantName, pollutantInText, POLLUTANTS, TOTAL_CONTROL_POLLUTANTS } from "../../src/core/pollutants";

test("the permit paper's pollutants: four under total control, four to add (3.2 (3)), in both languages", () => {
  expect(TOTAL_CONTROL_POLLUTANTS.map((p) => [p.id, p.names[0].en, p.names[0].zh, p.control])).toEqual([
    ["cod", "COD", "化学需氧量", "total-control"],
    ["nh3n", "NH3-N", "氨氮", "total-control"],
    ["so2", "SO2", "二氧化硫", "total-control"],
    ["nox", "NOx", "氮氧化物", "total-control"],
    ["vocs", "VOCs", "挥发性有机物", "to-add"],
    ["particulates", "particulates", "颗粒物", "to-add"],
    ["tn", "TN", "总氮", "to-add"],
    ["tp", "TP", "总磷", "to-add"],
  ]);
});

test.each([
  ["COD", "cod"],
  ["化学需氧量", "cod"],
  ["CODcr", "cod"],
  ["NH3-N", "nh3n"],
  ["nh3 n", "nh3n"],
  ["氨氮", "nh3n"],
  ["SO2", "so2"],
  ["SO₂", "so2"],
  ["二氧化硫", "so2"],
  ["NOx", "nox"],
  ["氮氧化物", "nox"],
  ["VOCs", "vocs"],
  ["挥发性有机物", "vocs"],
  ["颗粒物", "particulates"],
  ["particulates", "particulates"],
  ["烟尘", "particulates"],
  ["总氮", "tn"],
  ["TN", "tn"],
  ["总磷", "tp"],
  ["total phosphorus", "tp"],
])("a cell naming %p is %p", (text, id) => {
  expect(findPollutantName(text)?.id).toBe(id);
});

test.each([
  ["SO2 许可排放量 t/a", "so2"],
  ["二氧化硫实际排放量（2024年）", "so2"],
  ["NOx actual 2023", "nox"],
  ["氮氧化物(以NO2计)", "nox"],
  ["NH3 - N permitted", "nh3n"],
  ["氨氮 许可", "nh3n"],
  ["COD 排放量", "cod"],
  ["VOCs permit (t/a)", "vocs"],
  ["PM2.5", "particulates"],
  ["Particulates", "particulates"],
  ["总磷 TP", "tp"],
  ["TN t/a", "tn"],
])("a header %p names %p", (text, id) => {
  expect(pollutantInText(text)?.id).toBe(id);
});

test.each(["TNT", "STP", "No. 2", "mmHg", "permitted", "排污单位", "2024年实际排放量", "Plant 2"])("%p names no pollutant", (text) => {
  expect(pollutantInText(text)).toBeUndefined();
});

test("GB13223-2011's pollutants are the list's, under the standard's own names", () => {
  const std = findStandard("GB13223-2011");
  for (const p of std.pollutants) expect(POLLUTANTS.some((q) => q.id === p.id)).toBe(true);
  expect(std.pollutants.find((p) => p.id === "particulates")?.names).toEqual([{ en: "particulates", zh: "烟尘" }]);
  // Every spelling of the list reaches the standard's pollutant.
  expect(findPollutant(std, "颗粒物").id).toBe("particulates");
  expect(findPollutant(std, "sulfur dioxide").id).toBe("so2");
});
