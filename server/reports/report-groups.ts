/** Rows grouped by department code in code order, each group keeping the rows' own order (both reports group this way). */
export function groupByDepartment<Row>(rows: readonly Row[], departmentOf: (row: Row) => string): { department: string; items: Row[] }[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = departmentOf(row);
    const items = groups.get(key);
    if (items) items.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.keys()].sort().map((department) => ({ department, items: groups.get(department) as Row[] }));
}
