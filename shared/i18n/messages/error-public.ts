import type { Translation } from '../translator';

/*
 * `error.<code>` messages for the codes a visitor of the embedded widget can meet (input, site
 * key, rate limit, transport); the rest are in error-staff.ts. Each tells the person what happened
 * and, where it matters, what was kept and what happens next (CONVENTIONS.md §6).
 */

/** English error messages a widget visitor can meet. */
export const en = {
  'error.validation_failed':
    'Some fields are missing or not valid. Check the marked fields; everything you entered is still here.',
  'error.invalid_json': 'The server could not read the request. What you entered is kept here; please try again.',
  'error.unsupported_media_type':
    'The server does not accept this kind of content. What you entered is kept here; if this keeps happening, contact support.',
  'error.payload_too_large':
    'What you sent is too large. Remove or shrink attachments and try again; your text is kept.',
  'error.unknown_site_key':
    'This feedback box is not set up correctly. Your feedback is saved on this device, but it cannot be sent until the site owner fixes the setup.',
  'error.origin_not_allowed':
    'This website is not allowed to send feedback here. Your feedback is saved on this device, but it cannot be sent until the site owner allows this website.',
  'error.rate_limited':
    'Too many requests in a short time. Your feedback is saved and will be sent automatically in a moment.',
  'error.identity_token_too_long_lived':
    'The sign-in this site passed on is valid for too long to be accepted. Your feedback is saved on this device and will be sent once the site fixes it.',
  'error.not_found': 'We could not find this item. The link may be wrong, or you may not have access to it.',
  'error.idempotency_conflict':
    'This entry was already received with different content. The first version was kept and nothing was overwritten.',
  'error.network_error':
    'Could not reach the server. Your feedback is saved on this device and will be sent automatically.',
  'error.timeout':
    'The server took too long to answer. Your feedback is saved on this device and will be sent automatically.',
  'error.database_unavailable':
    'The server is busy and could not save or load this right now. What you entered is kept and will be sent again in a moment.',
  'error.internal':
    'Something went wrong on the server. What you entered is kept; try again later, and contact support if it keeps happening.',
  'error.overloaded':
    'The server is busy right now. Your feedback is saved on this device and will be sent automatically in a moment.',
  'error.storage_full':
    'The server has run out of storage space. Your feedback is saved on this device and will be sent automatically once there is room.',
  'error.storage_quota_exceeded':
    'This feedback box has used up its space for screenshots. Your feedback is saved on this device and will be sent automatically later.',
} as const;

/** Simplified Chinese error messages a widget visitor can meet. */
export const zhCN = {
  'error.validation_failed': '部分内容未填写或格式不正确。请检查标出的字段,您填写的内容都还在。',
  'error.invalid_json': '服务器无法读取此次请求。您填写的内容已保留,请重试。',
  'error.unsupported_media_type': '服务器不接受这种类型的内容。您填写的内容已保留;如果反复出现,请联系技术支持。',
  'error.payload_too_large': '发送的内容过大。请删除或压缩附件后重试,文字内容已保留。',
  'error.unknown_site_key': '此意见箱配置有误。您的反馈已保存在本设备上,但需等网站管理员修正配置后才能发送。',
  'error.origin_not_allowed': '此网站未被允许提交反馈。您的反馈已保存在本设备上,但需等网站管理员授权此网站后才能发送。',
  'error.rate_limited': '短时间内请求过多。您的反馈已保存,稍后将自动发送。',
  'error.identity_token_too_long_lived': '此网站传来的登录身份有效期过长,无法接受。您的反馈已保存在本设备上,待网站修正后将自动发送。',
  'error.not_found': '找不到该内容。链接可能有误,或者您没有查看权限。',
  'error.idempotency_conflict': '此条内容已以不同的内容提交过。已保留最先提交的版本,没有任何内容被覆盖。',
  'error.network_error': '无法连接服务器。您的反馈已保存在本设备上,联网后将自动发送。',
  'error.timeout': '服务器响应超时。您的反馈已保存在本设备上,稍后将自动发送。',
  'error.database_unavailable': '服务器繁忙,暂时无法保存或读取。您填写的内容已保留,稍后将自动重新发送。',
  'error.internal': '服务器出现错误。您填写的内容已保留,请稍后重试;如果反复出现,请联系技术支持。',
  'error.overloaded': '服务器当前繁忙。您的反馈已保存在本设备上,稍后将自动发送。',
  'error.storage_full': '服务器存储空间已满。您的反馈已保存在本设备上,待空间恢复后将自动发送。',
  'error.storage_quota_exceeded': '此意见箱的截图存储空间已用完。您的反馈已保存在本设备上,稍后将自动发送。',
} as const satisfies Translation<typeof en>;
