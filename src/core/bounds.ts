/**
 * Magnitudes no real input reaches. A value beyond them is a typing or unit mistake (m3 typed as
 * 10^9 m3, kg as t) and gives #NUM! rather than a number that looks right.
 */
/** m3 per year of flue gas or waste water: the largest Chinese power plants emit about 1e11. */
export const MAX_VOLUME = 1e14;
/** mg/m3 or mg/L: 1e6 mg/m3 is one kilogram in every cubic metre. */
export const MAX_CONCENTRATION = 1e6;
/** t/a for one plant, phase or permit: China's whole SO2 emission is about 2e7 t/a. */
export const MAX_TONNES = 1e9;
