import type { EvidenceKind } from "../../schema/talent/values";
import { type YearHoursRow, yearHoursSql } from "../courses";
import { type LatestGradeRow, latestGradeSql } from "../evaluations";
import { yearOf } from "../lib/day";
import type { Db } from "../lib/db";
import { readBatch } from "../lib/sql";
import { type MemberRatingRow, memberRatingShare, memberRatingsSql } from "../masses";
import { confirmedServiceSql, type ServiceSumRow } from "../services";
import { bandOf, type LatestScoreRow, latestScoreSql } from "../vanguard";

const YEAR = 366 * 86_400_000;

export type Evidence = Record<EvidenceKind, Record<string, unknown> | null> & { asOf: number };

/**
 * What the records say about a member, as the committee sees it when assessing: this year's credited
 * 学时, the latest closed appraisal's grade, the latest vanguard index as its band (never the score),
 * the year's confirmed service and the masses' verdict on the year's pledges (whole rounds above k only).
 * ONE round trip of five statements, each from the feature that keeps the record. Null: nothing recorded.
 */
export async function evidenceOf(db: Db, memberId: string, now: number): Promise<Evidence> {
  const year = yearOf(now);
  const [[hours], [grade], [score], [service], pledgeRows] = await readBatch<
    [YearHoursRow, LatestGradeRow, LatestScoreRow, ServiceSumRow, MemberRatingRow]
  >(db, [
    yearHoursSql(memberId, year),
    latestGradeSql(memberId),
    latestScoreSql(memberId),
    confirmedServiceSql(memberId, now - YEAR),
    memberRatingsSql(memberId, "pledge", now - YEAR, now),
  ]);
  const pledges = memberRatingShare(pledgeRows, "no_pledges");
  return {
    asOf: now,
    study: hours && hours.online + hours.offline > 0 ? { year, online: hours.online, offline: hours.offline } : null,
    appraisal: grade ? { grade: grade.grade, periodStart: grade.periodStart, periodEnd: grade.periodEnd } : null,
    vanguard: score ? { band: bandOf(score.score), status: score.status, periodEnd: score.periodEnd } : null,
    service: service?.records ? { records: service.records, hours: service.hours } : null,
    pledges: "value" in pledges ? { share: pledges.value, rounds: pledges.sources.length } : null,
  };
}
