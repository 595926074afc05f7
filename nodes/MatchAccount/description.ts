/** Match Account's parameters: the mode, then each mode's own properties from its operation file. */
import type { INodeProperties } from 'n8n-workflow';
import { description as findDuplicates } from './findDuplicates.operation';
import { description as matchAccounts } from './matchAccounts.operation';

// The parameter is "mode" (not "operation") so that saved workflows keep working.
const mode: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	noDataExpression: true,
	default: 'matchAccounts',
	options: [
		{
			name: 'Find Duplicates',
			value: 'findDuplicates',
			description: 'Check leads against existing contacts or leads on the second input',
			action: 'Find duplicate leads',
		},
		{
			name: 'Match to Accounts',
			value: 'matchAccounts',
			description: 'Find the existing account (and its owner) of each lead',
			action: 'Match leads to accounts',
		},
	],
};

export const properties: INodeProperties[] = [mode, ...matchAccounts, ...findDuplicates];
