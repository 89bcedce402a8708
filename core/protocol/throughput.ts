/**
 * Measures codec throughput on broker-shaped messages (not a test):
 *
 *   npx tsx core/protocol/throughput.ts
 *
 * Prints JSON lines: operation, messages per second, and MB/s of frame bytes where that is meaningful.
 */
import { performance } from 'node:perf_hooks';
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse } from './framing.ts';
import type { FetchResponse, MetadataResponse, ProduceRequest } from './generated/index.ts';

const partitions = 10;
const batchBytes = 16384;

function measure(name: string, frameBytes: number, run: () => void): void {
  const warmupRuns = 2000;
  for (let i = 0; i < warmupRuns; i++) run();
  const durationMs = 1000;
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < 200; i++) run();
    n += 200;
    elapsed = performance.now() - start;
  }
  const perSec = (n / elapsed) * 1000;
  console.log(
    JSON.stringify({
      name,
      messagesPerSec: Math.round(perSec),
      frameMBPerSec: Math.round((perSec * frameBytes) / 1e6),
    }),
  );
}

const batch = Buffer.alloc(batchBytes, 1);
const produce: ProduceRequest = {
  transactionalId: null,
  acks: -1,
  timeoutMs: 30000,
  topicData: [
    {
      name: 'events',
      partitionData: Array.from({ length: partitions }, (_, index) => ({ index, records: batch })),
    },
  ],
};
const produceFrame = Buffer.concat(
  encodeRequest({ apiKey: 0, apiVersion: 7, correlationId: 1, clientId: 'bench' }, produce),
).subarray(4);
measure('decode Produce v7 request (10 partitions x 16 KiB, records as views)', produceFrame.length, () => {
  decodeRequest(produceFrame);
});
measure('encode Produce v7 request (10 partitions x 16 KiB, records as chunks)', produceFrame.length, () => {
  encodeRequest({ apiKey: 0, apiVersion: 7, correlationId: 1, clientId: 'bench' }, produce);
});

const slices = [Buffer.alloc(batchBytes, 2), Buffer.alloc(batchBytes, 3)];
const fetch: FetchResponse<readonly Buffer[]> = {
  throttleTimeMs: 0,
  errorCode: 0,
  sessionId: 0,
  responses: [
    {
      topic: 'events',
      topicId: '00000000-0000-0000-0000-000000000000',
      partitions: Array.from({ length: partitions }, (_, partitionIndex) => ({
        partitionIndex,
        errorCode: 0,
        highWatermark: 1000000,
        lastStableOffset: 1000000,
        logStartOffset: 0,
        divergingEpoch: { epoch: -1, endOffset: -1 },
        currentLeader: { leaderId: -1, leaderEpoch: -1 },
        snapshotId: { endOffset: -1, epoch: -1 },
        abortedTransactions: null,
        preferredReadReplica: -1,
        records: slices,
      })),
    },
  ],
  nodeEndpoints: [],
};
const fetchChunks = encodeResponse(1, 11, 1, fetch);
const fetchFrame = Buffer.concat(fetchChunks).subarray(4);
measure('encode Fetch v11 response (10 partitions x 2 file slices of 16 KiB)', fetchFrame.length, () => {
  encodeResponse(1, 11, 1, fetch);
});
measure('decode Fetch v11 response (client side)', fetchFrame.length, () => {
  decodeResponse(1, 11, fetchFrame);
});

const metadata: MetadataResponse = {
  throttleTimeMs: 0,
  brokers: [0, 1, 2].map((nodeId) => ({ nodeId, host: `broker-${nodeId}`, port: 9092, rack: null })),
  clusterId: 'tributary',
  controllerId: 0,
  topics: Array.from({ length: 20 }, (_, t) => ({
    errorCode: 0,
    name: `topic-${t}`,
    topicId: '00000000-0000-0000-0000-000000000000',
    isInternal: false,
    partitions: Array.from({ length: 12 }, (_, p) => ({
      errorCode: 0,
      partitionIndex: p,
      leaderId: p % 3,
      leaderEpoch: 0,
      replicaNodes: [0, 1, 2],
      isrNodes: [0, 1, 2],
      offlineReplicas: [],
    })),
    topicAuthorizedOperations: -2147483648,
  })),
  clusterAuthorizedOperations: -2147483648,
};
const metadataFrame = Buffer.concat(encodeResponse(3, 8, 1, metadata)).subarray(4);
measure('encode Metadata v8 response (20 topics x 12 partitions)', metadataFrame.length, () => {
  encodeResponse(3, 8, 1, metadata);
});
measure('decode Metadata v8 response (20 topics x 12 partitions)', metadataFrame.length, () => {
  decodeResponse(3, 8, metadataFrame);
});
