import { DEVELOPMENT_LABELS } from "../../../schema/development/labels";
import type { BlockerCode, RuleKey, Stage, Step } from "../../../schema/development/values";
import { defineMessages } from "../../i18n";

export type DevKey =
  | `stage_${Stage}`
  | `step_${Step}`
  | `b_${BlockerCode}`
  | `r_${RuleKey}`
  | "register"
  | "overdueList"
  | "name"
  | "branch"
  | "stage"
  | "nextStep"
  | "stepLabel"
  | "dueOn"
  | "overdue"
  | "exportCsv"
  | "none"
  | "newApplicant"
  | "displayName"
  | "username"
  | "password"
  | "gender"
  | "male"
  | "female"
  | "birthOn"
  | "education"
  | "occupation"
  | "appliedOn"
  | "evidence"
  | "save"
  | "record"
  | "steps"
  | "takenOn"
  | "actor"
  | "decision"
  | "late"
  | "lateReason"
  | "dueWas"
  | "corrected"
  | "correctionOf"
  | "correct"
  | "correctionReason"
  | "nextPossible"
  | "whyNotYet"
  | "possibleNow"
  | "earliest"
  | "deadline"
  | "take"
  | "mentors"
  | "sponsors"
  | "recommendedBy"
  | "rec_members"
  | "rec_masses"
  | "hours"
  | "days"
  | "startOn"
  | "endOn"
  | "entitled"
  | "for"
  | "against"
  | "abstain"
  | "months"
  | "passed"
  | "notPassed"
  | "votes"
  | "probationEnd"
  | "rules"
  | "ruleVersion"
  | "ruleDefault"
  | "ruleValue"
  | "ruleSource"
  | "ruleNote"
  | "sheet"
  | "sheetTitle"
  | "print"
  | "noneMark"
  | "cancelled"
  | "fullMember"
  | "myRecord"
  | "openArchive"
  | "pickOrg"
  | "saved"
  | "s_development"
  | "s_development_late"
  | "s_development_correction"
  | "training"
  | "trainingClass"
  | "enroll"
  | "enrolled"
  | "notEnrolledYet"
  | "counted"
  | "countedStep"
  | "courseDone"
  | "courseOpen"
  | "noClass"
  | "transfer"
  | "toBranch"
  | "movedFrom"
  | "historyUntil"
  | "annualPlan"
  | "year"
  | "target"
  | "structureTargets"
  | "planNote"
  | "structureReport"
  | "planned"
  | "planChart"
  | "actual"
  | "row_activist"
  | "row_candidate"
  | "row_approval"
  | "total"
  | "s_young"
  | "s_women"
  | "s_frontline"
  | "s_farmers"
  | "s_higherEducation"
  | "unknown"
  | "edu_postgraduate"
  | "edu_bachelor"
  | "edu_college"
  | "edu_secondary_vocational"
  | "edu_high_school"
  | "edu_junior_or_below"
  | "occ_frontline_worker"
  | "occ_farmer"
  | "occ_professional"
  | "occ_manager"
  | "occ_official"
  | "occ_student"
  | "occ_retired"
  | "occ_other"
  | "byEducation"
  | "byOccupation"
  | "savePlan"
  | "noPlan";

