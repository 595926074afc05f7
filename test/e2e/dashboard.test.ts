/**
 * The routing dashboard (workflows/08) in a real n8n: an intake workflow routes eight leads into the shared SQLite
 * store (weighted: Ana 2, Ben 1, Carla 1; one lead to the fallback queue), five are answered through SLA Timer › Stop,
 * one started 30 minutes ago breaches; then the page opens in headless Chromium behind Basic Auth and shows the numbers.
 *
 * Expected, worked out before the run: weighted turns over seven routed leads go Ana, Ben, Carla, Ana, Ana, Ben,
 * Carla (lowest score wins, ties in roster order; Ana's score grows by 1/2) → Ana 3, Ben 2, Carla 2; fair shares
 * 7 × 2/4 = 3.5 and 1.75. Eight timers started, five answered within seconds (met), three open: the seventh lead
 * (Carla's, started 30 min ago, 5-minute tier) breached and escalated (200 % = 10 min), the sixth and the fallback
 * lead are not yet due. Compliance 5 / 6 = 83.3 %. Fallback today 1 of 8 = 12.5 %.
 */
import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ensureN8nApp, packPackage, startN8n } from '../../scripts/n8n';
import type { JsonDoc, RunningN8n } from '../../scripts/n8n';
import { launchBrowser } from './helpers/browser';
import type { Browser } from './helpers/browser';
import { ROOT, WORKFLOW_DIR } from './helpers/environment';
import { chromiumRequirement, describeWith, n8nRequirement } from './helpers/requirements';

jest.setTimeout(5 * 60 * 1000);
const SETUP_TIMEOUT = 20 * 60 * 1000;
const SCREENSHOT = join(ROOT, 'docs', 'images', 'routing-dashboard.png');
const LOGIN = { user: 'revops', password: `pw-${randomUUID()}` };

const REPS = [
	{ id: 'rep-ana', name: 'Ana Schmidt', email: 'ana@sales.example.com', teams: 'Sales', weight: 2 },
	{ id: 'rep-ben', name: 'Ben Dubois', email: 'ben@sales.example.com', teams: 'Sales' },
	{ id: 'rep-carla', name: 'Carla Mendes', email: 'carla@sales.example.com', teams: 'Sales' },
];
const STORE = { stateStore: 'sqlite', stateName: 'sales-team' };

type Node = {
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: JsonDoc;
	webhookId?: string;
	id?: string;
	credentials?: JsonDoc;
};
const chain = (names: string[]) =>
	Object.fromEntries(
		names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
const node = (
	name: string,
	type: string,
	typeVersion: number,
	parameters: JsonDoc,
	extra: Partial<Node> = {},
): Node => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position: [0, 0],
	parameters,
	...extra,
});

