import { describe, expect, it } from 'vitest';
import { addressTerms } from './address-terms.js';

describe('addressTerms', () => {
  it.each([
    ['3幢502', ['3幢', '502']],
    ['3号楼 502', ['3幢', '502']],
    ['  文定路10号３栋1单元502室 ', ['文定路10号', '3幢', '1单元', '502室']],
    ['502', ['502']],
    ['3 502', ['3', '502']],
    ['   ', []],
  ])('%s → %j', (q, terms) => {
    expect(addressTerms(q)).toEqual(terms);
  });
});
