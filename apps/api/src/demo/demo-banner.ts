import type { DemoTokens } from './demo-seed';
import { DEMO } from './demo-story';

/** What `npm start` did about the demo. */
export type DemoOutcome =
  | { readonly kind: 'seeded'; readonly tokens: DemoTokens }
  | { readonly kind: 'already-seeded'; readonly tokens: DemoTokens }
  | { readonly kind: 'not-seeded'; readonly reason: string };

/** A curl line for `query`, its body on a second line indented like the first. */
const curl = (url: string, token: string, query: string, indent = '  '): string =>
  `${indent}curl -s ${url} -H "authorization: Bearer ${token}" -H 'content-type: application/json' \\\n${indent}  -d '${JSON.stringify({ query })}'`;

const PARTY_QUERY = `{ party(id: "${DEMO.idealClient}") { identity { name } asClient { score grade confidenceLevel reasons { direction text } } } }`;

const mutationOf = (today: Date): string => {
  const paidAt = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())).toISOString();
  const dueAt = new Date(Date.parse(paidAt) + 20 * 86_400_000).toISOString();
  return (
    `mutation { recordInvoicePaid(input: { supplierId: "${DEMO.supplier}", clientId: "${DEMO.idealClient}", engagementId: "harbor-web", ` +
    `invoiceId: "INV-TRY-1", amount: 4200, currency: "EUR", dueAt: "${dueAt}", paidAt: "${paidAt}" }, ` +
    `idempotencyKey: "try-1", waitForProjection: true) { eventIds revision replayed projected } }`
  );
};

const HOW_TO_GET_A_TOKEN = (graphqlUrl: string): string[] => [
  'To get a token:',
  '  - with the server stopped (the embedded store admits one process at a time):',
  '      npm run rapport -- token create --party <partyId>        (or --admin <name>, or --partner <id> --parties <a,b>)',
  '  - while it runs, with an admin token:',
  curl(graphqlUrl, '$ADMIN_TOKEN', 'mutation { createCredential(input: { kind: PARTY, partyId: "<partyId>" }) { credentialId secret } }', '      '),
  '  - or restart with `npm start -- --demo` for fresh demo tokens.',
];

/** The lines `npm start` prints once it listens: where, what is in the store, and a token to try it with. */
export const startBanner = (graphqlUrl: string, demo: DemoOutcome, today = new Date()): string => {
  const lines = [`Rapport API: ${graphqlUrl} (graphql-ws on the same path; health at ${graphqlUrl.replace(/\/graphql$/, '/health')})`, ''];
  if (demo.kind === 'not-seeded') return [...lines, demo.reason, '', ...HOW_TO_GET_A_TOKEN(graphqlUrl), ''].join('\n');
  const { party, admin } = demo.tokens;
  return [
    ...lines,
    demo.kind === 'seeded'
      ? 'Demo seeded: Lumen Studio (supplier) and its ten-year ideal client harbor_foods, the draining client grindstone, the amicable parting with oakridge; sharkline, the supplier that sued petit_bistro over a review.'
      : 'The demo was seeded before; here are fresh tokens for it.',
    '',
    'Tokens (shown once, only their hashes are stored):',
    `  export TOKEN=${party.secret}          # party ${party.partyId}`,
    `  export ADMIN_TOKEN=${admin.secret}    # admin: createCredential / revokeCredential / credentials`,
    '',
    'Read a rating:',
    curl(graphqlUrl, '$TOKEN', PARTY_QUERY),
    '',
    `Record a fact (as ${party.partyId}), and read it back at once:`,
    curl(graphqlUrl, '$TOKEN', mutationOf(today)),
    '',
  ].join('\n');
};
