// The README's cost model, computed from what the bench printed: D1 rows read and written per
// operation (the meter's "D1: …" lines), storage per member and per attempt, and the yearly cycle
// opened in three tenants (the opt-in bench). Prices and limits are Cloudflare's published ones; the
// usage per member is an assumption, stated below and in the README.
//   npm run bench > bench.log; npm run bench evaluations-scale > scale.log
//   node tests/bench/cost.mjs bench.log scale.log     (prints the README's tables in Markdown)
import { readFileSync } from "node:fs";

// Workers Paid, looked up 2026-12-01 (developers.cloudflare.com: workers/platform/pricing,
// d1/platform/pricing, queues/platform/pricing, r2/pricing; limits: d1/platform/limits,
// queues/platform/limits).
const PRICE = {
  plan: 5,
  requests: { included: 10e6, perMillion: 0.3 },
  cpuMs: { included: 30e6, perMillion: 0.02 },
  rowsRead: { included: 25e9, perMillion: 0.001 },
  rowsWritten: { included: 50e6, perMillion: 1 },
  d1GB: { included: 5, perGBMonth: 0.75 },
  queueOps: { included: 1e6, perMillion: 0.4, perMessage: 3 },
  r2GB: { included: 10, perGBMonth: 0.015 },
  r2ClassB: { included: 10e6, perMillion: 0.36 },
};
const LIMIT = {
  dbBytes: 10e9,
  accountD1Bytes: 1e12,
  queueMessagesPerSecond: 5000,
  sendBatch: 100,
  concurrentConsumers: 250,
};

// Usage per member and month, and what the model takes for what the bench does not measure.
const USAGE = {
  lessons: 8,
  quizAttempts: 1,
  myStudyPages: 15,
  homePages: 15,
  membersPerBranch: 30, // one secretary each
  rosterPagesPerSecretary: 20,
  reportPagesPerSecretary: 20,
  cyclesPerBranchYear: 1,
  messagesPerCycle: 8, // opening, phase boundaries, two reminders, closing: one message each
  ticksPerMonth: 2880, // every 15 minutes
  cpuMsPerInvocation: 2, // not measurable locally: Workers bill CPU, not the wait for D1
  bytesPerLesson: 500, // not measured: two rows at about 250 bytes
  yearsKept: 3,
  materialsGB: 100, // course materials in R2, with the courses rather than the members
  r2ReadsPerLesson: 1,
  busiestHourShare: 0.01,
  statementsPerSecondPerDb: 500, // half of D1's one query at a time at about 1 ms
  dbFill: 0.5, // of the 10 GB cap: headroom for growth and larger branches
  consumerBatch: 10, // max_batch_size in wrangler.toml
  msPerStatement: 1,
};
const SIZES = [60_000, 3_000_000, 10_000_000];

const lines = process.argv
  .slice(2)
  .flatMap((f) => readFileSync(f, "utf8").split("\n"))
  .map((l) => l.trim());

/** The "D1: …" line whose label starts with `label`, as numbers. */
function op(label) {
  const re = /^D1: (.+?)\s+([\d.]+) queries\s+([\d.]+) rows read\s+([\d.]+) rows written(?:, (\d+) API requests?)?/;
  for (const l of lines) {
    const m = re.exec(l);
    if (m?.[1].startsWith(label))
      return { queries: +m[2], rowsRead: +m[3], rowsWritten: +m[4], requests: m[5] === undefined ? 0 : +m[5] };
  }
  throw new Error(`the bench output has no line "D1: ${label}…"`);
}
function number(re) {
  for (const l of lines) {
    const m = re.exec(l);
    if (m) return m.slice(1).map(Number);
  }
  throw new Error(`the bench output has no line matching ${re}`);
}

