/**
 * Preloaded into the n8n process the harness starts (`node --require parent-watch.js n8n start`). n8n runs in its own
 * session so that a terminal's Ctrl-C reaches only the harness, which then stops n8n in order. If the harness dies
 * without that (SIGKILL, a crash, a closed terminal it could not handle), n8n would run on as an orphan: this watch
 * notices that its parent changed and stops n8n's whole process group, first gently, then for sure.
 */
const expected = Number(process.env.LEAD_ROUTING_PARENT_PID);
// Only the process the harness started: n8n's own children (the task runner) inherit the environment too.
if (expected && process.ppid === expected) {
	const watch = setInterval(() => {
		if (process.ppid === expected) return;
		clearInterval(watch);
		signalGroup('SIGTERM');
		setTimeout(() => signalGroup('SIGKILL'), 20000).unref();
	}, 1000);
	watch.unref();
}

function signalGroup(signal) {
	try {
		process.kill(-process.pid, signal);
	} catch {
		process.kill(process.pid, signal);
	}
}
