import type { INodeProperties } from 'n8n-workflow';
import { storeProperties } from '../shared/store';
import * as reassign from './reassign.operation';
import * as release from './release.operation';
import * as route from './route.operation';
import * as stats from './stats.operation';

export const routeLeadProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Get Stats',
				value: 'stats',
				action: 'Get routing statistics',
				description: 'Assignments per rep, fallback rate and last assignment',
			},
			{
				name: 'Reassign',
				value: 'reassign',
				action: 'Reassign a declined lead',
				description: 'Route a lead again after its owner declined it or did not answer, never back to anyone who did',
			},
			{
				name: 'Release Open Lead',
				value: 'release',
				action: 'Release an open lead',
				description: "Lower the open-lead count of the lead's owner (routing.ownerId)",
			},
			{
				name: 'Route',
				value: 'route',
				action: 'Route a lead',
				description: 'Assign each lead to a rep, a queue or the fallback queue',
			},
		],
		default: 'route',
	},
	...storeProperties,
	...route.description,
	...reassign.description,
	...stats.description,
	...release.description,
];
