import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ReadStoreReader } from '#libs/projector';
import type { TimelineEntry, TimelineRetraction } from '../../read-models/party-timeline/party-timeline.entries';
import { PARTY_TIMELINE_PROJECTION } from '../../read-models/party-timeline/party-timeline.projection';
import { type TimelineItem, withRetractions } from '../../read-models/party-timeline/party-timeline.queries';
import { timelineList, timelineRetractionsList } from '../../read-models/shared/keys';
import { partyIdArgument } from '../arguments';
import { decodeListCursor, listCursor } from '../paging/cursors';
import { type Page, type PageRequest, MAX_PAGE_SIZE, pageInfoOf, pageSizeOf } from '../paging/page';
import { REPUTATION_READ_STORE } from '../reputation-read-store';

/** How far inside a page a cursor may point; only chains of mid-page cursors ever get near it. */
const MAX_SKIP = 10 * MAX_PAGE_SIZE;
/** Retractions read to mark a page's entries: the list is short (a retraction is rare, and refused when chained). */
const MAX_RETRACTIONS = 1000;

/** What happened to a party, newest first, with the entries that were retracted marked. */
export class GetPartyTimeline extends Query<Page<TimelineItem>> {
  constructor(
    readonly partyId: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(GetPartyTimeline)
export class GetPartyTimelineHandler implements IQueryHandler<GetPartyTimeline, Page<TimelineItem>> {
  constructor(@Inject(REPUTATION_READ_STORE) private readonly reader: ReadStoreReader) {}

  async execute({ partyId, page }: GetPartyTimeline): Promise<Page<TimelineItem>> {
    partyIdArgument('partyId', partyId);
    const first = pageSizeOf(page.first);
    const { before, skip } = decodeListCursor(page.after, MAX_SKIP);
    const [list, retractions] = await Promise.all([
      this.reader.readList(PARTY_TIMELINE_PROJECTION, timelineList(partyId), { limit: skip + first, before }),
      this.reader.readList(PARTY_TIMELINE_PROJECTION, timelineRetractionsList(partyId), { limit: MAX_RETRACTIONS }),
    ]);
    const entries = list.entries.slice(skip).map(({ entry }) => entry as unknown as TimelineEntry);
    const items = withRetractions(entries, retractions.entries.map(({ entry }) => entry as unknown as TimelineRetraction));
    // The store hands out a cursor after the last entry only; an edge inside the page is the page's start plus a skip.
    const cursorAfter = (i: number): string =>
      i === items.length - 1 && list.nextCursor !== null ? listCursor(list.nextCursor, 0) : listCursor(before, skip + i + 1);
    const edges = items.map((node, i) => ({ cursor: cursorAfter(i), node }));
    return { edges, pageInfo: pageInfoOf(edges, list.nextCursor !== null, page.after != null) };
  }
}
