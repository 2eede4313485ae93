import type { Module } from '../../platform/http.js';
import { idempotencyJobs } from './idempotency.jobs.js';

/** Idempotency-Key for any POST (over the intake's idempotency_keys table, which the cases module owns). */
export const idempotencyModule = {
  name: 'idempotency',
  errors: {
    'idempotency-key-reused': {
      status: 422,
      'zh-CN': '该幂等键（Idempotency-Key）已用于另一个不同的请求（内容或接口不同），请换一个键。',
      'en-US':
        'This Idempotency-Key was already used for a different request (other content or endpoint); use a new key.',
    },
  },
  jobs: idempotencyJobs,
} satisfies Module;
