import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

// Placeholder so the package loads while the real node is being written.
export class SlaTimerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SLA Timer Trigger',
		name: 'slaTimerTrigger',
		icon: 'file:slaTimerTrigger.svg',
		group: ['trigger'],
		version: 1,
		polling: true,
		description: 'Starts the workflow when lead response SLAs warn, breach or escalate (placeholder)',
		defaults: { name: 'SLA Timer Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return null;
	}
}
