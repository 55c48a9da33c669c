import { type DynamicModule, type InjectionToken, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetJobsHandler, JOBS_READER } from './get-jobs/get-jobs.query';

/** `GetJobs` on the `QueryBus`, reading the `JobsReader` the app provides under `reader`. */
@Module({})
export class JobsQueriesModule {
  static forReader(reader: InjectionToken): DynamicModule {
    return { module: JobsQueriesModule, imports: [CqrsModule], providers: [{ provide: JOBS_READER, useExisting: reader }, GetJobsHandler] };
  }
}
