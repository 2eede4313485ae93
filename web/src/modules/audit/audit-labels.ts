import {
  AUDIT_ACTION_LABELS,
  AUDIT_OBJECT_TYPE_LABELS,
  isAuditAction,
  type Locale,
} from '@yiwang/contracts/vocabulary';

/**
 * The audit page's words for actions and object kinds, from the shared vocabulary (kept out of
 * the desk's first-screen dictionary: they load with the page). A code the list no longer has
 * (a row older than a rename; the log is append-only) is shown as it is.
 */
export const auditActionLabel = (action: string, locale: Locale): string =>
  isAuditAction(action) ? AUDIT_ACTION_LABELS[action][locale] : action;

export const auditObjectTypeLabel = (objectType: string, locale: Locale): string =>
  Object.hasOwn(AUDIT_OBJECT_TYPE_LABELS, objectType)
    ? AUDIT_OBJECT_TYPE_LABELS[objectType as keyof typeof AUDIT_OBJECT_TYPE_LABELS][locale]
    : objectType;
