import { parseRelationshipStreamId, relationshipStreamId } from './relationship.stream-id';

describe('relationship stream ids', () => {
  it('names the stream after the supplier, then the client', () => {
    expect(relationshipStreamId('acme', 'globex')).toBe('relationship-acme-globex');
  });

  it('parses the two parties back', () => {
    expect(parseRelationshipStreamId(relationshipStreamId('acme_co', 'globex'))).toEqual({ supplierId: 'acme_co', clientId: 'globex' });
  });

  it.each(['party-acme', 'relationship-acme', 'relationship-acme-globex-x', 'relationship-Acme-globex'])(
    'does not parse %s',
    (streamId) => {
      expect(parseRelationshipStreamId(streamId)).toBeUndefined();
    },
  );
});
