import { EventTypeOutOfScopeError, OnBehalfOfRequiredError, PartyOutOfScopeError, type Principal } from '#libs/access';
import { NotAPartyToRelationshipError, RecorderNotAllowedError, relationshipStreamId, RelationshipsModule, type RelationshipCommandInput } from '../..';
import { ADAPTERS, ADMIN, aParty, asParty, asPartner, readStream, refusalOf, useCommandApp } from '../../../../access/test/command-app';
import { RecordRelationshipFact } from './record-relationship-fact';

describe.each(ADAPTERS)('who may record in a relationship (%s)', (_adapter, openStore) => {
  const suite = useCommandApp(openStore, [RelationshipsModule]);
  let supplier: string;
  let client: string;
  let stranger: string;
  let streamId: string;

  beforeEach(() => {
    supplier = aParty('acme');
    client = aParty('globex');
    stranger = aParty('initech');
    streamId = relationshipStreamId(supplier, client);
  });

  const invoice = (): RelationshipCommandInput => ({
    type: 'RecordInvoicePaid',
    data: { supplierId: supplier, clientId: client, invoiceId: 'i1', amount: 1200, currency: 'EUR', dueAt: '2026-02-28T00:00:00Z', paidAt: '2026-02-27T00:00:00Z' },
  });
  const delivery = (): RelationshipCommandInput => ({
    type: 'RecordDelivery',
    data: { supplierId: supplier, clientId: client, deliveryId: 'd1', dueAt: '2026-02-20T00:00:00Z', deliveredAt: '2026-02-19T00:00:00Z' },
  });
  const record = (principal: Principal, command: RelationshipCommandInput, onBehalfOf?: string) =>
    suite.app.commandBus.execute(new RecordRelationshipFact(principal, { command, onBehalfOf }));

  const expectNothingRecorded = async () => expect(await readStream(suite.store, streamId)).toEqual([]);

  describe('a party', () => {
    it('never records in a relationship it is not part of', async () => {
      const error = await refusalOf(record(asParty(stranger), invoice()));
      expect(error).toBeInstanceOf(NotAPartyToRelationshipError);
      expect(error).toMatchObject({ kind: 'forbidden', code: 'RELATIONSHIP.NOT_A_PARTY' });
      await expectNothingRecorded();
    });

    it('acts only for itself', async () => {
      const error = await refusalOf(record(asParty(supplier), invoice(), client));
      expect(error).toBeInstanceOf(PartyOutOfScopeError);
      expect(error).toMatchObject({ kind: 'forbidden', code: 'ACCESS.PARTY_OUT_OF_SCOPE' });
    });

    it('is still held to the domain’s table: a client does not report its own payment', async () => {
      expect(await refusalOf(record(asParty(client), invoice()))).toBeInstanceOf(RecorderNotAllowedError);
    });
  });

  describe('a partner integration', () => {
    const ledgerly = () => asPartner('ledgerly', [client], ['InvoicePaid']);

    it('records, attested, for a party it was granted, an event type it was granted', async () => {
      await record(ledgerly(), invoice(), client);
      const [stored] = await readStream(suite.store, streamId);
      expect(stored.metadata).toMatchObject({ recordedBy: client, source: 'partner:ledgerly', attested: true });
    });

    it('is refused for a party it was not granted', async () => {
      const error = await refusalOf(record(ledgerly(), invoice(), supplier));
      expect(error).toBeInstanceOf(PartyOutOfScopeError);
      expect(error).toMatchObject({ kind: 'forbidden', code: 'ACCESS.PARTY_OUT_OF_SCOPE' });
      await expectNothingRecorded();
    });

    it('is refused for an event type it was not granted', async () => {
      const error = await refusalOf(record(ledgerly(), delivery(), client));
      expect(error).toBeInstanceOf(EventTypeOutOfScopeError);
      expect(error).toMatchObject({ kind: 'forbidden', code: 'ACCESS.EVENT_TYPE_OUT_OF_SCOPE' });
      await expectNothingRecorded();
    });

    it('must name the party it acts for', async () => {
      expect(await refusalOf(record(ledgerly(), invoice()))).toBeInstanceOf(OnBehalfOfRequiredError);
    });

    it('is refused in a relationship its party is not part of', async () => {
      const error = await refusalOf(record(asPartner('ledgerly', [stranger]), invoice(), stranger));
      expect(error).toMatchObject({ kind: 'forbidden', code: 'RELATIONSHIP.NOT_A_PARTY' });
      await expectNothingRecorded();
    });
  });

  describe('an admin', () => {
    it('acts as the system, which records no party’s facts', async () => {
      expect(await refusalOf(record(ADMIN, invoice()))).toMatchObject({ kind: 'forbidden', code: 'RELATIONSHIP.NOT_A_PARTY' });
    });

    it('never acts for a party', async () => {
      expect(await refusalOf(record(ADMIN, invoice(), supplier))).toBeInstanceOf(PartyOutOfScopeError);
    });

    it('reveals feedback as the system', async () => {
      const answer = await record(ADMIN, { type: 'RevealFeedback', data: { supplierId: supplier, clientId: client } });
      expect(answer).toMatchObject({ eventIds: [], revision: -1, replayed: false });
    });
  });
});
