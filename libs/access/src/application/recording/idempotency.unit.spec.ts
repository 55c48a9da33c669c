import { idempotentEventId, requestHashOf } from './idempotency';

describe('idempotent event ids', () => {
  const id = idempotentEventId('partner:ledgerly', 'relationship-acme-globex', 'ext-1', 0);

  it('are the same UUID (version 5) for the same sender, stream, key and index', () => {
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idempotentEventId('partner:ledgerly', 'relationship-acme-globex', 'ext-1', 0)).toBe(id);
  });

  it('are what they were when the stored events were recorded, whatever the characters and length of the key', () => {
    expect(id).toBe('3fbf4011-7d53-5ad9-adf5-b1b9bdd37bf6');
    expect(idempotentEventId('party:acme', 'relationship-acme-globex', 'ключ-\u2028-😀', 3)).toBe('0e4d150c-5166-543a-ba6c-fb3d11b5f414');
    expect(idempotentEventId('partner:ledgerly', 'relationship-acme-globex', 'k'.repeat(200), 1)).toBe('157604af-421e-54e0-a5dc-b40ea74dcda2');
    expect(idempotentEventId('party:acme', `relationship-acme-${'é'.repeat(400)}`, 'ext-1', 2)).toBe('3bc35e2c-55c2-54f5-b7b0-e7418fe86d48');
  });

  it.each([
    ['sender', ['party:acme', 'relationship-acme-globex', 'ext-1', 0]],
    ['stream', ['partner:ledgerly', 'relationship-acme-initech', 'ext-1', 0]],
    ['key', ['partner:ledgerly', 'relationship-acme-globex', 'ext-2', 0]],
    ['index', ['partner:ledgerly', 'relationship-acme-globex', 'ext-1', 1]],
  ] as const)('differ with the %s', (_what, [scope, stream, key, index]) => {
    expect(idempotentEventId(scope, stream, key, index)).not.toBe(id);
  });
});

describe('the hash of a request', () => {
  it('ignores the order of fields and fields left undefined', () => {
    expect(requestHashOf({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(requestHashOf({ b: { d: 'x', c: [1, 2] }, a: 1, e: undefined }));
  });

  it('is what it was when the stored requests were hashed', () => {
    const invoice = { supplierId: 'acme', clientId: 'globex', invoiceId: 'i1', amount: 1250.5, currency: 'EUR', dueAt: '2026-02-28T00:00:00Z', paidAt: '2026-02-27T00:00:00Z' };
    const odd = { ratings: { quality: 5, fairness: undefined }, comment: 'très bien \u2028 "ok"', 10: [1, undefined, { b: 2, a: [null] }], 2: true, Z: -0 };

    expect(requestHashOf({ command: { type: 'RecordInvoicePaid', data: invoice }, onBehalfOf: 'globex' })).toBe('665f549234228a5aa1aad80a346bf718d3f9ba76595a50d0c8a9940a14356318');
    expect(requestHashOf({ command: { type: 'SubmitFeedback', data: odd } })).toBe('73ab9bba80171e014f9c6cc93694f5cc77fd8e96149e95815b0b0be6e905cd56');
  });

  it('changes with any value', () => {
    expect(requestHashOf({ a: 1, b: [1, 2] })).not.toBe(requestHashOf({ a: 1, b: [2, 1] }));
  });
});
