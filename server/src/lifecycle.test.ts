import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(join(tmpdir(), 'yiwang-lifecycle-'));
/** Every server started here; one a failed assertion left running is killed at the end. */
const started = new Set<ChildProcess>();
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the real server process (tsx src/main.ts) on the embedded database and waits for its banner. */
function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATABASE_URL: '',
      YIWANG_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/running: (http:\/\/localhost:\d+)/);
      if (match?.[1]) resolve({ child, url: match[1], output: () => out });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) => reject(new Error(`server exited with ${code} (signal ${signal}): ${out}`)));
  });
}

const stop = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<number | null>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });

describe('server lifecycle on the embedded database', () => {
  it('loads the demo once, shuts down cleanly on SIGTERM and SIGINT, and reopens intact', async () => {
    const first = await start();
    expect(first.output()).toMatch(/admin\s+yiwang2026/);
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'yiwang2026' }),
    });
    expect(login.status).toBe(200);
    expect(await stop(first.child, 'SIGTERM')).toBe(0);

    const second = await start();
    expect(second.output()).toContain('Existing data found');
    const again = await fetch(`${second.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'yiwang2026' }),
    });
    expect(again.status).toBe(200);
    const cookie = again.headers.get('set-cookie')?.split(';')[0] ?? '';
    const verify = await fetch(`${second.url}/api/audit/verify`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': ((await again.json()) as { csrfToken: string }).csrfToken },
    });
    // Both logins and the demo load are in the chain, intact across the restart, and anchored by
    // the checkpoints signed at the first start (the job runs at once) and shutdown, with the key
    // kept in the data dir; the second start's own checkpoint may or may not be in yet.
    const result = (await verify.json()) as { checkpoints: number };
    expect(result).toMatchObject({ ok: true, checked: 3, brokenCheckpoints: [] });
    expect(result.checkpoints).toBeGreaterThanOrEqual(2);
    expect(await stop(second.child, 'SIGINT')).toBe(0);
  }, 90_000);
});
