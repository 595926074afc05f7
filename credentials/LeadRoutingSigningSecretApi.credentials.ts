import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The secret a webhook sender signs its requests with (HubSpot app client secret, Typeform webhook secret, Calendly
 * signing key, Meta app secret, or any HMAC-SHA256 secret). Only Verify Signature reads it; nothing is sent anywhere,
 * so there is no request to test it with: a wrong secret shows as rejected requests with the reason.
 */
// eslint-disable-next-line @n8n/community-nodes/credential-test-required -- nothing to test a secret against (see above)
export class LeadRoutingSigningSecretApi implements ICredentialType {
	name = 'leadRoutingSigningSecretApi';

	displayName = 'Lead Routing Signing Secret API';

	icon: Icon = 'file:leadRoutingSigningSecret.svg';

	documentationUrl =
		'https://github.com/n8n-nodes-lead-routing/n8n-nodes-lead-routing/blob/main/docs/nodes/verify-signature.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The sender's signing secret, exactly as the sender shows it (e.g. HubSpot app → Auth → Client secret)",
		},
		{
			displayName: 'Previous Secret',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'While rotating the secret: the old one, still accepted until you clear this field',
		},
	];
}
