import { ResourceType } from './resources';

/** A metav1.Status, the body of every error a Kubernetes API server answers. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: Array<{ reason: string; message: string; field?: string }>;
    retryAfterSeconds?: number;
  };
  code: number;
}

/** An error that is answered as a Status with its HTTP code. */
export class ApiError extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
  }
}

const failure = (
  code: number,
  reason: string,
  message: string,
  details?: KubeStatus['details'],
) =>
  new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });

/** `deployments.apps`, `pods`: how messages name a resource. */
export const qualifiedResource = (type: ResourceType) =>
  type.group ? `${type.plural}.${type.group}` : type.plural;

const detailsOf = (type: ResourceType, name?: string) => ({
  ...(name !== undefined ? { name } : {}),
  ...(type.group ? { group: type.group } : {}),
  kind: type.plural,
});

export const notFound = (type: ResourceType, name: string) =>
  failure(
    404,
    'NotFound',
    `${qualifiedResource(type)} "${name}" not found`,
    detailsOf(type, name),
  );

export const namespaceNotFound = (namespace: string) =>
  failure(404, 'NotFound', `namespaces "${namespace}" not found`, {
    name: namespace,
    kind: 'namespaces',
  });

export const pathNotFound = () =>
  failure(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );

export const alreadyExists = (type: ResourceType, name: string) =>
  failure(
    409,
    'AlreadyExists',
    `${qualifiedResource(type)} "${name}" already exists`,
    detailsOf(type, name),
  );

export const conflict = (type: ResourceType, name: string, why?: string) =>
  failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": ${
      why ??
      'the object has been modified; please apply your changes to the latest version and try again'
    }`,
    detailsOf(type, name),
  );

export const invalid = (
  type: ResourceType,
  name: string,
  causes: Array<{ field: string; message: string; reason?: string }>,
) =>
  failure(
    422,
    'Invalid',
    `${type.kind}${
      type.group ? `.${type.group}` : ''
    } "${name}" is invalid: ${causes
      .map(c => `${c.field}: ${c.message}`)
      .join(', ')}`,
    {
      ...detailsOf(type, name),
      kind: type.kind,
      causes: causes.map(c => ({
        reason: c.reason ?? 'FieldValueInvalid',
        message: c.message,
        field: c.field,
      })),
    },
  );

export const badRequest = (message: string) =>
  failure(400, 'BadRequest', message);

export const methodNotAllowed = (
  message = 'the server does not allow this method on the requested resource',
) => failure(405, 'MethodNotAllowed', message, {});

export const unsupportedMediaType = (contentType: string) =>
  failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json; got ${contentType}`,
  );

/** The media types an API server can answer in; anything else in Accept gets 406. */
export const SERVED_MEDIA_TYPES = [
  'application/json',
  'application/yaml',
  'application/vnd.kubernetes.protobuf',
];

export const notAcceptable = () =>
  failure(
    406,
    'NotAcceptable',
    `only the following media types are accepted: ${SERVED_MEDIA_TYPES.join(
      ', ',
    )}`,
  );

export const unauthorized = () => failure(401, 'Unauthorized', 'Unauthorized');

export const forbidden = (
  user: string,
  verb: string,
  type: ResourceType,
  namespace: string | undefined,
  subresource?: string,
  name?: string,
) => {
  const resource = subresource ? `${type.plural}/${subresource}` : type.plural;
  const scope = namespace
    ? `in the namespace "${namespace}"`
    : 'at the cluster scope';
  const what =
    name === undefined
      ? qualifiedResource(type)
      : `${qualifiedResource(type)} "${name}"`;
  return failure(
    403,
    'Forbidden',
    `${what} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${type.group}" ${scope}`,
    detailsOf(type, name),
  );
};

export const expired = (message: string) => failure(410, 'Expired', message);

export const tooManyRequests = (retryAfterSeconds: number) =>
  failure(
    429,
    'TooManyRequests',
    'Too many requests, please try again later.',
    {
      retryAfterSeconds,
    },
  );

export const internalError = (message: string) =>
  failure(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ reason: 'UnexpectedServerResponse', message }],
  });

export const tooLargeResourceVersion = (requested: number, current: number) =>
  failure(
    504,
    'Timeout',
    `Timeout: Too large resource version: ${requested}, current: ${current}`,
    {
      causes: [
        {
          reason: 'ResourceVersionTooLarge',
          message: 'Too large resource version',
        },
      ],
      retryAfterSeconds: 1,
    },
  );

export const successStatus = (
  type: ResourceType,
  name: string,
  uid?: string,
): KubeStatus => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  message: '',
  reason: '',
  details: { ...detailsOf(type, name), ...(uid ? { uid } : {}) },
  code: 200,
});
