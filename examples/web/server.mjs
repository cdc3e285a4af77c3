#!/usr/bin/env node
// A tiny static server for the browser demo (node:http and node:fs only):
//   /        examples/web
//   /pkg/    crm-wasm/pkg/web (build it first: crm-wasm/scripts/build)
//
//   node examples/web/server.mjs [port]      (or PORT=8080; default 8080, 0 for any free port)
//
// It listens on 127.0.0.1 and prints the page's URL on its first line of output.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');

/** URL prefixes and the directories they serve; the longest prefix first. */
export const MOUNTS = [
  { prefix: '/pkg/', dir: path.join(REPO, 'crm-wasm', 'pkg', 'web') },
  { prefix: '/', dir: HERE },
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names, or null when it lies outside every mount. */
function resolve(mounts, urlPath) {
  for (const { prefix, dir } of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const rel = urlPath.slice(prefix.length) || 'index.html';
    const file = path.resolve(dir, rel);
    return file === dir || file.startsWith(dir + path.sep) ? file : null;
  }
  return null;
}

/** An `http.Server` serving the mounts (not yet listening); `pkg` replaces the directory
 * served at `/pkg/` (e.g. another build, to compare). */
export function createServer({ pkg } = {}) {
  const mounts = pkg ? [{ prefix: '/pkg/', dir: path.resolve(pkg) }, MOUNTS[1]] : MOUNTS;
  return http.createServer(async (req, res) => {
    const send = (status, text) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let file;
    try {
      file = resolve(mounts, decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    } catch {
      return send(400, 'bad request\n');
    }
    if (!file) return send(404, 'not found\n');
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-cache',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch {
      send(404, file.startsWith(mounts[0].dir) ? 'not found (build the package: crm-wasm/scripts/build)\n' : 'not found\n');
    }
  });
}

/** Starts the server on 127.0.0.1:`port` (0: any free port); resolves with it and its URL.
 * `options` as for `createServer`. */
export function listen(port, options = {}) {
  const server = createServer(options);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2] ?? process.env.PORT ?? '8080';
  const port = Number(arg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`usage: node examples/web/server.mjs [port]   (not a port: ${arg})`);
    process.exit(2);
  }
  const { url } = await listen(port);
  console.log(url);
  console.log(`serving ${HERE} at / and ${MOUNTS[0].dir} at /pkg/ (Ctrl-C stops)`);
}
