/** Headless Chromium (Debian's, driven by playwright-core) with a fresh profile per run. */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM } from './requirements';

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface Browser {
	context: BrowserContext;
	close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
	const profile = mkdtempSync(join(tmpdir(), 'lead-routing-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: FLAGS,
		viewport: { width: 1440, height: 810 },
		// Sharp enough for the README screenshot.
		deviceScaleFactor: 2,
	});
	return {
		context,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

export interface FormLead {
	'First Name': string;
	'Last Name': string;
	'Work Email': string;
	Company: string;
	Country: string;
	Phone?: string;
	Employees?: string;
	Message?: string;
}

/** A lead from an existing account of the demo (Globex Corporation, owned by Carla Mendes). */
export const GLOBEX_LEAD: FormLead = {
	'First Name': 'Priya',
	'Last Name': 'Raman',
	'Work Email': 'priya.raman@globex.com',
	Company: 'Globex Corp',
	Country: 'United States',
	Phone: '(646) 273-8841',
	Employees: '250',
	Message: 'We need routing for 40 reps.',
};

/** Fills the demo form by its labels, the way a person does. Resolves with Date.now() at the click on Send. */
export async function fillAndSubmit(page: Page, lead: FormLead): Promise<number> {
	for (const [label, value] of Object.entries(lead)) {
		if (value === undefined) continue;
		const field = page.getByLabel(label, { exact: true });
		if (label === 'Country') await field.selectOption(value);
		else await field.fill(value);
	}
	const submittedAt = Date.now();
	await page.locator('#submit-btn').click();
	return submittedAt;
}

/** Signs the browser in with the session cookie the harness got from n8n's login. */
export async function signIn(context: BrowserContext, baseUrl: string, cookie: string): Promise<void> {
	await context.addCookies(
		cookie.split('; ').map((pair) => {
			const at = pair.indexOf('=');
			return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
		}),
	);
}

export interface CanvasNode {
	name: string;
	type: string;
	iconSrc: string | null;
	iconLoaded: boolean;
}

/** Opens a workflow in the editor and reports each node on the canvas with its icon. */
export async function openCanvas(page: Page, baseUrl: string, workflowId: string): Promise<CanvasNode[]> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60000 });
	// Plain strings: the page's DOM types are not part of this Node project's compile.
	await page.waitForFunction(
		'Array.from(document.querySelectorAll(\'[data-test-id="canvas-node"] img\')).every((img) => img.complete)',
	);
	// The canvas fits the view after the nodes appear; let that animation finish before anyone takes a picture.
	await page.waitForTimeout(1000);
	return (await page.evaluate(`Array.from(document.querySelectorAll('[data-test-id="canvas-node"]')).map((el) => {
		const img = el.querySelector('img');
		return {
			name: el.getAttribute('data-node-name') || '',
			type: el.getAttribute('data-node-type') || '',
			iconSrc: img ? img.getAttribute('src') : null,
			iconLoaded: img ? img.complete && img.naturalWidth > 0 : false,
		};
	})`)) as CanvasNode[];
}
