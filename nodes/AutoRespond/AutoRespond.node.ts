import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	NodeOperationError,
	INodeTypeDescription,
} from 'n8n-workflow';
import { forEachLimited } from '../../lib/respond/batch';
import { validateEmailTemplates } from '../../lib/respond/compose';
import { verifySmtp } from '../../lib/respond/smtp';
import { RespondSendError } from '../../lib/respond/errors';
import { respondToItem } from '../../lib/respond/respond';
import { compileTemplate } from '../../lib/respond/template';
import { failedItem, toNodeError } from '../shared/errors';
import { storeCredentialTests } from '../shared/store';
import { properties } from './description';
import { buildLimits } from './limits';
import { buildDedupe, buildSenders, type NodeSenders } from './transport';
import { numberSetting, readSettings, smtpSettings } from './settings';

const OUTPUTS = { sent: 0, skipped: 1, deferred: 2 } as const;
// Matches the SMTP pool size: independent leads of one execution are answered side by side.
const ITEMS_IN_PARALLEL = 5;

export class AutoRespond implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Auto-Respond',
		name: 'autoRespond',
		icon: 'file:autoRespond.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["delivery"] === "compose" ? "compose" : "send"}} to {{$parameter["recipients"]}}',
		description: 'Answer each new lead within seconds, exactly once, and tell the assigned rep',
		defaults: { name: 'Auto-Respond' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Sent', 'Skipped', 'Deferred'],
		usableAsTool: true,
		credentials: [
			{
				// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed -- SMTP is not an API; the name is fixed by the package
				name: 'leadRoutingSmtp',
				required: false,
				displayOptions: { show: { delivery: ['send'] } },
				testedBy: 'leadRoutingSmtpConnectionTest',
			},
			{
				name: 'leadRoutingTwilioApi',
				required: false,
				displayOptions: { show: { delivery: ['send'], leadChannel: ['sms', 'smsWhenAllowed'] } },
			},
			{
				name: 'leadRoutingRedisApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'] } },
				testedBy: 'leadRoutingRedisConnectionTest',
			},
		],
		properties,
	};

	methods = {
		credentialTest: {
			...storeCredentialTests,
			async leadRoutingSmtpConnectionTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				try {
					await verifySmtp(smtpSettings((credential.data ?? {}) as ICredentialDataDecryptedObject, 10));
					return { status: 'OK', message: 'Connection successful' };
				} catch (error) {
					return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], [], []];
		let senders: NodeSenders;
		let dedupe: Awaited<ReturnType<typeof buildDedupe>>;
		try {
			senders = await buildSenders(this);
			dedupe = await buildDedupe(this);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
		const limitsFor = buildLimits(this);
		const placed: ({ output: number; item: INodeExecutionData } | { failure: NodeOperationError })[] = [];
		let failed = false;
		const continueOnFail = this.continueOnFail();
		await forEachLimited(
			items.length,
			ITEMS_IN_PARALLEL,
			async (i) => {
				const lead = items[i].json;
				try {
					const settings = readSettings(this, i, senders.defaultSender);
					checkTemplates(settings);
					const options = this.getNodeParameter('options', i, {}) as IDataObject;
					const itemSenders = senders.forItem(
						numberSetting(options.timeoutSeconds, 'Options › Timeout (Seconds)', 10, 1, 120),
						typeof options.smsFrom === 'string' ? options.smsFrom : '',
					);
					const outcome = await respondToItem(
						lead,
						{ ...settings, dedupe: dedupe?.(i), limits: await limitsFor(i) },
						itemSenders,
					);
					placed[i] = {
						output: OUTPUTS[outcome.output],
						item: { json: { ...lead, autoResponse: outcome.autoResponse as IDataObject }, pairedItem: { item: i } },
					};
				} catch (error) {
					if (!continueOnFail) {
						failed = true;
						placed[i] = { failure: toNodeError(this.getNode(), error, i) };
						return;
					}
					// What was already sent for this lead before the failure, so nobody sends it twice by hand.
					const messages = error instanceof RespondSendError ? (error.messages as unknown as IDataObject[]) : [];
					placed[i] = { output: OUTPUTS.skipped, item: failedItem(this, i, error, { messages }) };
				}
			},
			() => failed,
		);
		for (const result of placed) {
			if (result && 'failure' in result) throw result.failure;
		}
		for (const result of placed) {
			if (result && 'item' in result) outputs[result.output].push(result.item);
		}
		return outputs;
	}
}

function checkTemplates(settings: ReturnType<typeof readSettings>): void {
	if (settings.toLead) {
		validateEmailTemplates(settings.leadTemplates, 'Lead Email');
		if (settings.leadTemplates.sms) compileTemplate(settings.leadTemplates.sms, 'Lead SMS Text');
		for (const variant of settings.variants) {
			const label = `Language Variant "${variant.language || variant.countries.join(',')}"`;
			validateEmailTemplates(
				{ subject: variant.subject ?? '', text: variant.text ?? '', html: variant.html ?? '' },
				label,
			);
			if (variant.sms) compileTemplate(variant.sms, `${label} SMS Text`);
		}
	}
	if (settings.toRep) validateEmailTemplates(settings.repTemplates, 'Rep Notice');
}
