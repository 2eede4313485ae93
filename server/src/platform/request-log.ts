/**
 * What the request log may show of a URL. Query strings carry what people search for —
 * an admin looking a resident up by phone number or name — and secrets (Open311's api_key,
 * a case's follow key); the log is read by more people, and kept longer, than the data.
 */

/** Query parameters that carry secrets. */
const SECRET_PARAM = /^(?:api_key|key|token|password)$/i;
/** Seven digits in a row (separators aside): a phone number or part of one, an ID number, a bank card. */
const PERSONAL_NUMBER = /\d{7,}|\d{17}[\dXx]/;
const MASK = '***';

function decoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * The URL with the values of secret parameters and of any parameter that looks like a
 * phone or ID number masked; on a route declared `sensitiveQuery`, every value masked.
 * Parameter names stay, so the log still says what kind of request it was.
 */
export function urlForLog(url: string, sensitiveQuery = false): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      const value = decoded(pair.slice(eq + 1));
      const masked =
        sensitiveQuery || SECRET_PARAM.test(decoded(name)) || PERSONAL_NUMBER.test(value.replace(/[\s().-]/g, ''));
      return masked ? `${name}=${MASK}` : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}
