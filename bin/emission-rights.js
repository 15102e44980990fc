#!/usr/bin/env node
"use strict";
// The `emission-rights` command. The CLI is TypeScript compiled to lib/ by `tsc -p tsconfig.node.json`
// (run by `npm install` through the prepare script, and by `npm run build` and `npm run demo`).
require("../lib/cli/main.js").run();
