/**
 * Harness for running this package inside a real n8n: `npm run demo`, the end-to-end tests and benchmarks use it.
 * Types: ./index.d.ts.
 */
const { ensureN8nApp, appPaths, appVersion } = require('./install');
const { packPackage, installPackage, missingFromTarball } = require('./pack');
const { startN8n, stopAllN8n, DEFAULT_OWNER } = require('./n8n');
const { startSmtpServer } = require('./smtp');
const { createClient } = require('./client');
const { freePort, processStart } = require('./util');

module.exports = {
	ensureN8nApp,
	appPaths,
	appVersion,
	packPackage,
	installPackage,
	missingFromTarball,
	startN8n,
	stopAllN8n,
	DEFAULT_OWNER,
	startSmtpServer,
	createClient,
	freePort,
	processStart,
};
