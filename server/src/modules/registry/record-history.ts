import type { RegistryRecordKind } from '@yiwang/contracts';
import type { Executor } from '../../db/client.js';
import { registryRepository } from './registry.repository.js';

interface Versioned {
  id: string;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
  path: string;
}

/** A record's state as history keeps it: sealed values and blind indexes left out (their masks stay). */
export function historyState(row: Record<string, unknown>): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.endsWith('Sealed') || key.endsWith('Index')) continue;
    if (['id', 'version', 'updatedAt', 'updatedBy', 'createdAt', 'path'].includes(key)) continue;
    state[key] = value instanceof Date ? value.toISOString() : value;
  }
  return state;
}

/**
 * Keeps the state a change ends: valid from when it was made until now, made by whoever made
 * it. Called in the change's transaction, before or after the update, with the row as it was.
 */
export function keepPreviousState(
  tx: Executor,
  kind: RegistryRecordKind,
  before: Versioned & Record<string, unknown>,
  options: { endedBy: string | null; now: Date; visitId?: string | undefined },
): Promise<void> {
  return registryRepository.insertHistory(tx, {
    recordKind: kind,
    recordId: before.id,
    version: before.version,
    state: historyState(before),
    changedBy: before.updatedBy,
    validFrom: before.updatedAt,
    validTo: options.now,
    endedBy: options.endedBy,
    visitId: options.visitId ?? null,
    path: before.path,
  });
}
