import { RecordedLog } from '../../../test/recorded-log';
import { decodeEvent } from './decode-event';

describe('decoding a recorded event', () => {
  it('reads a relationship event in today’s shape, with its parties, when it happened and when it was recorded', () => {
    const log = new RecordedLog();
    const paid = log.between('acme', 'globex').payInvoice('2024-01-10', { invoiceId: 'inv-7', attested: true });

    expect(decodeEvent(paid)).toEqual({
      stream: 'relationship',
      ref: { supplierId: 'acme', clientId: 'globex' },
      stored: expect.objectContaining({ id: paid.id, revision: 0, event: { type: 'InvoicePaid', data: expect.objectContaining({ invoiceId: 'inv-7' }) } }),
      recordedAt: '2024-02-09T09:00:00.000Z',
      occurredAt: '2024-02-09T09:00:00.000Z',
    });
    expect(decodeEvent(paid)).toBe(decodeEvent(paid));
  });

  it('reads a party event', () => {
    const registered = new RecordedLog().register('globex', { registeredAt: '2024-01-01T00:00:00Z' });

    expect(decodeEvent(registered)).toMatchObject({ stream: 'party', partyId: 'globex', occurredAt: '2024-01-01T00:00:00.000Z' });
  });

  it.each([
    ['an unknown type', 'relationship-acme-globex', 'InvoiceDisputedByFax', { supplierId: 'acme', clientId: 'globex' }, {}],
    ['a payload that fails its schema', 'relationship-acme-globex', 'ReferralGiven', { supplierId: 'acme', clientId: 'globex' }, {}],
    ['a payload naming other parties than its stream', 'relationship-acme-globex', 'ReferralGiven', { supplierId: 'acme', clientId: 'initech', referralId: 'r1', referrerId: 'acme', givenAt: '2024-01-01T00:00:00Z' }, {}],
    ['a version written by newer code', 'relationship-acme-globex', 'ReferralGiven', { supplierId: 'acme', clientId: 'globex', referralId: 'r1', referrerId: 'acme', givenAt: '2024-01-01T00:00:00Z' }, { schemaVersion: 9 }],
    ['metadata without who recorded it', 'relationship-acme-globex', 'ReferralGiven', { supplierId: 'acme', clientId: 'globex', referralId: 'r1', referrerId: 'acme', givenAt: '2024-01-01T00:00:00Z' }, { recordedBy: undefined }],
    ['a stream that is neither a party nor a relationship', 'invoice-7', 'InvoicePaid', {}, {}],
  ])('cannot read %s', (_what, streamId, type, data, metadata) => {
    const event = new RecordedLog().record(streamId, type, data, '2024-01-01');
    const withMetadata = { ...event, metadata: JSON.parse(JSON.stringify({ ...event.metadata, ...metadata })) };

    expect(decodeEvent(withMetadata)).toBeNull();
  });
});
