import type { R2Bucket } from "@cloudflare/workers-types";
import { materials } from "../../schema";
import { MATERIAL_TYPES } from "../../schema/courses/values";
import type { Db } from "../lib/db";
import { ApiError, notFound } from "../lib/errors";
import { newId } from "../lib/ids";
import type { CourseRow } from "./access";

export const materialKey = (courseId: string, file: string) => `courses/${courseId}/${file}`;
/** Where a stored file is served (under the course's own access check). */
export const materialUrl = (courseId: string, key: string) =>
  `/api/courses/${courseId}/materials/${key.split("/").pop()}`;

/** Stores one uploaded file in R2 (type and size checked first: 415 and 413) and records it. */
export async function uploadMaterial(
  db: Db,
  bucket: R2Bucket,
  actorId: string,
  course: CourseRow,
  req: Request,
  name: string | undefined,
) {
  const contentType = (req.headers.get("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const rule = MATERIAL_TYPES[contentType];
  if (!rule) {
    throw new ApiError(415, "unsupported_type", "upload MP4/WebM video, PDF or slides, or PNG/JPEG/WebP images", {
      allowed: Object.keys(MATERIAL_TYPES),
    });
  }
  const tooLarge = () =>
    new ApiError(413, "too_large", `files of this type may be at most ${rule.maxBytes} bytes`, {
      maxBytes: rule.maxBytes,
    });
  const declared = Number(req.headers.get("Content-Length") ?? Number.NaN);
  if (declared > rule.maxBytes) throw tooLarge();
  const body = await req.arrayBuffer();
  if (body.byteLength > rule.maxBytes) throw tooLarge();
  if (body.byteLength === 0) throw new ApiError(400, "empty_file", "the file is empty");
  const file = newId();
  const key = materialKey(course.id, file);
  await bucket.put(key, body, { httpMetadata: { contentType } });
  const row = {
    key,
    courseId: course.id,
    contentType,
    size: body.byteLength,
    name: (name ?? file).slice(0, 200),
    uploadedBy: actorId,
    createdAt: Date.now(),
  };
  await db.insert(materials).values(row);
  return { key, file, url: materialUrl(course.id, key), contentType, size: row.size, use: rule.use };
}

/** "bytes=a-b", "bytes=a-", "bytes=-n" (one range) -> [start, end] inclusive, null = whole, "bad" = 416. */
function parseRange(header: string | null, size: number): [number, number] | null | "bad" {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return "bad";
  let start: number;
  let end: number;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "bad";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return "bad";
  return [start, end];
}

/** Streams a stored file with range support (206 + Content-Range), its own type, private caching. */
export async function serveMaterial(bucket: R2Bucket, key: string, rangeHeader: string | null) {
  const head = await bucket.head(key);
  if (!head) throw notFound("file");
  const size = head.size;
  const range = parseRange(rangeHeader, size);
  const headers = new Headers({
    "Content-Type": head.httpMetadata?.contentType ?? "application/octet-stream",
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, max-age=3600",
    ETag: head.httpEtag,
    "Content-Disposition": "inline",
  });
  if (range === "bad") {
    headers.set("Content-Range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const [start, end] = range ?? [0, size - 1];
  const obj = await bucket.get(key, range ? { range: { offset: start, length: end - start + 1 } } : undefined);
  if (!obj || !("body" in obj)) throw notFound("file");
  headers.set("Content-Length", String(end - start + 1));
  if (range) headers.set("Content-Range", `bytes ${start}-${end}/${size}`);
  return new Response(obj.body as unknown as ReadableStream, { status: range ? 206 : 200, headers });
}
