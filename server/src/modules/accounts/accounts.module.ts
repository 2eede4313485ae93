import type { Module } from '../../platform/http.js';
import { accountsJobs } from './accounts.jobs.js';
import * as tables from './accounts.tables.js';
import { authRoutes } from './auth.routes.js';
import { loadDemoAccounts } from './load-demo-accounts.js';
import { usersRoutes } from './users.routes.js';

export const accountsModule = {
  name: 'accounts',
  tables,
  permissions: {
    'users.read': ['leader', 'operator', 'workstation_staff'],
    'users.manage': [],
    'api-keys.manage': [],
  },
  errors: {
    'invalid-credentials': {
      status: 401,
      'zh-CN': '用户名或密码错误。连续错误 {max} 次，账号将被锁定 {minutes} 分钟。',
      'en-US':
        'Wrong username or password. After {max} wrong attempts in a row the account is locked for {minutes} minutes.',
    },
    'totp-required': {
      status: 401,
      'zh-CN': '请输入动态验证码（6 位数字）。',
      'en-US': 'Please enter the 6-digit code from your authenticator app.',
    },
    'invalid-totp': {
      status: 401,
      'zh-CN': '动态验证码错误，请检查手机上的验证器后重试。',
      'en-US': 'The authenticator code is wrong. Check the app on your phone and try again.',
    },
    'totp-enrollment-required': {
      status: 403,
      'zh-CN': '管理员账号须先绑定动态验证码（双因素认证）后才能继续操作。',
      'en-US': 'Administrator accounts must set up a second factor (authenticator app) before continuing.',
    },
    'password-change-required': {
      status: 403,
      'zh-CN': '您正在使用一次性密码，请先修改密码后再继续操作。',
      'en-US': 'You signed in with a one-time password. Please change your password before continuing.',
    },
    'current-password-wrong': {
      status: 400,
      'zh-CN': '当前密码不正确，请重新输入。',
      'en-US': 'The current password is not correct. Please enter it again.',
    },
    'account-disabled': {
      status: 403,
      'zh-CN': '该账号已停用，请联系管理员。',
      'en-US': 'This account is disabled. Please contact an administrator.',
    },
    'account-locked': {
      status: 423,
      'zh-CN': '密码连续错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或联系管理员解锁。',
      'en-US':
        'Too many wrong passwords: the account is locked. Try again in {minutes} minutes or ask an administrator to unlock it.',
    },
  },
  fieldProblems: {
    totp: {
      'zh-CN': '动态验证码错误，请检查手机上的验证器',
      'en-US': 'is wrong; check the authenticator app on your phone',
    },
    'same-as-current': { 'zh-CN': '新密码不能与当前密码相同', 'en-US': 'must differ from the current password' },
    incorrect: { 'zh-CN': '不正确', 'en-US': 'is not correct' },
  },
  jobs: accountsJobs,
  demo: loadDemoAccounts,
  apiRoutes: async (app, ctx) => {
    await authRoutes(app, ctx);
    usersRoutes(app, ctx);
  },
} satisfies Module;
