/**
 * The one way a node reports a problem: `toNodeError` turns anything thrown into n8n's NodeOperationError, and
 * `failedItem` is the item a node emits for a lead that failed when the node is set to continue on error.
 *
 * A failed item always keeps the lead: it is the input item's json plus
 * `error: { message, description?, node }` (and node-specific facts, e.g. Auto-Respond's `messages`).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { LeadRoutingError } from '../../lib/errors';

export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof LeadRoutingError) {
		const { message, description } = error.forUser();
		return new NodeOperationError(node, message, { itemIndex, description });
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

/**
 * The item for input item `itemIndex` that failed with `error`. Without Continue On Fail this throws the node error
 * instead, so every caller handles both settings in one line.
 *
 * With "Continue (using error output)" the item carries only `error`: n8n moves such items to the error output and
 * merges the input item back in, so both settings deliver the same shape. (An item with n8n's own `error` property
 * would lose the lead: n8n replaces its json by the bare message.)
 */
export function failedItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	error: unknown,
	extra: IDataObject = {},
): INodeExecutionData {
	const node = ctx.getNode();
	const nodeError = toNodeError(node, error, itemIndex);
	if (!ctx.continueOnFail()) throw nodeError;
	if (node.onError === 'continueErrorOutput')
		return { json: { error: errorReport(node, nodeError, extra) }, pairedItem: { item: itemIndex } };
	return rejectedItem(ctx, itemIndex, nodeError, extra);
}

/**
 * The same shape for an item a node turns away by design (e.g. Verify Signature's Rejected output): never throws,
 * whatever Continue On Fail says, because rejecting the item is the node's answer, not a failure of the node.
 */
export function rejectedItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	error: unknown,
	extra: IDataObject = {},
): INodeExecutionData {
	const node = ctx.getNode();
	const report = errorReport(node, toNodeError(node, error, itemIndex), extra);
	return { json: { ...(ctx.getInputData()[itemIndex]?.json ?? {}), error: report }, pairedItem: { item: itemIndex } };
}

function errorReport(node: INode, nodeError: NodeOperationError, extra: IDataObject): IDataObject {
	const report: IDataObject = { message: nodeError.message };
	if (nodeError.description) report.description = nodeError.description;
	report.node = node.name;
	return Object.assign(report, extra);
}
