import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { LeadRoutingError } from '../../lib/errors';
import { verifySignature, type SignatureScheme, type VerifySettings } from '../../lib/signature/verify';
import { failedItem, rejectedItem } from '../shared/errors';
import { properties } from './description';
import { readRequest, readSettings, SIGNING_SECRET_CREDENTIAL } from './request';

const VERIFIED = 0;
const REJECTED = 1;

// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- checks the raw bytes of a webhook request, nothing an agent calls
export class VerifySignature implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Verify Signature',
		name: 'verifySignature',
		icon: 'file:verifySignature.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["scheme"]}}',
		description:
			"Let through only webhook requests signed with the sender's secret (HubSpot, Typeform, Calendly, Meta, HMAC)",
		defaults: { name: 'Verify Signature' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Verified', 'Rejected'],
		credentials: [{ name: SIGNING_SECRET_CREDENTIAL, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[][] = [[], []];
		const credential = await this.getCredentials(SIGNING_SECRET_CREDENTIAL);
		const secrets = [credential.secret, credential.previousSecret].filter(
			(s): s is string => typeof s === 'string' && s.length > 0,
		);
		const now = Date.now();
		for (let i = 0; i < items.length; i++) {
			let settings: VerifySettings;
			try {
				settings = { ...readSettings(this, i), secrets, now };
			} catch (error) {
				out[REJECTED].push(failedItem(this, i, error));
				continue;
			}
			const request = await readRequest(this, i, settings.scheme);
			const verdict = 'problem' in request ? request : verifySignature(request, settings);
			if (verdict.verified) {
				const signature: IDataObject = { verified: true, scheme: verdict.scheme as SignatureScheme };
				if (verdict.signedAt !== undefined) signature.signedAt = new Date(verdict.signedAt).toISOString();
				out[VERIFIED].push({ json: { ...items[i].json, signature }, binary: items[i].binary, pairedItem: { item: i } });
			} else {
				out[REJECTED].push(
					rejectedItem(this, i, new LeadRoutingError(verdict.problem, verdict.hint), { reason: 'bad-signature' }),
				);
			}
		}
		return out;
	}
}
