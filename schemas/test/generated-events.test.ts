import { describe, expect, it } from 'vitest';
import { eventFilesOnDisk, formattedEventFiles } from '../scripts/codegen/event-files.js';
import { regenerateCommand, renderEventFiles } from '../scripts/codegen/events-source.js';
import { eventRecords } from '../src/event-records.js';
import { eventTypes } from '../src/index.js';
import { editedRecord, withVersions } from './support/schema-edits.js';

describe('the generated event types', () => {
  it('src/generated/ holds exactly what the schemas and event-records.ts generate', async () => {
    const onDisk = eventFilesOnDisk();
    const fresh = await formattedEventFiles();
    const stale = [...new Set([...onDisk.keys(), ...fresh.keys()])].filter(
      (name) => onDisk.get(name) !== fresh.get(name),
    );
    expect(
      stale,
      `schemas/src/generated/ is out of date (${stale.join(', ')}): run \`${regenerateCommand}\` and commit it`,
    ).toEqual([]);
  });

  it("declare each main topic's records in its own file, the catalog in events.ts and the unmapped record", () => {
    const files = renderEventFiles();
    expect([...files.keys()]).toEqual([
      'grades.ts',
      'membership.ts',
      'content.ts',
      'payments.ts',
      'media.ts',
      'unmapped.ts',
      'events.ts',
    ]);
    expect(files.get('payments.ts')).toContain('export interface SubscriptionChange {');
    expect(files.get('events.ts')).toContain("export type * from './payments.js';");
    expect(files.get('events.ts')).not.toContain('unmapped');
    expect(files.get('unmapped.ts')).toContain('  internalEventType: string | null;');
  });

  it('name every event type of event-records.ts with its service and record', () => {
    expect(Object.keys(eventTypes)).toEqual(Object.keys(eventRecords));
    expect(eventTypes['payment.refunded']).toEqual({ service: 'payments', record: 'PaymentChange' });
    expect(eventTypes['user.behavior']).toEqual({ service: 'content', record: 'UserBehavior' });
  });

  it('type nullable fields as T | null, enums as unions and nested records by name', () => {
    const files = renderEventFiles();
    expect(files.get('payments.ts')).toContain('  currentPeriodEnd: number | null;');
    expect(files.get('content.ts')).toContain("export type BehaviorType = 'click' | 'view' | 'interaction';");
    expect(files.get('content.ts')).toContain('  events: BehaviorItem[];');
    expect(files.get('events.ts')).toContain('  data: EventDataByType[T];');
  });

  it("follow the latest version of a topic's schema", () => {
    const v2 = editedRecord('inlet.media.v1', 'TranscriptionCompleted', (fields) => [
      ...fields,
      { name: 'language', type: ['null', 'string'], default: null, doc: 'The transcript language (BCP 47).' },
    ]);
    const v1 = editedRecord('inlet.media.v1', 'TranscriptionCompleted', (fields) => fields);
    const media = renderEventFiles(withVersions('inlet.media.v1', v1, v2)).get('media.ts');
    expect(media).toContain('  /** The transcript language (BCP 47). */\n  language: string | null;');
  });

  it('refuse an event type whose record no schema declares, and a record no event type carries', () => {
    expect(() => renderEventFiles(undefined, { ...eventRecords, 'grade.archived': 'GradeArchive' })).toThrow(
      'event type grade.archived: no main topic',
    );
    const { 'course.completed': _, ...withoutCourseCompleted } = eventRecords;
    expect(() => renderEventFiles(undefined, withoutCourseCompleted)).toThrow(
      'data record CourseCompletion is carried by no event type',
    );
  });
});
