import type { ModuleContext } from '../../platform/http.js';
import type { JobDefinition } from '../jobs/index.js';
import { importDepsFor } from './registry-import-deps.js';
import { runNextImport } from './use-cases/run-imports.js';

/** How often the runner looks for a started import: the desk's progress bar starts moving within this. */
export const IMPORT_POLL_MS = 2_000;

/** Runs started registry imports one after another in the background (issue 11 item 3). */
export const registryImportJob = ({ config, database }: ModuleContext): JobDefinition => ({
  name: 'registry-imports',
  intervalMs: IMPORT_POLL_MS,
  async run({ log, signal }) {
    const deps = importDepsFor(database, config.secretKey);
    while (!signal.aborted && (await runNextImport(deps, { signal, now: new Date() }))) {
      log.info('registry import run');
    }
  },
});

export const registryImportJobs = (ctx: ModuleContext): JobDefinition[] => [registryImportJob(ctx)];
