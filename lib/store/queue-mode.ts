/** n8n queue mode runs executions in several worker processes, where in-process state cannot be exact. */
export function isQueueMode(env: NodeJS.ProcessEnv = process.env): boolean {
	return (env.EXECUTIONS_MODE ?? '').trim().toLowerCase() === 'queue';
}
