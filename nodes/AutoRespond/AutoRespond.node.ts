import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { forEachLimited } from '../../lib/respond/batch';
import { validateEmailTemplates } from '../../lib/respond/compose';
import { verifySmtp } from '../../lib/respond/smtp';
import { respondToItem, RespondSendError } from '../../lib/respond/respond';
import { TemplateError, compileTemplate } from '../../lib/respond/template';
import { StoreUnavailableError } from '../../lib/store/redis-connection';
import { storeNodeError } from '../shared/store';
import { properties } from './description';
import { buildDedupe, buildSenders } from './transport';
import { ConfigError, numberSetting, readSettings, smtpSettings } from './settings';

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
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed -- SMTP is not an API; the name is fixed by the package
			{ name: 'leadRoutingSmtp', required: false, displayOptions: { show: { delivery: ['send'] } }, testedBy: 'leadRoutingSmtpConnectionTest' },
			{ name: 'leadRoutingTwilioApi', required: false, displayOptions: { show: { delivery: ['send'], leadChannel: ['sms', 'smsWhenAllowed'] } } },
			{ name: 'leadRoutingRedisApi', required: true, displayOptions: { show: { idempotency: ['redis'] } } },
		],
		properties,
	};

	methods = {
		credentialTest: {
			async leadRoutingSmtpConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
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
		const senders = await buildSenders(this);
		const dedupe = await buildDedupe(this);
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
					const itemSenders = senders.forItem(numberSetting(options.timeoutSeconds, 'Options › Timeout (Seconds)', 10, 1, 120), typeof options.smsFrom === 'string' ? options.smsFrom : '');
					const outcome = await respondToItem(lead, { ...settings, dedupe: dedupe?.(i) }, itemSenders);
					placed[i] = { output: OUTPUTS[outcome.output], item: { json: { ...lead, autoResponse: outcome.autoResponse as IDataObject }, pairedItem: { item: i } } };
				} catch (error) {
					const failure = toNodeError(this, error, i);
					if (!continueOnFail) {
						failed = true;
						placed[i] = { failure };
						return;
					}
					const messages = error instanceof RespondSendError ? error.messages : [];
					const autoResponse = { status: 'failed', error: failure.message, messages } as unknown as IDataObject;
					// With an error output n8n moves items carrying `error` there and merges the input lead back in; with
					// "continue" it would replace such an item's json by the bare error, so the lead is kept on Skipped instead.
					const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
					placed[i] = {
						output: OUTPUTS.skipped,
						item: { json: { ...lead, error: failure.message, autoResponse }, ...(toErrorOutput ? { error: failure } : {}), pairedItem: { item: i } },
					};
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
			validateEmailTemplates({ subject: variant.subject ?? '', text: variant.text ?? '', html: variant.html ?? '' }, label);
			if (variant.sms) compileTemplate(variant.sms, `${label} SMS Text`);
		}
	}
	if (settings.toRep) validateEmailTemplates(settings.repTemplates, 'Rep Notice');
}

function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	const node = ctx.getNode();
	if (error instanceof NodeOperationError) return error;
	if (error instanceof TemplateError) {
		return new NodeOperationError(node, `Template error: ${error.message}`, {
			itemIndex,
			description: 'Fix the template: placeholders look like {{firstName}}, {{owner.name|our team}} or {{#company}}…{{/company}}',
		});
	}
	if (error instanceof RespondSendError && error.cause instanceof ConfigError) return toNodeError(ctx, error.cause, itemIndex);
	if (error instanceof RespondSendError && error.cause instanceof StoreUnavailableError) return storeNodeError(ctx, error.cause, itemIndex);
	if (error instanceof ConfigError) return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	if (error instanceof RespondSendError) {
		const sent = error.messages.filter((m) => m.status === 'sent').map((m) => `${m.recipient} ${m.channel}`);
		const detail = error.cause.detail ?? '';
		// n8n replaces a message that mentions a socket error code (ECONNREFUSED…) with a generic text, so such
		// details go to the description and the message keeps naming the server.
		const inMessage = detail && !/\bE[A-Z][A-Z0-9_]{3,}\b/.test(detail);
		return new NodeOperationError(node, inMessage ? `${error.cause.message}: ${detail}` : error.cause.message, {
			itemIndex,
			description: [
				inMessage ? '' : detail,
				sent.length ? `Already sent for this lead: ${sent.join(', ')}.` : '',
				"The lead's data is unchanged; a retry will not repeat messages that were already accepted.",
			].filter(Boolean).join(' '),
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}
