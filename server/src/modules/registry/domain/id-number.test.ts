import { describe, expect, it } from 'vitest';
import { idCheckCharacter, idNumberFacts, idNumberProblem, makeIdNumber, maskIdNumber } from './id-number.js';

describe('GB 11643 ID numbers', () => {
  it('computes the check character by ISO 7064 MOD 11-2 (worked by hand)', () => {
    // 11010519491231002: 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167;
    // 167 mod 11 = 2 → 'X'. The standard's own example is 11010519491231002X.
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    // 44052419800101001: 4·7+4·9+0+5·5+2·8+4·4+1·2+9+8·6+0+0+1·9+0+1·5+0+0+1·2 = 196; 196 mod 11 = 9 → '3'.
    expect(idCheckCharacter('44052419800101001')).toBe('3');
  });

  it('names what is wrong with a number', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    expect(idNumberProblem('110105194912310021')).toBe('check-digit');
    expect(idNumberProblem('110105194913310028')).toBe('birth-date');
    expect(idNumberProblem('11010519491231002')).toBe('shape');
    expect(idNumberProblem('000000000000000000')).toBe('shape');
  });

  it('reads birth date and sex, masks, and makes valid demo numbers', () => {
    expect(idNumberFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', sex: 'female' });
    expect(maskIdNumber('11010519491231002X')).toBe('1101***********02X');
    const made = makeIdNumber('320281', '19800101', 13);
    expect(made.slice(0, 17)).toBe('32028119800101013');
    expect(idNumberProblem(made)).toBeNull();
    expect(idNumberFacts(made).sex).toBe('male');
  });
});
