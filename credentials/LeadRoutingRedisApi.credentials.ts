import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Connection to the Redis server that holds routing counters, SLA timers and idempotency keys when several n8n
 * processes (queue mode) or several workflows must share them. Redis does not speak HTTP, so the connection test is
 * the nodes' `credentialTest` method (`testedBy`), which opens a real connection and runs PING.
 */
export class LeadRoutingRedisApi implements ICredentialType {
	name = 'leadRoutingRedisApi';

	displayName = 'Lead Routing Redis Store';

	icon: Icon = 'file:leadRoutingRedis.svg';

	documentationUrl = 'https://github.com/n8n-nodes-lead-routing/n8n-nodes-lead-routing/blob/main/docs/STATE-STORES.md';

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: 'localhost' },
		{ displayName: 'Port', name: 'port', type: 'number', default: 6379 },
		{ displayName: 'Database Number', name: 'database', type: 'number', default: 0 },
		{ displayName: 'User', name: 'user', type: 'string', default: '' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'boolean',
			default: false,
			description: 'Whether to connect over TLS',
		},
		{
			displayName: 'Namespace Prefix',
			name: 'prefix',
			type: 'string',
			default: 'lead-routing:',
			description: 'Prefix for every key the lead routing nodes write, so they never clash with other data',
		},
	];
}
