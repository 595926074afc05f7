import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** What each `<op>.operation.ts` exports besides its `description`. */
export interface Operation {
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

/** Runs the operation chosen in the node's Operation parameter (or the parameter a node named so before). */
export async function runOperation(
	ctx: IExecuteFunctions,
	operations: Record<string, Operation>,
	defaultOperation: string,
	parameter = 'operation',
): Promise<INodeExecutionData[][]> {
	const operation = ctx.getNodeParameter(parameter, 0, defaultOperation) as string;
	if (!Object.prototype.hasOwnProperty.call(operations, operation)) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not known`);
	}
	return await operations[operation].execute.call(ctx);
}
