import { html, raw } from "hono/html";
import type { buildOpenApi } from "./openapi";

/** A self-contained page (no CDN) listing every operation with its parameters and body schema. */
export function docsPage(doc: ReturnType<typeof buildOpenApi>) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>API 文档</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem}
details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.4rem .8rem}
summary{cursor:pointer;font-family:ui-monospace,monospace}b{display:inline-block;min-width:4.5em;color:#b00}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:12px}</style></head>
<body><h1>API 文档 · ${doc.info.title}</h1><p><a href="/api/openapi.json">openapi.json</a></p>
${ops.map(
  ({ path, method, op }) => html`<details><summary><b>${method.toUpperCase()}</b>${path}</summary>
<pre>${raw(escapeJson({ parameters: op.parameters, requestBody: op.requestBody }))}</pre></details>`,
)}
</body></html>`;
}

const escapeJson = (value: unknown) =>
  JSON.stringify(value, null, 2).replace(/[&<>]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[ch] ?? ch);
