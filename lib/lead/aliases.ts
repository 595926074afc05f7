/**
 * Field names real forms use, per lead field, compared after folding (lowercase, no accents, no punctuation):
 * "E-mail Address", "email_address" and "EmailAddress" are all "emailaddress". The first alias present wins,
 * so the lists are in order of preference ("phone" before "mobile").
 */
import type { LeadInputField } from './schema';

export const FIELD_ALIASES: Record<LeadInputField, string[]> = {
	email: [
		'email', 'emailaddress', 'workemail', 'businessemail', 'companyemail', 'professionalemail', 'email1',
		'primaryemail', 'contactemail', 'emailid', 'mail', 'emailadresse', 'correo', 'correoelectronico', 'courriel',
		'adressemail', 'adresseemail', 'indirizzoemail', 'epost', 'sahkoposti',
	],
	firstName: [
		'firstname', 'first', 'fname', 'givenname', 'forename', 'namefirst', 'vorname', 'prenom', 'nombre', 'voornaam',
		'nome', 'firstnames',
	],
	lastName: [
		'lastname', 'last', 'lname', 'surname', 'familyname', 'namelast', 'nachname', 'nom', 'apellido', 'apellidos',
		'achternaam', 'cognome', 'sobrenome',
	],
	fullName: ['fullname', 'name', 'contactname', 'leadname', 'nameandsurname', 'firstandlastname', 'yourfullname', 'naam', 'nombrecompleto', 'nomcomplet'],
	jobTitle: ['jobtitle', 'title', 'position', 'role', 'jobrole', 'designation', 'jobposition', 'occupation', 'funktion', 'cargo', 'poste'],
	phone: [
		'phone', 'phonenumber', 'telephone', 'telephonenumber', 'tel', 'mobilephone', 'mobile', 'mobilenumber',
		'cellphone', 'cell', 'workphone', 'workphonenumber', 'businessphone', 'directphone', 'contactnumber',
		'phone1', 'telefon', 'telefono', 'telefonnummer', 'numerodetelephone', 'whatsapp', 'whatsappnumber', 'callernum',
		'callernumber', 'callerid', 'phoneformatted',
		// Calendly's invitee record: the number the invitee typed to get SMS reminders, so the invitee's own phone.
		'textremindernumber', 'smsnumber',
	],
	company: [
		'company', 'companyname', 'organization', 'organisation', 'organizationname', 'organisationname', 'org',
		'business', 'businessname', 'employer', 'accountname', 'account', 'firma', 'unternehmen', 'firmenname',
		'empresa', 'entreprise', 'societe', 'azienda', 'bedrijf', 'bedrijfsnaam', 'orgname',
	],
	website: [
		'website', 'websiteurl', 'companywebsite', 'companyurl', 'web', 'webpage', 'homepage', 'site', 'webseite',
		'sitioweb', 'siteweb', 'url', 'companydomain', 'domain',
	],
	country: ['country', 'countryname', 'countrycode', 'countryregion', 'nation', 'land', 'pais', 'pays', 'paese', 'addresscountry'],
	region: [
		'state', 'stateprovince', 'stateorprovince', 'province', 'region', 'statecode', 'stateregion', 'county',
		'bundesland', 'provincia', 'estado', 'addressstate', 'regionname', 'statename', 'provincecode',
	],
	street: ['street', 'streetaddress', 'address', 'address1', 'addressline1', 'addressstreet', 'addr1', 'strasse', 'direccion', 'adresse', 'adres'],
	city: ['city', 'town', 'locality', 'addresscity', 'cityname', 'ort', 'stadt', 'ciudad', 'ville', 'citta', 'plaats', 'cidade'],
	postalCode: ['postalcode', 'zip', 'zipcode', 'postcode', 'postal', 'addresszip', 'addresspostalcode', 'plz', 'postleitzahl', 'codigopostal', 'codepostal'],
	employees: [
		'employees', 'numemployees', 'numberofemployees', 'noofemployees', 'employeecount', 'companysize',
		'employeesize', 'headcount', 'teamsize', 'size', 'staff', 'mitarbeiter', 'empleados', 'companyheadcount',
	],
	industry: ['industry', 'sector', 'vertical', 'industrytype', 'branche', 'industria', 'secteur'],
	source: ['leadsource', 'source', 'sourcename', 'origin', 'channel', 'howdidyouhearaboutus', 'referralsource', 'hsanalyticssource'],
	message: [
		'message', 'comments', 'comment', 'notes', 'note', 'question', 'questions', 'inquiry', 'enquiry', 'details',
		'description', 'howcanwehelp', 'howcanwehelpyou', 'additionalinformation', 'nachricht', 'mensaje', 'body',
	],
	score: ['leadscore', 'score', 'hubspotscore'],
	submittedAt: [
		'submittedat', 'submittedon', 'submissiondate', 'submissiontime', 'submitted', 'createdtime', 'createdat',
		'created', 'createdate', 'createddate', 'datecreated', 'creationdate', 'datetimecreated', 'createdon', 'addtime',
		'leadsubmittime', 'firedat', 'signedupat', 'timestamp', 'date', 'datesubmitted', 'entrydate', 'registeredat',
		'registrationdate', 'signupdate', 'subscribedat', 'optinat',
	],
	utmSource: ['utmsource'],
	utmMedium: ['utmmedium'],
	utmCampaign: ['utmcampaign', 'campaign', 'campaignname'],
	utmTerm: ['utmterm', 'keyword'],
	utmContent: ['utmcontent'],
	landingPage: ['landingpage', 'landingpageurl', 'pageurl', 'pageuri', 'sourceurl', 'formurl', 'referrer', 'referer', 'pageurl1'],
	consentEmail: [
		'consent', 'emailconsent', 'marketingconsent', 'consenttocommunicate', 'optin', 'emailoptin', 'gdpr',
		'gdprconsent', 'newsletter', 'subscribe', 'subscribetonewsletter', 'acceptsmarketing', 'marketingoptin',
	],
	consentSms: ['smsconsent', 'smsoptin', 'textoptin', 'consenttosms', 'textconsent', 'whatsappoptin'],
};

