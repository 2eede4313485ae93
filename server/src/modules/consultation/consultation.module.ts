import type { Module } from '../../platform/http.js';
import * as tables from './consultation.tables.js';

/**
 * Residents govern together (issue 15, items 1–3): topics (议题) with support thresholds,
 * consultation meetings (议事会) with registration codes, attendance, online and paper votes,
 * and decisions carried out by tasks (cases in the loop or community tasks) tracked in public,
 * with a notice to every supporter and attendee at each status change.
 */
export const consultationModule = {
  name: 'consultation',
  tables,
} satisfies Module;
