import { describe, expect, it } from 'vitest';
import { licenceNumberProblem, parseCoordinate } from './place-rows.js';

describe('licence numbers', () => {
  it('accepts a 统一社会信用代码 with its GB 32100 check character, or a 15-digit registration number', () => {
    expect(licenceNumberProblem('91320281MA1MABCDEX')).toBeNull();
    expect(licenceNumberProblem('52320281MJ5678901X')).toBeNull();
    expect(licenceNumberProblem('320281000123456')).toBeNull();
  });
  it('names a wrong check character, and a wrong shape', () => {
    expect(licenceNumberProblem('91320281MA1MABCDE1')).toContain('校验位不对');
    expect(licenceNumberProblem('91320281MA1MABCDIX')).toContain('应为18位');
    expect(licenceNumberProblem('9132028')).toContain('应为18位');
  });
});

describe('coordinates', () => {
  it('reads decimal degrees within China, nothing else', () => {
    expect(parseCoordinate(' 120.2856 ', 'lon')).toBe(120.2856);
    expect(parseCoordinate('31.9', 'lat')).toBe(31.9);
    expect(parseCoordinate('31.9', 'lon')).toBeNull();
    expect(parseCoordinate('120°17′', 'lon')).toBeNull();
    expect(parseCoordinate('', 'lat')).toBeNull();
  });
});
