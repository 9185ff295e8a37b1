import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ORIGIN } from "../fixtures";

describe("the API's security headers", () => {
  it("every answer, a refusal too, carries the headers that guard JSON, files and the docs page", async () => {
    for (const path of ["/api/health", "/api/me", "/api/no-such-route"]) {
      const res = await SELF.fetch(`${ORIGIN}${path}`);
      await res.arrayBuffer();
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("strict-transport-security"), path).toMatch(/^max-age=\d+/);
      expect(res.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(res.headers.get("cross-origin-resource-policy"), path).toBe("same-origin");
      expect(res.headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
    }
  });
});
