import type { Module } from '../../platform/http.js';
import { loadDemoVolunteers } from './load-demo-volunteers.js';
import { volunteersRoutes } from './volunteers.routes.js';
import * as tables from './volunteers.tables.js';

/**
 * Volunteers (志愿者) and the service directory: the registry of volunteers, social organizations
 * and service providers residents can search, activities with shifts and capped sign-up, hours
 * verified by the organizer into a time bank (1 hour = 1 point), certificates.
 */
export const volunteersModule = {
  name: 'volunteers',
  tables,
  permissions: {
    'volunteers.read': ['leader', 'operator', 'workstation_staff', 'grid_head', 'grid_worker'],
    'volunteers.manage': ['workstation_staff', 'grid_head'],
    'volunteers.join': ['resident'],
  },
  errors: {
    'volunteer-registered': {
      status: 409,
      'zh-CN': '您已经是这个社区的志愿者了。',
      'en-US': 'You are already a volunteer of this community.',
    },
    'volunteer-not-registered': {
      status: 409,
      'zh-CN': '请先登记为该社区的志愿者，再报名服务。',
      'en-US': 'Please sign up as a volunteer of this community first, then for its shifts.',
    },
    'shift-full': {
      status: 409,
      'zh-CN': '这个班次已经报满了，请选择其他班次。',
      'en-US': 'This shift is full; please choose another.',
    },
    'shift-ended': {
      status: 409,
      'zh-CN': '这个班次已经结束，不能再报名。',
      'en-US': 'This shift is over; it takes no more sign-ups.',
    },
    'shift-signed-up': {
      status: 409,
      'zh-CN': '您已经报名了这个班次。',
      'en-US': 'You have already signed up for this shift.',
    },
    'hours-verified': {
      status: 409,
      'zh-CN': '这次服务的时长已经核定过了。',
      'en-US': 'The hours of this sign-up are already verified.',
    },
    'time-bank-short': {
      status: 409,
      'zh-CN': '积分不够：现有 {balance} 分，这次要用 {points} 分。',
      'en-US': 'Not enough points: {balance} in the time bank, {points} needed.',
    },
    'shift-not-begun': {
      status: 409,
      'zh-CN': '班次还没开始，开始后才能核定服务时长。',
      'en-US': 'The shift has not begun; hours can be verified once it has.',
    },
  },
  demo: loadDemoVolunteers,
  apiRoutes: volunteersRoutes,
} satisfies Module;
