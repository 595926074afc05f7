/** Runs one Auto-Respond node on the real engine against the test SMTP server (and the Twilio stand-in when given). */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { runWorkflow, singleNode, type RunOptions } from './engine';
import { smtpCredentials } from './smtp-server';
import { twilioCredentials } from './twilio-standin';

export interface AutoRespondRun extends Omit<RunOptions, 'input'> {
	/** Port of the SMTP server the node sends through. */
	smtpPort: number;
	/** The Twilio stand-in's base URL (and extra credential fields), for SMS. */
	twilio?: { baseUrl: string; extra?: IDataObject };
	workflowId?: string;
	continueOnFail?: boolean;
}

let counter = 0;

export async function runAutoRespond(parameters: IDataObject, input: IDataObject[], run: AutoRespondRun) {
	const workflow = singleNode('autoRespond', parameters as never, {
		credentials: {
			leadRoutingSmtp: { id: 'smtp', name: 'SMTP' },
			...(run.twilio ? { leadRoutingTwilioApi: { id: 'twilio', name: 'Twilio' } } : {}),
		},
		...(run.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	});
	// Each run is its own workflow unless asked otherwise, so idempotency keys of one test do not reach the next.
	workflow.id = run.workflowId ?? `wf-auto-respond-${process.pid}-${++counter}`;
	const credentials: Record<string, ICredentialDataDecryptedObject> = {
		leadRoutingSmtp: smtpCredentials(run.smtpPort),
	};
	if (run.twilio) credentials.leadRoutingTwilioApi = twilioCredentials(run.twilio.baseUrl, run.twilio.extra);
	const result = await runWorkflow(workflow, {
		...run,
		input,
		credentials: { ...credentials, ...(run.credentials ?? {}) },
	});
	const [sent = [], skipped = [], deferred = []] = result.outputs('Node');
	return { ...result, sent, skipped, deferred };
}
