/** A Kubernetes object as the manifest bundle carries it (plain data; strings may hold cdktf tokens). */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

/** One problem found in an object: the field path (dotted, `spec.limits`) and what is wrong. */
export interface ObjectProblem {
  readonly path: string;
  readonly message: string;
}

/** Checks an object at synth; returns its problems (none: valid). */
export type ObjectValidator = (object: KubernetesObject) => ObjectProblem[];

/** `Kind/name` or `Kind/namespace/name`, for messages. */
export function objectRef(object: KubernetesObject): string {
  const ns = object.metadata?.namespace;
  return `${object.kind}/${ns ? `${ns}/` : ''}${object.metadata?.name}`;
}