const ops = {
  lesson: op("courses: a lesson studied"),
  myStudy: op("courses: my study page"),
  home: op("courses: home page"),
  quiz: op("quizzes: one attempt with 5 autosaves"),
  roster: op("roster page of 50"),
  report: op("courses: branch study report, page of 50"),
  courseRates: op("courses: branch course rates and flagged"),
  opened: op("evaluations: a cycle opened, per branch"),
  closed: op("evaluations: a cycle closed and scored, per branch"),
  // One tenant's tick in its consumer invocation (tests/bench/tenants.bench.mjs).
  idleTick: op("cron: tenant home's idle tick"),
};
// The cron's own invocation: it only sends each tenant its tick (0 statements, whatever their number).
const [cronStatements] = number(/the scheduled invocation ran (\d+) D1 statements for \d+ tenants/);
const [memberBytes] = number(/(\d+) bytes a member \(user, membership, indexes\)/);
const [cycleBytes] = number(/(\d+) bytes a member for the cycle and its notices/);
const [attemptBytes] = number(/(\d+) bytes an attempt with its answers/);

// Per member and month.
const U = USAGE;
const perSecretary = 1 / U.membersPerBranch;
const member = { requests: 0, queries: 0, rowsRead: 0, rowsWritten: 0 };
const uses = [
  [ops.lesson, U.lessons],
  [ops.quiz, U.quizAttempts],
  [ops.myStudy, U.myStudyPages],
  [ops.home, U.homePages],
  [ops.roster, U.rosterPagesPerSecretary * perSecretary],
  [ops.report, U.reportPagesPerSecretary * perSecretary],
];
for (const [o, n] of uses) for (const k of Object.keys(member)) member[k] += o[k] * n;
// The cycle: opened and closed as measured; the messages between at an opening's cost each (an upper
// bound: each notifies the branch as the opening does).
const cycleShare = (U.cyclesPerBranchYear / 12) * perSecretary;
const between = U.messagesPerCycle - 2;
for (const k of ["queries", "rowsRead", "rowsWritten"])
  member[k] += cycleShare * (ops.opened[k] + ops.closed[k] + between * ops.opened[k]);
const messagesPerMember = cycleShare * U.messagesPerCycle;
const yearlyBytes =
  cycleBytes * U.cyclesPerBranchYear + 12 * (U.quizAttempts * attemptBytes + U.lessons * U.bytesPerLesson);
const storedBytes = (n) => n * (memberBytes + U.yearsKept * yearlyBytes);

