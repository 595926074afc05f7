import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runOperation } from '../shared/router';
import * as findDuplicates from './findDuplicates.operation';
import * as matchAccounts from './matchAccounts.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, { findDuplicates, matchAccounts }, 'matchAccounts', 'mode');
}
