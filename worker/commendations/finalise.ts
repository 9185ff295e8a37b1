import { and, eq, isNull, notExists } from "drizzle-orm";
import { commendationObjections, commendationRounds } from "../../schema";
import type { ArchiveKind } from "../../schema/archives/kinds";
import { auditInsert } from "../lib/audit";
import type { Db } from "../lib/db";
import { ApiError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { LoadedRound, NomineeRow } from "./service";

const KIND: ArchiveKind = "commendation";

/**
 * The result is final once the notice is over and every objection answered. One batch: each approved
 * member's archive event (inserted only while the round is still in notice, so a second finalising
 * writes nothing twice), then the round's status, guarded the same way, then the audit.
 */
export async function finalise(
  db: Db,
  actorId: string,
  loaded: LoadedRound,
  nominees: NomineeRow[],
  open: number,
  now: number,
) {
  const r = loaded.round;
  if (r.status !== "notice") throw new ApiError(409, "out_of_order", "the round is not in its public notice");
  if (r.noticeEndsAt === null || now < r.noticeEndsAt)
    throw new ApiError(409, "notice_running", "the public notice has not ended", { endsOn: r.noticeEndsOn });
  if (open) throw new ApiError(409, "objection_open", "answer every objection first", { open });
  const commended = nominees.filter((n) => n.status === "approved");
  const events = commended
    .filter(() => r.target === "member")
    .map((n) => ({
      id: newId(),
      memberId: n.subjectId,
      orgId: n.orgId,
      nomineeId: n.id,
      summary: { round: r.name, kind: r.kind, year: r.year, committee: loaded.orgName, branch: n.orgName },
    }));
  const d1 = db.$client;
  const audit = auditInsert(
    db,
    {
      actorId,
      action: "commendation_finalised",
      entity: "commendation_round",
      entityId: r.id,
      orgId: r.orgId,
      detail: { commended: commended.map((n) => n.subjectId) },
    },
    now,
  ).toSQL();
  const status = db
    .update(commendationRounds)
    .set({ status: "final", finalisedBy: actorId, finalisedAt: now })
    .where(
      and(
        eq(commendationRounds.id, r.id),
        eq(commendationRounds.status, "notice"),
        notExists(
          db
            .select({ id: commendationObjections.id })
            .from(commendationObjections)
            .where(and(eq(commendationObjections.roundId, r.id), isNull(commendationObjections.answeredAt))),
        ),
      ),
    )
    .toSQL();
  const results = await d1.batch([
    d1
      .prepare(
        `INSERT INTO archive_events (id, member_id, org_id, kind, subject_type, subject_id, summary, occurred_at, recorded_by, created_at)
         SELECT value ->> '$.id', value ->> '$.memberId', value ->> '$.orgId', ?1, 'commendation_nominee', value ->> '$.nomineeId',
                value -> '$.summary', ?2, ?3, ?2
           FROM json_each(?4)
          WHERE (SELECT status FROM commendation_rounds WHERE id = ?5) = 'notice'`,
      )
      .bind(KIND, now, actorId, JSON.stringify(events), r.id),
    d1.prepare(status.sql).bind(...status.params),
    d1.prepare(audit.sql).bind(...audit.params),
  ]);
  if (!results[1]?.meta.changes) throw new ApiError(409, "out_of_order", "the round is already final");
  return { commended: commended.length };
}
