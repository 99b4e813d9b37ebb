import type { Translation } from '../translator';

/*
 * `error.<code>` messages for the codes only staff meet (sign-in, editing, workflow, configuration);
 * the widget does not ship them. Each says what happened and what was kept (CONVENTIONS.md §6).
 */

/** English error messages only staff meet. */
export const en = {
  'error.unauthenticated':
    'You are not signed in, or your sign-in has expired. Sign in again; unsent entries are kept on this device.',
  'error.forbidden': 'You do not have permission to do this. Nothing was changed.',
  'error.csrf_failed':
    'The request was refused for security because the page is out of date. Reload the page and try again; nothing was changed.',
  'error.token_expired':
    'This API token has expired. Create a new token and enter it in the extension options; unsent entries are kept on this device.',
  'error.password_change_required':
    'Change the first-start password before doing anything else. Nothing was changed.',
  'error.sign_in_busy': 'Too many sign-ins are being checked right now. Wait a moment and sign in again.',
  'error.conflict': 'This conflicts with data already on the server. Nothing was overwritten; check and try again.',
  'error.version_conflict':
    'Someone else changed this record while you were editing it. Your changes are kept; compare both versions and save again.',
  'error.precondition_required':
    'The change did not say which version of the record it was based on, so it was refused. Reload the record and try again; nothing was changed.',
  'error.invalid_transition': 'This status change is not possible from the current status. The record was not changed.',
  'error.guard_failed': 'The conditions for this action are not met yet. The record was not changed.',
  'error.invalid_record_number':
    'This is not a valid record number. It looks like DEPT-YYYYMMDD-SEQ, for example CS-20240520-002.',
  'error.invalid_date': 'This is not a valid date or time. Enter a real calendar date.',
  'error.invalid_time_zone': 'This time zone is not recognised. Use a name such as Asia/Shanghai.',
  'error.calendar_year_missing':
    'The working-day calendar has no holidays for this year, so the deadline cannot be worked out. Ask an administrator to add that year.',
  'error.invalid_calendar':
    'The working-day calendar is not valid. Ask an administrator to correct it; existing deadlines were not changed.',
  'error.invalid_score': 'Each score must be a whole number from 1 to 5.',
  'error.invalid_locale': 'This language is not supported. Choose Simplified Chinese or English.',
} as const;

/** Simplified Chinese error messages only staff meet. */
export const zhCN = {
  'error.unauthenticated': '您尚未登录或登录已过期。请重新登录,未发送的内容已保存在本设备上。',
  'error.forbidden': '您没有执行此操作的权限。没有任何内容被修改。',
  'error.csrf_failed': '页面已过期,出于安全原因请求被拒绝。请刷新页面后重试,没有任何内容被修改。',
  'error.token_expired': '此 API 令牌已过期。请创建新令牌并填入扩展程序选项,未发送的内容已保存在本设备上。',
  'error.password_change_required': '请先修改首次启动时生成的密码,然后才能进行其他操作。没有任何内容被修改。',
  'error.sign_in_busy': '当前正在验证的登录请求过多。请稍候再登录。',
  'error.conflict': '与服务器上已有的数据冲突。没有任何内容被覆盖,请核对后重试。',
  'error.version_conflict': '您编辑期间,此记录已被他人修改。您的修改已保留,请对比两个版本后再次保存。',
  'error.precondition_required': '此次修改未注明基于记录的哪个版本,因此被拒绝。请重新加载记录后重试,没有任何内容被修改。',
  'error.invalid_transition': '当前状态下不能进行此状态变更。记录未被修改。',
  'error.guard_failed': '尚未满足此操作的条件。记录未被修改。',
  'error.invalid_record_number': '需求编号格式不正确。格式为 部门-年月日-序号,例如 CS-20240520-002。',
  'error.invalid_date': '日期或时间无效。请输入真实存在的日期。',
  'error.invalid_time_zone': '无法识别该时区。请使用 Asia/Shanghai 这样的时区名称。',
  'error.calendar_year_missing': '工作日历中没有该年度的节假日安排,无法计算截止日期。请联系管理员补充该年度日历。',
  'error.invalid_calendar': '工作日历无效。请联系管理员修正;已有的截止日期未被修改。',
  'error.invalid_score': '每项评分必须是 1 到 5 之间的整数。',
  'error.invalid_locale': '不支持该语言。请选择简体中文或英文。',
} as const satisfies Translation<typeof en>;
