/** Auto-Respond's send limits: the UI block, and reading it into the settings lib/respond/limits.ts applies. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SendLimitSettings } from '../../lib/respond/limits';
import type { CounterStore } from '../../lib/store/counters';
import { connectStore } from '../shared/store';
import { numberSetting } from './settings';

const TO_LEAD = { show: { recipients: ['lead', 'leadAndRep'] } };
const MAX = 1_000_000;

// The same numbers as the UI defaults below (the linter wants literals there).
export const SEND_LIMIT_DEFAULTS = {
	limitPerAddressPerDay: 3,
	limitPerDomainPerHour: 30,
	limitTotalPerHour: 300,
} as const;

export const sendLimitProperties: INodeProperties[] = [
	{
		displayName:
			'Send limits keep a public form from turning your mail server into a relay: a message to a lead over a limit is held (Skipped output, autoResponse.status "held"), never sent. 0 = no limit.',
		name: 'sendLimitsNotice',
		type: 'notice',
		default: '',
		displayOptions: TO_LEAD,
	},
	{
		displayName: 'Max Messages per Lead Address per Day',
		name: 'limitPerAddressPerDay',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX },
		default: 3,
		description: 'Messages to one email address or phone number in any 24 hours',
		displayOptions: TO_LEAD,
	},
	{
		displayName: 'Max Messages per Lead Domain per Hour',
		name: 'limitPerDomainPerHour',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX },
		default: 30,
		description: 'Emails to addresses of one domain (e.g. example.com) in any 60 minutes',
		displayOptions: TO_LEAD,
	},
	{
		displayName: 'Max Messages to Leads per Hour',
		name: 'limitTotalPerHour',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX },
		default: 300,
		description: 'Messages to all leads together in any 60 minutes (rep notices are not counted)',
		displayOptions: TO_LEAD,
	},
];

/**
 * The limits for item `i`, counted in the node's State Store (the store is connected once, on first need); undefined
 * when every limit is 0 or the lead gets no message.
 */
export function buildLimits(ctx: IExecuteFunctions): (i: number) => Promise<SendLimitSettings | undefined> {
	let counters: Promise<CounterStore> | undefined;
	return async (i) => {
		if (ctx.getNodeParameter('recipients', i, 'lead') === 'rep') return undefined;
		const read = (name: keyof typeof SEND_LIMIT_DEFAULTS, label: string) =>
			Math.floor(
				numberSetting(
					ctx.getNodeParameter(name, i, SEND_LIMIT_DEFAULTS[name]),
					label,
					SEND_LIMIT_DEFAULTS[name],
					0,
					MAX,
				),
			);
		const perAddressPerDay = read('limitPerAddressPerDay', 'Max Messages per Lead Address per Day');
		const perDomainPerHour = read('limitPerDomainPerHour', 'Max Messages per Lead Domain per Hour');
		const totalPerHour = read('limitTotalPerHour', 'Max Messages to Leads per Hour');
		if (!perAddressPerDay && !perDomainPerHour && !totalPerHour) return undefined;
		counters ??= connectStore.call(ctx).then(({ store, scope }) => store.counters(scope));
		return { counters: await counters, perAddressPerDay, perDomainPerHour, totalPerHour };
	};
}
