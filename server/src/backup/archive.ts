import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs a command-line tool (tar, pg_dump, pg_restore) and turns a failure into an error that
 * says which tool and what it printed, so an operator sees e.g. pg_dump's version complaint.
 */
export async function runTool(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await run(command, args, { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${command} is not installed (needed for backup and restore)`);
    throw new Error(`${command} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** A plain tar of `entries` (relative to `cwd`); the database part is already compressed. */
export const createTar = (file: string, cwd: string, entries: string[]) =>
  runTool('tar', ['-cf', file, '-C', cwd, '--', ...entries]);

/** GNU tar drops leading slashes and refuses `..` members, so nothing lands outside `into`. */
export const extractTar = (file: string, into: string) => runTool('tar', ['-xf', file, '-C', into, '--no-same-owner']);

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
