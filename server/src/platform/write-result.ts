/**
 * What a write did, in the domain's words: a use case returns it, the route maps it to a
 * status with {@link statusOf} (the one place that knows 201 from 200). Use cases never
 * return HTTP statuses.
 *
 * - `created`: the write made the thing it answers with (a new case, patrol, photo, visit).
 * - `existing`: it was already there, nothing new was made (the open patrol, an earlier upload,
 *   a report already received under the same external id).
 * - `updated`: an existing thing was changed (a report merged into an open case, a patrol ended).
 */
export type WriteKind = 'created' | 'existing' | 'updated';

export interface WriteResult<T> {
  kind: WriteKind;
  value: T;
}

/** The HTTP status of a write's answer. */
export function statusOf(kind: WriteKind): 200 | 201 {
  switch (kind) {
    case 'created':
      return 201;
    case 'existing':
    case 'updated':
      return 200;
  }
}
