// One process of the cross-process send-limit test: answers the leads it is given with the built package's
// respondToItem, against the shared store and the test's SMTP server, and prints how each ended. Plain JavaScript on
// dist/ because it runs as its own Node process, as another n8n worker would.
const { join } = require('path');

async function main() {
	const job = JSON.parse(process.argv[2]);
	const dist = (p) => require(join(job.root, 'dist', p));
	const { openStateStore } = dist('lib/store/backends.js');
	const { respondToItem } = dist('lib/respond/respond.js');
	const { BUILT_IN_LEAD_TEXTS, DEFAULT_REP_SUBJECT, DEFAULT_REP_TEXT } = dist('lib/respond/defaults.js');
	const { sendMail, closeAllTransports } = dist('lib/respond/smtp.js');
	const store = await openStateStore(job.backend, job.backendSettings);
	const scope = { workflowId: job.workflowId, stateName: '' };
	const smtp = {
		host: '127.0.0.1',
		port: job.smtpPort,
		tls: 'none',
		connectionTimeoutMs: 5000,
		greetingTimeoutMs: 5000,
		socketTimeoutMs: 15000,
	};
	const settings = {
		delivery: 'send',
		toLead: true,
		toRep: false,
		rules: { mode: 'email', smsTiers: [], requireSmsConsent: true, respectEmailOptOut: true },
		leadTemplates: { ...BUILT_IN_LEAD_TEXTS.en, html: '' },
		variants: [],
		languageSource: 'none',
		languageField: 'language',
		repTemplates: { subject: DEFAULT_REP_SUBJECT, text: DEFAULT_REP_TEXT, html: '' },
		from: { name: 'Acme', address: 'sales@acme.test' },
		replyToOwner: true,
		timeZoneField: 'timeZone',
		timeZone: 'UTC',
		maxFieldLength: 500,
		dedupe: { store: store.idempotency(scope), keyField: 'email', windowMs: 3600000, claimTtlMs: 60000 },
		limits: { counters: store.counters(scope), ...job.limits },
	};
	const senders = {
		email: (message) => sendMail(smtp, message),
		sms: async () => {
			throw new Error('not used');
		},
	};
	const statuses = [];
	for (const email of job.emails) {
		const outcome = await respondToItem({ email, firstName: 'Lead' }, settings, senders);
		statuses.push(outcome.autoResponse.status);
	}
	closeAllTransports();
	process.stdout.write(JSON.stringify(statuses));
	process.exit(0);
}

main().catch((error) => {
	process.stderr.write(String(error && error.stack ? error.stack : error));
	process.exit(1);
});
