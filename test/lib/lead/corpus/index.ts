/** Every real payload of the Normalize Lead corpus (see types.ts for the shape of a case). */
import { ADS } from './ads';
import { BOOKING } from './booking';
import { COMMERCE } from './commerce';
import { CONVERSATIONS } from './conversations';
import { CRM } from './crm';
import { EVENTS } from './events';
import { FORMS } from './forms';
import { MICROSOFT } from './microsoft';
import type { CorpusCase } from './types';

export type { CorpusCase, ExpectedField } from './types';

export const CORPUS: CorpusCase[] = [
	...FORMS,
	...BOOKING,
	...CRM,
	...ADS,
	...COMMERCE,
	...CONVERSATIONS,
	...EVENTS,
	...MICROSOFT,
];
