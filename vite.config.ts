import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cloudflare } from "@cloudflare/vite-plugin";
import { defineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";

const web = resolve(import.meta.dirname, "web");
const isChartModule = (file: string) => /\/(Chart|DataTable)-[\w-]+\.js$/.test(file);

/**
 * Builds web/pwa/sw.ts into /sw.js with the list of every built and public file (the shell it keeps)
 * and a version from their contents: any change to the app is a new service worker, announced to the page.
 */
function serviceWorker(): Plugin {
  return {
    name: "service-worker",
    apply: "build",
    enforce: "post",
    buildStart() {
      this.emitFile({ type: "chunk", id: join(web, "pwa/sw.ts"), fileName: "sw.js" });
    },
    generateBundle(_, bundle) {
      const hash = createHash("sha256");
      const shell: string[] = [];
      for (const [name, file] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        if (name === "sw.js") continue;
        // The page is kept as "/": Workers Assets redirects /index.html there, and a redirect cannot answer a navigation.
        shell.push(name === "index.html" ? "/" : `/${name}`);
        hash.update(name).update(file.type === "chunk" ? file.code : file.source);
      }
      const pub = join(web, "public");
      for (const name of readdirSync(pub, { recursive: true, encoding: "utf8" }).sort()) {
        if (!name.includes(".")) continue; // a folder
        shell.push(`/${name}`);
        hash.update(name).update(readFileSync(join(pub, name)));
      }
      const sw = bundle["sw.js"];
      if (sw?.type !== "chunk") throw new Error("sw.js was not built");
      const version = hash.digest("hex").slice(0, 12);
      sw.code = `const SHELL = ${JSON.stringify(shell)};\nconst VERSION = "${version}";\n${sw.code}`;
    },
  };
}

/**
 * Puts the shell's stylesheet (about 5 KB gzip) into index.html itself: a linked one blocks the first paint
 * for a round trip of its own. Only the entry's CSS: a page's own CSS still comes with its chunk.
 */
function inlineShellCss(): Plugin {
  return {
    name: "inline-shell-css",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, { bundle }) {
        if (!bundle) throw new Error("index.html is transformed without its bundle");
        return html.replace(/<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)">/g, (_, name: string) => {
          const css = bundle[name];
          if (css?.type !== "asset") throw new Error(`${name} is not in the bundle`);
          delete bundle[name];
          return `<style>${css.source}</style>`;
        });
      },
    },
  };
}

// `vite build` writes the SPA that wrangler serves; `vite` (npm run dev) also runs the Worker in workerd.
export default defineConfig(({ command }) => ({
  root: "web",
  plugins: [
    solid(),
    inlineShellCss(),
    serviceWorker(),
    ...(command === "serve"
      ? [cloudflare({ configPath: "../wrangler.toml", persistState: { path: "../.wrangler/state" } })]
      : []),
  ],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    target: "es2022",
    // No module-preload map (for every page it would cost the first load 2.5 KB gzip) but for a chart's own
    // modules: they sit under a page's chart (page → its chart → Chart → DataTable), a round trip each, and
    // the page waits for them. Preloaded with the page, they arrive beside its direct imports (0.1 KB).
    modulePreload: {
      polyfill: false,
      resolveDependencies: (_, deps, { hostType }) =>
        hostType === "js" && deps.some(isChartModule) ? deps.filter(isChartModule) : [],
    },
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: "shell", test: /web\/main\.tsx$/ }] } } },
  },
}));
