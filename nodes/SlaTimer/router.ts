import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runOperation } from '../shared/router';
import * as check from './check.operation';
import * as compute from './compute.operation';
import * as start from './start.operation';
import * as stats from './stats.operation';
import * as stop from './stop.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, { check, compute, start, stats, stop }, 'start');
}
