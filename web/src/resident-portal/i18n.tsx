import type { Locale, PublicCaseState, PublicStep } from '@yiwang/contracts';
import { MATTER_CATEGORY_LABELS, RATING_LABELS } from '@yiwang/contracts/vocabulary';
import { createContext, type ReactNode, use, useCallback, useMemo, useState } from 'react';
import {
  labelEntries,
  localName,
  type MessageParams,
  storedLocale,
  storeLocale,
  translator,
} from '../shared/translate';
import { configurePortalApi } from './portal-api';

/**
 * The portal's own strings (it carries none of the desk's): Chinese first, English must
 * translate every key — a missing one is a type error.
 */
const zhCN = {
  'app.title': '一网 · 我要反映',
  'app.name': '我要反映',
  'app.tagline': '身边的问题，拍照定位就能反映；办理进度随时可查。',
  'language.switch': 'English',
  'app.largeText': '大字',
  'nav.back': '返回',
  'nav.home': '首页',

  'home.report': '我要反映',
  'home.reportHint': '拍照、在地图上标出位置，几步就好',
  'home.follow': '查询进度',
  'home.followHint': '凭案件编号和查询码，无需登录',
  'home.mine': '我的反映',
  'home.mineHint': '看办理情况，办结后评价',
  'home.signedInAs': '已登录：{name}',
  'home.signIn': '登录',
  'home.register': '注册',
  'home.signOut': '退出登录',

  'auth.login': '登录',
  'auth.loginTitle': '居民登录',
  'auth.register': '注册',
  'auth.registerTitle': '居民注册',
  'auth.phone': '手机号',
  'auth.phoneOrUsername': '手机号（或账号）',
  'auth.displayName': '称呼',
  'auth.displayNameHint': '办理人员回访时怎么称呼您，例如“王女士”',
  'auth.password': '密码',
  'auth.passwordHint': '至少 10 位，须同时包含字母和数字',
  'auth.passwordAgain': '再输一次密码',
  'auth.passwordMismatch': '两次输入的密码不一样',
  'auth.noAccount': '还没有账号？',
  'auth.haveAccount': '已经注册过？',
  'auth.needLogin': '请先登录，再反映问题或查看您的反映。',
  'auth.staffAccount': '这是工作人员账号。居民门户请用居民账号登录；工作人员请到工作台处理案件。',

  'report.title': '我要反映',
  'report.matter': '问题类型',
  'report.matterSearch': '搜索问题类型，如“井盖”“噪声”“jg”',
  'report.matterNone': '没有找到，请换个说法，或在“其他”里找',
  'report.matterChange': '换一个',
  'report.description': '问题描述',
  'report.descriptionHint': '说说看到了什么、在什么地方、持续多久了',
  'report.photos': '照片（最多 {max} 张）',
  'report.addPhoto': '拍照或选照片',
  'report.photoUploading': '正在上传…',
  'report.photoRemove': '删除照片',
  'report.location': '位置',
  'report.locationHint': '在地图上点一下标出问题所在的位置',
  'report.useMyLocation': '使用我的位置',
  'report.locating': '正在定位…',
  'report.locationDenied': '无法获取您的位置：{reason}。请在地图上点选。',
  'report.locationUnsupported': '此浏览器不能定位，请在地图上点选。',
  'report.pinned': '已标出：经度 {lon}，纬度 {lat}',
  'report.noPin': '还没有标出位置',
  'report.placeAt': '位于：{place}',
  'report.address': '地址或附近标志（可不填）',
  'report.anonymous': '匿名反映',
  'report.anonymousHint': '办理单位和公众看不到您的姓名和电话（指挥中心回访时仍可联系您）',
  'report.submit': '提交',
  'report.submitting': '正在提交…',
  'report.needMatter': '请选择问题类型',
  'report.needDescription': '请填写问题描述',
  'report.needPin': '请在地图上标出位置',
  'report.mapLoading': '地图加载中…',
  'report.required': '必填',

  'result.title': '已收到您的反映',
  'result.merged': '附近已有人反映了同一个问题，您的反映已并入该案件一起办理。',
  'result.keep': '请记下案件编号和查询码，凭它们可以随时查询办理进度，也可以告诉家人：',
  'result.code': '案件编号',
  'result.key': '查询码',
  'result.follow': '查看进度',
  'result.another': '再反映一个问题',

  'follow.title': '查询进度',
  'follow.code': '案件编号',
  'follow.codePlaceholder': '如 YW20260501-000123',
  'follow.key': '查询码',
  'follow.keyPlaceholder': '8 位字母或数字',
  'follow.submit': '查询',
  'follow.notFound': '没有找到。请核对案件编号和查询码。',
  'follow.mergedFrom': '案件 {from} 与同一问题的其他反映合并，在本案件中一起办理。',
  'follow.reportedAt': '反映时间',
  'follow.closedAt': '办结时间',
  'follow.supporters': '另有 {count} 人反映了同一问题',
  'follow.timeline': '办理过程',
  'follow.result': '办理结果',
  'follow.resultPhotos': '处置照片',

  'mine.title': '我的反映',
  'mine.empty': '您还没有反映过问题。',
  'mine.anonymous': '匿名',
  'mine.follow': '查看进度',
  'mine.rateTitle': '问题已办结，请您评价',
  'mine.comment': '还想说的话（可不填）',
  'mine.rateSubmit': '提交评价',
  'mine.rated': '您的评价：{rating}',
  'mine.chooseRating': '请选择满意程度',

  ...labelEntries('category', MATTER_CATEGORY_LABELS, 'zh-CN'),
  'category.all': '全部',

  ...labelEntries('rating', RATING_LABELS, 'zh-CN'),

  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.http': '服务器返回了意外的响应（HTTP {status}），请稍后重试。',
  'error.photo': '照片处理失败，请换一张试试。',
  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.copy': '复制',
  'common.copied': '已复制',
} as const;

