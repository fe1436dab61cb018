/** Helm values text as helmValuesYaml produced it, with the values it was written from. */
export interface HelmValuesSource {
  /** The YAML text, cdktf tokens still unresolved. */
  readonly text: string;
  /** The values as written (Terraform escapes applied, tokens unresolved). */
  readonly values: Readonly<Record<string, unknown>>;
}

let recording: HelmValuesSource[] | undefined;

/** Called by helmValuesYaml; keeps nothing unless recordingHelmValues runs. */
export function recordHelmValues(source: HelmValuesSource): void {
  recording?.push(source);
}

/**
 * Runs `fn` (a stack's toTerraform) and returns what helmValuesYaml produced meanwhile, so that
 * readers of the resolved Terraform can take the values without parsing the YAML back.
 */
export function recordingHelmValues<T>(fn: () => T): { result: T; produced: HelmValuesSource[] } {
  const outer = recording;
  const produced: HelmValuesSource[] = [];
  recording = produced;
  try {
    return { result: fn(), produced };
  } finally {
    recording = outer;
    outer?.push(...produced);
  }
}
