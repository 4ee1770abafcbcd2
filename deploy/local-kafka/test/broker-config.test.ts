import { describe, expect, it } from 'vitest';
import { log4jProperties, randomClusterId, serverProperties } from '../src/broker-config.js';
import { parseJavaMajor } from '../src/tools.js';

describe('the local broker configuration', () => {
  const properties = serverProperties({ port: 39092, controllerPort: 39093, dataDir: '/d', logDir: '/l' });

  it('runs one combined broker+controller on loopback with replication factor 1 for internal topics', () => {
    expect(properties).toContain('process.roles=broker,controller\n');
    expect(properties).toContain('controller.quorum.voters=1@127.0.0.1:39093\n');
    expect(properties).toContain('advertised.listeners=PLAINTEXT://127.0.0.1:39092\n');
    expect(properties).toContain('offsets.topic.replication.factor=1\n');
    expect(properties).toContain('transaction.state.log.min.isr=1\n');
  });

  it('does not create topics that nobody declared', () => {
    expect(properties).toContain('auto.create.topics.enable=false\n');
  });

  it('logs to a file in the log folder', () => {
    expect(log4jProperties('/l')).toContain('appender.file.fileName = /l/server.log');
  });

  it('makes KRaft cluster ids of 16 bytes in base64url', () => {
    const id = randomClusterId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    expect(randomClusterId()).not.toBe(id);
  });

  it('reads the Java major version from both version formats', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('nonsense')).toBeUndefined();
  });
});
