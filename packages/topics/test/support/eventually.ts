/**
 * Retries an expectation until it holds (bounded poll). With KRaft a config change is acknowledged once the
 * controller committed it; the broker answering DescribeConfigs may apply it a moment later.
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
