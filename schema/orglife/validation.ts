import * as z from "zod/mini";
import { calendarDate, id, keysetFields, sheetFormat } from "../common/validation";
import { ATTENDANCE, PERIODS } from "./values";

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const required = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** A kind: a built-in code or a committee kind's id. */
const kind = z.string().check(z.regex(/^[a-z0-9_]{1,40}$/));
const hours = z.number().check(z.minimum(0.25), z.maximum(40));

export const meetingBody = z.object({
  kind,
  topic: required(200),
  meetingOn: calendarDate,
  place: z._default(text(200), ""),
  online: z._default(z.boolean(), false),
  courseId: z.optional(z.nullable(id)),
  studyHours: z.optional(z.nullable(hours)),
});

/** Re-planning a planned meeting: only what is sent changes (null clears the material or hours). */
export const meetingEditBody = z.object({
  topic: z.optional(required(200)),
  meetingOn: z.optional(calendarDate),
  place: z.optional(text(200)),
  online: z.optional(z.boolean()),
  courseId: z.optional(z.nullable(id)),
  studyHours: z.optional(z.nullable(hours)),
});

const attendanceEntry = z.object({
  userId: id,
  status: z.enum(ATTENDANCE),
  reason: z._default(text(200), ""),
});

/** Recording a held meeting, or correcting the record: minutes and the whole attendance list. */
export const recordBody = z.object({
  content: required(20000),
  decisions: z._default(text(5000), ""),
  speakers: z._default(text(500), ""),
  cycleId: z.optional(z.nullable(id)),
  studyHours: z.optional(z.nullable(hours)),
  attendance: z.array(attendanceEntry).check(z.maxLength(2000)),
});

export const yearQuery = z.object({
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
});
export const yearExportQuery = z.extend(yearQuery, { format: sheetFormat });

export const behindQuery = z.object({
  ...keysetFields,
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
});

export const kindBody = z.object({ name: required(40) });

const rhythm = z.object({
  period: z.enum(PERIODS),
  min: z.number().check(z.int(), z.minimum(0), z.maximum(31)),
});
export const rulesBody = z.object({
  fromYear: z.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
  values: z.record(kind, rhythm),
  sources: z.record(kind, required(200)),
  note: z._default(text(500), ""),
});

export const talkBody = z.object({
  talkedOn: calendarDate,
  participants: z.array(id).check(z.minLength(1), z.maxLength(20)),
  topic: required(200),
  content: z._default(text(5000), ""),
});