export type MessageKey = keyof typeof zhCN;

const enUS: Record<MessageKey, string> = {
  'app.title': 'Yiwang · Report a problem',
  'app.name': 'Report a problem',
  'app.tagline': 'Report a problem nearby with a photo and a pin on the map; follow it at any time.',
  'language.switch': '中文',
  'app.largeText': 'Large text',
  'nav.back': 'Back',
  'nav.home': 'Home',

  'home.report': 'Report a problem',
  'home.reportHint': 'A photo and a pin on the map: a few steps',
  'home.follow': 'Follow a case',
  'home.followHint': 'With its case code and key, no sign-in needed',
  'home.mine': 'My reports',
  'home.mineHint': 'See how they are handled; rate when done',
  'home.signedInAs': 'Signed in: {name}',
  'home.signIn': 'Sign in',
  'home.register': 'Sign up',
  'home.signOut': 'Sign out',

  'auth.login': 'Sign in',
  'auth.loginTitle': 'Residents: sign in',
  'auth.register': 'Sign up',
  'auth.registerTitle': 'Residents: sign up',
  'auth.phone': 'Mobile number',
  'auth.phoneOrUsername': 'Mobile number (or username)',
  'auth.displayName': 'Name',
  'auth.displayNameHint': 'How staff should address you when they call back, e.g. "Ms Wang"',
  'auth.password': 'Password',
  'auth.passwordHint': 'At least 10 characters with both letters and digits',
  'auth.passwordAgain': 'Password again',
  'auth.passwordMismatch': 'The two passwords differ',
  'auth.noAccount': 'No account yet?',
  'auth.haveAccount': 'Already signed up?',
  'auth.needLogin': 'Please sign in to report a problem or to see your reports.',
  'auth.staffAccount':
    'This is a staff account. Sign in to the resident portal with a resident account; staff handle cases at the desk.',

  'report.title': 'Report a problem',
  'report.matter': 'Kind of problem',
  'report.matterSearch': 'Search, e.g. "manhole", "noise"',
  'report.matterNone': 'Nothing found; try other words, or look under "Other"',
  'report.matterChange': 'Change',
  'report.description': 'Description',
  'report.descriptionHint': 'What you saw, where exactly, and since when',
  'report.photos': 'Photos (up to {max})',
  'report.addPhoto': 'Take or choose a photo',
  'report.photoUploading': 'Uploading…',
  'report.photoRemove': 'Remove photo',
  'report.location': 'Location',
  'report.locationHint': 'Tap the map where the problem is',
  'report.useMyLocation': 'Use my location',
  'report.locating': 'Locating…',
  'report.locationDenied': 'Your location is not available: {reason}. Please tap the map.',
  'report.locationUnsupported': 'This browser cannot locate you; please tap the map.',
  'report.pinned': 'Pinned: longitude {lon}, latitude {lat}',
  'report.noPin': 'No location pinned yet',
  'report.placeAt': 'In: {place}',
  'report.address': 'Address or landmark (optional)',
  'report.anonymous': 'Report anonymously',
  'report.anonymousHint':
    'The handling unit and the public do not see your name or number (the command center can still call you back)',
  'report.submit': 'Submit',
  'report.submitting': 'Submitting…',
  'report.needMatter': 'Please choose the kind of problem',
  'report.needDescription': 'Please describe the problem',
  'report.needPin': 'Please pin the location on the map',
  'report.mapLoading': 'Loading the map…',
  'report.required': 'required',

  'result.title': 'Your report has been received',
  'result.merged': 'Someone nearby reported the same problem; your report joins that case.',
  'result.keep': 'Keep the case code and key: with them you (or your family) can follow the case at any time:',
  'result.code': 'Case code',
  'result.key': 'Key',
  'result.follow': 'Follow it',
  'result.another': 'Report another problem',

  'follow.title': 'Follow a case',
  'follow.code': 'Case code',
  'follow.codePlaceholder': 'e.g. YW20260501-000123',
  'follow.key': 'Key',
  'follow.keyPlaceholder': '8 letters or digits',
  'follow.submit': 'Look up',
  'follow.notFound': 'Not found. Please check the case code and the key.',
  'follow.mergedFrom': 'Case {from} was merged with other reports of the same problem and is handled here.',
  'follow.reportedAt': 'Reported',
  'follow.closedAt': 'Resolved',
  'follow.supporters': '{count} more people reported the same problem',
  'follow.timeline': 'Progress',
  'follow.result': 'What was done',
  'follow.resultPhotos': 'Photos of the work',

  'mine.title': 'My reports',
  'mine.empty': 'You have not reported anything yet.',
  'mine.anonymous': 'anonymous',
  'mine.follow': 'Progress',
  'mine.rateTitle': 'Resolved: please rate the result',
  'mine.comment': 'Anything to add (optional)',
  'mine.rateSubmit': 'Send rating',
  'mine.rated': 'Your rating: {rating}',
  'mine.chooseRating': 'Please choose how satisfied you are',

  ...labelEntries('category', MATTER_CATEGORY_LABELS, 'en-US'),
  'category.all': 'All',

  ...labelEntries('rating', RATING_LABELS, 'en-US'),

  'error.network': 'Cannot reach the server. Check the network and try again.',
  'error.http': 'Unexpected answer from the server (HTTP {status}). Please try again later.',
  'error.photo': 'The photo could not be processed; please try another one.',
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
};

