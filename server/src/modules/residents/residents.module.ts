import type { Module } from '../../platform/http.js';
import { residentsRoutes } from './residents.routes.js';

/**
 * The resident portal's server side: self-registration, "my reports" with follow keys,
 * the pin map, and following a case by code and key without an account. Residents report
 * and rate through the cases module like every channel.
 */
export const residentsModule = {
  name: 'residents',
  errors: {
    'phone-registered': {
      status: 409,
      'zh-CN': '手机号 {phone} 已经注册过，请直接用它登录。',
      'en-US': 'The mobile number {phone} is already registered; please sign in with it.',
    },
  },
  apiRoutes: residentsRoutes,
} satisfies Module;
