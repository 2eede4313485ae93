/** Short names for exports: the shared vocabulary's, as the desk shows them. */
export {
  CASE_CHANNEL_LABELS as CHANNEL_NAMES,
  CASE_STATE_LABELS as CASE_STATE_NAMES,
  CLOCK_STAGE_LABELS as STAGE_NAMES,
  HANDLING_LEVEL_LABELS as LEVEL_NAMES,
  TIME_STATE_LABELS as TIME_STATE_NAMES,
} from '@yiwang/contracts';
