import type { ICredentialType, INodeProperties } from 'n8n-workflow';

// Placeholder: the Auto-Respond work replaces this with the full credential and its test.
export class LeadRoutingSmtp implements ICredentialType {
	name = 'leadRoutingSmtp';

	displayName = 'Lead Routing SMTP';

	documentationUrl = 'https://github.com/n8n-nodes-lead-routing/n8n-nodes-lead-routing#auto-respond';

	properties: INodeProperties[] = [];
}
