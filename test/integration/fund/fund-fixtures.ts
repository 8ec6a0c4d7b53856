import { newId, Transaction } from '@cbm/core';
import { FUND_REQUEST_PORT, FundRequestPort, RequestFacts } from '@cbm/fund';
import { bearer, TestSystem, TestUser } from '../../support/test-system';

/**
 * The fund reads requests through its port; these tests drive the fund on its own, so the port
 * answers from a map the test fills (the hub's own tests cover how requests reach set-up). The
 * fund's rows refer to the request by foreign key, so when the fund reads a request in its
 * transaction a bare support_request row with the same id is written there too.
 */
export function stubRequests(sys: TestSystem) {
  const port = sys.app.get<FundRequestPort>(FUND_REQUEST_PORT, { strict: false });
  const facts = new Map<string, RequestFacts>();
  port.requestFacts = async (id: string, t?: Transaction) => {
    const f = facts.get(id);
    if (f && t)
      await t.query(
        `INSERT INTO support_request (id, reference, country_code, status, title, created_by_id, status_changed_at, version, created_at, updated_at)
         SELECT $1, $2, $3, $4, $5, (SELECT id FROM app_user ORDER BY created_at, id LIMIT 1), now(), 1, now(), now()
         ON CONFLICT (id) DO NOTHING`,
        [f.id, `stub ${f.id}`, f.countryCode, f.status, f.title],
      );
    return f ?? null;
  };
  let n = 0;
  return {
    facts,
    add(f: Partial<RequestFacts> = {}): RequestFacts {
      const id = f.id ?? newId();
      const r: RequestFacts = {
        id,
        reference: `CBM-2026-${f.countryCode ?? 'KEN'}-${String(++n).padStart(4, '0')}`,
        title: `Request ${n}`,
        status: 'setup',
        countryCode: 'KEN',
        objectives: [21],
        leadOrganisationId: null,
        organisationIds: [],
        ...f,
      };
      facts.set(id, r);
      return r;
    },
  };
}

export const usd = (amount: string | number) => ({ amount: String(amount), currency: 'USD' });

let keys = 0;
export const key = () => `k-${Date.now()}-${++keys}`;

/** Pledge and deposit in one go; returns the contribution id. */
export async function fund(
  sys: TestSystem,
  fm: TestUser,
  o: { contributorId: string; amount: number; currency?: string; usdAmount?: number; earmark?: object },
) {
  const currency = o.currency ?? 'USD';
  const c = await sys
    .http()
    .post('/api/v1/fund/contributions')
    .set(bearer(fm))
    .send({
      contributorId: o.contributorId,
      pledgedAt: '2026-01-15',
      amount: { amount: String(o.amount), currency },
      earmark: o.earmark ?? { type: 'none' },
    });
  if (c.status !== 201) throw new Error(`pledge: ${c.status} ${JSON.stringify(c.body)}`);
  const d = await sys
    .http()
    .post(`/api/v1/fund/contributions/${c.body.id}/deposits`)
    .set(bearer(fm))
    .set('Idempotency-Key', key())
    .send({
      receivedAt: '2026-02-01',
      amount: { amount: String(o.amount), currency },
      usdAmount: usd(o.usdAmount ?? o.amount),
    });
  if (d.status !== 201) throw new Error(`deposit: ${d.status} ${JSON.stringify(d.body)}`);
  return c.body.id as string;
}

/** Application, proposal and approval; returns the allocation id. */
export async function allocate(
  sys: TestSystem,
  u: { hub: TestUser; fm: TestUser; sc: TestUser },
  requestId: string,
  amount: number,
  tranches: { amount: number; condition: string }[] = [{ amount, condition: 'on_approval' }],
) {
  const app = await sys
    .http()
    .post('/api/v1/fund/applications')
    .set(bearer(u.hub))
    .send({ requestId, amount: usd(amount), justification: 'seed funding to start the pilot' });
  if (app.status !== 201) throw new Error(`application: ${app.status} ${JSON.stringify(app.body)}`);
  const a = await sys
    .http()
    .post('/api/v1/fund/allocations')
    .set(bearer(u.fm))
    .send({
      applicationId: app.body.id,
      amount: usd(amount),
      tranches: tranches.map((t) => ({ amount: usd(t.amount), condition: t.condition })),
    });
  if (a.status !== 201) throw new Error(`proposal: ${a.status} ${JSON.stringify(a.body)}`);
  const ok = await sys
    .http()
    .post(`/api/v1/fund/allocations/${a.body.id}/approve`)
    .set(bearer(u.sc))
    .send({ decisionRef: 'SC-2026-01' });
  if (ok.status !== 200) throw new Error(`approval: ${ok.status} ${JSON.stringify(ok.body)}`);
  return a.body.id as string;
}
