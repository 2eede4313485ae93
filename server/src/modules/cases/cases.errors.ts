import type { ErrorDeclarations } from '../../platform/errors.js';

/** The case loop's error codes: HTTP status and message in both locales (declared by casesModule). */
export const caseErrors = {
  'no-command-unit': {
    status: 422,
    'zh-CN': '区划 {regionPath} 上找不到负责的指挥中心或工作站，请联系管理员补全单位设置。',
    'en-US':
      'No command center or workstation is responsible for region {regionPath}; ask an administrator to set up the units.',
  },
  'case-version-conflict': {
    status: 409,
    'zh-CN': '案件已被他人更新（当前版本 {version}），请刷新后重试。',
    'en-US': 'Someone else has updated the case (now version {version}); reload it and try again.',
  },
  'case-not-located': {
    status: 409,
    'zh-CN': '案件尚未在地图上定位，请先标注位置再立案或派遣。',
    'en-US': 'The case is not on the map yet; place it before registering or dispatching it.',
  },
  'case-no-unit': {
    status: 422,
    'zh-CN': '您的账号未关联单位，没有单位收件箱。',
    'en-US': 'Your account belongs to no unit, so it has no unit inbox.',
  },
  'case-merge-target-closed': {
    status: 409,
    'zh-CN': '目标案件已办结或作废，不能并入。',
    'en-US': 'The target case is finished or voided; nothing can be merged into it.',
  },
  'case-not-authorized': {
    status: 403,
    'zh-CN': '您（所在单位或角色）不能对该案件执行此操作。',
    'en-US': 'You (your unit or role) cannot do this to this case.',
  },
  'case-not-allowed-in-state': {
    status: 409,
    'zh-CN': '案件当前状态为“{stateZh}”，不能执行此操作。',
    'en-US': 'The case is {stateEn}; this cannot be done now.',
  },
  'case-text-required': {
    status: 422,
    'zh-CN': '请填写原因或说明。',
    'en-US': 'Please give a reason or a note.',
  },
  'case-unit-required': {
    status: 422,
    'zh-CN': '请选择单位。',
    'en-US': 'Please choose a unit.',
  },
  'case-same-unit': {
    status: 409,
    'zh-CN': '案件已在该单位，请选择其他单位。',
    'en-US': 'The case is already with that unit; choose another one.',
  },
  'case-photos-required': {
    status: 422,
    'zh-CN': '该事项须现场核查，反馈时请附处置照片。',
    'en-US': 'This matter is checked on site: attach photos of the work to the feedback.',
  },
  'case-summoned-units-outstanding': {
    status: 409,
    'zh-CN': '吹哨召集的单位尚未全部报到并记录处置情况，暂不能反馈。',
    'en-US': 'Not every summoned unit has arrived and recorded its part yet.',
  },
  'case-on-site-verification-required': {
    status: 403,
    'zh-CN': '该事项须由网格员、巡查员或督查员现场核查，不能在指挥中心核查。',
    'en-US': 'This matter must be checked on site by a grid worker, patroller or supervisor, not at the desk.',
  },
  'case-conflict-of-interest': {
    status: 403,
    'zh-CN': '反馈人不能核查自己的处置结果。',
    'en-US': 'Whoever gave the feedback cannot verify it.',
  },
  'case-extension-pending': {
    status: 409,
    'zh-CN': '已有待审批的延期申请。',
    'en-US': 'An extension request is already waiting for a decision.',
  },
  'case-no-pending-extension': {
    status: 409,
    'zh-CN': '没有待审批的延期申请。',
    'en-US': 'There is no extension request to decide.',
  },
  'case-extension-limit-reached': {
    status: 409,
    'zh-CN': '延期次数已达上限。',
    'en-US': 'The case has had as many extensions as allowed.',
  },
  'case-invalid-duration': {
    status: 422,
    'zh-CN': '延期时长须大于零。',
    'en-US': 'An extension must be longer than zero.',
  },
  'case-time-limit-expired': {
    status: 409,
    'zh-CN': '办理时限已过，不能再申请延期。',
    'en-US': 'The time limit has expired; an extension must be asked for before that.',
  },
  'case-hold-review-date': {
    status: 422,
    'zh-CN': '挂账须填写复查日期，且须晚于现在。',
    'en-US': 'A hold needs a review date later than now.',
  },
  'case-due-date-invalid': {
    status: 422,
    'zh-CN': '期限须晚于现在（及原期限）。',
    'en-US': 'The deadline must be later than now (and than the current deadline).',
  },
  'case-already-top-level': {
    status: 409,
    'zh-CN': '案件已在市级，不能再上报升级。',
    'en-US': 'The case is already at city level and cannot be escalated further.',
  },
  'case-whistle-needs-town-level': {
    status: 409,
    'zh-CN': '只有镇（街道）级案件可以“吹哨”召集部门。',
    'en-US': 'Only a town-level case can summon departments (吹哨).',
  },
  'case-already-summoned': {
    status: 409,
    'zh-CN': '该单位已被召集。',
    'en-US': 'That unit has already been summoned.',
  },
  'case-already-arrived': {
    status: 409,
    'zh-CN': '已报到，无需重复报到。',
    'en-US': 'The arrival is already recorded.',
  },
  'case-not-arrived': {
    status: 409,
    'zh-CN': '请先报到，再记录处置情况。',
    'en-US': 'Report the arrival before recording the part.',
  },
  'case-already-rated': {
    status: 409,
    'zh-CN': '这件事您已经评价过了，谢谢。',
    'en-US': 'You have already rated this case. Thank you.',
  },
  'routing-place-out-of-scope': {
    status: 403,
    'zh-CN': '派单规则的适用范围超出您的数据范围：您只能为本辖区（{scope}）内的区域或网格设置规则。',
    'en-US': 'The rule would apply beyond your data scope: you can set rules only for regions or grids within {scope}.',
  },
  'case-outside-scope': {
    status: 422,
    'zh-CN': '该位置在{place}，不在您的数据范围（{scope}）内：只能上报本辖区内的事件。',
    'en-US': 'This place lies in {place}, outside your data scope ({scope}): you can report only within your own area.',
  },
} as const satisfies ErrorDeclarations;
