import type { Module } from '../../platform/http.js';
import { communityFundRoutes } from './community-fund.routes.js';
import * as tables from './community-fund.tables.js';
import { loadDemoCommunityFund } from './load-demo-community-fund.js';

/**
 * The community fund (社区基金, Chengdu's practice): a public double-entry ledger per community,
 * spendings tied to council decisions with the five steps recorded on each, and a negative list.
 */
export const communityFundModule = {
  name: 'community-fund',
  tables,
  permissions: {
    'community-fund.read': ['leader', 'operator', 'workstation_staff', 'grid_head', 'supervisor'],
    'community-fund.manage': ['workstation_staff'],
  },
  errors: {
    'fund-negative-list': {
      status: 422,
      'zh-CN': '该支出属于社区基金负面清单，不能支付：{rule}。',
      'en-US': 'The community fund may not pay for this (negative list): {rule}.',
    },
    'fund-decision-other-community': {
      status: 422,
      'zh-CN': '决议“{title}”不是本社区的决议，请选择本社区议事会的决议。',
      'en-US': 'The decision “{title}” is not this community’s; choose a decision of this community’s council.',
    },
    'fund-decision-not-decided': {
      status: 409,
      'zh-CN': '决议“{title}”尚未议定，议事会表决通过后才能支出。',
      'en-US': 'The decision “{title}” has not been made yet; the council must resolve it before money is spent.',
    },
    'fund-step-recorded': {
      status: 409,
      'zh-CN': '这一步（{step}）已经记录过了。',
      'en-US': 'This step ({step}) is already recorded.',
    },
    'fund-step-out-of-order': {
      status: 409,
      'zh-CN': '五步法须按顺序记录：下一步应为 {expected}，不能先记录 {step}。',
      'en-US': 'The five steps go in order: the next is {expected}, not {step}.',
    },
    'fund-insufficient': {
      status: 409,
      'zh-CN': '基金余额 {balance} 元，不足以支付 {amount} 元。',
      'en-US': 'The fund holds {balance} yuan, not enough to pay {amount} yuan.',
    },
  },
  fieldProblems: {
    'fund-negative-list': { 'zh-CN': '属于负面清单', 'en-US': 'On the negative list' },
  },
  demo: loadDemoCommunityFund,
  apiRoutes: communityFundRoutes,
} satisfies Module;
