import type { Module } from '../../platform/http.js';
import * as tables from './jobs.tables.js';

/** The background job runner's leases; the jobs themselves are the other modules' (Module.jobs). */
export const jobsModule = { name: 'jobs', tables } satisfies Module;
