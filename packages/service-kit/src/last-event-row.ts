/** The columns with which a projection row records the newest event applied to it. */
export interface LastEventRow {
  last_event_id: string;
  last_event_type: string;
  last_event_at: Date;
  updated_at: Date;
}

/** Those columns as the read APIs answer them (lastEventFields in read-api-schemas.ts). */
export function lastEventOf(row: LastEventRow) {
  return {
    lastEventId: row.last_event_id,
    lastEventType: row.last_event_type,
    lastEventAt: row.last_event_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
