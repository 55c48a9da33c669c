import type { CredentialGrant, CredentialSummary, IssuedCredential } from '#libs/access';

const holderOf = (grant: CredentialGrant): string => {
  switch (grant.kind) {
    case 'party':
      return `party ${grant.partyId}`;
    case 'partner':
      return `partner ${grant.partnerId}`;
    case 'admin':
      return `admin ${grant.name}`;
  }
};

const scopeOf = (grant: CredentialGrant): string => {
  switch (grant.kind) {
    case 'party':
      return 'itself';
    case 'partner':
      return `for ${grant.parties.join(', ')}; ${grant.eventTypes === 'all' ? 'every event type' : grant.eventTypes.join(', ')}`;
    case 'admin':
      return 'the system';
  }
};

export const describeCreated = ({ credentialId, secret, grant }: IssuedCredential): string =>
  [
    `Created credential ${credentialId} for ${holderOf(grant)} (acts for ${scopeOf(grant)}).`,
    'Its secret, shown this once (send it as "Authorization: Bearer <secret>" or as the gRPC API key):',
    secret,
    '',
  ].join('\n');

export const describeList = (credentials: readonly CredentialSummary[]): string => {
  if (credentials.length === 0) return 'No credentials yet: create one with `rapport token create`.\n';
  const rows = credentials.map((c) => [c.credentialId, holderOf(c.grant), scopeOf(c.grant), c.issuedAt, c.revokedAt ? `revoked ${c.revokedAt}` : 'active']);
  const table = [['CREDENTIAL', 'HOLDER', 'ACTS FOR', 'ISSUED', 'STATUS'], ...rows];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  return table.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n') + '\n';
};
