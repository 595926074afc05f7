/**
 * Built-in texts. The lead confirmation exists in a few languages and is used for those languages only while the
 * user keeps the default English text; a user's own variants always win.
 */
export interface LeadTexts {
	subject: string;
	text: string;
	sms: string;
}

export const DEFAULT_LANGUAGE = 'en';

export const BUILT_IN_LEAD_TEXTS: Record<string, LeadTexts> = {
	en: {
		subject: 'Thanks, {{firstName|there}} – we received your request',
		text: `Hi {{firstName|there}},

thank you for contacting us{{#company}} on behalf of {{company}}{{/company}}. {{owner.name|Our team}} will get back to you shortly.
{{#owner.calendarLink}}
If you would like to talk sooner, pick a time here: {{owner.calendarLink}}
{{/owner.calendarLink}}

Best regards,
{{sender.name|The team}}`,
		sms: 'Hi {{firstName|there}}, thanks for your request! {{owner.name|Our team}} will be in touch shortly.{{#owner.calendarLink}} Book a time: {{owner.calendarLink}}{{/owner.calendarLink}}',
	},
	de: {
		subject: 'Danke{{#firstName}}, {{firstName}}{{/firstName}} – wir haben Ihre Anfrage erhalten',
		text: `{{#firstName}}Hallo {{firstName}},{{/firstName}}{{^firstName}}Guten Tag,{{/firstName}}

vielen Dank für Ihre Anfrage{{#company}} für {{company}}{{/company}}. {{owner.name|Unser Team}} meldet sich in Kürze bei Ihnen.
{{#owner.calendarLink}}
Wenn Sie früher sprechen möchten, wählen Sie hier einen Termin: {{owner.calendarLink}}
{{/owner.calendarLink}}

Viele Grüße
{{sender.name|Ihr Team}}`,
		sms: '{{#firstName}}Hallo {{firstName}}, d{{/firstName}}{{^firstName}}D{{/firstName}}anke für Ihre Anfrage! {{owner.name|Unser Team}} meldet sich in Kürze.{{#owner.calendarLink}} Termin buchen: {{owner.calendarLink}}{{/owner.calendarLink}}',
	},
	es: {
		subject: 'Gracias{{#firstName}}, {{firstName}}{{/firstName}}: hemos recibido su solicitud',
		text: `Hola{{#firstName}} {{firstName}}{{/firstName}}:

gracias por contactarnos{{#company}} en nombre de {{company}}{{/company}}. {{owner.name|Nuestro equipo}} se pondrá en contacto con usted en breve.
{{#owner.calendarLink}}
Si desea hablar antes, elija un horario aquí: {{owner.calendarLink}}
{{/owner.calendarLink}}

Saludos cordiales,
{{sender.name|El equipo}}`,
		sms: 'Hola{{#firstName}} {{firstName}}{{/firstName}}, ¡gracias por su solicitud! {{owner.name|Nuestro equipo}} le contactará en breve.{{#owner.calendarLink}} Reserve una cita: {{owner.calendarLink}}{{/owner.calendarLink}}',
	},
	fr: {
		subject: 'Merci{{#firstName}} {{firstName}}{{/firstName}}, nous avons bien reçu votre demande',
		text: `Bonjour{{#firstName}} {{firstName}}{{/firstName}},

merci de nous avoir contactés{{#company}} pour {{company}}{{/company}}. {{owner.name|Notre équipe}} vous répondra très rapidement.
{{#owner.calendarLink}}
Si vous souhaitez échanger plus tôt, choisissez un créneau ici : {{owner.calendarLink}}
{{/owner.calendarLink}}

Cordialement,
{{sender.name|L'équipe}}`,
		sms: 'Bonjour{{#firstName}} {{firstName}}{{/firstName}}, merci pour votre demande ! {{owner.name|Notre équipe}} vous contactera très vite.{{#owner.calendarLink}} Prendre rendez-vous : {{owner.calendarLink}}{{/owner.calendarLink}}',
	},
};

export const DEFAULT_REP_SUBJECT = 'New lead for you: {{fullName|New contact}}{{#company}} ({{company}}){{/company}}';

export const DEFAULT_REP_TEXT = `Hi {{owner.firstName|there}},

a new lead was assigned to you{{#routing.ruleName}} by the rule "{{routing.ruleName}}"{{/routing.ruleName}}.

Name: {{fullName|–}}
Email: {{email|–}}
Phone: {{phone|–}}
Company: {{company|–}}
Country: {{country|–}}
{{#sla.tier}}
SLA tier: {{sla.tier}}{{#sla.dueAt}} (answer by {{sla.dueAt}}){{/sla.dueAt}}
{{/sla.tier}}
{{#message}}

Message:
{{message}}
{{/message}}
{{#link}}

Open the lead: {{link}}
{{/link}}`;
