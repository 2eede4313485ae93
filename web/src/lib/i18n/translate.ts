import { translator } from '../../shared/translate';
import { enUS } from './en-US';
import { type MessageKey, zhCN } from './zh-CN';

export { localName, type MessageParams } from '../../shared/translate';
export type { MessageKey };

/** Looks up a desk UI string and fills `{name}` placeholders. */
export const translate = translator<MessageKey>({ 'zh-CN': zhCN, 'en-US': enUS });