function intake(): JsonDoc {
	const everyoneButFallback = {
		options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
		conditions: [
			{
				id: randomUUID(),
				leftValue: '={{ $json.email }}',
				rightValue: 'fallback',
				operator: { type: 'string', operation: 'notContains' },
			},
		],
		combinator: 'and',
	};
	const nodes = [
		node(
			'Lead In',
			'n8n-nodes-base.webhook',
			2.1,
			{ httpMethod: 'POST', path: 'dashboard-intake', responseMode: 'lastNode', options: {} },
			{ webhookId: randomUUID() },
		),
		node('Normalize Lead', 'n8n-nodes-lead-routing.normalizeLead', 1, { mode: 'automatic', options: {} }),
		node('Route Lead', 'n8n-nodes-lead-routing.routeLead', 1, {
			operation: 'route',
			...STORE,
			roster: { reps: REPS },
			rules: {
				values: [
					{
						name: 'Everyone',
						conditions: everyoneButFallback,
						assignTo: 'pool',
						team: 'Sales',
						strategy: 'weighted',
						onNoEligible: 'fallback',
					},
				],
			},
			fallbackQueueName: 'Unassigned Leads',
			fallbackOwnerId: 'sales-manager',
			fallbackOwnerName: 'Morgan Lee',
			fallbackOwnerEmail: 'manager@sales.example.com',
			options: {},
		}),
		node('Start SLA Timer', 'n8n-nodes-lead-routing.slaTimer', 1, {
			operation: 'start',
			...STORE,
			leadIdField: 'email',
			tierSource: 'name',
			tierName: 'hot',
			tiers: { tier: [{ name: 'hot', minutes: 5, minScore: 0 }] },
			clock: 'instant',
			warningPercent: 50,
			escalationLevels: '200',
			options: { startedAt: "={{ $('Lead In').item.json.body.startedAt ?? '' }}" },
		}),
	];
	const connections = chain(nodes.map((n) => n.name)) as Record<string, { main: unknown[][] }>;
	// Every output goes on, so the webhook's answer shows where a lead ended (flagged, rejected, fallback).
	for (const name of ['Normalize Lead', 'Route Lead', 'Start SLA Timer']) {
		const next = name === 'Start SLA Timer' ? 'Done' : connections[name].main[0];
		connections[name] = {
			main: [next, next].map((n) => (typeof n === 'string' ? [{ node: n, type: 'main', index: 0 }] : n)),
		};
	}
	nodes.push(node('Done', 'n8n-nodes-base.noOp', 1, {}));
	return {
		id: 'DashboardIntakeE2E',
		name: 'Dashboard e2e intake',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

function answered(): JsonDoc {
	const nodes = [
		node(
			'Answered',
			'n8n-nodes-base.webhook',
			2.1,
			{ httpMethod: 'POST', path: 'dashboard-answered', responseMode: 'lastNode', options: {} },
			{ webhookId: randomUUID() },
		),
		node('Stop SLA Timer', 'n8n-nodes-lead-routing.slaTimer', 1, {
			operation: 'stop',
			...STORE,
			leadIdField: 'body.email',
			options: {},
		}),
	];
	return {
		id: 'DashboardAnsweredE2E',
		name: 'Dashboard e2e answered',
		nodes,
		connections: chain(nodes.map((n) => n.name)),
		settings: { executionOrder: 'v1' },
	};
}

/** The shipped dashboard with the test's roster and login credential. */
function dashboard(): JsonDoc {
	const shipped = JSON.parse(readFileSync(join(WORKFLOW_DIR, '09-routing-dashboard.json'), 'utf8')) as {
		nodes: Node[];
	} & JsonDoc;
	for (const n of shipped.nodes) {
		if (n.name === 'Routing Stats') n.parameters.roster = { reps: REPS };
		if (n.credentials?.httpBasicAuth)
			n.credentials = { httpBasicAuth: { id: 'lrDashboardLogin', name: 'Dashboard Login' } };
	}
	return shipped;
}

const LEADS = [
	['Lena', 'Vogel', 'lena.vogel@hafenlogistik.de', 'Hafen Logistik GmbH'],
	['Tom', 'Baker', 'tom.baker@northwind-foods.com', 'Northwind Foods'],
	['Aiko', 'Tanaka', 'aiko.tanaka@sakura-robotics.jp', 'Sakura Robotics'],
	['Marc', 'Dupont', 'marc.dupont@atelier-lumiere.fr', 'Atelier Lumière'],
	['Sara', 'Lind', 'sara.lind@fjordtech.no', 'Fjordtech AS'],
	['Omar', 'Haddad', 'omar.haddad@desertsolar.com', 'Desert Solar'],
	['Nina', 'Kraus', 'nina.kraus@bergwerk-analytics.de', 'Bergwerk Analytics'],
	['Dora', 'Fall', 'dora@fallback-corp.com', 'Fallback Corp'],
];

describeWith([n8nRequirement(), chromiumRequirement()], 'the routing dashboard in a real n8n', () => {
	let n8n: RunningN8n;
	let browser: Browser;
	let folder: string;

	beforeAll(async () => {
		folder = mkdtempSync(join(tmpdir(), 'lead-routing-dashboard-'));
		const app = await ensureN8nApp({ log: (line) => console.log(`[e2e] ${line}`) });
		const pack = await packPackage({ sourceDir: process.env.LEAD_ROUTING_PACKAGE_DIR ?? ROOT, outDir: folder });
		n8n = await startN8n({
			app,
			userFolder: join(folder, 'n8n'),
			tarball: pack.tarball,
			env: { LEAD_ROUTING_DB_FILE: join(folder, 'lead-routing.sqlite') },
			credentials: [{ id: 'lrDashboardLogin', name: 'Dashboard Login', type: 'httpBasicAuth', data: LOGIN }],
			workflows: [intake(), answered(), dashboard()],
			publish: ['DashboardIntakeE2E', 'DashboardAnsweredE2E', 'LeadRoutingDash09'],
			apiKeyLabel: 'e2e',
		});
		browser = await launchBrowser();
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		if (browser) await browser.close();
		if (n8n) await n8n.stop();
		if (folder) rmSync(folder, { recursive: true, force: true });
	}, 60000);

	const post = async (path: string, body: JsonDoc) => {
		const res = await fetch(`${n8n.baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await res.text();
		if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text}\n${n8n.logs().slice(-3000)}`);
		return JSON.parse(text) as JsonDoc;
	};

	test('after eight leads (five answered, one breached) the page shows the right numbers, behind Basic Auth', async () => {
		const thirtyMinutesAgo = new Date(Date.now() - 30 * 60_000).toISOString();
		const owners: string[] = [];
		for (const [i, [firstName, lastName, email, company]] of LEADS.entries()) {
			const routed = await post('dashboard-intake', {
				firstName,
				lastName,
				email,
				company,
				startedAt: i === 6 ? thirtyMinutesAgo : undefined,
			});
			if (!routed.sla || (routed.sla as JsonDoc).status !== 'open')
				throw new Error(`lead ${email} did not start a timer: ${JSON.stringify(routed)}`);
			owners.push(String((routed.routing as JsonDoc | undefined)?.ownerId));
		}
		expect(owners).toEqual([
			'rep-ana',
			'rep-ben',
			'rep-carla',
			'rep-ana',
			'rep-ana',
			'rep-ben',
			'rep-carla',
			'sales-manager',
		]);
		for (const [, , email] of LEADS.slice(0, 5))
			expect(await post('dashboard-answered', { email })).toMatchObject({ sla: { status: 'met' } });

		const url = `${n8n.baseUrl}/webhook/routing-dashboard`;
		expect((await fetch(url)).status).toBe(401);
		expect(
			(await fetch(url, { headers: { authorization: `Basic ${Buffer.from('revops:wrong').toString('base64')}` } }))
				.status,
		).toBe(401);

		const page = await browser.context.newPage();
		await page.setExtraHTTPHeaders({
			authorization: `Basic ${Buffer.from(`${LOGIN.user}:${LOGIN.password}`).toString('base64')}`,
		});
		const external: string[] = [];
		page.on('request', (request) => {
			if (
				!request.url().startsWith(n8n.baseUrl) &&
				!request.url().startsWith('about:') &&
				!request.url().startsWith('data:')
			)
				external.push(request.url());
		});
		const response = await page.goto(url);
		expect(response?.status()).toBe(200);
		// n8n may serve a webhook's HTML inside a sandboxed frame; the page is the same either way.
		const root = (await page.locator('iframe').count()) ? page.frameLocator('iframe') : page;
		const text = async (testId: string) => (await root.getByTestId(testId).first().textContent())?.trim();
		await root.getByTestId('kpi-started').waitFor({ timeout: 30000 });
		expect(await text('kpi-started')).toBe('8');
		expect(await text('kpi-answered')).toBe('5');
		expect(await text('kpi-open')).toBe('3');
		expect(await text('kpi-breached')).toBe('1');
		expect(await text('kpi-escalated')).toBe('1');
		expect(await text('kpi-compliance')).toBe('83.3%');
		expect(await text('oldest-open')).toMatch(/^nina\.kraus@bergwerk-analytics\.de \(3\d min, Carla Mendes\)$/);

		const rows = async (testId: string) =>
			await root
				.getByTestId(testId)
				.evaluateAll((els) =>
					els.map((el) => [el.getAttribute('data-label'), el.getAttribute('data-value'), el.textContent?.trim() ?? '']),
				);
		const fair = await rows('fair-share-row');
		expect(fair.map(([label, value]) => [label, value])).toEqual([
			['Ana Schmidt', '3'],
			['Ben Dubois', '2'],
			['Carla Mendes', '2'],
		]);
		expect(fair.map(([, , t]) => t.replace(/\s+/g, ' '))).toEqual([
			'Ana Schmidt 3 (fair 3.5)',
			'Ben Dubois 2 (fair 1.8)',
			'Carla Mendes 2 (fair 1.8)',
		]);
		expect((await rows('compliance-tier-row')).map(([label, value]) => [label, value])).toEqual([['hot', '83.3']]);
		expect((await rows('compliance-rep-row')).map(([label, value]) => [label, value]).sort()).toEqual([
			['Ana Schmidt', '100'],
			['Ben Dubois', '100'],
			['Carla Mendes', '50'],
			['Morgan Lee', '0'],
		]);
		const today = (await rows('fallback-per-day-col')).pop();
		expect(today?.[1]).toBe('12.5');
		expect((await rows('speed-to-lead-col'))[0]?.[1]).toBe('5');
		const open = await root
			.getByTestId('open-lead')
			.evaluateAll((els) => els.map((el) => [...el.querySelectorAll('td')].map((td) => td.textContent)));
		expect(open.map((cells) => [cells[0], cells[1], cells[5]])).toEqual([
			['nina.kraus@bergwerk-analytics.de', 'Carla Mendes', 'breached'],
			['omar.haddad@desertsolar.com', 'Ben Dubois', 'open'],
			['dora@fallback-corp.com', 'Morgan Lee', 'open'],
		]);
		expect(external).toEqual([]);
		await page.screenshot({ path: SCREENSHOT, fullPage: true });
		await page.close();
	});
});
