import { checkQuietHours, leadTimeZones } from '../../../lib/respond/quiet-hours';
import { planLeadMessage, type ChannelRules } from '../../../lib/respond/plan';
import { readLeadFacts } from '../../../lib/respond/lead';
import { chooseLeadTemplates } from '../../../lib/respond/language';
import { BUILT_IN_LEAD_TEXTS } from '../../../lib/respond/defaults';

const at = (iso: string) => Date.parse(iso);
const night = { start: '20:00', end: '08:00' };

describe("quiet hours in the lead's time zone", () => {
	it('uses the explicit zone, else every zone of the country, else the fallback', () => {
		expect(leadTimeZones('Europe/Paris', 'US', 'UTC')).toEqual(['Europe/Paris']);
		expect(leadTimeZones('Not/AZone', 'DE', 'UTC')).toContain('Europe/Berlin');
		expect(leadTimeZones(undefined, 'US', 'UTC')).toEqual(
			expect.arrayContaining(['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu']),
		);
		expect(leadTimeZones(undefined, undefined, 'Asia/Tokyo')).toEqual(['Asia/Tokyo']);
	});

	it('is quiet at night and gives the next local morning', () => {
		const check = checkQuietHours(at('2026-03-10T22:30:00Z'), ['Europe/London'], night);
		expect(check.quiet).toBe(true);
		expect(new Date(check.nextAllowed!).toISOString()).toBe('2026-03-11T08:00:00.000Z');
		expect(checkQuietHours(at('2026-03-10T12:00:00Z'), ['Europe/London'], night).quiet).toBe(false);
	});

	it('follows daylight saving time', () => {
		// New York switches to EDT (UTC-4) on 2026-03-08.
		const check = checkQuietHours(at('2026-03-08T05:00:00Z'), ['America/New_York'], night);
		expect(new Date(check.nextAllowed!).toISOString()).toBe('2026-03-08T12:00:00.000Z');
	});

	it('waits until it is daytime in every zone of a multi-zone country', () => {
		// 13:00 UTC: 08:00 in New York but 03:00 in Honolulu.
		const zones = ['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu'];
		const check = checkQuietHours(at('2026-07-01T13:00:00Z'), zones, night);
		expect(check.quiet).toBe(true);
		expect(new Date(check.nextAllowed!).toISOString()).toBe('2026-07-01T18:00:00.000Z');
	});

	it('handles windows that do not cross midnight and rejects bad times', () => {
		expect(checkQuietHours(at('2026-01-01T13:00:00Z'), ['UTC'], { start: '12:00', end: '14:00' }).quiet).toBe(true);
		expect(checkQuietHours(at('2026-01-01T15:00:00Z'), ['UTC'], { start: '12:00', end: '14:00' }).quiet).toBe(false);
		expect(() => checkQuietHours(0, ['UTC'], { start: '25:00', end: '08:00' })).toThrow('not times');
	});
});

describe('channel plan', () => {
	const rules: ChannelRules = {
		mode: 'smsWhenAllowed',
		smsTiers: ['hot'],
		requireSmsConsent: true,
		respectEmailOptOut: true,
	};
	const lead = readLeadFacts({
		email: 'a@b.test',
		phone: '+4930901820',
		country: 'DE',
		consent: { sms: 'yes' },
		sla: { tier: 'HOT' },
	});

	it('texts hot leads with phone and consent', () => {
		expect(planLeadMessage(lead, rules, at('2026-01-01T12:00:00Z'), undefined)).toMatchObject({
			kind: 'send',
			channel: 'sms',
			to: '+4930901820',
		});
	});

	it('honours a minimum score', () => {
		const plan = planLeadMessage({ ...lead, score: 40 }, { ...rules, smsMinScore: 50 }, 0, undefined);
		expect(plan).toMatchObject({ kind: 'send', channel: 'email' });
	});

	it('defers at night in Berlin, or emails instead', () => {
		const quiet = { ...rules, quietHours: { ...night, whenQuiet: 'defer' as const, fallbackZone: 'UTC' } };
		const plan = planLeadMessage(lead, quiet, at('2026-01-01T23:00:00Z'), undefined);
		expect(plan).toMatchObject({ kind: 'defer', notBefore: at('2026-01-02T07:00:00Z') });
		const email = planLeadMessage(
			lead,
			{ ...quiet, quietHours: { ...quiet.quietHours, whenQuiet: 'email' } },
			at('2026-01-01T23:00:00Z'),
			undefined,
		);
		expect(email).toMatchObject({ kind: 'send', channel: 'email' });
	});

	it("reads national numbers in the lead's country and raw consent flags", () => {
		const raw = readLeadFacts({
			email_address: 'r@b.test',
			phone_number: '030 901820',
			country: 'DEU',
			sms_consent: 'true',
			smsConsent: 'on',
		});
		expect(raw.phone).toBe('+4930901820');
		expect(raw.country).toBe('DE');
		expect(raw.consentSms).toBe(true);
	});
});

describe('language choice', () => {
	const base = { ...BUILT_IN_LEAD_TEXTS.en, html: '' };
	it('maps countries to languages and prefers user variants', () => {
		expect(chooseLeadTemplates(base, [], 'country', { country: 'CH' }).name).toBe('lead.de');
		expect(chooseLeadTemplates(base, [], 'country', { country: 'MX' }).name).toBe('lead.es');
		expect(chooseLeadTemplates(base, [], 'country', { country: 'JP' }).name).toBe('lead.default');
		const variants = [{ language: 'fr-CA', countries: ['CA'], subject: 'Bonjour' }];
		const chosen = chooseLeadTemplates(base, variants, 'country', { country: 'CA' });
		expect(chosen).toMatchObject({ name: 'lead.fr-ca', set: { subject: 'Bonjour', text: base.text } });
		expect(chooseLeadTemplates(base, variants, 'field', { fieldValue: 'FR_ca' }).name).toBe('lead.fr-ca');
		expect(chooseLeadTemplates(base, [], 'none', { country: 'DE' }).name).toBe('lead.default');
	});
});
