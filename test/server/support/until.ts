/** Poll `check` until it holds, or fail naming `what` after `timeoutMs` (each look is a query or a count, never a fixed wait for the outcome). */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
