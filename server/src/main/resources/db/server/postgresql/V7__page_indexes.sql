-- The portal's pages take their ids from an index alone, in (created_at, id) order, and then read only the
-- rows shown. With both (client_id, created_at) and (client_id, status, created_at) MariaDB chose the latter
-- for a client's deep page and sorted all of the client's rows (docs/performance.md): now one index holds
-- the pages' order for each scope, and (client_id, status), which cannot give that order, the counts.
CREATE INDEX idx_messages_client_page ON messages (client_id, created_at, id, status);
CREATE INDEX idx_messages_client_status ON messages (client_id, status);
DROP INDEX idx_messages_client_created;
DROP INDEX idx_messages_portal_query;
CREATE INDEX idx_messages_page ON messages (created_at, id);
DROP INDEX idx_messages_created;
