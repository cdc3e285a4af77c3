// Type-level tests of the web build (pkg/web/crm_wasm.d.ts): init, then the same class.
import init, { Crm, CrmError, ValidationError, type Customer, type CrmOptions } from '../pkg/web/crm_wasm.js';

await init();
const options: CrmOptions = { now: new Date(), seed: 1 };
const crm = new Crm(options);
const c: Customer = crm.createCustomer({ givenName: 'Ada', emails: ['ada@example.com'] });
const created: Date = c.createdAt;
void created;
// @ts-expect-error: emails is a list
crm.createCustomer({ emails: 'ada@example.com' });
try {
  crm.createCustomer({ givenName: 'Ada', emails: ['not an email'] });
} catch (err) {
  if (err instanceof ValidationError) {
    const field: string | null = err.field;
    const base: CrmError = err;
    void [field, base];
  }
}
