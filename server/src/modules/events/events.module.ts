import type { Module } from '../../platform/http.js';
import * as tables from './events.tables.js';

/** The domain event log: appended by other modules' use cases, read by the case stream. */
export const eventsModule = { name: 'events', tables } satisfies Module;
