import { Type, type Static } from 'typebox';
import { IdText, Nullable, Page, Timestamp, lastEventFields, pageQueryFields } from '@inlet/service-kit';

// The read API's contract. Fastify validates requests and serializes answers with these schemas, so a field not
// listed here never leaves the service; the answers' TypeScript types are derived from them.
// Every answer field is always present (null when unknown): clients never test for a missing key, and the
// serializer writes them in this order.

export const maxPageSize = 200;
export const maxSearchResults = 50;

/**
 * Behavior elements are whatever the sender names them (a CSS selector, "lesson:photosynthesis" ...), save
 * U+0000, which PostgreSQL text cannot hold.
 */
export const ElementText = IdText(1024);

/**
 * A UTC calendar day; ajv's "date" format also refuses days a month does not have. The pattern refuses the
 * year 0000, which the format allows and PostgreSQL's date (1 BC comes before 1 AD) does not.
 */
export const DayText = Type.String({ format: 'date', pattern: '^(?!0000-)' });

/** Search text: anything with a character that is not whitespace, save U+0000 (see IdText). */
export const SearchText = Type.String({
  minLength: 1,
  maxLength: 500,
  pattern: '^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$',
});

export const ListContentQuerystring = Type.Object({
  type: Type.Optional(IdText()),
  includeDeleted: Type.Boolean({ default: false }),
  ...pageQueryFields(maxPageSize, 50),
});

/** What every answer about an item starts with: which item it is, where it belongs and what it links to. */
const itemHeading = {
  contentId: Type.String(),
  contextId: Nullable(Type.String()),
  contentType: Nullable(Type.String()),
  title: Nullable(Type.String()),
  url: Nullable(Type.String()),
  resourceLinkId: Nullable(Type.String()),
};

const itemProperties = {
  ...itemHeading,
  /** A tombstone: content.deleted was the newest event. */
  deleted: Type.Boolean(),
  /** The configured sender of the newest event. */
  source: Type.String(),
  ...lastEventFields,
};

/** A catalog row as the read API lists it (without the body, which only GET /content/:contentId returns). */
export const ContentItem = Type.Object(itemProperties);
export type ContentItem = Static<typeof ContentItem>;

/** One item with its text: the body as sent (HTML or plain) and the plain text indexed from it. */
export const ContentDetail = Type.Object({
  ...itemProperties,
  body: Nullable(Type.String()),
  bodyText: Nullable(Type.String()),
});
export type ContentDetail = Static<typeof ContentDetail>;

export const ContentPage = Page(ContentItem);
export type ContentPage = Static<typeof ContentPage>;

export const SearchQuerystring = Type.Object({
  q: SearchText,
  contextId: Type.Optional(IdText()),
  type: Type.Optional(IdText()),
  limit: Type.Integer({ minimum: 1, maximum: maxSearchResults, default: 10 }),
});

/** One search hit: the item, its rank, and where the query matched, highlighted. */
export const SearchHit = Type.Object({
  ...itemHeading,
  lastEventAt: Timestamp,
  /** ts_rank: title matches weigh more than body matches. Only comparable within one answer. */
  rank: Type.Number(),
  /** The title as HTML-escaped text with each match in <mark>…</mark>; null without a title. */
  titleHighlight: Nullable(Type.String()),
  /** Up to two fragments of the body around the matches, HTML-escaped, matches in <mark>; null without a body. */
  snippet: Nullable(Type.String()),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchResults = Type.Object({ items: Type.Array(SearchHit) });

export const DeepLink = Type.Object({
  linkId: Type.String(),
  resourceType: Type.Enum(['assessment', 'content', 'activity'], { type: 'string' }),
  contextId: Type.String(),
  createdBy: Type.String(),
  /** The configuration object as the sender sent it, whatever its keys. */
  configuration: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }),
  source: Type.String(),
  /** When the link was created: the earliest report's occurredAt. */
  createdAt: Timestamp,
  /** The report the row holds. */
  eventId: Type.String(),
});
export type DeepLink = Static<typeof DeepLink>;

/** The UTC days an engagement answer covers, both included. */
export const EngagementRange = Type.Object({
  /** First day included; unbounded when absent. */
  from: Type.Optional(DayText),
  /** Last day included; unbounded when absent. */
  to: Type.Optional(DayText),
});
export type EngagementRange = Static<typeof EngagementRange>;

const countsProperties = {
  views: Type.Integer(),
  clicks: Type.Integer(),
  interactions: Type.Integer(),
};

const engagementProperties = {
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  days: Type.Array(
    Type.Object({
      /** UTC calendar day, YYYY-MM-DD. */
      day: Type.String(),
      ...countsProperties,
    }),
  ),
  totals: Type.Object(countsProperties),
};

/** An element's daily counters; the user's answer is the same with `userId` in place of `element`. */
export const ElementEngagement = Type.Object({ element: Type.String(), ...engagementProperties });
export const UserEngagement = Type.Object({ userId: Type.String(), ...engagementProperties });

/** What the engagement query reads: the days with activity and their sums. */
export type Engagement = Pick<Static<typeof ElementEngagement>, 'days' | 'totals'>;
