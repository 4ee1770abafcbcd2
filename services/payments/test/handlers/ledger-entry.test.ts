import { describe, expect, it } from 'vitest';
import { ledgerEntryFor, recordedAfter } from '../../src/handlers/ledger-entry.js';

const nothing = { captured: false, refunded: 0 };

describe('the ledger entry a payment event becomes', () => {
  it('the first payment.success captures its amount; any later one is a duplicate that moves nothing', () => {
    expect(ledgerEntryFor('payment.success', { amount: 4900, amountRefunded: null }, nothing)).toEqual({
      kind: 'capture',
      amount: 4900,
    });
    expect(
      ledgerEntryFor(
        'payment.success',
        { amount: 4900, amountRefunded: null },
        { captured: true, refunded: 0 },
      ),
    ).toEqual({ kind: 'duplicate_capture', amount: 0 });
  });

  it('a refund records the delta between its cumulative total and what is recorded, as a debit', () => {
    expect(ledgerEntryFor('payment.refunded', { amount: 4900, amountRefunded: 1000 }, nothing)).toEqual({
      kind: 'refund',
      amount: -1000,
    });
    expect(
      ledgerEntryFor(
        'payment.refunded',
        { amount: 4900, amountRefunded: 3000 },
        { captured: true, refunded: 1000 },
      ),
    ).toEqual({ kind: 'refund', amount: -2000 });
  });

  it('a refund total not above what is recorded (repeated or late) is a duplicate', () => {
    for (const amountRefunded of [1000, 400]) {
      expect(
        ledgerEntryFor(
          'payment.refunded',
          { amount: 4900, amountRefunded },
          { captured: true, refunded: 1000 },
        ),
      ).toEqual({ kind: 'duplicate_refund', amount: 0 });
    }
  });

  it('a failure moves nothing, before or after a capture', () => {
    for (const recorded of [nothing, { captured: true, refunded: 0 }]) {
      expect(ledgerEntryFor('payment.failed', { amount: 4900, amountRefunded: null }, recorded)).toEqual({
        kind: 'failure',
        amount: 0,
      });
    }
  });
});

describe('what the ledger holds once an entry is appended', () => {
  it('a capture marks the payment captured; a refund adds its delta to the refunded total; nothing else moves', () => {
    expect(recordedAfter(nothing, { kind: 'capture', amount: 4900 })).toEqual({
      captured: true,
      refunded: 0,
    });
    expect(recordedAfter({ captured: true, refunded: 1000 }, { kind: 'refund', amount: -2000 })).toEqual({
      captured: true,
      refunded: 3000,
    });
    for (const kind of ['duplicate_capture', 'duplicate_refund', 'failure'] as const) {
      expect(recordedAfter({ captured: false, refunded: 1000 }, { kind, amount: 0 })).toEqual({
        captured: false,
        refunded: 1000,
      });
    }
  });
});