const over = (used, { included, perMillion }) => (Math.max(0, used - included) / 1e6) * perMillion;
const money = (x) => `$${x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const millions = (x) => `${(x / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 })} M`;
const billions = (x) => `${(x / 1e9).toLocaleString("en-US", { maximumFractionDigits: 2 })} B`;
const gb = (b) => `${(b / 1e9).toLocaleString("en-US", { maximumFractionDigits: 1 })} GB`;
const int = (x) => Math.round(x).toLocaleString("en-US");

function model(n) {
  const stored = storedBytes(n);
  const bySize = Math.ceil(stored / (LIMIT.dbBytes * U.dbFill));
  // Statements by members first, to size the tenants by throughput; then each tenant's cron ticks.
  const memberStatements = n * member.queries;
  const busiest = (memberStatements * U.busiestHourShare) / 3600;
  const byThroughput = Math.ceil(busiest / U.statementsPerSecondPerDb);
  const tenants = Math.max(bySize, byThroughput);
  const ticks = tenants * U.ticksPerMonth;
  const rowsRead = n * member.rowsRead + ticks * ops.idleTick.rowsRead;
  const rowsWritten = n * member.rowsWritten + ticks * ops.idleTick.rowsWritten;
  const work = n * messagesPerMember + tenants * 30; // and each tenant's daily figures
  const messages = work + ticks; // a tick is a message to its tenant
  // Requests, the cron, one consumer invocation a tick, the rest in batches.
  const invocations = n * member.requests + U.ticksPerMonth + ticks + Math.ceil(work / U.consumerBatch);
  const lessonsRead = n * U.lessons * U.r2ReadsPerLesson;
  const cost = {
    requests: over(invocations, PRICE.requests),
    cpu: over(invocations * U.cpuMsPerInvocation, PRICE.cpuMs),
    reads: over(rowsRead, PRICE.rowsRead),
    writes: over(rowsWritten, PRICE.rowsWritten),
    storage: Math.max(0, stored / 1e9 - PRICE.d1GB.included) * PRICE.d1GB.perGBMonth,
    queues: over(messages * PRICE.queueOps.perMessage, PRICE.queueOps),
    r2: Math.max(0, U.materialsGB - PRICE.r2GB.included) * PRICE.r2GB.perGBMonth + over(lessonsRead, PRICE.r2ClassB),
  };
  const total = PRICE.plan + Object.values(cost).reduce((a, b) => a + b, 0);
  return {
    n,
    stored,
    bySize,
    busiest,
    byThroughput,
    tenants,
    invocations,
    rowsRead,
    rowsWritten,
    messages,
    cost,
    total,
  };
}

const rows = SIZES.map(model);
const table = (head, body) =>
  [
    `| ${head.join(" | ")} |`,
    `| ${head.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...body.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

const measured = [
  ["A lesson studied: opened, read to 50 %, to 100 %", ops.lesson],
  ['"My study" page', ops.myStudy],
  ["Home page of that member", ops.home],
  ["A quiz attempt: start, page, 5 autosaves, submit", ops.quiz],
  ["Roster page of 50", ops.roster],
  ["Branch study report, a page of 50 of 200 members", ops.report],
  ["That branch's course rates and flagged completions, kept (200 members)", ops.courseRates],
  ["A cycle opened, per branch of 30 (its share of the tick, and its message)", ops.opened],
  ["A cycle closed and its branch index scored, per branch of 30", ops.closed],
  ["An idle cron tick of one tenant (its own invocation), every job of the Worker", ops.idleTick],
];
const one = (x) => (Number.isInteger(x) ? int(x) : x.toLocaleString("en-US", { maximumFractionDigits: 1 }));
console.log(
  table(
    ["Operation", "API requests", "D1 statements", "Rows read", "Rows written"],
    measured.map(([name, o]) => [
      name,
      o.requests ? int(o.requests) : "—",
      one(o.queries),
      one(o.rowsRead),
      one(o.rowsWritten),
    ]),
  ),
);
console.log(
  `\nStorage: ${memberBytes} bytes a member, ${cycleBytes} bytes a member for a cycle and its notices, ${attemptBytes} bytes a quiz attempt with its answers.\n`,
);
console.log(
  `Per member and month: ${member.requests.toFixed(1)} API requests, ${member.queries.toFixed(0)} D1 statements, ${int(member.rowsRead)} rows read, ${int(member.rowsWritten)} rows written, ${messagesPerMember.toFixed(2)} queue messages; ${(yearlyBytes / 1e3).toFixed(0)} KB stored a year (${Math.round((1200 * U.quizAttempts * attemptBytes) / yearlyBytes)}% of it quiz answers) beside ${memberBytes} bytes for the member.\n`,
);
console.log(
  table(
    [
      "Members",
      "Requests / month",
      "Rows read",
      "Rows written",
      "Stored (3 years)",
      "Queue messages",
      "Workers requests",
      "Workers CPU",
      "D1 reads",
      "D1 writes",
      "D1 storage",
      "Queues",
      "R2",
      "Total / month",
      "Tenants by size (≤ 5 GB)",
      "Busiest hour → by throughput",
    ],
    rows.map((r) => [
      int(r.n),
      millions(r.invocations),
      billions(r.rowsRead),
      millions(r.rowsWritten),
      gb(r.stored),
      int(r.messages),
      money(r.cost.requests),
      money(r.cost.cpu),
      money(r.cost.reads),
      money(r.cost.writes),
      money(r.cost.storage),
      money(r.cost.queues),
      money(r.cost.r2),
      `**${money(r.total)}**`,
      int(r.bySize),
      `${int(r.busiest)}/s → ${r.byThroughput}`,
    ]),
  ),
);
const tenantOf = 60_000;
console.log(
  `\nA tenant of ${int(tenantOf)} members adds ${gb(tenantOf * yearlyBytes)} a year: ${((LIMIT.dbBytes - tenantOf * memberBytes) / (tenantOf * yearlyBytes)).toFixed(1)} years to D1's ${gb(LIMIT.dbBytes)} cap; ${int((LIMIT.dbBytes * U.dbFill) / (memberBytes + U.yearsKept * yearlyBytes))} members fill half of it in ${U.yearsKept} years.`,
);
for (const r of rows) {
  if (r.stored > LIMIT.accountD1Bytes)
    console.log(
      `\n${int(r.n)} members store ${gb(r.stored)}, past D1's ${gb(LIMIT.accountD1Bytes)} per account: ${Math.ceil(r.stored / LIMIT.accountD1Bytes)} accounts, or a raised limit.`,
    );
}

// The yearly cycle at province scale, from the three tenants the opt-in bench opened.
const scaleLines = lines.some((l) => l.startsWith("scale: cron tick"));
if (scaleLines) {
  const [tenantsRun, tickMs, openMs] = number(
    /^scale: cron tick over (\d+) tenants returned in (\d+) ms; every cycle open after (\d+) ms/,
  );
  const [sent, , delivered] = number(/^scale: queue messages sent (\d+) in (\d+) sendBatch calls; delivered (\d+)/);
  const [seeded, branchesPerTenant, perBranch] = number(/^fixture: (\d+) tenants × (\d+) branches × (\d+) members/);
  const per = [];
  for (let i = 1; i <= seeded; i++) per.push(op(`scale: tenant t${i}, per branch`));
  // A log from before the cron fanned out labels the scheduled invocation's share "the tick".
  const tick = op(
    lines.some((l) => l.includes("scale: tenant t1, the scheduled invocation"))
      ? "scale: tenant t1, the scheduled invocation"
      : "scale: tenant t1, the tick",
  );
  const avg = (k) => per.reduce((a, p) => a + p[k], 0) / per.length;
  const msPerMessage = (openMs - tickMs) / delivered;
  const members = 3_000_000;
  const branches = members / perBranch;
  console.log(
    `\nMeasured: ${seeded} tenants × ${int(branchesPerTenant * perBranch)} members (${int(seeded * branchesPerTenant)} branches), one tick over ${tenantsRun} tenants in ${(tickMs / 1000).toFixed(1)} s, ${int(sent)} messages sent and ${int(delivered)} delivered, every cycle open after ${(openMs / 1000).toFixed(0)} s with workerd's one consumer invocation at a time (${msPerMessage.toFixed(0)} ms a message); per branch ${avg("queries").toFixed(1)} statements, ${avg("rowsRead").toFixed(1)} rows read, ${avg("rowsWritten").toFixed(1)} rows written (tick + message); the scheduled invocation ${tick.queries} statements on each tenant's database.\n`,
  );
  const layouts = [
    [
      `${int(branchesPerTenant * perBranch)} a tenant, as measured`,
      Math.ceil(members / (branchesPerTenant * perBranch)),
    ],
    ["by size (the table)", model(members).tenants],
  ];
  console.log(
    table(
      [
        `${int(members)} members, ${int(branches)} branches`,
        "Tenants",
        "Messages (1 queue)",
        "Queue floor at 5,000/s",
        `Consumers at ${LIMIT.concurrentConsumers} × batch of ${U.consumerBatch}`,
        "D1 per tenant at 1 ms a statement",
        "The cron's invocation",
        "Tick messages (an invocation each)",
        "Rows written",
      ],
      layouts.map(([name, t]) => {
        const messages = branches * (sent / (seeded * branchesPerTenant));
        const floor = messages / LIMIT.queueMessagesPerSecond;
        const consumers = (messages * msPerMessage) / 1000 / LIMIT.concurrentConsumers;
        const d1 = ((branches / t) * avg("queries") * U.msPerStatement) / 1000;
        return [
          name,
          int(t),
          `${int(messages)} in ${int(messages / LIMIT.sendBatch)} sendBatch calls`,
          `${floor.toFixed(0)} s`,
          `${consumers.toFixed(0)} s at ${msPerMessage.toFixed(0)} ms a message`,
          `${d1.toFixed(1)} s`,
          `${cronStatements} D1 statements, ${Math.ceil(t / LIMIT.sendBatch)} sendBatch call${t > LIMIT.sendBatch ? "s" : ""}`,
          int(t),
          millions(branches * avg("rowsWritten")),
        ];
      }),
    ),
  );
}
