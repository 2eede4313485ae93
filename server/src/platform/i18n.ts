import type { Locale } from '@yiwang/contracts';
import type { ErrorCode } from './errors.js';

type Params = Record<string, string | number>;
type Catalog = Record<ErrorCode, string> & Record<string, string>;

/** Server-side messages: error codes and field-problem codes, in both locales. */
const messages: Record<Locale, Catalog> = {
  'zh-CN': {
    validation: '提交的内容有误，请按提示修改后重试。',
    'bad-request': '请求格式有误，服务器无法读取。',
    'bad-url': '网址格式不正确（含有无效的百分号编码），请检查链接。',
    'uri-too-long': '网址过长，请缩短查询条件后重试。',
    'headers-too-large': '请求头过大（常见原因是浏览器 Cookie 过多），请清除本站 Cookie 后重试。',
    'request-timeout': '请求超时，请重试。',
    'open311.api-key': '缺少 api_key 或 api_key 无效，请向平台管理员申请（系统管理 → API 密钥）。',
    'invalid-reference': '引用的对象不存在：{what}。',
    unauthenticated: '请先登录。',
    'invalid-credentials': '用户名或密码错误。连续错误 {max} 次，账号将被锁定 {minutes} 分钟。',
    'totp-required': '请输入动态验证码（6 位数字）。',
    'invalid-totp': '动态验证码错误，请检查手机上的验证器后重试。',
    'totp-enrollment-required': '管理员账号须先绑定动态验证码（双因素认证）后才能继续操作。',
    'password-change-required': '您正在使用一次性密码，请先修改密码后再继续操作。',
    'current-password-wrong': '当前密码不正确，请重新输入。',
    'account-disabled': '该账号已停用，请联系管理员。',
    'account-locked': '密码连续错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或联系管理员解锁。',
    csrf: '页面已过期或请求来源不可信，请刷新页面后重试。',
    forbidden: '您没有执行此操作的权限。',
    'scope-exceeded': '不能授予超出您本人数据范围的范围：{what}。',
    'not-found': '未找到该对象，或不在您的数据范围内。',
    conflict: '{what}已存在，请换一个。',
    'phone-registered': '手机号 {phone} 已经注册过，请直接用它登录。',
    'rate-limited': '请求过于频繁，请 {seconds} 秒后再试。',
    'outside-county': '该位置（经度 {lon}，纬度 {lat}）不在本县（市）网格范围内，请检查坐标或坐标系。',
    'no-grid': '该位置在本县（市）范围内，但没有任何网格覆盖，请通知管理员补全网格。',
    'invalid-geojson': '文件不是有效的 GeoJSON 要素集合（FeatureCollection）。',
    'payload-too-large': '提交的内容过大。',
    'unsupported-media-type': '不支持的内容类型。',
    'photo-too-large': '照片过大，最大 {limitMb} MB。请压缩后重新上传。',
    'photo-type-not-accepted': '只接受 JPEG、PNG 或 WebP 格式的照片（按文件内容判断，与文件名和声明的类型无关）。',
    'photo-unreadable': '文件看起来是图片，但已损坏或不完整，无法读取。请重新拍摄或选择其他照片。',
    'photo-too-many-pixels': '照片尺寸过大（{width}×{height} 像素），最多 {maxMegapixels} 百万像素。请缩小后重新上传。',
    'no-command-unit': '区划 {regionPath} 上找不到负责的指挥中心或工作站，请联系管理员补全单位设置。',
    'idempotency-key-reused': '该幂等键（Idempotency-Key）已用于另一个不同的请求（内容或接口不同），请换一个键。',
    'case-version-conflict': '案件已被他人更新（当前版本 {version}），请刷新后重试。',
    'case-not-located': '案件尚未在地图上定位，请先标注位置再立案或派遣。',
    'case-no-unit': '您的账号未关联单位，没有单位收件箱。',
    'case-merge-target-closed': '目标案件已办结或作废，不能并入。',
    'case-not-authorized': '您（所在单位或角色）不能对该案件执行此操作。',
    'case-not-allowed-in-state': '案件当前状态为“{stateZh}”，不能执行此操作。',
    'case-text-required': '请填写原因或说明。',
    'case-unit-required': '请选择单位。',
    'case-same-unit': '案件已在该单位，请选择其他单位。',
    'case-photos-required': '该事项须现场核查，反馈时请附处置照片。',
    'case-summoned-units-outstanding': '吹哨召集的单位尚未全部报到并记录处置情况，暂不能反馈。',
    'case-on-site-verification-required': '该事项须由网格员、巡查员或督查员现场核查，不能在指挥中心核查。',
    'case-conflict-of-interest': '反馈人不能核查自己的处置结果。',
    'case-extension-pending': '已有待审批的延期申请。',
    'case-no-pending-extension': '没有待审批的延期申请。',
    'case-extension-limit-reached': '延期次数已达上限。',
    'case-invalid-duration': '延期时长须大于零。',
    'case-time-limit-expired': '办理时限已过，不能再申请延期。',
    'case-due-date-invalid': '期限须晚于现在（及原期限）。',
    'case-already-top-level': '案件已在市级，不能再上报升级。',
    'case-whistle-needs-town-level': '只有镇（街道）级案件可以“吹哨”召集部门。',
    'case-already-summoned': '该单位已被召集。',
    'case-already-arrived': '已报到，无需重复报到。',
    'case-not-arrived': '请先报到，再记录处置情况。',
    'case-already-rated': '这件事您已经评价过了，谢谢。',
    'case-outside-scope': '该位置在{place}，不在您的数据范围（{scope}）内：只能上报本辖区内的事件。',
    'county-scope-required': '此操作只对全县（市）范围的账号开放。',
    'patrol-not-owner': '这次巡查不是您本人的：只有巡查人本人可以上传轨迹或结束巡查。',
    'patrol-points-out-of-time':
      '有 {count} 个轨迹点的时间不在本次巡查时段内（开始前或结束后超过 {skewMinutes} 分钟），或晚于当前时间。整批未保存，请检查手机的日期和时间后重新上传。',
    'visit-plan-done': '该走访计划已完成（已有走访记录），不能再次关联。',
    'routing-place-out-of-scope':
      '派单规则的适用范围超出您的数据范围：您只能为本辖区（{scope}）内的区域或网格设置规则。',
    'export-too-large':
      '符合条件的记录共 {total} 条，超过单次导出上限 {max} 条。请在列表上增加筛选条件（如状态、层级、网格、事项、上报时间，或角色、操作类型）缩小范围，分批导出。',
    internal: '服务器内部错误，请稍后重试。如问题持续，请把请求编号 {requestId} 告知管理员。',
    'field.required': '必填',
    'field.minLength': '至少 {limit} 个字符',
    'field.maxLength': '最多 {limit} 个字符',
    'field.minimum': '不能小于 {limit}',
    'field.maximum': '不能大于 {limit}',
    'field.minItems': '至少选择 {limit} 项',
    'field.uniqueItems': '不能有重复项',
    'field.pattern': '格式不正确',
    'field.format': '格式不正确（应为 {format}）',
    'field.type': '类型不正确（应为 {type}）',
    'field.enum': '取值不在允许范围内',
    'field.additionalProperties': '不允许的字段',
    'field.password': '密码至少 10 位，且须同时包含字母和数字',
    'field.phone': '请输入 11 位中国大陆手机号码',
    'field.invalid': '取值无效',
    'field.nul': '不能含有空字符（\\u0000）',
    'field.surrogate': '含有无法识别的字符（不成对的 UTF-16 代理项），请重新输入',
    'field.number-range': '数值超出允许范围',
    'field.json': '不是有效的 JSON（请检查括号、引号和逗号）',
    'field.catalog': '{problemZh}',
    'field.base-grid': '须为三级（基础）网格；较大的范围请按区域设置',
    'field.url': '须为以 http:// 或 https:// 开头的完整网址',
    'field.same-case': '不能是同一个案件',
    'field.taken': '已被占用，请换一个',
    'field.totp': '动态验证码错误，请检查手机上的验证器',
    'field.same-as-current': '新密码不能与当前密码相同',
    'field.incorrect': '不正确',
    'field.same-as-holder': '备岗人员不能与在岗人员相同',
    'field.after-start': '结束时间须晚于开始时间',
    'field.not-future': '不能晚于当前时间',
    'field.patrol-time': '不在本次巡查时段内',
  },
  'en-US': {
    validation: 'Some of the input is not valid. Please correct the fields shown and try again.',
    'bad-request': 'The request is malformed; the server cannot read it.',
    'bad-url': 'The web address is malformed (an invalid percent-encoding); please check the link.',
    'uri-too-long': 'The web address is too long; shorten the query and try again.',
    'headers-too-large':
      'The request headers are too large (often too many cookies); clear this site’s cookies and try again.',
    'request-timeout': 'The request timed out; please try again.',
    'open311.api-key': 'Invalid or missing api_key; ask the platform administrator for one (System → API keys).',
    'invalid-reference': 'The referenced object does not exist: {what}.',
    unauthenticated: 'Please sign in first.',
    'invalid-credentials':
      'Wrong username or password. After {max} wrong attempts in a row the account is locked for {minutes} minutes.',
    'totp-required': 'Please enter the 6-digit code from your authenticator app.',
    'invalid-totp': 'The authenticator code is wrong. Check the app on your phone and try again.',
    'totp-enrollment-required':
      'Administrator accounts must set up a second factor (authenticator app) before continuing.',
    'password-change-required':
      'You signed in with a one-time password. Please change your password before continuing.',
    'current-password-wrong': 'The current password is not correct. Please enter it again.',
    'account-disabled': 'This account is disabled. Please contact an administrator.',
    'account-locked':
      'Too many wrong passwords: the account is locked. Try again in {minutes} minutes or ask an administrator to unlock it.',
    csrf: 'The page has expired or the request did not come from this site. Reload the page and try again.',
    forbidden: 'You are not allowed to do this.',
    'scope-exceeded': 'You cannot grant a data scope wider than your own: {what}.',
    'not-found': 'Not found, or not within your data scope.',
    conflict: '{what} already exists; please choose another.',
    'phone-registered': 'The mobile number {phone} is already registered; please sign in with it.',
    'rate-limited': 'Too many requests. Please try again in {seconds} seconds.',
    'outside-county':
      'The location (longitude {lon}, latitude {lat}) is outside the county’s grid map. Check the coordinates and their coordinate system.',
    'no-grid':
      'The location is inside the county but no grid covers it. Please ask an administrator to complete the grid map.',
    'invalid-geojson': 'The file is not a valid GeoJSON FeatureCollection.',
    'payload-too-large': 'The request is too large.',
    'unsupported-media-type': 'Unsupported content type.',
    'photo-too-large': 'The photo is too large: at most {limitMb} MB. Please compress it and upload it again.',
    'photo-type-not-accepted':
      'Only JPEG, PNG or WebP photos are accepted (judged by the file’s content, not its name or declared type).',
    'photo-unreadable':
      'The file looks like an image but is damaged or incomplete and cannot be read. Please take or choose another photo.',
    'photo-too-many-pixels':
      'The photo is too large: {width}×{height} pixels, at most {maxMegapixels} megapixels. Please scale it down and upload it again.',
    'no-command-unit':
      'No command center or workstation is responsible for region {regionPath}; ask an administrator to set up the units.',
    'idempotency-key-reused':
      'This Idempotency-Key was already used for a different request (other content or endpoint); use a new key.',
    'case-version-conflict': 'Someone else has updated the case (now version {version}); reload it and try again.',
    'case-not-located': 'The case is not on the map yet; place it before registering or dispatching it.',
    'case-no-unit': 'Your account belongs to no unit, so it has no unit inbox.',
    'case-merge-target-closed': 'The target case is finished or voided; nothing can be merged into it.',
    'case-not-authorized': 'You (your unit or role) cannot do this to this case.',
    'case-not-allowed-in-state': 'The case is {stateEn}; this cannot be done now.',
    'case-text-required': 'Please give a reason or a note.',
    'case-unit-required': 'Please choose a unit.',
    'case-same-unit': 'The case is already with that unit; choose another one.',
    'case-photos-required': 'This matter is checked on site: attach photos of the work to the feedback.',
    'case-summoned-units-outstanding': 'Not every summoned unit has arrived and recorded its part yet.',
    'case-on-site-verification-required':
      'This matter must be checked on site by a grid worker, patroller or supervisor, not at the desk.',
    'case-conflict-of-interest': 'Whoever gave the feedback cannot verify it.',
    'case-extension-pending': 'An extension request is already waiting for a decision.',
    'case-no-pending-extension': 'There is no extension request to decide.',
    'case-extension-limit-reached': 'The case has had as many extensions as allowed.',
    'case-invalid-duration': 'An extension must be longer than zero.',
    'case-time-limit-expired': 'The time limit has expired; an extension must be asked for before that.',
    'case-due-date-invalid': 'The deadline must be later than now (and than the current deadline).',
    'case-already-top-level': 'The case is already at city level and cannot be escalated further.',
    'case-whistle-needs-town-level': 'Only a town-level case can summon departments (吹哨).',
    'case-already-summoned': 'That unit has already been summoned.',
    'case-already-arrived': 'The arrival is already recorded.',
    'case-not-arrived': 'Report the arrival before recording the part.',
    'case-already-rated': 'You have already rated this case. Thank you.',
    'case-outside-scope':
      'This place lies in {place}, outside your data scope ({scope}): you can report only within your own area.',
    'county-scope-required': 'Only accounts with the whole county as their scope may do this.',
    'patrol-not-owner': 'This patrol is not yours: only the person on patrol can upload its track or end it.',
    'patrol-points-out-of-time':
      '{count} track points are outside the patrol’s time (more than {skewMinutes} minutes before its start or after its end) or in the future. Nothing of the batch was saved; check the phone’s date and time and upload again.',
    'visit-plan-done': 'This visit plan is already done (a visit closed it); it cannot be used again.',
    'routing-place-out-of-scope':
      'The rule would apply beyond your data scope: you can set rules only for regions or grids within {scope}.',
    'export-too-large':
      '{total} records match, more than the {max} one export may hold. Narrow the list with more filters (state, level, grid, matter, reporting dates, or role, action) and export it in parts.',
    internal:
      'Internal server error. Please try again later; if it persists, give the request id {requestId} to an administrator.',
    'field.required': 'required',
    'field.minLength': 'must be at least {limit} characters',
    'field.maxLength': 'must be at most {limit} characters',
    'field.minimum': 'must be at least {limit}',
    'field.maximum': 'must be at most {limit}',
    'field.minItems': 'choose at least {limit}',
    'field.uniqueItems': 'must not contain duplicates',
    'field.pattern': 'has the wrong format',
    'field.format': 'has the wrong format (expected {format})',
    'field.type': 'has the wrong type (expected {type})',
    'field.enum': 'is not one of the allowed values',
    'field.additionalProperties': 'is not an allowed field',
    'field.password': 'must be at least 10 characters with both letters and digits',
    'field.phone': 'must be an 11-digit mainland China mobile number',
    'field.invalid': 'is not valid',
    'field.nul': 'must not contain the NUL character (\\u0000)',
    'field.surrogate': 'contains an unreadable character (a lone UTF-16 surrogate); please type it again',
    'field.number-range': 'is out of range',
    'field.json': 'is not valid JSON (check brackets, quotes and commas)',
    'field.catalog': '{problem}',
    'field.base-grid': 'must be a base (level 3) grid; for a larger area give its region',
    'field.url': 'must be a full web address starting with http:// or https://',
    'field.same-case': 'must be another case',
    'field.taken': 'is already taken; please choose another',
    'field.totp': 'is wrong; check the authenticator app on your phone',
    'field.same-as-current': 'must differ from the current password',
    'field.incorrect': 'is not correct',
    'field.same-as-holder': 'must be a different person from the holder',
    'field.after-start': 'must be later than the start',
    'field.not-future': 'must not be in the future',
    'field.patrol-time': 'is outside the patrol’s time',
  },
};

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function translate(locale: Locale, key: string, params: Params = {}): string {
  const template = messages[locale][key] ?? messages[DEFAULT_LOCALE][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Picks zh-CN or en-US from an Accept-Language header; Chinese is the default. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return DEFAULT_LOCALE;
}
