import { cloudflare } from "@cloudflare/vite-plugin";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

// `vite build` writes the SPA that wrangler serves; `vite` (npm run dev) also runs the Worker in workerd.
export default defineConfig(({ command }) => ({
  root: "web",
  plugins: [
    solid(),
    ...(command === "serve"
      ? [cloudflare({ configPath: "../wrangler.toml", persistState: { path: "../.wrangler/state" } })]
      : []),
  ],
  build: { outDir: "../dist/web", emptyOutDir: true, target: "es2022" },
}));
