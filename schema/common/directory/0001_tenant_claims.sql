-- What a tenant holds alone, enforced by the directory database itself (worker/lib/tenants.ts): each host it
-- is served on, and its D1 binding (two tenants on one database would hold the same subtree). Triggers on
-- `tenants` keep this table, so every write (the operator's PUT, `wrangler d1 execute`) that would give a
-- host or a binding to a second tenant fails whole with "UNIQUE constraint failed: tenant_claims…", even
-- when two operators write at once and both passed the check in code.
CREATE TABLE tenant_claims (
  kind TEXT NOT NULL, -- 'host' or 'binding'
  value TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  PRIMARY KEY (kind, value)
);
CREATE INDEX tenant_claims_tenant ON tenant_claims (tenant_id);

CREATE TRIGGER tenants_claims_insert AFTER INSERT ON tenants
BEGIN
  INSERT INTO tenant_claims (kind, value, tenant_id) SELECT DISTINCT 'host', value, NEW.id FROM json_each(NEW.hosts);
  INSERT INTO tenant_claims (kind, value, tenant_id) VALUES ('binding', NEW.binding, NEW.id);
END;

CREATE TRIGGER tenants_claims_update AFTER UPDATE OF id, hosts, binding ON tenants
BEGIN
  DELETE FROM tenant_claims WHERE tenant_id = OLD.id;
  INSERT INTO tenant_claims (kind, value, tenant_id) SELECT DISTINCT 'host', value, NEW.id FROM json_each(NEW.hosts);
  INSERT INTO tenant_claims (kind, value, tenant_id) VALUES ('binding', NEW.binding, NEW.id);
END;

CREATE TRIGGER tenants_claims_delete AFTER DELETE ON tenants
BEGIN
  DELETE FROM tenant_claims WHERE tenant_id = OLD.id;
END;

-- Entries written before this: a host or binding listed by two keeps its first claimant by id here, and
-- both entries stay unserved (directoryProblems) until the operator gives one of them another.
INSERT OR IGNORE INTO tenant_claims (kind, value, tenant_id)
  SELECT DISTINCT 'host', h.value, t.id FROM tenants t, json_each(t.hosts) h ORDER BY t.id;
INSERT OR IGNORE INTO tenant_claims (kind, value, tenant_id) SELECT 'binding', binding, id FROM tenants ORDER BY id;
