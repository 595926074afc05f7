import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The mail server Auto-Respond sends through. SMTP is not HTTP, so the connection test is the Auto-Respond node's
 * `credentialTest` method (`testedBy`): it opens a real connection, greets, logs in and closes.
 */
export class LeadRoutingSmtp implements ICredentialType {
	name = 'leadRoutingSmtp';

	displayName = 'Lead Routing SMTP';

	icon: Icon = 'file:leadRoutingSmtp.svg';

	documentationUrl =
		'https://github.com/n8n-nodes-lead-routing/n8n-nodes-lead-routing/blob/main/docs/nodes/auto-respond.md';

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: '', placeholder: 'smtp.example.com', required: true },
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 587,
			description: 'Usually 587 for STARTTLS, 465 for TLS',
		},
		{
			displayName: 'TLS Mode',
			name: 'tlsMode',
			type: 'options',
			default: 'starttls',
			options: [
				{ name: 'None (Unencrypted, Local Relays Only)', value: 'none' },
				{
					name: 'STARTTLS (Required)',
					value: 'starttls',
					description: 'Upgrade to TLS after connecting; fail if the server cannot',
				},
				{
					name: 'STARTTLS When Offered',
					value: 'opportunistic',
					description: 'Upgrade to TLS when the server offers it',
				},
				{ name: 'TLS From the Start (Port 465)', value: 'tls' },
			],
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'Leave empty for servers without login',
		},
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		{
			displayName: 'Default Sender',
			name: 'defaultSender',
			type: 'string',
			default: '',
			placeholder: 'Acme Sales <sales@example.com>',
			description: 'From address used when the node does not set one',
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-password-field -- a yes/no switch, not a secret
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			description: 'Whether to accept a server certificate that cannot be verified',
		},
	];
}