export const messages = defineMessages<DevKey>({
  "zh-CN": {
    ...DEVELOPMENT_LABELS["zh-CN"],
    b_case_closed: "该发展记录已结束（已转正或已取消）",
    b_missing_previous: "须先完成“{step}”",
    b_already_done: "“{step}”已经办理",
    b_too_early: "时间未到：最早 {date} 才能办理",
    b_before_previous: "日期不能早于上一步（{date}）",
    b_in_future: "日期不能晚于今天（{date}）",
    b_late_reason_required: "已超过期限 {date}，须填写逾期原因",
    b_assessments_short: "半年考察记录不足：已有 {n} 次，需要 {needed} 次",
    b_sponsors_required: "须有两名入党介绍人",
    b_sponsor_not_full: "入党介绍人必须是正式党员",
    b_mentors_required: "须指定一至两名培养联系人",
    b_mentor_not_full: "培养联系人必须是正式党员",
    b_training_short: "培训不足：已完成 {n} 学时、{days} 天，至少需要 {needed} 学时或 {neededDays} 天",
    b_notice_not_over: "公示期尚未结束",
    b_vote_not_passed: "支部大会表决未通过：赞成票须超过应到会有表决权正式党员的半数",
    b_extension_used: "预备期只能延长一次",
    b_committee_only: "此步骤须由上级党委办理",
    b_own_case: "不能办理本人的发展事项",
    r_talkWithinMonths: "收到申请后谈话期限（月）",
    r_assessEveryMonths: "积极分子考察间隔（月）",
    r_activistMinMonths: "积极分子培养最短时间（月）",
    r_trainingMinHours: "集中培训最少学时",
    r_trainingMinDays: "集中培训最少天数",
    r_voteWithinMonths: "预审后支部大会讨论期限（月）",
    r_approveWithinMonths: "上级党委审批期限（月）",
    r_probationMonths: "预备期（月）",
    r_extendMinMonths: "延长预备期最短（月）",
    r_extendMaxMonths: "延长预备期最长（月）",
    r_fullApproveWithinMonths: "转正审批期限（月）",
    register: "发展党员登记册",
    overdueList: "逾期未办事项",
    name: "姓名",
    branch: "支部",
    stage: "阶段",
    nextStep: "下一步",
    stepLabel: "步骤",
    dueOn: "期限",
    overdue: "已逾期",
    exportCsv: "导出 CSV",
    none: "暂无",
    newApplicant: "登记入党申请",
    displayName: "姓名",
    username: "登录用户名",
    password: "初始密码",
    gender: "性别",
    male: "男",
    female: "女",
    birthOn: "出生日期",
    education: "学历",
    occupation: "职业",
    appliedOn: "申请日期",
    evidence: "依据材料",
    save: "保存",
    record: "发展记录",
    steps: "已办步骤",
    takenOn: "日期",
    actor: "经办人",
    decision: "决定",
    late: "逾期办理",
    lateReason: "逾期原因",
    dueWas: "期限 {date}",
    corrected: "已更正",
    correctionOf: "更正：{reason}",
    correct: "更正",
    correctionReason: "更正原因",
    nextPossible: "下一步",
    whyNotYet: "暂不能办理的原因",
    possibleNow: "现在可以办理",
    earliest: "最早 {date}",
    deadline: "期限 {date}",
    take: "办理",
    mentors: "培养联系人",
    sponsors: "入党介绍人",
    recommendedBy: "推荐方式",
    rec_members: "党员推荐",
    rec_masses: "群团组织推优",
    hours: "学时",
    days: "天数",
    startOn: "公示开始",
    endOn: "公示结束",
    entitled: "应到会有表决权的正式党员",
    for: "赞成",
    against: "反对",
    abstain: "弃权",
    months: "延长月数",
    passed: "通过",
    notPassed: "未通过",
    votes: "赞成 {for}，反对 {against}，弃权 {abstain}（应到 {entitled}）",
    probationEnd: "预备期满：{date}",
    rules: "时间规则",
    ruleVersion: "第 {v} 版",
    ruleDefault: "细则默认",
    ruleValue: "数值",
    ruleSource: "依据",
    ruleNote: "修改说明",
    sheet: "全程记实表",
    sheetTitle: "发展党员工作全程记实表",
    print: "打印",
    noneMark: "无",
    cancelled: "已取消预备党员资格",
    fullMember: "已转为正式党员",
    myRecord: "我的入党进程",
    openArchive: "成长档案",
    pickOrg: "组织",
    saved: "已保存",
    s_development: "{step}",
    s_development_late: "{step}（逾期办理）",
    s_development_correction: "{step}（更正：{reason}）",
    b_past_limit: "已超过最长期限 {date}，不能再办理",
    b_not_enrolled: "尚未参加该发展对象培训班",
    r_approveMaxMonths: "上级党委审批最长期限（月）",
    training: "发展对象培训",
    trainingClass: "培训班",
    enroll: "参加培训班",
    enrolled: "已参加",
    notEnrolledYet: "未参加",
    counted: "已完成 {hours} 学时，{days} 天",
    countedStep: "培训班：{title}，完成 {hours} 学时，{days} 天",
    courseDone: "已完成",
    courseOpen: "未完成",
    noClass: "上级党校尚未开设发展对象培训班",
    transfer: "转接到其他支部",
    toBranch: "转入支部",
    movedFrom: "自 {from} 转入 {to}",
    historyUntil: "该同志已转出，以下为转出前的记录",
    annualPlan: "年度发展党员计划",
    year: "年度",
    target: "计划发展数（预备党员）",
    structureTargets: "结构目标（至少）",
    planNote: "说明",
    structureReport: "发展结构分析",
    planChart: "{y} 年新发展党员：计划与实际",
    actual: "实际",
    savePlan: "保存计划",
    noPlan: "本年度尚未制定计划",
  },
  "zh-TW": {
    ...DEVELOPMENT_LABELS["zh-TW"],
    b_case_closed: "該發展記錄已結束（已轉正或已取消）",
    b_missing_previous: "須先完成「{step}」",
    b_already_done: "「{step}」已經辦理",
    b_too_early: "時間未到：最早 {date} 才能辦理",
    b_before_previous: "日期不能早於上一步（{date}）",
    b_in_future: "日期不能晚於今天（{date}）",
    b_late_reason_required: "已超過期限 {date}，須填寫逾期原因",
    b_assessments_short: "半年考察記錄不足：已有 {n} 次，需要 {needed} 次",
    b_sponsors_required: "須有兩名入黨介紹人",
    b_sponsor_not_full: "入黨介紹人必須是正式黨員",
    b_mentors_required: "須指定一至兩名培養聯繫人",
    b_mentor_not_full: "培養聯繫人必須是正式黨員",
    b_training_short: "培訓不足：已完成 {n} 學時、{days} 天，至少需要 {needed} 學時或 {neededDays} 天",
    b_notice_not_over: "公示期尚未結束",
    b_vote_not_passed: "支部大會表決未通過：贊成票須超過應到會有表決權正式黨員的半數",
    b_extension_used: "預備期只能延長一次",
    b_committee_only: "此步驟須由上級黨委辦理",
    b_own_case: "不能辦理本人的發展事項",
    r_talkWithinMonths: "收到申請後談話期限（月）",
    r_assessEveryMonths: "積極分子考察間隔（月）",
    r_activistMinMonths: "積極分子培養最短時間（月）",
    r_trainingMinHours: "集中培訓最少學時",
    r_trainingMinDays: "集中培訓最少天數",
    r_voteWithinMonths: "預審後支部大會討論期限（月）",
    r_approveWithinMonths: "上級黨委審批期限（月）",
    r_probationMonths: "預備期（月）",
    r_extendMinMonths: "延長預備期最短（月）",
    r_extendMaxMonths: "延長預備期最長（月）",
    r_fullApproveWithinMonths: "轉正審批期限（月）",
    register: "發展黨員登記冊",
    overdueList: "逾期未辦事項",
    name: "姓名",
    branch: "支部",
    stage: "階段",
    nextStep: "下一步",
    stepLabel: "步驟",
    dueOn: "期限",
    overdue: "已逾期",
    exportCsv: "匯出 CSV",
    none: "暫無",
    newApplicant: "登記入黨申請",
    displayName: "姓名",
    username: "登入用戶名",
    password: "初始密碼",
    gender: "性別",
    male: "男",
    female: "女",
    birthOn: "出生日期",
    education: "學歷",
    occupation: "職業",
    appliedOn: "申請日期",
    evidence: "依據材料",
    save: "儲存",
    record: "發展記錄",
    steps: "已辦步驟",
    takenOn: "日期",
    actor: "經辦人",
    decision: "決定",
    late: "逾期辦理",
    lateReason: "逾期原因",
    dueWas: "期限 {date}",
    corrected: "已更正",
    correctionOf: "更正：{reason}",
    correct: "更正",
    correctionReason: "更正原因",
    nextPossible: "下一步",
    whyNotYet: "暫不能辦理的原因",
    possibleNow: "現在可以辦理",
    earliest: "最早 {date}",
    deadline: "期限 {date}",
    take: "辦理",
    mentors: "培養聯繫人",
    sponsors: "入黨介紹人",
    recommendedBy: "推薦方式",
    rec_members: "黨員推薦",
    rec_masses: "群團組織推優",
    hours: "學時",
    days: "天數",
    startOn: "公示開始",
    endOn: "公示結束",
    entitled: "應到會有表決權的正式黨員",
    for: "贊成",
    against: "反對",
    abstain: "棄權",
    months: "延長月數",
    passed: "通過",
    notPassed: "未通過",
    votes: "贊成 {for}，反對 {against}，棄權 {abstain}（應到 {entitled}）",
    probationEnd: "預備期滿：{date}",
    rules: "時間規則",
    ruleVersion: "第 {v} 版",
    ruleDefault: "細則預設",
    ruleValue: "數值",
    ruleSource: "依據",
    ruleNote: "修改說明",
    sheet: "全程記實表",
    sheetTitle: "發展黨員工作全程記實表",
    print: "列印",
    noneMark: "無",
    cancelled: "已取消預備黨員資格",
    fullMember: "已轉為正式黨員",
    myRecord: "我的入黨進程",
    openArchive: "成長檔案",
    pickOrg: "組織",
    saved: "已儲存",
    s_development: "{step}",
    s_development_late: "{step}（逾期辦理）",
    s_development_correction: "{step}（更正：{reason}）",
    b_past_limit: "已超過最長期限 {date}，不能再辦理",
    b_not_enrolled: "尚未參加該發展對象培訓班",
    r_approveMaxMonths: "上級黨委審批最長期限（月）",
    training: "發展對象培訓",
    trainingClass: "培訓班",
    enroll: "參加培訓班",
    enrolled: "已參加",
    notEnrolledYet: "未參加",
    counted: "已完成 {hours} 學時，{days} 天",
    countedStep: "培訓班：{title}，完成 {hours} 學時，{days} 天",
    courseDone: "已完成",
    courseOpen: "未完成",
    noClass: "上級黨校尚未開設發展對象培訓班",
    transfer: "轉接到其他支部",
    toBranch: "轉入支部",
    movedFrom: "自 {from} 轉入 {to}",
    historyUntil: "該同志已轉出，以下為轉出前的記錄",
    annualPlan: "年度發展黨員計劃",
    year: "年度",
    target: "計劃發展數（預備黨員）",
    structureTargets: "結構目標（至少）",
    planNote: "說明",
    structureReport: "發展結構分析",
    planChart: "{y} 年新發展黨員：計劃與實際",
    actual: "實際",
    savePlan: "儲存計劃",
    noPlan: "本年度尚未制定計劃",
  },
  en: {
    ...DEVELOPMENT_LABELS.en,
    b_case_closed: "This record is closed (full member or cancelled)",
    b_missing_previous: "“{step}” must come first",
    b_already_done: "“{step}” is already recorded",
    b_too_early: "Too early: possible from {date}",
    b_before_previous: "The date cannot be before the previous step ({date})",
    b_in_future: "The date cannot be after today ({date})",
    b_late_reason_required: "The deadline {date} has passed: give a reason for the delay",
    b_assessments_short: "Not enough half-year assessments: {n} of {needed}",
    b_sponsors_required: "Two sponsors are required",
    b_sponsor_not_full: "Sponsors must be full members",
    b_mentors_required: "Name one or two mentors",
    b_mentor_not_full: "Mentors must be full members",
    b_training_short:
      "Training too short: {n} 学时 over {days} days completed, at least {needed} 学时 or {neededDays} days needed",
    b_notice_not_over: "The public notice has not ended",
    b_vote_not_passed: "The branch vote did not pass: “for” must exceed half of the full members entitled to vote",
    b_extension_used: "Probation can be extended only once",
    b_committee_only: "Only the higher committee takes this step",
    b_own_case: "Nobody records steps in their own case",
    r_talkWithinMonths: "Talk after the application within (months)",
    r_assessEveryMonths: "Assess activists every (months)",
    r_activistMinMonths: "Activist at least (months)",
    r_trainingMinHours: "Training at least (hours)",
    r_trainingMinDays: "Training at least (days)",
    r_voteWithinMonths: "Branch vote after pre-review within (months)",
    r_approveWithinMonths: "Committee approval within (months)",
    r_probationMonths: "Probation (months)",
    r_extendMinMonths: "Extension at least (months)",
    r_extendMaxMonths: "Extension at most (months)",
    r_fullApproveWithinMonths: "Full membership approval within (months)",
    register: "Development register",
    overdueList: "Overdue steps",
    name: "Name",
    branch: "Branch",
    stage: "Stage",
    nextStep: "Next step",
    stepLabel: "Step",
    dueOn: "Due",
    overdue: "Overdue",
    exportCsv: "Export CSV",
    none: "None yet",
    newApplicant: "Register an application",
    displayName: "Name",
    username: "Username",
    password: "Initial password",
    gender: "Gender",
    male: "Male",
    female: "Female",
    birthOn: "Date of birth",
    education: "Education",
    occupation: "Occupation",
    appliedOn: "Applied on",
    evidence: "Evidence",
    save: "Save",
    record: "Development record",
    steps: "Steps taken",
    takenOn: "Date",
    actor: "Done by",
    decision: "Decision",
    late: "Taken late",
    lateReason: "Reason for the delay",
    dueWas: "due {date}",
    corrected: "Corrected",
    correctionOf: "Correction: {reason}",
    correct: "Correct",
    correctionReason: "Reason for the correction",
    nextPossible: "Next step",
    whyNotYet: "Why not yet",
    possibleNow: "Possible now",
    earliest: "from {date}",
    deadline: "due {date}",
    take: "Record",
    mentors: "Mentors",
    sponsors: "Sponsors",
    recommendedBy: "Recommended by",
    rec_members: "Party members",
    rec_masses: "Mass organisations",
    hours: "Hours",
    days: "Days",
    startOn: "Notice starts",
    endOn: "Notice ends",
    entitled: "Full members entitled to vote",
    for: "For",
    against: "Against",
    abstain: "Abstain",
    months: "Months",
    passed: "Passed",
    notPassed: "Not passed",
    votes: "for {for}, against {against}, abstain {abstain} (of {entitled})",
    probationEnd: "Probation ends: {date}",
    rules: "Time rules",
    ruleVersion: "version {v}",
    ruleDefault: "细则 default",
    ruleValue: "Value",
    ruleSource: "Source",
    ruleNote: "Why it changes",
    sheet: "Full record sheet",
    sheetTitle: "Member development full record (全程记实表)",
    print: "Print",
    noneMark: "无",
    cancelled: "Probation cancelled",
    fullMember: "Became a full member",
    myRecord: "My path to membership",
    openArchive: "Growth archive",
    pickOrg: "Organization",
    saved: "Saved",
    s_development: "{step}",
    s_development_late: "{step} (taken late)",
    s_development_correction: "{step} (corrected: {reason})",
    b_past_limit: "Past the hard limit of {date}: it can no longer be taken",
    b_not_enrolled: "Not enrolled in this training class",
    r_approveMaxMonths: "Committee approval at the latest (months)",
    training: "Candidate training",
    trainingClass: "Training class",
    enroll: "Enrol in the class",
    enrolled: "Enrolled",
    notEnrolledYet: "Not enrolled",
    counted: "{hours} 学时 over {days} days completed",
    countedStep: "Class: {title}, {hours} 学时 over {days} days",
    courseDone: "Completed",
    courseOpen: "Not completed",
    noClass: "No training class has been published for this branch yet",
    transfer: "Move to another branch",
    toBranch: "Receiving branch",
    movedFrom: "From {from} to {to}",
    historyUntil: "This person has moved away: the record up to the move",
    annualPlan: "Annual development plan",
    year: "Year",
    target: "Planned new probationary members",
    structureTargets: "Structure targets (at least)",
    planNote: "Note",
    structureReport: "Structure report",
    planChart: "New probationary members in {y}: plan and actual",
    actual: "Actual",
    savePlan: "Save plan",
    noPlan: "No plan for this year yet",
  },
});
