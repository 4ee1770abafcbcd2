/**
 * The longest course or user id the service accepts. The read API addresses members by these ids in the
 * path, with the same bound (routes/schemas.ts): an event naming a longer id could be stored but never read.
 */
export const maxIdLength = 255;
