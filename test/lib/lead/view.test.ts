import { readConsent, readLead, readPhoneAndCountry } from '../../../lib/lead/view';
import { leadKeys } from '../../../lib/match/lead';
import { readLeadFacts } from '../../../lib/respond/lead';

describe('the one lead reading', () => {
	it('prefers canonical fields, then raw spellings, and reads a Webhook item from its body', () => {
		expect(readLead({ email: ' a@b.test ', Email: 'x@y.test', company_name: 'Acme' })).toMatchObject({
			email: 'a@b.test',
			company: 'Acme',
		});
		expect(readLead({ body: { email_address: 'w@hook.test' }, headers: {} }).email).toBe('w@hook.test');
		expect(readLead({ raw: { email: 'r@raw.test' } }).email).toBe('r@raw.test');
	});

	it('reads blocks of later nodes from the item, never from the prototype', () => {
		const view = readLead({
			match: { ownerId: 7 },
			routing: { ownerId: ' u1 ', calendarLink: 'https://cal.test/u1' },
			sla: { status: 'breached' },
		});
		expect(view.match.ownerId).toBe('7');
		expect(view.routing).toMatchObject({ ownerId: 'u1', ownerCalendarLink: 'https://cal.test/u1' });
		expect(view.sla.status).toBe('breached');
		const inherited = Object.create({ routing: { ownerId: 'evil' }, email: 'evil@x.test' }) as Record<string, unknown>;
		expect(readLead(inherited).routing.ownerId).toBeUndefined();
		expect(readLead(inherited).email).toBeUndefined();
	});

	it('reads consent like Normalize Lead: "ja" and "agree" are consent, "nein" is not', () => {
		expect(readConsent(readLead({ consent: { email: 'ja', sms: 'nein' } }))).toEqual({ email: true, sms: false });
		expect(readConsent(readLead({ emailConsent: 'agree' })).email).toBe(true);
		expect(readLeadFacts({ email: 'a@b.test', consent: { sms: 'Ja' } }).consentSms).toBe(true);
	});

	it('reads the country by name or code and national phone numbers in that country', () => {
		expect(readPhoneAndCountry(readLead({ phone: '030 901820', country: 'Deutschland' }))).toEqual({
			phone: '+4930901820',
			country: 'DE',
		});
		expect(readPhoneAndCountry(readLead({ phone: '+44 20 7946 0958' }))).toEqual({
			phone: '+442079460958',
			country: 'GB',
		});
		expect(readPhoneAndCountry(readLead({ phone: '030 901820' }))).toEqual({ phone: undefined, country: undefined });
	});

	it('gives Match Account the same fields Auto-Respond reads', () => {
		const item = { body: { email: 'jane@acme-widgets.test', companyName: 'Acme Widgets' } };
		expect(leadKeys(item)).toMatchObject({ email: 'jane@acme-widgets.test', companyText: 'Acme Widgets' });
		expect(readLeadFacts(item)).toMatchObject({ email: 'jane@acme-widgets.test', company: 'Acme Widgets' });
	});
});
