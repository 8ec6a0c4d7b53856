import { DefaultNamingStrategy, NamingStrategyInterface, Table } from 'typeorm';

const snake = (s: string) =>
  s
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z\d]+)/g, '$1_$2')
    .toLowerCase();

const tableName = (t: Table | string) => (typeof t === 'string' ? t : t.name).split('.').pop() as string;

/** snake_case tables and columns; every constraint and index gets a readable name. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName?: string): string {
    return customName ?? snake(className.replace(/Entity$/, ''));
  }
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snake(prefixes.concat(customName ?? propertyName).join('_'));
  }
  override relationName(propertyName: string): string {
    return snake(propertyName);
  }
  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }
  override joinTableName(first: string, second: string, firstProperty: string): string {
    return snake(`${first}_${firstProperty.replace(/\./g, '_')}_${second}`);
  }
  override joinTableColumnName(table: string, property: string, column?: string): string {
    return snake(`${table}_${column ?? property}`);
  }
  override primaryKeyName(t: Table | string): string {
    return `pk_${tableName(t)}`;
  }
  override foreignKeyName(t: Table | string, columns: string[]): string {
    return `fk_${tableName(t)}_${columns.join('_')}`;
  }
  override uniqueConstraintName(t: Table | string, columns: string[]): string {
    return `uq_${tableName(t)}_${columns.join('_')}`;
  }
  override indexName(t: Table | string, columns: string[]): string {
    return `ix_${tableName(t)}_${columns.join('_')}`;
  }
  override checkConstraintName(t: Table | string, expression: string): string {
    return `ck_${tableName(t)}_${Buffer.from(expression).toString('hex').slice(0, 12)}`;
  }
  override defaultConstraintName(t: Table | string, column: string): string {
    return `df_${tableName(t)}_${column}`;
  }
  override relationConstraintName(t: Table | string, columns: string[]): string {
    return `rel_${tableName(t)}_${columns.join('_')}`;
  }
  override exclusionConstraintName(t: Table | string, expression: string): string {
    return `xc_${tableName(t)}_${Buffer.from(expression).toString('hex').slice(0, 12)}`;
  }
}
