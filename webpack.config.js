/*
 * Builds the add-in into dist/: functions.js (custom functions), taskpane.js (side panel), one
 * taskpane.html that loads both (shared runtime), functions.json and functions.zh-CN.json generated
 * from the function registry, help.html (function reference), icons and manifest.xml.
 *
 * Also the browser preview: preview.html + preview.js (the task pane beside a grid of the example
 * workbook, on the in-memory engine; no office.js) and preview.css. The example workbook reaches the
 * preview as JSON generated from examples/six-plants.xlsx before the build (scripts/preview-workbook.js).
 *
 * Production URL: ADDIN_URL=https://example.org/er/ npm run build writes dist/manifest.xml and the functions'
 * help links (helpUrl in functions.json) with that origin in place of https://localhost:3000/. Without
 * ADDIN_URL they keep localhost.
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { sources, Compilation } = require("webpack");
const { writePreviewWorkbook } = require("./scripts/preview-workbook");

const DEV_URL = "https://localhost:3000/";
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

/**
 * Emits the files generated from the registry (compiled to lib/ by `tsc -p tsconfig.node.json`). Excel opens
 * a function's helpUrl itself, outside the add-in's page, so the URL is absolute: the origin the manifest
 * names (localhost in development, ADDIN_URL in a production build). The lib/ files read are dependencies of
 * the build, so that `npm run watch` (scripts/watch.js: tsc --watch beside webpack --watch) emits them anew
 * whenever tsc rewrites lib/.
 */
class RegistryAssetsPlugin {
  constructor(origin) {
    this.origin = origin;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("RegistryAssetsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "RegistryAssetsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const id of Object.keys(require.cache)) if (id.startsWith(path.join(__dirname, "lib"))) delete require.cache[id];
        const { buildMetadata } = require("./lib/functions/metadata");
        const { referenceHtml } = require("./lib/functions/reference");
        const helpBase = `${this.origin}help.html`;
        const json = (o) => new sources.RawSource(JSON.stringify(o, null, 2) + "\n");
        compilation.emitAsset("functions.json", json(buildMetadata("en-US", helpBase)));
        compilation.emitAsset("functions.zh-CN.json", json(buildMetadata("zh-CN", helpBase)));
        compilation.emitAsset("help.html", new sources.RawSource(referenceHtml()));
        for (const id of Object.keys(require.cache)) if (id.startsWith(path.join(__dirname, "lib"))) compilation.fileDependencies.add(id);
      });
    });
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const prodUrl = process.env.ADDIN_URL ? process.env.ADDIN_URL.replace(/\/?$/, "/") : DEV_URL;
  if (!/^https:\/\//.test(prodUrl)) throw new Error(`ADDIN_URL must be an https URL, got ${prodUrl}`);
  const previewWorkbook = await writePreviewWorkbook();
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      preview: "./src/preview/index.tsx",
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"], alias: { "preview-workbook.json$": previewWorkbook } },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { configFile: "tsconfig.json", transpileOnly: true, compilerOptions: { module: "esnext", moduleResolution: "bundler", sourceMap: dev } } } },
      ],
    },
    performance: { hints: false },
    plugins: [
      new RegistryAssetsPlugin(dev ? DEV_URL : prodUrl),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        inject: "body",
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        chunks: ["preview"],
        inject: "body",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/preview/preview.css", to: "preview.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : content.toString().split(DEV_URL).join(prodUrl)),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      port: PORT,
      server: dev ? { type: "https", options: await httpsOptions() } : undefined,
    },
  };
  return config;
};

async function httpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    console.warn(`office-addin-dev-certs: ${e.message}; serving with a self-signed certificate`);
    return {};
  }
}
