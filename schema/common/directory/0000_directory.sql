-- The tenant directory (worker/lib/tenants.ts), a D1 database of its own bound as DIRECTORY: one row a tenant.
-- `hosts` is a JSON array of host names; `root` the path of the tenant's top org; `parent` the tenant above it.
CREATE TABLE tenants (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  hosts TEXT NOT NULL,
  binding TEXT NOT NULL,
  root TEXT NOT NULL,
  parent TEXT,
  parent_org TEXT,
  updated_at INTEGER NOT NULL
);
