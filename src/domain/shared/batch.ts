import { In, type DataSource, type EntityTarget, type FindOptionsOrder, type ObjectLiteral } from 'typeorm';

/**
 * One statement for the children of many parents (`WHERE <fk> IN (...)`), grouped by parent id: the batch function
 * behind a per-request DataLoader, so a list of N parents costs one query per nested field, not N.
 */
export async function childrenByParent<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  foreignKey: keyof T & string,
  parentIds: readonly string[],
  order: FindOptionsOrder<T>,
): Promise<Map<string, T[]>> {
  if (parentIds.length === 0) return new Map();
  const rows = await dataSource.getRepository(entity).find({ where: { [foreignKey]: In([...new Set(parentIds)]) } as never, order });
  return groupBy(rows, (row) => row[foreignKey] as string);
}

/** Rows grouped by a key, in their order: the shape every batch function hands to its DataLoader. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
