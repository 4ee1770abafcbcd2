// Generated from the latest Avro schema of inlet.content.v1 (schemas/avro/inlet.content.v1/): the records of
// its data union, by `npm run generate --workspace @inlet/schemas`. Do not edit: change those and regenerate
// (a test fails while this file differs from what they generate).

// ContentEvent: Course content and learner behavior: content items created, changed or deleted, deep links,
// behavior batches. Keyed by the content item, the deep link or the user.

/** A content item was created, changed or deleted (content.created, content.updated, content.deleted). */
export interface ContentChange {
  /** The sender's id for the content item. */
  contentId: string;
  /** assignment, discussion_topic, module, page, quiz, resource ... */
  contentType: string | null;
  /** The LTI resource link that shows the item, when there is one. */
  resourceLinkId: string | null;
  /** The course (LTI context), when known. */
  contextId: string | null;
  /** The item's title. */
  title: string | null;
  /** Where the item can be seen. */
  url: string | null;
  /** Plain or HTML text to index (assignment description, discussion message). */
  body: string | null;
}

/** An instructor created an LTI deep link to a tool's resource (deep_link.created). */
export interface DeepLinkCreated {
  /** The deep link's id. */
  linkId: string;
  /** What the link points at: assessment, content or activity. */
  resourceType: DeepLinkResourceType;
  /** The course (LTI context) the link was created in. */
  contextId: string;
  /** The user who created the link. */
  createdBy: string;
  /** The deep link's configuration object, as JSON text. */
  configuration: string;
}

/** What the deep link points at. No default on purpose: an unknown kind must not be read as a known one. */
export type DeepLinkResourceType = 'assessment' | 'content' | 'activity';

/** A batch of a user's interactions in one session (user.behavior). */
export interface UserBehavior {
  /** The user whose behavior this is. */
  userId: string;
  /** The session the interactions happened in. */
  sessionId: string;
  /** The interactions, in the order they happened. */
  events: BehaviorItem[];
}

/** One interaction of a user. */
export interface BehaviorItem {
  /** click, view or interaction. */
  type: BehaviorType;
  /** The element interacted with. */
  element: string;
  /** When the interaction happened (epoch ms). */
  occurredAt: number;
  /** Optional metadata object, as JSON text. */
  metadata: string | null;
}

/** The kind of interaction. A kind this reader does not know reads as interaction, the generic kind. */
export type BehaviorType = 'click' | 'view' | 'interaction';
