// `rehandle serve`: build the dashboard when its build is missing or older than its sources, then
// run the adapter-node handler in this process. The database path travels by env var
// (REHANDLE_DB) to web/src/lib/server/reader.ts, which opens it read-only and follows swaps.
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UserError } from './errors.ts';
import { pidAlive } from './db.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HANDLER = join(ROOT, 'web/build/handler.js');
/** What the built app is made of: any change here means rebuild. */
const SOURCES = ['web/src', 'pipeline', 'svelte.config.js', 'web/vite.config.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

/** True when web/build is missing or older than a source file. */
function buildIsStale(): boolean {
  if (!existsSync(HANDLER)) return true;
  const built = statSync(HANDLER).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(ROOT, s)) > built);
}

const BUILD_LOCK = join(ROOT, 'web/.build.lock');

/** Build when stale, one process at a time: a second `serve` waits for the first one's build. */
async function ensureBuilt(): Promise<void> {
  let waiting = false;
  for (;;) {
    if (!buildIsStale()) return;
    let fd: number;
    try {
      fd = openSync(BUILD_LOCK, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(BUILD_LOCK, 'utf8').trim());
      if (holder && pidAlive(holder)) {
        if (!waiting) console.error(`等待另一进程（${holder}）构建网页应用 …`);
        waiting = true;
        await new Promise((r) => setTimeout(r, 500));
      } else rmSync(BUILD_LOCK, { force: true }); // left by a killed build
      continue;
    }
    try {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      buildWebApp();
      return;
    } finally {
      rmSync(BUILD_LOCK, { force: true });
    }
  }
}

/**
 * One Chinese progress line; vite's own log (chunk sizes, plugin timings, tsconfig advice) is kept
 * and printed only when the build fails.
 */
function buildWebApp(): void {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const started = Date.now();
  process.stderr.write('正在构建网页应用（首次启动或代码更新后）… ');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || r.error) {
    process.stderr.write('失败\n');
    const log = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    if (log) console.error(log);
    throw new Error(`网页应用构建失败 / web build failed (${r.error ? r.error.message : `exit ${r.status}`})`);
  }
  process.stderr.write(`完成（${Math.round((Date.now() - started) / 1000)} 秒）\n`);
}

export async function serve(opts: { dbPath: string; port: number; host?: string }): Promise<void> {
  const dbPath = resolve(opts.dbPath);
  if (!existsSync(dbPath)) throw new UserError(`数据库不存在 / database not found: ${opts.dbPath} (run "rehandle load" and "rehandle build" first)`);
  await ensureBuilt();
  process.env.REHANDLE_DB = dbPath;
  const { handler } = (await import(pathToFileURL(HANDLER).href)) as { handler: Parameters<typeof createServer>[0] };
  const server = createServer(handler);
  // Idle keep-alive sockets stay open longer than clients keep them (undici: 4 s), so a client never
  // reuses a socket the server is just closing.
  server.keepAliveTimeout = 65_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(e.code === 'EADDRINUSE' ? new UserError(`端口 ${opts.port} 已被占用 / port ${opts.port} is in use; pick another with --port`) : e));
    server.listen(opts.port, host, () => ok());
  });
  console.log(`监测看板已启动 / dashboard at http://${host === '0.0.0.0' ? 'localhost' : host}:${opts.port}/ (数据库 ${opts.dbPath})`);
  const stop = () => server.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise<void>((done) => server.once('close', () => done()));
}
