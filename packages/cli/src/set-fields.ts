import { UsageError } from './errors.js';

/**
 * `--set data.score=90`: changes one field of the webhook body before it is signed. The path is dot-separated
 * (array items by index: `data.events.0.type=click`); missing objects on the way are created. The value is
 * read as JSON when it is JSON (90, true, null, "123", {"a":1}) and as text otherwise, so quote numbers that
 * must stay strings: `--set 'data.userId="123"'`.
 */
export function applySettings(body: Record<string, unknown>, settings: readonly string[]): void {
  for (const setting of settings) {
    const separator = setting.indexOf('=');
    if (separator <= 0) {
      throw new UsageError(`--set ${setting}: expected path=value, e.g. --set data.score=90`, 'send');
    }
    const path = setting.slice(0, separator).split('.');
    if (path.some((part) => part === '' || ['__proto__', 'prototype', 'constructor'].includes(part))) {
      throw new UsageError(`--set ${setting}: "${setting.slice(0, separator)}" is not a field path`, 'send');
    }
    setPath(body, path, parseValue(setting.slice(separator + 1)), setting);
  }
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function setPath(
  target: Record<string, unknown> | unknown[],
  path: string[],
  value: unknown,
  setting: string,
) {
  const [head, ...rest] = path as [string, ...string[]];
  const container = target as Record<string, unknown>;
  if (Array.isArray(target) && !/^\d+$/.test(head)) {
    throw new UsageError(`--set ${setting}: "${head}" must be an index into an array`, 'send');
  }
  if (rest.length === 0) {
    container[head] = value;
    return;
  }
  let next = container[head];
  if (typeof next !== 'object' || next === null) {
    next = {};
    container[head] = next;
  }
  setPath(next as Record<string, unknown>, rest, value, setting);
}
