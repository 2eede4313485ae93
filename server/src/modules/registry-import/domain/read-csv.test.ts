import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from './read-csv.js';

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, line breaks inside quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
  });
  it('takes tabs when the header has no comma', () => {
    expect(parseCsv('姓名\t户号\n张伟\tH1')).toEqual([
      ['姓名', '户号'],
      ['张伟', 'H1'],
    ]);
  });
  it('decodes UTF-8 (BOM dropped) and, failing that, GB 18030 as Chinese Excel saves it', () => {
    expect(decodeCsv(Buffer.from('\uFEFF姓名'))).toBe('姓名');
    expect(decodeCsv(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]))).toBe('姓名');
  });
});
