// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { Dashboard } from '../../console/models/dashboard';
import type { ApiClient } from '../../console/api/client';

describe('dashboard model', () => {
  it('opens on the last 90 days as the company counts them, whatever the day is in UTC', () => {
    // 07:30 on 30 September in Shanghai is still 29 September in UTC.
    const at = () => new Date('2025-09-29T23:30:00Z');
    const shanghai = new Dashboard({} as ApiClient, at, 'Asia/Shanghai');
    expect([shanghai.from.value, shanghai.to.value]).toEqual(['2025-07-03', '2025-09-30']);
    const utc = new Dashboard({} as ApiClient, at, 'UTC');
    expect([utc.from.value, utc.to.value]).toEqual(['2025-07-02', '2025-09-29']);
  });
});
