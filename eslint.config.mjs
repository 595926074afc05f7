import tseslint from 'typescript-eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import * as jsoncParser from 'jsonc-eslint-parser';
import { configs as communityNodes } from '@n8n/eslint-plugin-community-nodes';

const n8nRules = (name) => n8nNodesBase.configs[name].rules;

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.n8n-app/**', '.demo/**', '.tmp/**'] },
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nRules('community'),
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nRules('credentials'),
			// The rule expects a docs.n8n.io slug; community credentials link to their own README instead.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nRules('nodes'),
			// Our nodes are self-hosted community nodes documented in this package's README, not on docs.n8n.io.
			'n8n-nodes-base/node-param-description-missing-from-dynamic-options': 'off',
			// These predate NodeConnectionTypes and demand string literals; n8n's own nodes now use the constants.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	// n8n's current rules for community packages, in their variant for packages not submitted to n8n Cloud.
	{
		...communityNodes.recommendedWithoutN8nCloudSupport,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		rules: {
			...communityNodes.recommendedWithoutN8nCloudSupport.rules,
			// The package's one error model: lib and node helpers throw LeadRoutingError, and every node turns it into
			// NodeOperationError in one place (toNodeError / failedItem in nodes/shared/errors.ts), which a rule that
			// looks at each throw cannot see.
			'@n8n/community-nodes/require-node-api-error': 'off',
			// One icon per node for now; light and dark variants are not drawn yet.
			'@n8n/community-nodes/icon-prefer-themed-variants': 'off',
		},
	},
];
