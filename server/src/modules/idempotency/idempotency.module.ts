import type { Module } from '../../platform/http.js';
import { idempotencyJobs } from './idempotency.jobs.js';
import * as tables from './idempotency.tables.js';

/** Idempotency-Key for any POST and the intake: owns the idempotency_keys table. */
export const idempotencyModule = {
  name: 'idempotency',
  tables,
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
