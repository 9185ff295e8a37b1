import { html, raw } from "hono/html";
import type { OpenApiDocument, Operation } from "./openapi";

/**
 * A self-contained page (no CDN) listing every operation with its parameters, body and responses, and a
 * form per operation that sends the request with this browser's session cookie ("try it").
 */
export function docsPage(doc: OpenApiDocument) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>API 文档</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem}
details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.4rem .8rem}
summary{cursor:pointer;font-family:ui-monospace,monospace;overflow-wrap:anywhere}b{display:inline-block;min-width:4.5em;color:#b00}
pre,textarea{background:#f6f6f6;padding:.5rem;overflow:auto;font:12px ui-monospace,monospace;max-height:24rem}
textarea{width:100%;box-sizing:border-box;min-height:6rem}label{display:block;margin:.3rem 0}
input{font:inherit;margin-left:.4rem}form{border-top:1px dashed #ccc;margin-top:.5rem;padding-top:.5rem}</style></head>
<body><h1>API 文档 · ${doc.info.title}</h1>
<p>${doc.info.description}</p>
<p><a href="/api/openapi.json">openapi.json</a> · 先在本站登录，表单即以当前会话发送请求 (the forms send requests with this browser's session).</p>
${ops.map(
  ({ path, method, op }) => html`<details><summary><b>${method.toUpperCase()}</b>${path} — ${op.summary}</summary>
<pre>${raw(escapeJson({ parameters: op.parameters, requestBody: op.requestBody, responses: successes(op) }))}</pre>
${tryForm(method, path, op)}</details>`,
)}
<script>${raw(TRY_SCRIPT)}</script>
</body></html>`;
}

function tryForm(method: string, path: string, op: Operation) {
  return html`<form data-method="${method}" data-path="${path}">
${op.parameters.map(
  (p) =>
    html`<label>${p.name} (${p.in}${p.required ? ", required" : ""})<input name="${p.name}" data-in="${p.in}"${p.required ? raw(" required") : ""}></label>`,
)}
${op.requestBody ? html`<label>JSON body<textarea name="body">{}</textarea></label>` : ""}
<button>发送 Send</button><pre hidden></pre></form>`;
}

// Fills the path, adds the query, sends the JSON body; shows the status and the answer (files by size).
const TRY_SCRIPT = `document.addEventListener("submit", async (e) => {
  const form = e.target; e.preventDefault();
  const out = form.querySelector("pre"); out.hidden = false; out.textContent = "…";
  let path = form.dataset.path; const query = new URLSearchParams();
  for (const input of form.querySelectorAll("input")) {
    if (input.dataset.in === "path") path = path.replace("{" + input.name + "}", encodeURIComponent(input.value));
    else if (input.value !== "") query.append(input.name, input.value);
  }
  const body = form.elements.body?.value;
  try {
    const res = await fetch(path + (query.size ? "?" + query : ""), { method: form.dataset.method.toUpperCase(),
      credentials: "same-origin", headers: body ? { "content-type": "application/json" } : {}, body });
    const type = res.headers.get("content-type") || "";
    const text = type.includes("json") ? JSON.stringify(await res.json(), null, 2)
      : type.startsWith("text/plain") ? await res.text() : type + ", " + (await res.blob()).size + " bytes";
    out.textContent = res.status + " " + res.statusText + "\\n" + text;
  } catch (err) { out.textContent = String(err); }
});`;

const successes = (op: Operation) =>
  Object.fromEntries(Object.entries(op.responses).filter(([s]) => s.startsWith("2")));

const escapeJson = (value: unknown) =>
  JSON.stringify(value, null, 2).replace(/[&<>]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[ch] ?? ch);
