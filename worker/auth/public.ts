/** Paths served without a session: they skip the session query and are documented as public. */
export function isPublicPath(path: string) {
  return (
    path === "/api/health" || path === "/api/openapi.json" || path === "/api/docs" || path.startsWith("/api/public/")
  );
}
