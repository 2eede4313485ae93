/**
 * A small XML writer for the GeoReport v2 shapes: flat elements, lists of them, nothing
 * else (no attributes, no namespaces). Pure.
 */
export type XmlContent = string | number | boolean | null | undefined | readonly XmlElement[];
export type XmlElement = readonly [name: string, content: XmlContent];

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Characters XML 1.0 cannot carry at all, even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function write(element: XmlElement, out: string[]): void {
  const [name, content] = element;
  if (!NAME.test(name)) throw new Error(`invalid XML element name: ${name}`);
  if (content === null || content === undefined) {
    out.push(`<${name}/>`);
  } else if (typeof content === 'object') {
    out.push(`<${name}>`);
    for (const child of content) write(child, out);
    out.push(`</${name}>`);
  } else {
    out.push(`<${name}>${escapeXml(String(content))}</${name}>`);
  }
}

/** A whole document: the declaration and one root element. */
export function xmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  write(root, out);
  return out.join('');
}

/** The elements of a flat record, in its key order; lists stay lists. */
export const fields = (record: Readonly<Record<string, XmlContent>>): XmlElement[] =>
  Object.entries(record).map(([name, content]) => [name, content] as const);
