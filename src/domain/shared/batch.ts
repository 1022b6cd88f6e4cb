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
  const grouped = new Map<string, T[]>();
  if (parentIds.length === 0) return grouped;
  const rows = await dataSource.getRepository(entity).find({ where: { [foreignKey]: In([...new Set(parentIds)]) } as never, order });
  for (const row of rows) {
    const key = row[foreignKey] as string;
    const list = grouped.get(key);
    if (list) list.push(row);
    else grouped.set(key, [row]);
  }
  return grouped;
}
