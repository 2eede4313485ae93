import { pinyin } from 'pinyin-pro';

/**
 * The first letters of a name's pinyin (张伟 → zw, 欧阳娜娜 → oynn), lower-case, for search by
 * initials. Surname readings (曾 zeng, 单 shan…) follow pinyin-pro's surname mode.
 */
export const nameInitials = (name: string): string =>
  pinyin(name.trim(), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
    .join('')
    .replace(/[^a-z]/gi, '')
    .toLowerCase();
