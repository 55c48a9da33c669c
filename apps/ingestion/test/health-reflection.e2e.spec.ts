import { dirname, join } from 'node:path';
import { Client, credentials, type ServiceError } from '@grpc/grpc-js';
import { loadSync, type ServiceDefinition } from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { startHarness, type Harness } from './ingestion-e2e-support';

interface ReflectionResponse {
  readonly list_services_response?: { readonly service: readonly { readonly name: string }[] };
  readonly file_descriptor_response?: { readonly file_descriptor_proto: readonly Buffer[] };
}

const reflectionProtoDir = join(dirname(require.resolve('@grpc/reflection')), '..', 'proto');
const reflection = loadSync('grpc/reflection/v1/reflection.proto', { includeDirs: [reflectionProtoDir], keepCase: true })[
  'grpc.reflection.v1.ServerReflection'
] as ServiceDefinition;

describe('standard gRPC tooling', () => {
  let h: Harness;
  let client: Client;

  beforeAll(async () => {
    h = await startHarness();
    client = new Client(h.address, credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });

  const check = (service: string) =>
    new Promise<object>((resolve, reject) =>
      client.makeUnaryRequest(
        healthService.Check.path,
        healthService.Check.requestSerialize,
        healthService.Check.responseDeserialize,
        { service },
        (error: ServiceError | null, response?: object) => (error || !response ? reject(error) : resolve(response)),
      ),
    );

  const reflect = (request: object) =>
    new Promise<ReflectionResponse>((resolve, reject) => {
      const method = reflection.ServerReflectionInfo;
      const call = client.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize);
      call.on('data', (response: ReflectionResponse) => {
        resolve(response);
        call.end();
      });
      call.on('error', reject);
      call.write(request);
    });

  it('answers grpc.health.v1 for the server and the ingestion service', async () => {
    expect(await check('')).toEqual({ status: 'SERVING' });
    expect(await check('rapport.ingestion.v1.IngestionService')).toEqual({ status: 'SERVING' });
  });

  it('lists its services and describes the ingestion contract through server reflection', async () => {
    const listed = await reflect({ list_services: '' });
    const described = await reflect({ file_containing_symbol: 'rapport.ingestion.v1.IngestionService' });

    expect(listed.list_services_response?.service.map((s) => s.name)).toEqual(
      expect.arrayContaining(['rapport.ingestion.v1.IngestionService', 'grpc.health.v1.Health']),
    );
    const files = described.file_descriptor_response?.file_descriptor_proto.map((bytes) => Buffer.from(bytes).toString('latin1')) ?? [];
    expect(files.some((f) => f.includes('rapport.ingestion.v1') && f.includes('StreamEvents') && f.includes('InvoicePaid'))).toBe(true);
  });
});
