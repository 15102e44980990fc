/*
 * Serves the browser preview (dist/preview.html: the example workbook as a grid beside the task pane, on
 * the in-memory engine) on localhost, with a plain Node http server. `npm run preview` builds first.
 *
 * Usage: node scripts/preview.js [--port N]   (N = 0 picks a free port; default 3001 or $PORT)
 */
const http = require("http");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..", "dist");

/** The page's policy: scripts and everything else only from this server; no inline script, no eval. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

function handler(root) {
  return (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "Method not allowed\n", { Allow: "GET, HEAD" });
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      return send(400, "Bad request\n");
    }
    if (pathname === "/") return send(302, "", { Location: "/preview.html" });
    const file = path.normalize(path.join(root, pathname));
    if (!file.startsWith(root + path.sep) || pathname.includes("\0")) return send(404, "Not found\n");
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) return send(404, "Not found\n");
      const type = TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
      res.writeHead(200, {
        "Content-Type": type,
        "Content-Length": st.size,
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
      });
      if (req.method === "HEAD") return res.end();
      fs.createReadStream(file).pipe(res);
    });
  };
}

/**
 * Starts the server on 127.0.0.1. Resolves to its URL and a close function.
 * @param {{root?: string, port?: number}} options port 0 picks a free port
 */
function startPreviewServer(options = {}) {
  const root = path.resolve(options.root || ROOT);
  const server = http.createServer(handler(root));
  const sockets = new Set();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port === undefined ? 3001 : options.port, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/preview.html`,
        origin: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

module.exports = { startPreviewServer, CSP };

if (require.main === module) {
  const i = process.argv.indexOf("--port");
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT || 3001);
  if (!fs.existsSync(path.join(ROOT, "preview.html"))) {
    console.error("dist/preview.html is missing: run `npm run build` first (npm run preview does).");
    process.exit(2);
  }
  startPreviewServer({ port }).then(
    (s) => console.log(`Preview (no Excel needed): ${s.url}\nPress Ctrl+C to stop.`),
    (e) => {
      console.error(`Could not start the preview server: ${e.message}`);
      process.exit(1);
    },
  );
}
