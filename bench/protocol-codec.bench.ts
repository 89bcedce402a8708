/**
 * Kafka wire-protocol codec throughput (core/protocol framing + generated codecs) on broker-shaped
 * messages:
 *
 * - Produce v7 request (10 partitions x 16 KiB of records) and Fetch v11 response (10 partitions x two
 *   16 KiB file slices): byte-heavy frames, where records travel as views (decode) or as separate chunks
 *   (encode) rather than being copied. Baseline: one copy of the same frame's bytes into a preallocated
 *   buffer (what a copying codec would at least have to do). A ratio above 1 means the codec costs less
 *   than touching every byte once.
 * - Metadata v8 response (20 topics x 12 partitions, 3 brokers): field-heavy, no bulk bytes. Baseline:
 *   JSON.stringify + Buffer.from (encode) or Buffer.toString + JSON.parse (decode) of the same body, V8's
 *   native structured serializer.
 *
 * Knobs: BENCH_PROTOCOL_FRAMES (default 40000 Produce/Fetch frames per run), BENCH_PROTOCOL_METADATA
 * (default 3000 Metadata responses per run).
 */
import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  type FetchResponse,
  type MetadataResponse,
  type ProduceRequest,
} from '../core/protocol/index.ts';
import { fetchResponseOf } from '../core/protocol/test-support/fetch-messages.ts';
import { envInt, rate, type Benchmark, type FigureSpec } from './harness.ts';

const partitions = 10;
const batchBytes = 16_384;
const zeroUuid = '00000000-0000-0000-0000-000000000000';

let sink = 0;

function produceRequest(): ProduceRequest {
  const batch = Buffer.alloc(batchBytes, 1);
  return {
    transactionalId: null,
    acks: -1,
    timeoutMs: 30_000,
    topicData: [
      {
        name: 'events',
        partitionData: Array.from({ length: partitions }, (_, index) => ({ index, records: batch })),
      },
    ],
  };
}

function fetchResponse(): FetchResponse<readonly Buffer[]> {
  const slices = [Buffer.alloc(batchBytes, 2), Buffer.alloc(batchBytes, 3)];
  return fetchResponseOf([
    {
      topic: 'events',
      partitions: Array.from({ length: partitions }, (_, partitionIndex) => ({
        partitionIndex,
        highWatermark: 1_000_000,
        records: slices,
      })),
    },
  ]);
}

