import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core writes its instance settings under N8N_USER_FOLDER on first import.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'lead-routing-n8n-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// The default state store is a SQLite file: one per test file, so test files never see each other's counters.
process.env.LEAD_ROUTING_DB_FILE = join(
	process.env.N8N_USER_FOLDER,
	`state-${process.pid}-${Math.random().toString(36).slice(2)}.sqlite`,
);
