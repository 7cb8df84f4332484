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
  authentication_required: { status: 401, title: 'Sign in first', titleZh: '请先登录' },
  session_invalid: {
    status: 401,
    title: 'The session has ended or the token is not valid',
    titleZh: '会话已结束或令牌无效',
  },
  sign_in_failed: {
    status: 401,
    title: 'Wrong email or password, or the account is locked',
    titleZh: '邮箱或密码错误，或账户已被暂时锁定',
  },
  permission_denied: {
    status: 403,
    title: 'Your role does not allow this',
    titleZh: '您的角色无权执行此操作',
  },
  password_too_weak: { status: 422, title: 'The password is too weak', titleZh: '密码强度不足' },
  user_exists: { status: 409, title: 'An account with this email exists', titleZh: '该邮箱已有账户' },
  account_invalid: { status: 422, title: 'The account details are not valid', titleZh: '账户信息不符合要求' },
  user_not_found: { status: 404, title: 'User not found', titleZh: '用户不存在' },
  role_not_for_tenant: {
    status: 422,
    title: 'The role does not belong to this kind of organisation',
    titleZh: '该角色不适用于此类机构',
  },
  tenant_invalid: {
    status: 422,
    title: 'The organisation named is of the wrong kind',
    titleZh: '所指定机构的类型不符',
  },
  self_approval_refused: {
    status: 403,
    title: 'Nobody approves their own request',
    titleZh: '不得审批本人提出的申请',
  },
  request_not_found: { status: 404, title: 'Request not found', titleZh: '申请不存在' },
  request_already_decided: { status: 409, title: 'The request is already decided', titleZh: '申请已审批' },
  approval_required: {
    status: 403,
    title: 'This needs an approved access request',
    titleZh: '此操作需先获得访问审批',
  },
  approval_invalid: {
    status: 403,
    title: 'The approval does not cover this access',
    titleZh: '审批不涵盖此次访问',
  },
  api_token_not_found: { status: 404, title: 'API token not found', titleZh: 'API 令牌不存在' },
  data_subject_not_found: { status: 404, title: 'Data subject not found', titleZh: '个人信息主体不存在' },
  personal_data_invalid: {
    status: 422,
    title: 'The personal data is not valid',
    titleZh: '个人信息内容不符合要求',
  },
  subject_erased: {
    status: 409,
    title: 'The data subject has been erased',
    titleZh: '该个人信息主体的数据已被销毁',
  },
  legal_hold_not_found: { status: 404, title: 'Legal hold not found', titleZh: '法定保留不存在' },
  legal_hold_active: {
    status: 409,
    title: 'A legal hold keeps this data; release it before deletion',
    titleZh: '该数据处于法定保留期，解除保留前不得删除',
  },
  subject_request_not_found: {
    status: 404,
    title: 'Subject request not found',
    titleZh: '个人信息权利请求不存在',
  },
  subject_request_closed: {
    status: 409,
    title: 'The subject request is already answered',
    titleZh: '该个人信息权利请求已处理完毕',
  },
  subject_request_kind_mismatch: {
    status: 422,
    title: 'The subject request is of another kind',
    titleZh: '个人信息权利请求的类型不符',
  },
  destruction_order_not_found: {
    status: 404,
    title: 'Destruction order not found',
    titleZh: '销毁指令不存在',
  },
  destruction_already_ordered: {
    status: 409,
    title: 'A destruction is already ordered for this request',
    titleZh: '该请求已下达销毁指令',
  },
  separation_of_duties_violated: {
    status: 403,
    title: 'Requester, executor and witness must be three different people',
    titleZh: '申请人、执行人与监销人须为三个不同的人',
  },
  witness_ineligible: {
    status: 422,
    title: 'The witness must be an auditor or compliance officer of your organisation',
    titleZh: '监销人须为本机构的审计员或合规官',
  },
  monitored_insured_not_found: {
    status: 404,
    title: 'This company is not monitored by your organisation',
    titleZh: '该企业不在本机构的监测范围内',
  },
  already_monitored: { status: 409, title: 'The company is already monitored', titleZh: '该企业已在监测中' },
  inventory_invalid: {
    status: 422,
    title: 'The software inventory (SBOM or asset list) is not valid',
    titleZh: '软件清单（SBOM 或资产清单）不符合要求',
  },
  finding_not_found: { status: 404, title: 'Finding not found', titleZh: '漏洞发现不存在' },
  triage_invalid: { status: 422, title: 'The triage decision is not valid', titleZh: '研判结论不符合要求' },
  alert_not_found: { status: 404, title: 'Alert not found', titleZh: '预警不存在' },
  alert_rule_invalid: { status: 422, title: 'The alert rule is not valid', titleZh: '预警规则不符合要求' },
  feed_invalid: {
    status: 422,
    title: 'The vulnerability feed could not be read',
    titleZh: '漏洞情报源无法读取',
  },
  partner_event_invalid: {
    status: 422,
    title: 'The security event is not valid',
    titleZh: '安全事件内容不符合要求',
  },
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
  risk_profile_invalid: {
    status: 422,
    title: 'The company profile is not valid',
    titleZh: '企业风险信息不符合要求',
  },
  coverage_option_invalid: {
    status: 422,
    title: 'The coverage option is not offered by the product',
    titleZh: '所选保障方案不在产品可选范围内',
  },
  product_not_found: { status: 404, title: 'Product not found', titleZh: '产品不存在' },
  submission_not_found: { status: 404, title: 'Submission not found', titleZh: '投保申请不存在' },
  quote_not_found: { status: 404, title: 'Quote not found', titleZh: '报价不存在' },
  policy_not_found: { status: 404, title: 'Policy not found', titleZh: '保单不存在' },
  transition_not_allowed: {
    status: 409,
    title: 'This step is not allowed in the current state',
    titleZh: '当前状态下不允许此操作',
  },
  quote_expired: { status: 409, title: 'The quote has expired', titleZh: '报价已过期' },
  contingencies_outstanding: {
    status: 409,
    title: 'Bind contingencies are still outstanding',
    titleZh: '仍有未满足的出单前提条件',
  },
  contingency_unknown: {
    status: 422,
    title: 'The quote has no such contingency',
    titleZh: '报价中没有该前提条件',
  },
  seed_invalid: { status: 422, title: 'The random seed is not valid', titleZh: '随机种子无效' },
  amount_invalid: {
    status: 422,
    title: 'The amount cannot be represented in its currency',
    titleZh: '金额不符合该币种的要求',
  },
  organisation_not_insured: {
    status: 422,
    title: 'The organisation is not an insured company',
    titleZh: '该机构不是被保险企业',
  },
  inception_date_invalid: {
    status: 422,
    title: 'The inception date is not allowed',
    titleZh: '起保日期不符合要求',
  },
  document_renderer_unavailable: {
    status: 503,
    title: 'Documents cannot be rendered right now',
    titleZh: '暂时无法生成文档',
  },
  shutting_down: { status: 503, title: 'The server is shutting down', titleZh: '服务正在停止' },
  internal_error: { status: 500, title: 'Something went wrong on our side', titleZh: '服务内部错误' },
} as const satisfies Record<string, { status: number; title: string; titleZh: string }>;

export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CATALOGUE, code);
}
