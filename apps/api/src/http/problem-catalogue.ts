/**
 * Every problem code the API can answer with, its HTTP status and a title in both product languages.
 * Codes are stable: clients branch on them. Domain errors bring their own codes; this table says how
 * each is shown over HTTP.
 */
export const PROBLEM_CATALOGUE = {
  validation_failed: { status: 400, title: 'The request is not valid', titleZh: '请求内容不符合要求' },
  malformed_json: {
    status: 400,
    title: 'The request body is not valid JSON',
    titleZh: '请求正文不是有效的 JSON',
  },
  unsupported_media_type: {
    status: 415,
    title: 'The request body must be application/json',
    titleZh: '请求正文须为 application/json',
  },
  payload_too_large: { status: 413, title: 'The request body is too large', titleZh: '请求正文过大' },
  route_not_found: { status: 404, title: 'No such API route', titleZh: '接口不存在' },
  organisation_not_found: { status: 404, title: 'Organisation not found', titleZh: '机构不存在' },
  organisation_exists: {
    status: 409,
    title: 'The organisation is already registered',
    titleZh: '机构已登记',
  },
  organisation_name_invalid: {
    status: 422,
    title: 'The organisation name is not valid',
    titleZh: '机构名称不符合要求',
  },
  credit_code_invalid: {
    status: 422,
    title: 'The unified social credit code is not valid',
    titleZh: '统一社会信用代码无效',
  },
  shutting_down: { status: 503, title: 'The server is shutting down', titleZh: '服务正在停止' },
  internal_error: { status: 500, title: 'Something went wrong on our side', titleZh: '服务内部错误' },
} as const satisfies Record<string, { status: number; title: string; titleZh: string }>;

export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CATALOGUE, code);
}
