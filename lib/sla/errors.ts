/** A configuration problem the user must fix in the node settings; `hint` says how. */
export class SlaConfigError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'SlaConfigError';
	}
}
