import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** Twilio's REST API with the account SID and auth token (HTTP basic auth), as Twilio documents it. */
export class LeadRoutingTwilioApi implements ICredentialType {
	name = 'leadRoutingTwilioApi';

	displayName = 'Lead Routing Twilio API';

	icon: Icon = 'file:leadRoutingTwilio.svg';

	documentationUrl =
		'https://github.com/n8n-nodes-lead-routing/n8n-nodes-lead-routing/blob/main/docs/nodes/auto-respond.md';

	properties: INodeProperties[] = [
		{ displayName: 'Account SID', name: 'accountSid', type: 'string', default: '', placeholder: 'AC…', required: true },
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Default From',
			name: 'defaultFrom',
			type: 'string',
			default: '',
			placeholder: '+15551234567',
			description: 'Sender number (E.164), alphanumeric sender ID, or Messaging Service SID (MG…)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.twilio.com',
			description: 'Change only for a regional edge or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: '={{$credentials.accountSid}}', password: '={{$credentials.authToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/2010-04-01/Accounts/{{$credentials.accountSid}}.json',
		},
	};
}
