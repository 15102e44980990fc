#!/usr/bin/env node
/* Writes docs/functions.md from the registry (compiled to lib/): `npm run docs`. A test fails when it is out of date. */
"use strict";
const fs = require("fs");
const path = require("path");
const { referenceMarkdown } = require("../lib/functions/reference");

fs.writeFileSync(path.join(__dirname, "..", "docs", "functions.md"), referenceMarkdown());
console.log("docs/functions.md written");
