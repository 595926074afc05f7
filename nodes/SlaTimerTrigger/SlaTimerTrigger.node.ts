import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { runCheck } from '../SlaTimer/check';
import { triggerProperties } from '../SlaTimer/description';
import { evaluationTime, numberOption } from '../SlaTimer/settings';
import { toNodeError } from '../shared/errors';
import { storeCredentialTests } from '../shared/store';

export class SlaTimerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SLA Timer Trigger',
		name: 'slaTimerTrigger',
		icon: 'file:slaTimerTrigger.svg',
		group: ['trigger'],
		version: 1,
		polling: true,
		subtitle: 'Warnings, breaches and escalations',
		description: 'Starts the workflow when lead response SLAs warn, breach or escalate',
		defaults: { name: 'SLA Timer Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'leadRoutingRedisApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'] } },
				testedBy: 'leadRoutingRedisConnectionTest',
			},
		],
		properties: triggerProperties,
	};

	methods = { credentialTest: storeCredentialTests };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const preview = this.getMode() === 'manual';
		let checked;
		try {
			checked = await runCheck(
				this,
				evaluationTime(options),
				numberOption(options, 'maxItems', 'Max Items per Poll', 1000, 1),
				preview,
			);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
		if (!checked.length) return null;
		return [checked.map((item) => ({ json: { ...item.json, level: item.level } }))];
	}
}
