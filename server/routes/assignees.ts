import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { listUsers } from '../store/users';

/** Who records can be assigned to, for the console's owner picker (`record.assign`). Mounted at /api/v1/assignees. */
export const assigneesRoutes = new Hono<AppEnv>().use('*', staffAuth()).get('/', requirePermission('record.assign'), async (c) => {
  const users = await listUsers(c.get('deps').db);
  const items = users
    .filter((u) => !u.disabled)
    .map((u) => ({ id: u.id, name: u.name, role: u.role, department: u.department }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return c.json({ items });
});
