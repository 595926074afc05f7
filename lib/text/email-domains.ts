/**
 * Free-mail, disposable and role-address lists, taken from maintained packages (never typed by hand).
 * Sets are built once per process; a lookup is O(1).
 */
import disposableDomains from 'disposable-email-domains';
import freeEmailDomains from 'free-email-domains';
import roleAddresses from 'role-based-email-addresses';

const disposable = new Set<string>(disposableDomains);
// free-email-domains also lists many disposable hosts; a domain in both lists counts as disposable.
const freeMail = new Set<string>(freeEmailDomains.filter((domain) => !disposable.has(domain)));
const roles = new Set<string>(roleAddresses);

export function isFreeMailDomain(domain: string | undefined): boolean {
	return !!domain && freeMail.has(domain.toLowerCase());
}

export function isDisposableDomain(domain: string | undefined): boolean {
	return !!domain && disposable.has(domain.toLowerCase());
}

/** Whether the local part names a role ("info", "sales") rather than a person. */
export function isRoleLocalPart(localPart: string | undefined): boolean {
	return !!localPart && roles.has(localPart.toLowerCase());
}
