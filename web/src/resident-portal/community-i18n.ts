import { translator } from '../shared/translate';
import { usePortalI18n } from './i18n';

/** Strings of the portal's co-governance pages (community fund, volunteering, service directory). */
const zhCN = {
  'fund.title': '社区基金',
  'fund.pick': '选择社区，查看基金账目（无需登录）',
  'fund.none': '还没有社区公开基金账目。',
  'fund.balance': '基金余额',
  'fund.income': '累计收入',
  'fund.spending': '累计支出',
  'fund.addsUp': '余额 = 收入 − 支出，每一笔都记两面（复式记账），账目始终平衡。',
  'fund.spendings': '支出与“五步法”',
  'fund.transactions': '收支明细',
  'fund.yuan': '{amount} 元',
  'fund.balanceAfter': '余额 {amount} 元',
  'fund.stepPending': '待办',
  'home.fund': '社区基金',
  'home.fundHint': '每一笔钱从哪来、花在哪，公开可查',
  'home.volunteer': '志愿服务',
  'home.volunteerHint': '报名活动，服务时长存入时间银行',
  'home.services': '找服务',
  'home.servicesHint': '医院、学校、家政、社会组织，一查就有',
  'volunteer.title': '志愿服务',
  'volunteer.points': '我的时间银行：{points} 分',
  'volunteer.pointsHint': '组织者核定后，服务 1 小时记 1 分。',
  'volunteer.join': '登记为志愿者',
  'volunteer.joinFor': '先登记为志愿者，再报名',
  'volunteer.name': '姓名',
  'volunteer.skills': '特长（用逗号分开，可不填）',
  'volunteer.availability': '什么时候有空',
  'volunteer.submit': '登记',
  'volunteer.activities': '可以报名的活动',
  'volunteer.noActivities': '近期没有活动。',
  'volunteer.shift': '{from} – {to}，已报 {taken}/{capacity} 人',
  'volunteer.signUp': '报名',
  'volunteer.signedUp': '已报名',
  'volunteer.full': '已报满',
  'volunteer.mine': '我的服务记录',
  'volunteer.verified': '已核定 {hours} 小时',
  'volunteer.unverified': '待组织者核定',
  'volunteer.certificate': '打印志愿服务证明',
  'services.title': '找服务',
  'services.search': '搜索：如“体检”“保洁”“助浴”',
  'services.none': '没有找到，请换个说法。',
  'services.all': '全部',
};

const enUS: Record<keyof typeof zhCN, string> = {
  'fund.title': 'Community fund',
  'fund.pick': 'Choose a community to see its fund (no sign-in needed)',
  'fund.none': 'No community has published a fund yet.',
  'fund.balance': 'Balance',
  'fund.income': 'Income so far',
  'fund.spending': 'Spending so far',
  'fund.addsUp':
    'Balance = income − spending; every entry is recorded twice (double entry), so the books always balance.',
  'fund.spendings': 'Spendings and the five steps',
  'fund.transactions': 'Every transaction',
  'fund.yuan': '{amount} yuan',
  'fund.balanceAfter': 'balance {amount} yuan',
  'fund.stepPending': 'to do',
  'home.fund': 'Community fund',
  'home.fundHint': 'Where every yuan comes from and goes, in public',
  'home.volunteer': 'Volunteer',
  'home.volunteerHint': 'Sign up for activities; hours go into the time bank',
  'home.services': 'Find services',
  'home.servicesHint': 'Clinics, schools, housekeeping, social organizations',
  'volunteer.title': 'Volunteering',
  'volunteer.points': 'My time bank: {points} points',
  'volunteer.pointsHint': 'Once the organizer verifies it, 1 hour of service = 1 point.',
  'volunteer.join': 'Become a volunteer',
  'volunteer.joinFor': 'Sign up as a volunteer first, then for shifts',
  'volunteer.name': 'Name',
  'volunteer.skills': 'What you are good at (comma-separated, optional)',
  'volunteer.availability': 'When you are free',
  'volunteer.submit': 'Sign up',
  'volunteer.activities': 'Activities open for sign-up',
  'volunteer.noActivities': 'No activities coming up.',
  'volunteer.shift': '{from} – {to}, {taken}/{capacity} signed up',
  'volunteer.signUp': 'Sign up',
  'volunteer.signedUp': 'Signed up',
  'volunteer.full': 'Full',
  'volunteer.mine': 'My service',
  'volunteer.verified': '{hours} hours verified',
  'volunteer.unverified': 'Waiting for the organizer',
  'volunteer.certificate': 'Print my volunteer certificate',
  'services.title': 'Find services',
  'services.search': 'Search, e.g. “check-up”, “cleaning”',
  'services.none': 'Nothing found; try other words.',
  'services.all': 'All',
};

export type CommunityMessageKey = keyof typeof zhCN;
const translate = translator<CommunityMessageKey>({ 'zh-CN': zhCN, 'en-US': enUS });

/** The portal's i18n plus these pages' own strings. */
export function useCommunityI18n() {
  const i18n = usePortalI18n();
  return {
    ...i18n,
    tc: (key: CommunityMessageKey, params?: Record<string, string | number>) => translate(i18n.locale, key, params),
  };
}
