// `BENCH_PROFILE=1 npm run bench NAME`: a CPU profile of the Worker (workerd's V8 inspector) around each
// measured row, printed as the functions that spent the most time themselves. Bench only.
import WebSocket from "ws";

export const PROFILE_PORT = 9239;

/** Connects to the app Worker's inspector; `around(fn)` profiles fn and prints the top functions. */
export async function connectProfiler(port = PROFILE_PORT) {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const target = targets.find((t) => t.title?.includes("app")) ?? targets[0];
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((done, fail) => {
    ws.once("open", done);
    ws.once("error", fail);
  });
  let nextId = 1;
  const waiting = new Map();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data));
    if (msg.id && waiting.has(msg.id)) {
      waiting.get(msg.id)(msg.result);
      waiting.delete(msg.id);
    }
  });
  const call = (method, params = {}) =>
    new Promise((done) => {
      const id = nextId++;
      waiting.set(id, done);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: 100 });
  return {
    async around(fn, top = 18) {
      await call("Profiler.start");
      const out = await fn();
      const { profile } = await call("Profiler.stop");
      printTop(profile, top);
      return out;
    },
    close: () => ws.close(),
  };
}

const frameName = ({ callFrame: f }) =>
  `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;

/** Self time per function, then time including callees for the app's own named functions. */
function printTop(profile, top) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const inclusive = new Map();
  for (const id of profile.samples) {
    const key = frameName(byNode.get(id));
    self.set(key, (self.get(key) ?? 0) + 1);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const node = byNode.get(at);
      if (!node.callFrame.url.endsWith("index.js") || !node.callFrame.functionName) continue;
      const k = frameName(node);
      if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
      seen.add(k);
    }
  }
  const total = profile.samples.length;
  const print = (title, map) => {
    console.log(`   ${title}`);
    for (const [key, n] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`   ${((n / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  };
  print("self", self);
  print("with callees (the app's named functions)", inclusive);
}
