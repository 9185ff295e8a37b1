import { sql } from "drizzle-orm";

export interface ServiceSumRow {
  records: number;
  hours: number;
}

/** One statement for a read batch: the member's service records the secretary confirmed, served since `since`. */
export const confirmedServiceSql = (memberId: string, since: number) =>
  sql`SELECT count(*) AS records, coalesce(sum(hours), 0) AS hours FROM service_records
       WHERE member_id = ${memberId} AND served_at >= ${since} AND status = 'confirmed'`;
