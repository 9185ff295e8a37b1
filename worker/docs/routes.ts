import type { RouterRoute, TypedResponse } from "hono/types";
import { createRouter } from "../lib/router";
import { buildOpenApi, type OpenApiDocument } from "./openapi";
import { docsPage } from "./page";

/** The document and its page, built once per isolate from the routes the app ends up with. */
export function docsRoutes(routes: () => readonly RouterRoute[]) {
  let doc: OpenApiDocument | undefined;
  const openApi = () => {
    doc ??= buildOpenApi(routes());
    return doc;
  };
  return createRouter()
    .get("/openapi.json", (c) => c.json(openApi()))
    .get(
      "/docs",
      async (c) => (await c.html(docsPage(openApi()))) as Response & TypedResponse<string, 200, "text/html">,
    );
}
