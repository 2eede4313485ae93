import type { Locale } from '@yiwang/contracts';
import type { ErrorCode } from './errors.js';

type Params = Record<string, string | number>;
type Catalog = Record<ErrorCode, string> & Record<string, string>;

/** Server-side messages: error codes and field-problem codes, in both locales. */
const messages: Record<Locale, Catalog> = {
  'zh-CN': {
    validation: '提交的内容有误，请按提示修改后重试。',
    'invalid-reference': '引用的对象不存在：{what}。',
    unauthenticated: '请先登录。',
    'invalid-credentials': '用户名或密码错误。连续错误 {max} 次，账号将被锁定 {minutes} 分钟。',
    'totp-required': '请输入动态验证码（6 位数字）。',
    'invalid-totp': '动态验证码错误，请检查手机上的验证器后重试。',
    'totp-enrollment-required': '管理员账号须先绑定动态验证码（双因素认证）后才能继续操作。',
    'account-disabled': '该账号已停用，请联系管理员。',
    'account-locked': '密码连续错误次数过多，账号已锁定，请 {minutes} 分钟后再试，或联系管理员解锁。',
    csrf: '页面已过期或请求来源不可信，请刷新页面后重试。',
    forbidden: '您没有执行此操作的权限。',
    'scope-exceeded': '不能授予超出您本人数据范围的范围：{what}。',
    'not-found': '未找到该对象，或不在您的数据范围内。',
    conflict: '{what}已存在，请换一个。',
    'rate-limited': '请求过于频繁，请 {seconds} 秒后再试。',
    'outside-county': '该位置（经度 {lon}，纬度 {lat}）不在本县（市）网格范围内，请检查坐标或坐标系。',
    'no-grid': '该位置在本县（市）范围内，但没有任何网格覆盖，请通知管理员补全网格。',
    'invalid-geojson': '文件不是有效的 GeoJSON 要素集合（FeatureCollection）。',
    'payload-too-large': '提交的内容过大。',
    'unsupported-media-type': '不支持的内容类型。',
    'photo-too-large': '照片过大，最大 {limitMb} MB。请压缩后重新上传。',
    'photo-type-not-accepted': '只接受 JPEG、PNG 或 WebP 格式的照片（按文件内容判断，与文件名和声明的类型无关）。',
    'photo-unreadable': '文件看起来是图片，但已损坏或不完整，无法读取。请重新拍摄或选择其他照片。',
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
    'field.invalid': '取值无效',
    'field.taken': '已被占用，请换一个',
    'field.totp': '动态验证码错误，请检查手机上的验证器',
    'field.same-as-holder': '备岗人员不能与在岗人员相同',
    'field.after-start': '结束时间须晚于开始时间',
  },
  'en-US': {
    validation: 'Some of the input is not valid. Please correct the fields shown and try again.',
    'invalid-reference': 'The referenced object does not exist: {what}.',
    unauthenticated: 'Please sign in first.',
    'invalid-credentials':
      'Wrong username or password. After {max} wrong attempts in a row the account is locked for {minutes} minutes.',
    'totp-required': 'Please enter the 6-digit code from your authenticator app.',
    'invalid-totp': 'The authenticator code is wrong. Check the app on your phone and try again.',
    'totp-enrollment-required':
      'Administrator accounts must set up a second factor (authenticator app) before continuing.',
    'account-disabled': 'This account is disabled. Please contact an administrator.',
    'account-locked':
      'Too many wrong passwords: the account is locked. Try again in {minutes} minutes or ask an administrator to unlock it.',
    csrf: 'The page has expired or the request did not come from this site. Reload the page and try again.',
    forbidden: 'You are not allowed to do this.',
    'scope-exceeded': 'You cannot grant a data scope wider than your own: {what}.',
    'not-found': 'Not found, or not within your data scope.',
    conflict: '{what} already exists; please choose another.',
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
    'field.invalid': 'is not valid',
    'field.taken': 'is already taken; please choose another',
    'field.totp': 'is wrong; check the authenticator app on your phone',
    'field.same-as-holder': 'must be a different person from the holder',
    'field.after-start': 'must be later than the start',
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
