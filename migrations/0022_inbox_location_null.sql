-- "No location" was stored as the JSON text 'null' by the prepared inbox insert; it is SQL NULL now
-- (src/db/columns.ts, json). Any JSON column written through a placeholder could hold it.
UPDATE `inbox` SET `location` = NULL WHERE `location` = 'null';
