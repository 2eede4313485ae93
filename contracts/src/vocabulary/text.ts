/** Text in both locales the product ships (zh-CN default, en-US second). */
export interface LocalizedText {
  readonly 'zh-CN': string;
  readonly 'en-US': string;
}

/** A label table: one LocalizedText per member of a list. */
export type Labels<K extends string> = Readonly<Record<K, LocalizedText>>;
