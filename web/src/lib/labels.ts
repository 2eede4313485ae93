import type { RegionLevel, Role, UnitKind } from '@yiwang/contracts';
import type { I18n } from './i18n/i18n-provider';

export const roleLabel = (t: I18n['t'], role: Role): string => t(`role.${role}`);
export const unitKindLabel = (t: I18n['t'], kind: UnitKind): string => t(`unitKind.${kind}`);
export const regionLevelLabel = (t: I18n['t'], level: RegionLevel): string => t(`regionLevel.${level}`);
