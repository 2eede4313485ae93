import { describe, expect, it } from 'vitest';
import { matchNegativeList, type NegativeRule } from './negative-list.js';

const countyRule: NegativeRule = {
  id: 'c1',
  name: '不得发放个人福利、补贴或购物卡',
  purposes: [],
  keywords: ['购物卡', '红包', '补贴'],
};
const banquet: NegativeRule = { id: 'c2', name: '不得用于宴请和礼品', purposes: [], keywords: ['宴请', 'gift'] };
const noOther: NegativeRule = { id: 'm1', name: '本社区基金不支付“其他”类支出', purposes: ['other'], keywords: [] };

describe('the negative list', () => {
  it('names the first rule a spending falls under', () => {
    expect(matchNegativeList({ purpose: 'elderly-care', title: '重阳节给老人发购物卡' }, [countyRule, banquet])).toBe(
      countyRule,
    );
    expect(
      matchNegativeList({ purpose: 'culture', title: '文艺汇演', note: '演出后宴请演员' }, [countyRule, banquet]),
    ).toBe(banquet);
    expect(matchNegativeList({ purpose: 'other', title: '杂项' }, [countyRule, noOther])).toBe(noOther);
  });

  it('ignores case and spaces in the wording', () => {
    expect(matchNegativeList({ purpose: 'culture', title: 'Thank-you GIFT boxes' }, [banquet])).toBe(banquet);
    expect(matchNegativeList({ purpose: 'assistance', title: '春节发红 包' }, [countyRule])).toBe(countyRule);
  });

  it('lets an allowed spending through', () => {
    expect(
      matchNegativeList({ purpose: 'facilities', title: '更换3号楼楼道灯' }, [countyRule, banquet, noOther]),
    ).toBeNull();
    expect(matchNegativeList({ purpose: 'facilities', title: '修路' }, [])).toBeNull();
  });
});
