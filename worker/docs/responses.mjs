// Build-time: reads every route's response types off `AppType` (the chained Hono routers) with the
// TypeScript compiler and writes them as JSON Schema to responses.gen.ts, which the Worker serves in its
// OpenAPI document. `npm run docs` rewrites it; with `--check` (npm test) it fails when stale. Deflated:
// as plain JSON it would add about 200 KB to the minified Worker bundle, deflated about 30 KB.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync, strToU8 } from "fflate";
import ts from "typescript";
import { errorWalker } from "./errors.mjs";

const root = join(import.meta.dirname, "../..");
const outFile = join(import.meta.dirname, "responses.gen.ts");
const entry = join(root, "worker/docs/__responses_entry.ts");
const entryText = `
import type { Hono } from "hono";
import type { AppType } from "../app";
import type { ErrorCode } from "../../schema/common/errors";
type RoutesOf<T> = T extends Hono<any, infer S, any> ? S : never;
export declare const routes: RoutesOf<AppType>;
export declare const errorCode: ErrorCode;
`;

/** A Hono format is json, text or (for files, see worker/lib/xlsx.ts) the media type itself. */
const mediaType = (format) => {
  if (format === "json") return "application/json";
  if (format === "text") return "text/plain";
  return format.includes("/") ? format.split(";")[0].trim() : "application/octet-stream";
};
/** `c.json(x)` without a status is typed with every status; that is a 200. */
const MANY_STATUSES = 10;

function program() {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, lang, ...rest) =>
    name === entry ? ts.createSourceFile(name, entryText, lang) : getSourceFile.call(host, name, lang, ...rest);
  host.fileExists = (name) => name === entry || fileExists.call(host, name);
  return ts.createProgram([entry], config.options, host);
}

const unconverted = new Set();
function converter(checker) {
  const F = ts.TypeFlags;
  const literal = (t) => (t.flags & F.BooleanLiteral ? t.intrinsicName === "true" : t.value);
  const kind = (t) =>
    t.flags & F.StringLiteral
      ? "string"
      : t.flags & F.NumberLiteral
        ? "number"
        : t.flags & F.BooleanLiteral
          ? "boolean"
          : null;
  const stack = new Set();
  // What JSONParsed leaves of `unknown` (audit details): symbols never reach JSON.
  const NOT_JSON = F.ESSymbolLike | F.BigIntLike | F.NonPrimitive;

  function union(types) {
    const present = types.filter((t) => !(t.flags & (F.Undefined | F.Void | NOT_JSON)));
    const literals = present.filter(kind);
    const rest = present.filter((t) => !kind(t)).map(schema);
    const byKind = Object.groupBy(literals, kind);
    for (const [k, ts_] of Object.entries(byKind)) {
      const values = ts_.map(literal);
      if (k === "boolean" && values.length === 2) rest.push({ type: "boolean" });
      else rest.push(values.length === 1 ? { type: k, const: values[0] } : { type: k, enum: values });
    }
    const nullable = rest.some((s) => s.type === "null");
    const others = rest.filter((s) => s.type !== "null");
    if (nullable && others.length === 1 && typeof others[0].type === "string" && !others[0].const) {
      const [one] = others;
      return { ...one, type: [one.type, "null"], ...(one.enum ? { enum: [...one.enum, null] } : {}) };
    }
    // One member that is anything makes the union anything (what JSONParsed makes of `unknown`).
    if (rest.some((s) => Object.keys(s).length === 0)) return {};
    return rest.length === 1 ? rest[0] : { anyOf: rest };
  }

  function object(t) {
    const properties = {};
    const required = [];
    for (const p of checker.getPropertiesOfType(t)) {
      if (p.escapedName.startsWith("__@")) continue; // symbol-keyed: never in JSON
      const pt = checker.getTypeOfSymbol(p);
      const optional =
        p.flags & ts.SymbolFlags.Optional || (pt.isUnion() && pt.types.some((m) => m.flags & F.Undefined));
      properties[p.name] = schema(pt);
      if (!optional) required.push(p.name);
    }
    const [index] = checker.getIndexInfosOfType(t);
    const additional = index && schema(index.type);
    return {
      type: "object",
      properties,
      ...(required.length ? { required } : {}),
      ...(additional ? { additionalProperties: additional } : {}),
    };
  }

  // A recursive type (JSON values, trees) repeats a type already being converted: its inner levels stay open.
  function schema(t) {
    if (!(t.flags & (F.Union | F.Object | F.Intersection))) return exact(t);
    const key = checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation);
    if (stack.has(key)) return {};
    stack.add(key);
    try {
      return exact(t);
    } finally {
      stack.delete(key);
    }
  }

  function exact(t) {
    const f = t.flags;
    if (f & (F.Any | F.Unknown | NOT_JSON)) return {};
    if (f & F.Null) return { type: "null" };
    if (f & F.Never) return { not: {} };
    if (f & F.Boolean) return { type: "boolean" };
    if (t.isUnion()) return union(t.types);
    if (kind(t)) return union([t]);
    if (f & (F.String | F.TemplateLiteral)) return { type: "string" };
    if (f & F.Number) return { type: "number" };
    if (checker.isTupleType(t)) {
      const items = checker.getTypeArguments(t).map(schema);
      return { type: "array", prefixItems: items, minItems: items.length, maxItems: items.length };
    }
    if (checker.isArrayType(t)) return { type: "array", items: schema(checker.getTypeArguments(t)[0]) };
    // A primitive with a brand (`string & { __brand }`) is that primitive.
    const primitive = t.isIntersection() && t.types.find((m) => m.flags & F.Primitive);
    if (primitive) return schema(primitive);
    if (f & (F.Object | F.Intersection)) return object(t);
    unconverted.add(checker.typeToString(t));
    return {};
  }
  return schema;
}

