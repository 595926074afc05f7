import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runOperation } from '../shared/router';
import * as reassign from './reassign.operation';
import * as release from './release.operation';
import * as route from './route.operation';
import * as stats from './stats.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, { reassign, release, route, stats }, 'route');
}
