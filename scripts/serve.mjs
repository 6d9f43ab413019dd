// serve.mjs — a tiny static server for the built site (no dependencies): 127.0.0.1 only, correct MIME
// types (.wasm as application/wasm), no caching, and optionally the strict Content-Security-Policy the
// lab must work under.  usage: node scripts/serve.mjs DIR [--port N] [--csp] [--quiet]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const kTypes = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.csv': 'text/csv; charset=utf-8', '.png': 'image/png', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8',
};
export const kStrictCsp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'";

// Starts serving root; resolves to { server, url }. port 0 picks a free port.
export function serve(root, { port = 8000, csp = false, log = false } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const headers = { 'Content-Type': kTypes[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' };
      if (csp) headers['Content-Security-Policy'] = kStrictCsp;
      res.writeHead(200, headers).end(body);
      if (log) console.log(`200 ${req.method} ${path}`);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      if (log) console.log(`404 ${req.method} ${path}`);
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolvePromise({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const root = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) || 'build/web/site';
  const portIndex = args.indexOf('--port');
  const port = portIndex >= 0 ? Number(args[portIndex + 1]) : Number(process.env.PORT || 8000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: the port must be a whole number from 0 to 65535 (got '${args[portIndex + 1] ?? process.env.PORT}')`);
    process.exit(2);
  }
  try {
    const { url } = await serve(root, { port, csp: args.includes('--csp'), log: !args.includes('--quiet') });
    console.log(`ReLU Lab is served at ${url}  (Ctrl-C to stop)`);
  } catch (e) {
    console.error(`serve: cannot listen on 127.0.0.1:${port}: ${e.message}. Set PORT to another port.`);
    process.exit(1);
  }
}
