/** Helm values text as helmValuesYaml produced it, with the values it was written from. */
export interface HelmValuesSource {
  /** The YAML text, cdktf tokens still unresolved. */
  readonly text: string;
  /** The values as written (Terraform escapes applied, tokens unresolved). */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * True when `text`, each cdktf token resolved, parses back to `values` with the same tokens
   * resolved (no escapes, nothing YAML drops or changes, no token in a key).
   */
  readonly verbatim?: boolean;
  /** Where in `values` the strings holding cdktf tokens are (keys and indexes). */
  readonly tokenPaths?: ReadonlyArray<ReadonlyArray<string | number>>;
}

let recording: HelmValuesSource[] | undefined;

/** Called by helmValuesYaml; keeps nothing unless a recording runs. */
export function recordHelmValues(source: HelmValuesSource): void {
  recording?.push(source);
}

/**
 * Starts recording what helmValuesYaml produces (while a stack's toTerraform runs), so that
 * readers of the resolved Terraform can take the values without parsing the YAML back. Returns
 * the list it fills and the recording it interrupts, for stopRecordingHelmValues.
 */
export function startRecordingHelmValues(): { produced: HelmValuesSource[]; outer: HelmValuesSource[] | undefined } {
  const outer = recording;
  recording = [];
  return { produced: recording, outer };
}

/** Ends the recording started by startRecordingHelmValues (the outer one, if any, gets its sources too). */
export function stopRecordingHelmValues(started: { produced: HelmValuesSource[]; outer: HelmValuesSource[] | undefined }): void {
  recording = started.outer;
  started.outer?.push(...started.produced);
}
