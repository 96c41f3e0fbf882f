import { KubeObject } from './types';

/** The four bytes that open every Kubernetes protobuf body: "k8s" and a zero. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Field =
  | { name: string; kind: 'string' | 'bytes' | 'int' | 'time' }
  | { name: string; kind: 'message'; schema: Schema }
  | { name: string; kind: 'map' };

/** A message's fields by number; `repeated` ones collect into a list. */
type Schema = Record<number, Field & { repeated?: boolean }>;

const OBJECT_META: Schema = {
  1: { name: 'name', kind: 'string' },
  2: { name: 'generateName', kind: 'string' },
  3: { name: 'namespace', kind: 'string' },
  5: { name: 'uid', kind: 'string' },
  6: { name: 'resourceVersion', kind: 'string' },
  7: { name: 'generation', kind: 'int' },
  8: { name: 'creationTimestamp', kind: 'time' },
  11: { name: 'labels', kind: 'map' },
  12: { name: 'annotations', kind: 'map' },
  14: { name: 'finalizers', kind: 'string', repeated: true },
};

const CSR_CONDITION: Schema = {
  1: { name: 'type', kind: 'string' },
  2: { name: 'reason', kind: 'string' },
  3: { name: 'message', kind: 'string' },
  4: { name: 'lastUpdateTime', kind: 'time' },
  5: { name: 'lastTransitionTime', kind: 'time' },
  6: { name: 'status', kind: 'string' },
};

/**
 * The kinds whose protobuf bodies the simulator reads, with the fields it keeps. kubectl's
 * typed clients write protobuf: `kubectl certificate approve|deny` sends the CSR that way.
 */
const SCHEMAS: Record<string, Schema> = {
  'certificates.k8s.io/v1/CertificateSigningRequest': {
    1: { name: 'metadata', kind: 'message', schema: OBJECT_META },
    2: {
      name: 'spec',
      kind: 'message',
      schema: {
        1: { name: 'request', kind: 'bytes' },
        2: { name: 'username', kind: 'string' },
        3: { name: 'uid', kind: 'string' },
        4: { name: 'groups', kind: 'string', repeated: true },
        5: { name: 'usages', kind: 'string', repeated: true },
        7: { name: 'signerName', kind: 'string' },
        8: { name: 'expirationSeconds', kind: 'int' },
      },
    },
    3: {
      name: 'status',
      kind: 'message',
      schema: {
        1: {
          name: 'conditions',
          kind: 'message',
          schema: CSR_CONDITION,
          repeated: true,
        },
        2: { name: 'certificate', kind: 'bytes' },
      },
    },
  },
};

const ENVELOPE: Schema = {
  1: {
    name: 'typeMeta',
    kind: 'message',
    schema: {
      1: { name: 'apiVersion', kind: 'string' },
      2: { name: 'kind', kind: 'string' },
    },
  },
  2: { name: 'raw', kind: 'bytes' },
};

/** Thrown for a body that is not a protobuf object the simulator reads. */
export class UnreadableProtobuf extends Error {}

/** Reads protobuf's wire format: varints and length-delimited fields. */
class Reader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  done() {
    return this.offset >= this.buffer.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.done()) throw new UnreadableProtobuf('truncated varint');
      const byte = this.buffer[this.offset++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }

  bytes(): Buffer {
    const length = Number(this.varint());
    if (this.offset + length > this.buffer.length) {
      throw new UnreadableProtobuf('truncated field');
    }
    const chunk = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return chunk;
  }

  skip(length: number) {
    this.offset += length;
  }
}

/**
 * Reads a Kubernetes protobuf request body (the `k8s\0` envelope around a runtime.Unknown
 * holding the object) as the JSON object it stands for. Only the kinds in SCHEMAS are read,
 * and of them the fields the simulator keeps; other kinds throw {@link UnreadableProtobuf}.
 */
export function decodeKubeProtobuf(body: Buffer): KubeObject {
  if (body.length < MAGIC.length || !body.subarray(0, 4).equals(MAGIC)) {
    throw new UnreadableProtobuf(
      'the body lacks the Kubernetes protobuf prefix',
    );
  }
  const envelope = decodeMessage(body.subarray(4), ENVELOPE);
  const typeMeta = (envelope.typeMeta ?? {}) as Record<string, string>;
  const schema = SCHEMAS[`${typeMeta.apiVersion}/${typeMeta.kind}`];
  if (!schema || !Buffer.isBuffer(envelope.rawBytes)) {
    throw new UnreadableProtobuf(
      `protobuf bodies of ${typeMeta.kind ?? 'this kind'} are not read here`,
    );
  }
  return {
    apiVersion: typeMeta.apiVersion,
    kind: typeMeta.kind,
    ...decodeMessage(envelope.rawBytes, schema),
  } as KubeObject;
}

function decodeMessage(bytes: Buffer, schema: Schema): Record<string, unknown> {
  const result: Record<string, any> = {};
  const reader = new Reader(bytes);
  while (!reader.done()) {
    const key = reader.varint();
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    const field = schema[number];
    if (wireType === 0) {
      const value = reader.varint();
      if (field?.kind === 'int') result[field.name] = Number(value);
      continue;
    }
    if (wireType === 1 || wireType === 5) {
      reader.skip(wireType === 1 ? 8 : 4);
      continue;
    }
    if (wireType !== 2) {
      throw new UnreadableProtobuf(`unexpected wire type ${wireType}`);
    }
    const chunk = reader.bytes();
    if (!field) continue;
    const value = decodeField(field, chunk);
    if (value === undefined) continue;
    if (field.kind === 'map') {
      const [k, v] = value as [string, string];
      result[field.name] = { ...(result[field.name] ?? {}), [k]: v };
    } else if (field.repeated) {
      result[field.name] = [...(result[field.name] ?? []), value];
    } else if (field.name === 'raw') {
      result.rawBytes = value;
    } else {
      result[field.name] = value;
    }
  }
  return result;
}

function decodeField(field: Field, chunk: Buffer): unknown {
  switch (field.kind) {
    case 'string':
      return chunk.toString('utf8');
    case 'bytes':
      // JSON carries bytes as base64; the raw envelope payload stays a Buffer.
      return field.name === 'raw' ? chunk : chunk.toString('base64');
    case 'time': {
      const { seconds } = decodeMessage(chunk, {
        1: { name: 'seconds', kind: 'int' },
      }) as { seconds?: number };
      // A zero time is an empty message, which JSON leaves out.
      if (!seconds) return undefined;
      return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'map': {
      const entry = decodeMessage(chunk, {
        1: { name: 'key', kind: 'string' },
        2: { name: 'value', kind: 'string' },
      }) as { key?: string; value?: string };
      return [entry.key ?? '', entry.value ?? ''];
    }
    case 'message':
      return decodeMessage(chunk, field.schema);
    default:
      return undefined;
  }
}
