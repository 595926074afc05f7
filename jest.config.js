/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
		// Two ESM-only packages under mockttp (the contract tests' intercepting proxy); jest needs them as CommonJS.
		'/node_modules/(get-port|milliparsec)/.+\\.js$': [
			'ts-jest',
			{ tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, isolatedModules: true },
		],
	},
	transformIgnorePatterns: ['/node_modules/(?!(get-port|milliparsec)/)'],
	testTimeout: 30000,
};