/** Public states and timeline steps, in both languages. */
const STATE_LABELS: Record<PublicCaseState, readonly [zh: string, en: string]> = {
  submitted: ['已提交，待受理', 'Submitted'],
  registered: ['已受理', 'Accepted for handling'],
  in_progress: ['办理中', 'Being handled'],
  checking: ['已处置，核查中', 'Done, being checked'],
  on_hold: ['暂缓办理', 'On hold'],
  resolved: ['已办结', 'Resolved'],
  not_accepted: ['未予受理', 'Not taken up'],
};
const STEP_LABELS: Record<PublicStep, readonly [zh: string, en: string]> = {
  submitted: ['提交反映', 'Reported'],
  merged: ['同一问题的反映合并办理', 'Joined by a report of the same problem'],
  registered: ['受理立案', 'Accepted as a case'],
  not_accepted: ['未予受理', 'Not taken up'],
  dispatched: ['派给责任单位', 'Sent to the responsible unit'],
  accepted: ['责任单位开始处置', 'The unit started work'],
  escalated: ['提交上级协调', 'Referred to the level above'],
  on_hold: ['暂缓办理', 'Put on hold'],
  resumed: ['恢复办理', 'Resumed'],
  handled: ['处置完成', 'Work done'],
  rework: ['现场核查未通过，返工', 'Check failed: work redone'],
  verified: ['现场核查通过', 'Checked on site'],
  closed: ['办结', 'Resolved'],
  rated: ['评价', 'Rated'],
  reopened: ['重新办理', 'Reopened'],
  archived: ['归档', 'Archived'],
};

export type Params = MessageParams;

export const translate = translator<MessageKey>({ 'zh-CN': zhCN, 'en-US': enUS });

export interface PortalI18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: Params): string;
  stateLabel(state: PublicCaseState): string;
  stepLabel(step: PublicStep): string;
  /** A matter's or region's name in the current language. */
  named(value: { name: string; nameEn: string }): string;
  /** Date and time as people in China read it (Beijing time). */
  dateTime(iso: string): string;
}

const I18nContext = createContext<PortalI18n | null>(null);

function applyLocale(locale: Locale) {
  configurePortalApi({ locale });
  document.documentElement.lang = locale;
  document.title = translate(locale, 'app.title');
}

export function PortalI18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = storedLocale();
    applyLocale(initial);
    return initial;
  });
  const setLocale = useCallback((next: Locale) => {
    applyLocale(next);
    storeLocale(next);
    setLocaleState(next);
  }, []);
  const value = useMemo<PortalI18n>(() => {
    const en = locale === 'en-US';
    const format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Shanghai',
    });
    return {
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      stateLabel: (state) => STATE_LABELS[state][en ? 1 : 0],
      stepLabel: (step) => STEP_LABELS[step][en ? 1 : 0],
      named: (value) => localName(locale, value),
      dateTime: (iso) => format.format(new Date(iso)),
    };
  }, [locale, setLocale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function usePortalI18n(): PortalI18n {
  const value = use(I18nContext);
  if (!value) throw new Error('usePortalI18n outside <PortalI18nProvider>');
  return value;
}
