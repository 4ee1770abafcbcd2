/**
 * Id-like fields (eventId, userId, contextId ...) must not be empty strings when they are not nullable: an empty
 * id would key, join and deduplicate unrelated events together. The codec and the JSON Schemas share this rule
 * so the ingress accepts exactly what the codec accepts.
 */
export function isIdLikeField(name: string): boolean {
  return name === 'id' || name.endsWith('Id');
}