// Prefixes forms put in front of a field name: "your-email" (Contact Form 7), "contact_email", "lead_phone", and the
// role of the person a flat record describes ("attendee_first_name", "requester_name", "invitee_email").
const PREFIXES = [
	'your', 'contact', 'lead', 'customer', 'user', 'my', 'hs', 'fb', 'field', 'mailing', 'billing', 'shipping', 'caller', 'default',
	'primary', 'attendee', 'invitee', 'guest', 'booker', 'requester', 'respondent', 'submitter', 'visitor', 'subscriber', 'prospect',
];
// Suffixes that only say how a value is written: "created_time_utc" is a created time.
const SUFFIXES = ['utc', 'gmt'];

let index: Map<string, { field: LeadInputField; rank: number }> | undefined;

function aliasIndex() {
	if (index) return index;
	index = new Map();
	for (const [field, aliases] of Object.entries(FIELD_ALIASES) as Array<[LeadInputField, string[]]>) {
		aliases.forEach((alias, rank) => {
			if (!index!.has(alias)) index!.set(alias, { field, rank });
		});
	}
	return index;
}

/** The lead field a folded input key stands for, and its preference rank (lower is better). */
export function fieldForKey(folded: string): { field: LeadInputField; rank: number } | undefined {
	const table = aliasIndex();
	const direct = table.get(folded);
	if (direct) return direct;
	for (const prefix of PREFIXES) {
		if (folded.length > prefix.length + 2 && folded.startsWith(prefix)) {
			const hit = table.get(folded.slice(prefix.length));
			// A prefixed alias ranks after every direct alias of the same field.
			if (hit) return { field: hit.field, rank: hit.rank + 100 };
		}
	}
	for (const suffix of SUFFIXES) {
		if (folded.length > suffix.length + 3 && folded.endsWith(suffix)) {
			const hit = table.get(folded.slice(0, -suffix.length));
			if (hit) return { field: hit.field, rank: hit.rank + 50 };
		}
	}
	return undefined;
}