function generate() {
  const prog = program();
  const checker = prog.getTypeChecker();
  const source = prog.getSourceFile(entry);
  const problems = ts.getPreEmitDiagnostics(prog, source);
  if (problems.length) throw new Error(ts.flattenDiagnosticMessageText(problems[0].messageText, "\n"));
  const declared = Object.fromEntries(
    source.statements
      .filter(ts.isVariableStatement)
      .map((s) => s.declarationList.declarations[0])
      .map((d) => [d.name.text, checker.getTypeAtLocation(d.name)]),
  );
  const schema = converter(checker);
  const prop = (t, name) => checker.getTypeOfSymbol(checker.getPropertyOfType(t, name));
  const operations = {};
  // `{ error: { code, message, details } }`, described once in the document (components.schemas.Error).
  const isErrorBody = (t) => {
    const error = checker.getPropertyOfType(t, "error");
    return (
      !!error &&
      ["code", "message", "details"].every((k) => checker.getPropertyOfType(checker.getTypeOfSymbol(error), k))
    );
  };
  const pieces = declared.routes.isUnion() ? declared.routes.types : [declared.routes];
  for (const pathSym of pieces.flatMap((piece) => checker.getPropertiesOfType(piece))) {
    const path = `/api${pathSym.name === "/" ? "" : pathSym.name}`.replace(/:(\w+)/g, "{$1}");
    for (const methodSym of checker.getPropertiesOfType(checker.getTypeOfSymbol(pathSym))) {
      const endpoint = checker.getTypeOfSymbol(methodSym);
      const responses = {};
      for (const e of endpoint.isUnion() ? endpoint.types : [endpoint]) {
        const status = prop(e, "status");
        const statuses =
          status.isUnion() && status.types.length > MANY_STATUSES
            ? ["200"]
            : (status.isUnion() ? status.types : [status]).map((s) => String(s.value));
        const format = prop(e, "outputFormat");
        const formats = (format.isUnion() ? format.types : [format]).map((m) =>
          m.flags & ts.TypeFlags.StringLiteral ? m.value : "*/*",
        );
        const output = prop(e, "output");
        for (const code of statuses) {
          for (const fmt of formats) {
            const type = mediaType(fmt);
            const body =
              type !== "application/json"
                ? { type: "string", ...(type === "text/plain" ? {} : { format: "binary" }) }
                : Number(code) >= 400 && isErrorBody(output)
                  ? { $ref: "#/components/schemas/Error" }
                  : schema(output);
            responses[code] ??= {};
            const prior = responses[code][type];
            responses[code][type] = !prior ? body : { anyOf: [...(prior.anyOf ?? [prior]), body] };
          }
        }
      }
      operations[`${methodSym.name.slice(1)} ${path}`] = responses;
    }
  }
  const errorCodes = declared.errorCode.types.map((t) => t.value);
  const errors = errorWalker(prog, root)(join(root, "worker/app.ts"));
  if (errors.unresolved.length)
    throw new Error(`docs: no literal error code or status at ${errors.unresolved.join("; ")}`);
  const missing = Object.keys(operations).filter((op) => !errors.operations[op]);
  if (missing.length) throw new Error(`docs: no route found in the source for ${missing.join(", ")}`);
  const thrown = { operations: errors.operations, everyOperation: errors.everyOperation };
  const json = JSON.stringify({ errorCodes, operations, errors: thrown });
  const deflated = Buffer.from(deflateSync(strToU8(json), { level: 9 }));
  return `// Generated by worker/docs/responses.mjs (npm run docs) from the handlers' types: deflated JSON.
export const RESPONSES = "${deflated.toString("base64")}";
`;
}

const text = generate();
if (unconverted.size) {
  console.error(`No JSON Schema for: ${[...unconverted].join(", ")}`);
  process.exit(1);
}
if (process.argv.includes("--check")) {
  if (readFileSync(outFile, "utf8") !== text) {
    console.error("worker/docs/responses.gen.ts is stale: a handler's response changed. Run `npm run docs`.");
    process.exit(1);
  }
} else writeFileSync(outFile, text);
