// These data packages ship plain JSON arrays without type declarations.
declare module 'disposable-email-domains' {
	const domains: string[];
	export default domains;
}
declare module 'role-based-email-addresses' {
	const prefixes: string[];
	export default prefixes;
}
