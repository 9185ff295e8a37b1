import { ApiFailure } from "../api";
import { formatDateTime } from "../components/format";
import { defineMessages, useT } from ".";

const messages = defineMessages({
  "zh-CN": {
    network: "网络连接失败，请稍后重试",
    invalid_input: "输入有误，请检查标出的字段",
    bad_json: "请求格式错误",
    bad_request: "请求有误",
    bad_credentials: "用户名或密码错误",
    bad_current_password: "当前密码不正确",
    account_locked: "该账号登录失败次数过多，已临时锁定至 {until}。届时可再试，也可请支部书记重置密码后立即登录",
    address_locked: "此网络登录失败次数过多，已临时限制至 {until}，届时可再试",
    unauthenticated: "请先登录",
    forbidden: "您没有此操作的权限",
    not_found: "未找到该内容",
    conflict: "操作与现有数据冲突",
    csrf: "请求来源不被允许",
    too_large: "文件过大",
    too_many_rows: "行数过多",
    unsupported_type: "文件类型不受支持",
    empty_file: "文件中没有数据",
    missing_columns: "缺少必填列：{cols}",
    import_rejected: "发现 {n} 处问题，未导入任何数据",
    invalid: "数据不符合要求",
    unknown_option: "所选答案不属于本题，请刷新页面后重新作答",
    internal: "服务器出错，请稍后再试",
    taken: "该用户名已被使用",
    duplicate_in_file: "文件中重复",
    unknown_branch: "找不到该支部",
    invalid_date: "不是有效日期（年-月-日）",
    branch_required: "请填写支部",
    not_a_branch: "党员只能属于支部或党小组",
    too_small: "太短或太小",
    too_big: "太长或太大",
    invalid_format: "格式不正确",
    invalid_value: "取值不正确",
    invalid_type: "必填或类型不正确",
    custom: "取值不正确",
  },
  "zh-TW": {
    network: "網路連線失敗，請稍後重試",
    invalid_input: "輸入有誤，請檢查標出的欄位",
    bad_json: "請求格式錯誤",
    bad_request: "請求有誤",
    bad_credentials: "使用者名稱或密碼錯誤",
    bad_current_password: "目前密碼不正確",
    account_locked: "該帳號登入失敗次數過多，已暫時鎖定至 {until}。屆時可再試，也可請支部書記重設密碼後立即登入",
    address_locked: "此網路登入失敗次數過多，已暫時限制至 {until}，屆時可再試",
    unauthenticated: "請先登入",
    forbidden: "您沒有此操作的權限",
    not_found: "找不到該內容",
    conflict: "操作與現有資料衝突",
    csrf: "請求來源不被允許",
    too_large: "檔案過大",
    too_many_rows: "列數過多",
    unsupported_type: "檔案類型不受支援",
    empty_file: "檔案中沒有資料",
    missing_columns: "缺少必填欄：{cols}",
    import_rejected: "發現 {n} 處問題，未匯入任何資料",
    invalid: "資料不符合要求",
    unknown_option: "所選答案不屬於本題，請重新整理頁面後重新作答",
    internal: "伺服器出錯，請稍後再試",
    taken: "該使用者名稱已被使用",
    duplicate_in_file: "檔案中重複",
    unknown_branch: "找不到該支部",
    invalid_date: "不是有效日期（年-月-日）",
    branch_required: "請填寫支部",
    not_a_branch: "黨員只能屬於支部或黨小組",
    too_small: "太短或太小",
    too_big: "太長或太大",
    invalid_format: "格式不正確",
    invalid_value: "取值不正確",
    invalid_type: "必填或類型不正確",
    custom: "取值不正確",
  },
  en: {
    network: "Network error, please try again",
    invalid_input: "Please check the marked fields",
    bad_json: "Malformed request",
    bad_request: "Bad request",
    bad_credentials: "Wrong username or password",
    bad_current_password: "The current password is wrong",
    account_locked:
      "This account is temporarily locked after too many failed logins, until {until}. Try again then, or ask your branch secretary to reset your password to log in at once",
    address_locked: "Too many failed logins from this network; try again after {until}",
    unauthenticated: "Please log in",
    forbidden: "You may not do this",
    not_found: "Not found",
    conflict: "This conflicts with existing data",
    csrf: "Request origin refused",
    too_large: "The file is too large",
    too_many_rows: "Too many rows",
    unsupported_type: "Unsupported file type",
    empty_file: "The file has no data",
    missing_columns: "Missing required columns: {cols}",
    import_rejected: "{n} problems found; nothing was imported",
    invalid: "The data is not acceptable",
    unknown_option: "That answer is not one of this question's options: reload the page and answer again",
    internal: "Something went wrong on our side",
    taken: "This username is taken",
    duplicate_in_file: "Repeated in the file",
    unknown_branch: "No such branch",
    invalid_date: "Not a real date (YYYY-MM-DD)",
    branch_required: "A branch is required",
    not_a_branch: "Members belong to a branch or a party group",
    too_small: "Too short or too small",
    too_big: "Too long or too large",
    invalid_format: "Invalid format",
    invalid_value: "Invalid value",
    invalid_type: "Required or of the wrong type",
    custom: "Invalid value",
  },
});

export type ErrorCode = keyof (typeof messages)["zh-CN"];
const t = useT(messages);

/** The user's-language text for an error code (from the API or a field detail). */
export function errorText(code: string | undefined, params?: Record<string, string | number>) {
  return code && code in messages["zh-CN"] ? t(code as ErrorCode, params) : t("internal");
}

/** The message for a whole failure: adds the numbers some codes carry. */
export function failureText(err: unknown) {
  if (!(err instanceof ApiFailure)) return errorText("internal");
  const d = err.details as any;
  return errorText(err.code, {
    until: typeof d?.lockedUntil === "number" ? formatDateTime(d.lockedUntil) : "",
    n: Array.isArray(d) ? d.length : "",
    cols: Array.isArray(d) ? d.join(", ") : "",
  });
}

/** The message for one field, or undefined when the failure did not concern it. */
export function fieldText(err: unknown, path: string) {
  const detail = err instanceof ApiFailure ? err.field(path) : undefined;
  return detail ? errorText(detail.code) : undefined;
}
