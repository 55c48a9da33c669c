import { Global, Logger, Module } from '@nestjs/common';
import { CREDENTIAL_VERIFIER, type CredentialVerifier } from '#libs/access';

const noCredentialYet: CredentialVerifier = { verify: async () => null };

/**
 * Stands in for the access module until credentials are issued (`rapport token create …`): every token
 * is refused, so the GraphQL API answers UNAUTHENTICATED; /health is unaffected.
 */
@Global()
@Module({
  providers: [
    {
      provide: CREDENTIAL_VERIFIER,
      useFactory: (): CredentialVerifier => {
        new Logger('Access').warn('No credential store is wired yet: every GraphQL request is refused as UNAUTHENTICATED');
        return noCredentialYet;
      },
    },
  ],
  exports: [CREDENTIAL_VERIFIER],
})
export class PendingCredentialsModule {}
