const path = require('path');
const { src, dest, task } = require('gulp');

// LEAD_ROUTING_OUT lets a developer build into a private folder while others build too.
const outDir = path.resolve(process.env.LEAD_ROUTING_OUT || 'dist');

// gulp 5 decodes files as UTF-8 unless told otherwise, which corrupts binary icons.
// Codex files (<Node>.node.json) must sit beside the compiled node for n8n to read them.
function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		encoding: false,
		base: '.',
	}).pipe(dest(outDir));
}

task('build:icons', copyAssets);
