import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { LeadSource } from '../../lib/lead/process';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Fields are recognised by name (e.g. "Email Address", "work_email", "Company Name", "phone_number"), in Webhook bodies, n8n Form, Typeform, HubSpot, Facebook lead ads, Webflow, WordPress form plugins and CSV rows',
		name: 'automaticNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['automatic'] } },
	},
];

export function readSource(this: IExecuteFunctions, itemIndex: number): LeadSource {
	return { json: this.getInputData()[itemIndex].json };
}