function metadataResponse(): MetadataResponse {
  return {
    throttleTimeMs: 0,
    brokers: [0, 1, 2].map((nodeId) => ({ nodeId, host: `broker-${nodeId}`, port: 9092, rack: null })),
    clusterId: 'tributary',
    controllerId: 0,
    topics: Array.from({ length: 20 }, (_, t) => ({
      errorCode: 0,
      name: `topic-${t}`,
      topicId: zeroUuid,
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
}

/** A frame's bytes without the 4-byte size prefix, as a decoder receives them. */
function frameOf(chunks: Buffer[]): Buffer {
  return Buffer.concat(chunks).subarray(4);
}

/** MB/s of `frameBytes`-sized frames when `fn` handles `count` of them. */
function frameRate(count: number, frameBytes: number, fn: () => void): number {
  return (rate(count, fn) * frameBytes) / 1e6;
}

/** The baseline of the byte-heavy figures: copy the frame `count` times into one preallocated buffer. */
function copyBaseline(frame: Buffer, count: number): { name: string; measure: () => number } {
  const target = Buffer.allocUnsafe(frame.length);
  return {
    name: `Buffer.copy of the same ${frame.length}-byte frame`,
    measure: () =>
      frameRate(count, frame.length, () => {
        for (let i = 0; i < count; i++) sink += frame.copy(target, 0);
      }),
  };
}

const benchmark: Benchmark = {
  name: 'protocol-codec',
  run(ctx) {
    const frames = envInt('BENCH_PROTOCOL_FRAMES', 40_000);
    const metadataCount = envInt('BENCH_PROTOCOL_METADATA', 3000);

    const produce = produceRequest();
    const produceHeader = { apiKey: 0, apiVersion: 7, correlationId: 1, clientId: 'bench' } as const;
    const produceFrame = frameOf(encodeRequest(produceHeader, produce));
    const fetch = fetchResponse();
    const fetchFrame = frameOf(encodeResponse(1, 11, 1, fetch));
    const metadata = metadataResponse();
    const metadataFrame = frameOf(encodeResponse(3, 8, 1, metadata));
    const metadataJson = JSON.stringify(metadata);
    const metadataJsonBytes = Buffer.from(metadataJson);
    ctx.log(
      `frames: Produce ${produceFrame.length} B, Fetch ${fetchFrame.length} B, Metadata ${metadataFrame.length} B ` +
        `(JSON ${metadataJsonBytes.length} B)`,
    );

    // Decoding must give back what was encoded, or the figures measure a broken codec.
    const decodedProduce = decodeRequest(produceFrame);
    if (decodedProduce.apiKey !== 0 || decodedProduce.body.topicData[0]?.partitionData.length !== partitions)
      throw new Error('Produce v7 request did not round-trip');
    const decodedFetch = decodeResponse(1, 11, fetchFrame).body;
    if (decodedFetch.responses[0]?.partitions.length !== partitions)
      throw new Error('Fetch v11 response did not round-trip');
    if (decodeResponse(3, 8, metadataFrame).body.topics.length !== metadata.topics.length)
      throw new Error('Metadata v8 response did not round-trip');

    const bulkSettings = { frames, partitions, recordsBytesPerPartition: batchBytes };
    const metadataSettings = {
      messages: metadataCount,
      topics: metadata.topics.length,
      partitionsPerTopic: 12,
      frameBytes: metadataFrame.length,
      jsonBytes: metadataJsonBytes.length,
    };
    const produceCopy = copyBaseline(produceFrame, frames);
    const fetchCopy = copyBaseline(fetchFrame, frames);
    const figures: FigureSpec[] = [
      {
        name: 'decode Produce v7 request (10 partitions x 16 KiB, records as views)',
        unit: 'MB/s',
        settings: { ...bulkSettings, frameBytes: produceFrame.length },
        measure: () =>
          frameRate(frames, produceFrame.length, () => {
            for (let i = 0; i < frames; i++) {
              const r = decodeRequest(produceFrame);
              if (r.apiKey === 0) sink += r.body.topicData[0]!.partitionData.length;
            }
          }),
        baseline: produceCopy,
      },
      {
        name: 'encode Produce v7 request (10 partitions x 16 KiB, records as chunks)',
        unit: 'MB/s',
        settings: { ...bulkSettings, frameBytes: produceFrame.length },
        measure: () =>
          frameRate(frames, produceFrame.length, () => {
            for (let i = 0; i < frames; i++) sink += encodeRequest(produceHeader, produce).length;
          }),
        baseline: produceCopy,
      },
      {
        name: 'encode Fetch v11 response (10 partitions x 2 file slices of 16 KiB)',
        unit: 'MB/s',
        settings: { ...bulkSettings, slicesPerPartition: 2, frameBytes: fetchFrame.length },
        measure: () =>
          frameRate(frames, fetchFrame.length, () => {
            for (let i = 0; i < frames; i++) sink += encodeResponse(1, 11, 1, fetch).length;
          }),
        baseline: fetchCopy,
      },
      {
        name: 'decode Fetch v11 response (client side, records as views)',
        unit: 'MB/s',
        settings: { ...bulkSettings, slicesPerPartition: 2, frameBytes: fetchFrame.length },
        measure: () =>
          frameRate(frames, fetchFrame.length, () => {
            for (let i = 0; i < frames; i++) sink += decodeResponse(1, 11, fetchFrame).body.responses.length;
          }),
        baseline: fetchCopy,
      },
      {
        name: 'encode Metadata v8 response (20 topics x 12 partitions)',
        unit: 'messages/s',
        settings: metadataSettings,
        measure: () =>
          rate(metadataCount, () => {
            for (let i = 0; i < metadataCount; i++) sink += encodeResponse(3, 8, 1, metadata).length;
          }),
        baseline: {
          name: 'JSON.stringify + Buffer.from of the same body',
          measure: () =>
            rate(metadataCount, () => {
              for (let i = 0; i < metadataCount; i++) sink += Buffer.from(JSON.stringify(metadata)).length;
            }),
        },
      },
      {
        name: 'decode Metadata v8 response (20 topics x 12 partitions)',
        unit: 'messages/s',
        settings: metadataSettings,
        measure: () =>
          rate(metadataCount, () => {
            for (let i = 0; i < metadataCount; i++)
              sink += decodeResponse(3, 8, metadataFrame).body.topics.length;
          }),
        baseline: {
          name: 'Buffer.toString + JSON.parse of the same body',
          measure: () =>
            rate(metadataCount, () => {
              for (let i = 0; i < metadataCount; i++) {
                const body = JSON.parse(metadataJsonBytes.toString('utf8')) as MetadataResponse;
                sink += body.topics.length;
              }
            }),
        },
      },
    ];
    ctx.onTeardown(() => {
      if (sink === -1) ctx.log('unreachable');
    });
    return figures;
  },
};

export default benchmark;
