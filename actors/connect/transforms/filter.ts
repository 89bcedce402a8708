import type { ConnectRecord } from '../api/records.ts';
import { ConfigDef } from '../config/config-def.ts';
import type { Transformation } from './transformation.ts';

/** Filter: drops every record it sees; gate it with a predicate to drop only some. */
export class Filter<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  configure(): void {}
  apply(): R | null {
    return null;
  }
  config(): ConfigDef {
    return new ConfigDef();
  }
  close(): void {}
}
