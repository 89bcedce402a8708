/** Kafka Streams' generated-name prefixes (KStreamImpl), kept identical so describe() matches. */
export const NodePrefix = {
  SOURCE: 'KSTREAM-SOURCE-',
  SINK: 'KSTREAM-SINK-',
  BRANCH: 'KSTREAM-BRANCH-',
  BRANCHCHILD: 'KSTREAM-BRANCHCHILD-',
  FILTER: 'KSTREAM-FILTER-',
  PEEK: 'KSTREAM-PEEK-',
  FLATMAP: 'KSTREAM-FLATMAP-',
  FLATMAPVALUES: 'KSTREAM-FLATMAPVALUES-',
  MAP: 'KSTREAM-MAP-',
  MAPVALUES: 'KSTREAM-MAPVALUES-',
  MERGE: 'KSTREAM-MERGE-',
  PROCESSOR: 'KSTREAM-PROCESSOR-',
  PROCESSVALUES: 'KSTREAM-PROCESSVALUES-',
  PRINTER: 'KSTREAM-PRINTER-',
  KEY_SELECT: 'KSTREAM-KEY-SELECT-',
  FOREACH: 'KSTREAM-FOREACH-',
  REPARTITION: 'KSTREAM-REPARTITION-',
} as const;

export const repartitionTopicSuffix = '-repartition';

/** Generated names look like `KSTREAM-...-0000000007`; user names do not. */
export const generatedNamePattern = /^KSTREAM.*-[0-9]{10}$/;
