/** A1 addresses live in src/sheet/address.ts (pure spreadsheet text, shared with the task pane); the engine's modules import them from here until they import src/sheet directly. */
export * from "../sheet/address";
