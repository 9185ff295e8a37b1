/**
 * Each operation's summary for readers of the API document, and where it helps a paragraph: who may call it,
 * what it refuses. Keyed by method and path as the document has them; the document is not built while a route
 * has no entry here, nor with an entry no route has (tests/docs/openapi.test.ts).
 * Roles: `member` of a branch, `secretary` of a branch, `school` (a party school), `admin` of a committee; a role
 * reaches the org it is held on and everything below it. What a caller may not see answers 404, not 403.
 */
export const SUMMARIES: Record<string, readonly [summary: string, description?: string]> = {
  // docs
  "get /api/health": ["Health check", "Public. Answers `{ ok: true }` when the Worker is up."],
  "get /api/openapi.json": ["This OpenAPI document", "Public."],
  "get /api/docs": ["The API docs page, with a try-it form per operation", "Public HTML."],

  // tenants
  "get /api/ops/export": [
    "Dump the tenant's database",
    "Operators only (bearer OPERATOR_TOKEN); 404 when the deployment has no token set. Streams every table as lines of JSON.",
  ],
  "post /api/ops/import": [
    "Load a dump into the tenant's empty database",
    "Operators only. Loads only into an empty tenant and a dump of the same schema version (409 otherwise).",
  ],
  "get /api/ops/tenants": [
    "List the tenant directory",
    "Operators only. Each entry with the problems that keep it from being served (none: served).",
  ],
  "put /api/ops/tenants/{id}": [
    "Add or change a tenant in the directory",
    "Operators only. Refused (422) if its binding is missing, a host is another's, its root is not an org path or its parents are unknown or cycle; every isolate sees it within a minute.",
  ],
  "get /api/ops/dead-letters": ["List queue messages that failed every retry", "Operators only."],
  "post /api/ops/dead-letters/{id}/replay": ["Send a dead letter back to its queue", "Operators only."],
  "get /api/orgs/{id}/tenant-reports": [
    "Yearly figures of the tenants below a committee",
    "Admins and secretaries of the org. Figures only, never a person's data.",
  ],

  // auth
  "post /api/auth/login": [
    "Log in with username and password",
    "Public. Sets the session cookie. Too many failures lock the account or the address for a while (429, with Retry-After).",
  ],
  "post /api/auth/logout": ["Log out", "Ends the caller's session, if any, and clears the cookie."],
  "get /api/me": ["The caller's account, memberships and settings"],
  "patch /api/me": ["Change the caller's own settings (language, large text)"],
  "post /api/me/password": [
    "Change the caller's own password",
    "Needs the current password (422 when wrong); ends the caller's other sessions.",
  ],

  // orgs
  "get /api/orgs": ["The org subtrees the caller holds a role over, each org with its member counts"],
  "get /api/orgs/{id}": ["One org", "Anyone holding a role over it."],
  "post /api/orgs": ["Create an org below a parent", "Admins over the parent."],
  "patch /api/orgs/{id}": ["Rename an org or change its type or time zone", "Admins over the org."],
  "post /api/orgs/{id}/move": [
    "Move an org and its subtree under another parent",
    "Admins over both the org and the new parent. Refuses moving the root or an org under its own subtree.",
  ],
  "post /api/orgs/{id}/archive": [
    "Archive an org",
    "Admins over the org. Refuses the root and an org that still has members.",
  ],
  "get /api/orgs/{id}/audit": ["The audit log of an org's subtree, newest first", "Admins over the org."],
  "get /api/home": ["The caller's home page: what waits for them, per role"],

  // roster
  "get /api/orgs/{id}/members": [
    "An org subtree's roster by name, searchable, paged by key (`after` = the last page's `next`), with its member total",
    "Secretaries and admins over the org.",
  ],
  "post /api/orgs/{id}/members": ["Add a member to a branch", "Secretaries and admins over the branch."],
  "post /api/orgs/{id}/members/import": [
    "Import members from CSV or Excel",
    "Secretaries and admins over the org. All or nothing: any bad row rejects the file, with each row's problems in `details`. At most 2 MB.",
  ],
  "get /api/users/{id}": ["One member's roster record", "Secretaries and admins over the member's branch."],
  "patch /api/users/{id}": [
    "Change a member's roster record",
    "Secretaries and admins over the member's branch; nobody edits their own record here.",
  ],
  "post /api/users/{id}/transfer": [
    "Transfer a member to another branch",
    "Needs the roster role over both branches. Refuses a member whose development case is still running.",
  ],
  "post /api/users/{id}/transfer-out": [
    "Send a member's transfer letter to a branch in another tenant (组织关系转接)",
    "The source branch's secretary or an admin above it. Refuses an unknown tenant or branch, a username the destination already gives someone else, a transfer already under way, and a member in an open appraisal or follow-up.",
  ],
  "get /api/transfers/tenants": [
    "The other tenants a letter may go to",
    "Secretaries and admins only (403 otherwise).",
  ],
  "get /api/transfers/tenants/{tenant}/branches": [
    "Find a branch of another tenant by name, for a transfer letter",
    "Secretaries and admins only. Reads the names from that tenant's own database, 20 at most.",
  ],
  "post /api/transfers/{id}/deliver": [
    "Deliver a sent letter again to its destination",
    "The sender's side. Harmless when it has arrived already.",
  ],
  "post /api/transfers/{id}/accept": [
    "Accept a transfer: the member's whole record moves in",
    "The destination branch's secretary or an admin above it. A retry after a failure finishes what is left and copies nothing twice.",
  ],
  "post /api/transfers/{id}/refuse": [
    "Return a transfer letter with a reason",
    "The destination branch's secretary or an admin above it; the member stays where they were.",
  ],
  "get /api/orgs/{id}/transfers": [
    "Transfer letters of a subtree, outgoing and incoming",
    "The roster roles over the org.",
  ],
  "post /api/users/{id}/deactivate": [
    "Deactivate a member's account",
    "Secretaries and admins over the member's branch.",
  ],
  "post /api/users/{id}/reactivate": [
    "Reactivate a member's account",
    "Secretaries and admins over the member's branch.",
  ],
  "post /api/users/{id}/password": [
    "Reset a member's password",
    "Secretaries and admins over the member's branch; a person holding a role needs an admin over each org they hold it on.",
  ],
  "post /api/users/{id}/roles": ["Grant a role on an org", "Admins over both the person and the org."],
  "post /api/users/{id}/roles/revoke": ["Revoke a role on an org", "Admins over both the person and the org."],

  // archives
  "get /api/archives/{id}": [
    "A member's growth archive: timeline, paged",
    "The member, their branch's secretary, admins above. Entries hidden from the member are left out for them.",
  ],
  "get /api/archives/{id}/facets": ["Counts of a member's archive entries by kind", "Same readers as the archive."],
  "get /api/archives/{id}/export": ["Export a member's archive as JSON, CSV or Excel", "Same readers as the archive."],

  // banks
  "get /api/banks": ["Question banks the caller may edit", "Schools and admins."],
  "post /api/banks": [
    "Create a question bank",
    "Schools and admins over the owning org; the practice audience must lie within the owner's committee.",
  ],
  "get /api/banks/{id}": ["One bank with its categories", "Schools and admins over the bank's owner."],
  "post /api/banks/{id}/categories": ["Add a category to a bank", "Schools and admins over the bank's owner."],
  "get /api/banks/{id}/questions": [
    "A bank's questions, filtered and paged",
    "Schools and admins over the bank's owner.",
  ],
  "post /api/banks/{id}/questions": ["Add a question to a bank", "Schools and admins over the bank's owner."],
  "post /api/banks/{id}/import": [
    "Import questions from GIFT, CSV or Excel",
    "Schools and admins over the bank's owner. At most 2 MB; rows that cannot be read come back as notes.",
  ],
  "get /api/banks/{id}/export": [
    "Export a bank's questions as GIFT, CSV or Excel",
    "Schools and admins over the bank's owner.",
  ],
  "get /api/questions/{id}": ["One question with its current version", "Schools and admins over the bank's owner."],
  "patch /api/questions/{id}": [
    "Edit a question (a new version)",
    "Schools and admins over the bank's owner. Attempts already taken keep the version they saw.",
  ],
  "post /api/questions/{id}/archive": ["Archive a question", "Schools and admins over the bank's owner."],
  "post /api/questions/{id}/regrade": [
    "Regrade every attempt that answered a question",
    "Schools and admins over the bank's owner, after a wrong key is corrected.",
  ],

  // quizzes
  "get /api/quizzes": ["Quizzes the caller manages", "Schools and admins."],
  "get /api/quizzes/audiences": ["Orgs the caller may publish a quiz to"],
  "post /api/quizzes": ["Create a quiz or exam", "Schools and admins over the owning org."],
  "get /api/quizzes/{id}": ["One quiz, for its managers"],
  "patch /api/quizzes/{id}": [
    "Change or publish a quiz",
    "Its managers. Refuses a window that closes before it opens.",
  ],
  "get /api/quizzes/{id}/overrides": ["Per-member exceptions of a quiz (extra time, extra attempts)", "Its managers."],
  "post /api/quizzes/{id}/overrides": ["Grant a member an exception on a quiz", "Its managers."],
  "get /api/quizzes/{id}/attempts": ["A quiz's attempts, paged", "Its managers."],
  "get /api/quizzes/{id}/grading": ["Essay answers waiting to be graded", "Its managers."],
  "get /api/quizzes/{id}/stats": ["A quiz's score and per-question statistics", "Its managers."],
  "post /api/quizzes/{id}/attempts": [
    "Start (or resume) an attempt",
    "Members inside the quiz's audience while it is open; refuses when no attempts are left.",
  ],
  "post /api/attempts/{id}/slots/{slot}/grade": ["Grade one essay answer", "The quiz's managers."],
  "get /api/attempts/{id}": [
    "One attempt: questions, saved answers and, once allowed, the result",
    "The member who takes it.",
  ],
  "put /api/attempts/{id}/slots/{slot}": [
    "Save one answer of an attempt",
    "The member who takes it, while its time lasts (409 `attempt_closed` after).",
  ],
  "post /api/attempts/{id}/submit": ["Submit an attempt for marking", "The member who takes it."],
  "get /api/my/quizzes": ["Quizzes open to the caller"],
  "get /api/my/quizzes/attempts": ["The caller's past attempts, paged"],
  "get /api/my/quizzes/{id}": ["One quiz as its taker sees it", "Members inside its audience; others get 404."],
  "get /api/practice": ["Today's daily practice question", "Members whose banks offer practice."],
  "post /api/practice/answer": ["Answer the daily practice question"],

  // courses
  "post /api/courses": ["Create a course", "Schools and admins over the school."],
  "patch /api/courses/{id}": ["Change a course", "Schools and admins over its school."],
  "post /api/courses/{id}/publish": ["Publish a course", "Its publishers; refuses a course without lessons."],
  "post /api/courses/{id}/archive": ["Archive a course", "Its publishers."],
  "post /api/courses/{id}/lessons": ["Add a lesson to a course", "Its publishers."],
  "patch /api/courses/{id}/lessons/{lessonId}": ["Change a lesson", "Its publishers."],
  "delete /api/courses/{id}/lessons/{lessonId}": ["Remove a lesson", "Its publishers."],
  "post /api/courses/{id}/lessons/reorder": ["Put a course's lessons in a new order", "Its publishers."],
  "post /api/courses/{id}/materials": [
    "Upload a file for a course's lessons",
    "Its publishers. Limited size and types.",
  ],
  "get /api/courses/{id}/materials": ["A course's uploaded files", "Its publishers."],
  "get /api/courses/{id}/materials/{file}": ["Download one course file", "Anyone who may see the course."],
  "get /api/courses/{id}": [
    "One course with its lessons and the caller's progress",
    "Everyone in the school's tree once published; drafts only for its publishers (others get 404).",
  ],
  "get /api/courses/{id}/lessons/{lessonId}": ["Read one lesson", "Anyone who may see the course."],
  "post /api/courses/{id}/lessons/{lessonId}/progress": [
    "Record study time and position in a lesson",
    "Anyone who may see a published course. The committee's plausibility rules decide what is credited.",
  ],
  "post /api/courses/{id}/complete": [
    "Mark a course complete",
    "Refuses an unpublished course, unfinished lessons and an unpassed checkpoint quiz.",
  ],
  "get /api/schools/{id}/courses": ["A school's courses, drafts included", "Schools and admins over the school."],
  "get /api/study/mine": ["My study: assigned and chosen courses, hours this year"],
  "get /api/study/members/{id}": ["One member's study record", "Secretaries and admins over the member's branch."],
  "get /api/catalogue": [
    "Search the course catalogue",
    "Published courses of the caller's trees; simplified and traditional characters find each other.",
  ],
  "post /api/plans": ["Create a curriculum plan for an org", "Admins and schools over the org."],
  "post /api/plans/{id}/items": ["Add a course to a plan", "Admins and schools over the plan's org."],
  "delete /api/plans/{id}/items/{itemId}": ["Remove a course from a plan", "Admins and schools over the plan's org."],
  "get /api/orgs/{id}/plans": ["Curriculum plans in force for an org", "Admins, schools and secretaries of the org."],
  "get /api/orgs/{id}/study-rules": [
    "The study rules in force for an org (hours, credits)",
    "Anyone holding a role over it.",
  ],
  "post /api/orgs/{id}/study-rules": ["Set a study rule", "Admins over the org; a school for the rules a school sets."],
  "get /api/orgs/{id}/study-report": [
    "Study progress of a subtree's members, paged",
    "Secretaries and admins over the org.",
  ],
  "get /api/orgs/{id}/study-report/courses": [
    "Per-course completion figures of a subtree",
    "Secretaries and admins over the org.",
  ],
  "get /api/orgs/{id}/study-report/months": [
    "A subtree's credited study hours and courses per month of a year",
    "Secretaries and admins over the org.",
  ],
  "get /api/orgs/{id}/study-report/export": [
    "Export the study report as CSV or Excel",
    "Secretaries and admins over the org.",
  ],
  "post /api/completions/{id}/review": [
    "Accept or reject a course completion",
    "Secretaries and admins over the member's branch.",
  ],
  "get /api/completions/{id}/certificate": ["A completion certificate", "The member and those who oversee them."],

  // development
  "get /api/orgs/{id}/development": [
    "The development register (发展党员) of a subtree, paged",
    "Secretaries and admins over the org.",
  ],
  "get /api/orgs/{id}/development/export": [
    "Export the development register as CSV or Excel",
    "Secretaries and admins over the org.",
  ],
  "post /api/orgs/{id}/development": [
    "Record a new applicant",
    "Secretaries and admins over the branch; only on a branch.",
  ],
  "get /api/orgs/{id}/development/overdue": ["Development cases past a deadline in a subtree", "Admins over the org."],
  "get /api/orgs/{id}/development/full-members": [
    "A branch's full members (to name as introducers)",
    "Secretaries and admins.",
  ],
  "get /api/orgs/{id}/development/rules": [
    "The development time rules in force, and this org's versions",
    "Secretaries and admins.",
  ],
  "get /api/orgs/{id}/development/plans/{year}": [
    "A year's development plan against what was done",
    "Secretaries and admins.",
  ],
  "get /api/orgs/{id}/development/plans/{year}/export": [
    "Export a year's development plan report",
    "Secretaries and admins.",
  ],
  "put /api/orgs/{id}/development/plans/{year}": [
    "Set a year's development plan",
    "Admins over a committee; not on a branch.",
  ],
  "post /api/orgs/{id}/development/rules": ["Add a version of the development time rules", "Admins over a committee."],
  "get /api/development/mine": ["The caller's own development cases"],
  "get /api/development/cases/{id}": [
    "One development case with its steps",
    "The person, their branch's secretary, admins above; a branch the person left reads up to the move.",
  ],
  "post /api/development/cases/{id}/steps": [
    "Record the next step of a case",
    "The branch's secretary (or a committee above) for branch steps, only a committee for its own; never the person. Steps come in order and keep the minimum intervals.",
  ],
  "post /api/development/cases/{id}/training": [
    "Enrol a case in a training plan",
    "Those who may record its training step.",
  ],
  "post /api/development/steps/{id}/corrections": [
    "Correct a recorded step (the original stays)",
    "Those who may record that step.",
  ],

  // services
  "post /api/services": ["Record a service the caller did", "Members of a branch (409 `no_branch` otherwise)."],
  "get /api/services/mine": ["The caller's service records, paged"],
  "post /api/services/{id}/confirm": [
    "Confirm a service record",
    "Secretaries and admins over the member's branch; nobody confirms their own.",
  ],
  "post /api/services/{id}/reject": [
    "Reject a service record, with a reason",
    "Secretaries and admins over the member's branch; nobody rejects their own.",
  ],
  "delete /api/services/{id}": ["Delete the caller's own pending service record", "Refuses one already reviewed."],
  "get /api/orgs/{id}/services": ["Service records of a subtree, paged", "Secretaries and admins over the org."],

  // masses
  "get /api/orgs/{id}/rating-template": ["The rating template in force for an org", "Anyone holding a role over it."],
  "post /api/orgs/{id}/rating-templates": ["Save a rating template for a subtree", "Admins over the org."],
  "post /api/orgs/{id}/rating-rounds": [
    "Open a rating round by the masses, with its one-time tokens",
    "The branch's secretary or admins above.",
  ],
  "get /api/orgs/{id}/rating-rounds": ["Rating rounds of an org, paged", "Secretaries and admins over it."],
  "get /api/rating-rounds/{id}": ["A rating round's results", "Its runners."],
  "post /api/rating-rounds/{id}/close": ["Close a rating round and seal its ratings", "Its runners."],
  "post /api/rating-rounds/{id}/reprint": [
    "Issue fresh tokens for unused ones",
    "Its runners, while the round is open.",
  ],
  "get /api/rating-rounds/{id}/verify": ["Check a round's hash chain", "Its runners."],
  "get /api/rating-rounds/{id}/comments": ["A round's comments, by moderation status", "Its runners."],
  "post /api/ratings/{id}/comment": ["Approve or hide a rating's comment", "The round's runners."],
  "get /api/public/ratings/{token}": [
    "The rating form a token opens",
    "Public, by one-time token: 404 unknown, 409 used, 410 expired; rate-limited per address.",
  ],
  "post /api/public/ratings/{token}": [
    "Submit an anonymous rating",
    "Public, once per token. Under heavy load may answer 503 `busy`: submit again.",
  ],
  "get /api/public/seals": [
    "Check a round's results against the fingerprint on its printed result notice",
    "Public; rate-limited per address.",
  ],
  "get /api/orgs/{id}/pledges": ["A branch's pledges (承诺) of a year", "Secretaries and admins over it."],
  "post /api/orgs/{id}/pledges": ["Record a pledge for a member", "Secretaries and admins over the branch."],
  "post /api/pledges/{id}/decision": ["Accept or return a pledge", "The branch's secretary or admins above."],
  "post /api/pledges/{id}/progress": [
    "Report progress on a pledge",
    "The member whose pledge it is, and the branch's runners.",
  ],
  "get /api/my/pledges": ["The caller's pledges of a year"],
  "post /api/my/pledges": ["Make a pledge", "Members of a branch."],
  "get /api/orgs/{id}/chain-seals": ["Sealed hash chains of a subtree", "Admins over the org."],

  // vanguard
  "get /api/orgs/{id}/vanguard/model": [
    "The vanguard index model in force for an org",
    "Anyone holding a role over it.",
  ],
  "post /api/orgs/{id}/vanguard/models": ["Save a vanguard index model for a subtree", "Admins over the org."],
  "get /api/orgs/{id}/vanguard/preview": [
    "Compute a subtree's index for a period without storing it",
    "Secretaries and admins.",
  ],
  "post /api/orgs/{id}/vanguard/score": ["Score and store a period's index for a subtree", "Admins over the org."],
  "get /api/orgs/{id}/vanguard/periods": ["Periods with stored scores", "Secretaries and admins."],
  "get /api/orgs/{id}/vanguard": ["Stored index scores of a subtree's members", "Secretaries and admins."],
  "get /api/orgs/{id}/vanguard/adjustments": ["Adjustments of a subtree, by status", "Secretaries and admins."],
  "get /api/vanguard/members/{id}/scores": [
    "A member's stored scores, explained by indicator",
    "Same readers as the archive.",
  ],
  "get /api/vanguard/members/{id}/preview": [
    "A member's index for a period, computed now",
    "Same readers as the archive.",
  ],
  "post /api/vanguard/adjustments": [
    "Propose an adjustment to a member's index, with evidence",
    "Secretaries and admins over the member's branch.",
  ],
  "post /api/vanguard/adjustments/{id}/review": [
    "Approve or reject an adjustment",
    "Admins over the member's branch; nobody reviews their own proposal.",
  ],

  // bastion
  "get /api/orgs/{id}/bastion/model": ["The branch index model (堡垒指数) in force", "Secretaries and admins."],
  "post /api/orgs/{id}/bastion/models": ["Save a branch index model for a subtree", "Admins over the org."],
  "get /api/orgs/{id}/bastion/periods": ["Periods with stored branch scores", "Secretaries and admins."],
  "get /api/orgs/{id}/bastion": ["Branch index overview of a subtree for a period", "Secretaries and admins."],
  "post /api/orgs/{id}/bastion/score": [
    "Score a branch, or queue every branch of a subtree, for a period",
    "Admins over the org.",
  ],
  "get /api/orgs/{id}/bastion/score": [
    "One branch's score for a period, item by item",
    "Secretaries and admins; only a branch.",
  ],
  "post /api/orgs/{id}/bastion/items": [
    "Record a hand-scored item for a branch",
    "Admins over the branch who are not themselves on it.",
  ],

  // evaluations
  "get /api/orgs/{id}/eval-schedules": ["Evaluation schedules of an org", "Admins over the org."],
  "post /api/orgs/{id}/eval-schedules": ["Create an evaluation schedule (民主评议)", "Admins over the org."],
  "get /api/eval-schedules/{id}": ["One evaluation schedule", "Admins over its org."],
  "patch /api/eval-schedules/{id}": ["Change an evaluation schedule", "Admins over its org."],
  "post /api/eval-schedules/{id}/open": ["Open a schedule's cycle for one branch now", "Admins over its org."],
  "get /api/orgs/{id}/eval-cycles": ["Evaluation cycles of a subtree, paged", "Secretaries and admins."],
  "get /api/eval-cycles/{id}": [
    "A cycle's dashboard: phases, windows, progress",
    "The branch's secretary and admins above.",
  ],
  "post /api/eval-cycles/{id}/extend": [
    "Extend a phase's window",
    "Admins above the branch; not after the tally is fixed.",
  ],
  "post /api/eval-cycles/{id}/reopen": [
    "Reopen one member's form until a date",
    "The branch's managers, while the cycle is open.",
  ],
  "post /api/eval-cycles/{id}/remind": [
    "Remind members who have not submitted",
    "The branch's managers, inside a window.",
  ],
  "get /api/eval-cycles/{id}/tally": [
    "The decision sheet: each member's grades and votes",
    "The branch's managers. Votes stay sealed until the appraisal closes.",
  ],
  "put /api/eval-cycles/{id}/decisions": [
    "Decide members' grades",
    "The committee above the branch, in the decision window; refuses a grade over the quota and a decision on one's own case.",
  ],
  "post /api/eval-cycles/{id}/quota-overrides": [
    "Ask the committee above for more of a grade than the quota",
    "The deciding committee.",
  ],
  "get /api/eval-cycles/{id}/analysis": [
    "The caller's self-analysis (个人对照检查) in a cycle",
    "Members of the branch.",
  ],
  "put /api/eval-cycles/{id}/analysis": [
    "Save a draft of the caller's self-analysis",
    "Members of the branch, in the window.",
  ],
  "post /api/eval-cycles/{id}/analysis/submit": [
    "Submit the caller's self-analysis",
    "Members of the branch, in the window.",
  ],
  "get /api/eval-cycles/{id}/appraisal": ["The caller's appraisal sheet: self and peers", "Members of the branch."],
  "put /api/eval-cycles/{id}/appraisal/self": [
    "Save the caller's self-appraisal",
    "Members of the branch, in the window.",
  ],
  "post /api/eval-cycles/{id}/appraisal/peers": [
    "Cast the caller's votes on their peers",
    "Members of the branch, once, in the window.",
  ],
  "get /api/eval-cycles/{id}/result": ["The caller's own result, once published", "Members of the branch."],
  "post /api/eval-quota-overrides/{id}/answer": [
    "Grant or refuse a quota override",
    "Only a committee higher than the one that asked; never on one's own request.",
  ],
  "get /api/eval-analyses/{id}": ["A member's self-analysis, for review", "The branch's secretary and admins above."],
  "post /api/eval-analyses/{id}/accept": ["Accept a self-analysis", "Its reviewers."],
  "post /api/eval-analyses/{id}/return": ["Return a self-analysis for rework, with a comment", "Its reviewers."],
  "get /api/my/evaluations": ["The caller's evaluation cycles and what each waits for"],
  "get /api/orgs/{id}/eval-followups": ["Follow-ups (整改) of a subtree", "Secretaries and admins."],
  "get /api/orgs/{id}/eval-followups/rules": ["The follow-up rules in force", "Secretaries and admins."],
  "post /api/orgs/{id}/eval-followups/rules": ["Set the follow-up rules of a subtree", "Admins over the org."],
  "get /api/eval-followups/mine": ["The caller's own follow-ups"],
  "get /api/eval-followups/{id}": ["One follow-up with its steps", "The member, the branch's secretary, admins above."],
  "post /api/eval-followups/{id}/steps": [
    "Record the next step of a follow-up",
    "Whoever that step belongs to; steps come in order.",
  ],
  "post /api/eval-followups/{id}/steps/{stepId}/corrections": [
    "Correct a recorded follow-up step (the original stays)",
    "Whoever recorded that kind of step.",
  ],
  "get /api/notifications": ["The caller's notifications, paged, with the unread count"],
  "post /api/notifications/read": ["Mark all the caller's notifications read"],

  // orglife
  "get /api/orgs/{id}/orglife": [
    "A branch's organisational life of a year against the rhythm",
    "Secretaries and admins; only a branch.",
  ],
  "get /api/orgs/{id}/orglife/kinds": [
    "Meeting kinds in force (三会一课 and the committee's own)",
    "Secretaries and admins.",
  ],
  "post /api/orgs/{id}/orglife/kinds": ["Add a meeting kind", "Admins over a committee."],
  "post /api/orgs/{id}/orglife/rules": ["Set how often each kind of meeting is due", "Admins over a committee."],
  "post /api/orgs/{id}/orglife/meetings": ["Plan a meeting", "Secretaries and admins over the branch."],
  "get /api/orgs/{id}/orglife/cycles": [
    "A branch's evaluation cycles (to link a meeting to)",
    "Secretaries and admins.",
  ],
  "get /api/orgs/{id}/orglife/behind": [
    "A page of a subtree's branches against the rhythm, in tree order",
    "Admins over the org. `after` is the last branch of the page before; every branch is listed, on track or not.",
  ],
  "get /api/orgs/{id}/orglife/behind/summary": [
    "How many of a subtree's branches are behind the rhythm, and the periods met and missed by kind",
    "Admins over the org. One read over the whole subtree, for the totals above the list.",
  ],
  "get /api/orgs/{id}/orglife/behind/export": ["Export the branches behind the rhythm", "Admins over the org."],
  "get /api/orgs/{id}/orglife/talks": [
    "A branch's talks (谈心谈话) of a year",
    "Secretaries and admins; their content only for the branch's own committee.",
  ],
  "post /api/orgs/{id}/orglife/talks": ["Record a talk", "Those who may read the branch's talk content."],
  "get /api/orglife/meetings/{id}": ["One meeting", "Its branch's secretary and admins above; members get 404."],
  "patch /api/orglife/meetings/{id}": ["Change a planned meeting", "Its keepers; only while planned."],
  "post /api/orglife/meetings/{id}/record": [
    "Record a held meeting: attendance, minutes",
    "Its keepers; only a planned meeting.",
  ],
  "post /api/orglife/meetings/{id}/cancel": ["Cancel a planned meeting", "Its keepers."],
  "get /api/orglife/talks/{id}": ["One talk with its content", "Only the branch's own committee, never one above."],

  // commendations
  "get /api/orgs/{id}/commendations": ["Commendation rounds (评先选优) of an org", "Anyone holding a role over it."],
  "post /api/orgs/{id}/commendations": [
    "Open a commendation round",
    "Admins over a committee, with at least one criterion.",
  ],
  "get /api/commendations/{id}": [
    "A round with its nominees, evidence and objections",
    "Those who can see the round's org.",
  ],
  "post /api/commendations/{id}/nominees": [
    "Nominate a member or a branch",
    "A branch's secretary nominates its own members; nobody nominates themselves.",
  ],
  "post /api/commendations/{id}/notice": ["Open the public notice (公示) of a round", "The round's committee."],
  "post /api/commendations/{id}/finalise": [
    "Finalise a round",
    "The round's committee; refuses while the notice runs or an objection is open.",
  ],
  "get /api/commendations/nominees/{id}": ["One nominee with evidence", "Those who can see the round."],
  "post /api/commendations/nominees/{id}/decision": [
    "Decide on a nominee",
    "The round's committee, within the quota; departing from the criteria needs a reason.",
  ],
  "post /api/commendations/nominees/{id}/objections": [
    "Lodge an objection during the notice",
    "Anyone who can see the round.",
  ],
  "post /api/commendations/objections/{id}/answer": [
    "Answer an objection",
    "The round's committee; not the one who lodged it.",
  ],

  // talent
  "post /api/talent/reserves": [
    "Nominate a member to the reserve pool",
    "Members, secretaries and admins over the member's branch.",
  ],
  "get /api/talent/reserves/{id}": ["One reserve's record", "The branch's secretary and admins above."],
  "get /api/talent/reserves/{id}/plan": ["A reserve's training plan", "Its readers and the reserve's mentors."],
  "post /api/talent/reserves/{id}/assessment": [
    "Assess a nominee for entry to the pool",
    "The committee; never on one's own case. Refuses when the standard is not met or the person is negatively listed.",
  ],
  "post /api/talent/reserves/{id}/plan": ["Set a reserve's training plan and mentors", "The committee."],
  "post /api/talent/reserves/{id}/tasks/{itemId}/done": [
    "Mark a plan task done, with evidence",
    "The reserve's readers and mentors.",
  ],
  "post /api/talent/reserves/{id}/review": ["Review a reserve (keep, promote, remove)", "The committee."],
  "post /api/talent/reserves/{id}/corrections": ["Correct a reserve's recorded decision", "The committee."],
  "post /api/talent/terms": [
    "Start a practice post or rotation term for a member",
    "The committee for practice, secretaries too for rotations.",
  ],
  "get /api/talent/posts": ["Practice posts open to the caller"],
  "get /api/talent/posts/{id}": ["One practice post", "Its readers and those it is open to."],
  "post /api/talent/posts/{id}/applications": ["Apply for a practice post", "Members it is open to; once."],
  "post /api/talent/applications/{id}/decision": ["Accept or refuse an application", "The post's committee."],
  "get /api/talent/my/terms": ["The caller's own terms"],
  "get /api/talent/terms/{id}": ["One term with its entries", "The member and the term's readers."],
  "post /api/talent/terms/{id}/entries": ["Add an entry (work done) to a term", "The member and the term's keepers."],
  "post /api/talent/terms/{id}/close": [
    "Close a term with an appraisal",
    "The committee for practice, secretaries too for rotations.",
  ],
  "get /api/talent/selections/{id}": [
    "One selection (选拔) with its candidates",
    "The branch's secretary and admins above.",
  ],
  "post /api/talent/selections/{id}/candidates": [
    "Add a candidate to a selection",
    "The committee; a branch secretary's post only by a committee higher than the branch.",
  ],
  "post /api/talent/selections/{id}/reviews": [
    "Record the secretaries' review of a candidate",
    "In order; never on one's own case.",
  ],
  "post /api/talent/selections/{id}/decision": [
    "Decide a selection",
    "A committee higher than the branch; never on one's own case.",
  ],
  "get /api/orgs/{id}/talent/rules": ["The talent rules in force (ages, criteria)", "Secretaries and admins."],
  "post /api/orgs/{id}/talent/rules": ["Set the talent rules of a subtree", "Admins over the org."],
  "get /api/orgs/{id}/talent/reserves": ["The reserve pool of a subtree", "Secretaries and admins."],
  "post /api/orgs/{id}/talent/nominees": [
    "Nominate someone outside the roster to the pool",
    "Members, secretaries and admins over the org.",
  ],
  "post /api/orgs/{id}/talent/links": [
    "Create a one-time nomination link for people outside the platform",
    "Secretaries and admins.",
  ],
  "get /api/orgs/{id}/talent/coverage": [
    "A page of a subtree's branches with their reserves per track, in tree order",
    "Secretaries and admins. `after` is the last branch of the page before.",
  ],
  "get /api/orgs/{id}/talent/coverage/summary": [
    "How many of a subtree's branches meet their reserve targets",
    "Secretaries and admins. One read over the whole subtree, for the totals above the list.",
  ],
  "get /api/orgs/{id}/talent/terms": ["Terms of a subtree, by kind and status", "Secretaries and admins."],
  "get /api/orgs/{id}/talent/advisors": ["Rotating advisors' schedule of a subtree", "Secretaries and admins."],
  "post /api/orgs/{id}/talent/advisors": ["Schedule rotating advisors", "Secretaries and admins over the org."],
  "get /api/orgs/{id}/talent/posts": ["Practice posts of a subtree", "Secretaries and admins."],
  "post /api/orgs/{id}/talent/posts": ["Open a practice post", "Admins over the org."],
  "get /api/orgs/{id}/talent/selections": ["Selections of a subtree", "Secretaries and admins."],
  "post /api/orgs/{id}/talent/selections": ["Start a selection for a post", "Secretaries and admins over the org."],
  "get /api/public/talent-nominations/{token}": [
    "The nomination form a link opens",
    "Public, by one-time link: 404 unknown, 409 used, 410 expired; rate-limited per address.",
  ],
  "post /api/public/talent-nominations/{token}": ["Submit a nomination through a link", "Public, once per link."],
};
