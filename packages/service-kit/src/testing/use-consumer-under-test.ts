import type { TProperties } from 'typebox';
import { afterAll, beforeAll } from 'vitest';
import type { ConsumerService } from '../consumer-service/define-consumer-service.js';
import {
  startConsumerUnderTest,
  type ConsumerUnderTest,
  type ConsumerUnderTestOptions,
} from './consumer-under-test.js';

/** The running service of a suite: what ConsumerUnderTest offers, for use inside its tests. */
export type ConsumerInSuite<Metrics> = Omit<ConsumerUnderTest<Metrics>, 'close'>;

/**
 * Starts the service's consumer before the suite's tests and closes it after them (startConsumerUnderTest).
 * Its members may be destructured at once (`const { produce, get, handled } = service`) and read inside tests.
 * Options given as a function are read when the service starts, after the hooks registered before this call
 * (media opens its transcript server first).
 */
export function useConsumerUnderTest<Own extends TProperties, Metrics, Dependencies>(
  service: ConsumerService<Own, Metrics, Dependencies>,
  options: ConsumerUnderTestOptions<Dependencies> | (() => ConsumerUnderTestOptions<Dependencies>) = {},
): ConsumerInSuite<Metrics> {
  let started: ConsumerUnderTest<Metrics> | undefined;
  const running = (): ConsumerUnderTest<Metrics> => {
    if (!started) throw new Error(`the ${service.name} consumer starts in beforeAll: use it inside tests`);
    return started;
  };

  beforeAll(async () => {
    started = await startConsumerUnderTest(service, typeof options === 'function' ? options() : options);
  });
  afterAll(async () => started?.close());

  return {
    get db() {
      return running().db;
    },
    get kafka() {
      return running().kafka;
    },
    get topics() {
      return running().topics;
    },
    get metrics() {
      return running().metrics;
    },
    get consumer() {
      return running().consumer;
    },
    get app() {
      return running().app;
    },
    produce: (...events) => running().produce(...events),
    get: (url) => running().get(url),
    handled: () => running().handled(),
  };
}
