/**
 * What the end-to-end tests need from the machine. On a developer laptop a missing piece skips the tests with the
 * reason printed; under CI=true it is a failure, so a broken CI machine can never pass by skipping.
 */
import { existsSync } from 'fs';

export const CHROMIUM = process.env.LEAD_ROUTING_CHROMIUM ?? '/usr/bin/chromium';
export const IN_CI = process.env.CI === 'true';

export interface Requirement {
	name: string;
	missing?: string;
}

export function n8nRequirement(): Requirement {
	const supported = process.platform === 'linux' && process.arch === 'x64';
	return {
		name: 'n8n 2.x with Node 24',
		missing: supported ? undefined : 'the harness installs Node 24 for Linux x64 only',
	};
}

export function chromiumRequirement(): Requirement {
	return {
		name: 'Chromium',
		missing: existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`,
	};
}

/**
 * `describe` when everything is there; otherwise a skipped block (laptop) or one failing test that names what is
 * missing (CI).
 */
export function describeWith(requirements: Requirement[], title: string, body: () => void): void {
	const missing = requirements.filter((r) => r.missing);
	if (!missing.length) {
		describe(title, body);
		return;
	}
	const reason = missing.map((r) => `${r.name}: ${r.missing}`).join('; ');
	if (IN_CI) {
		describe(title, () => {
			test('has what it needs on CI', () => {
				throw new Error(`Missing on CI: ${reason}`);
			});
		});
		return;
	}
	console.log(`Skipping "${title}": ${reason}`);
	describe.skip(title, body);
}
